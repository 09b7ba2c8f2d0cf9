/** The timeline: statements by or about an actor, newest said first, a page at a time. */
import type { DataSource } from 'typeorm';
import type { StatementContent } from '@app/domain';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { actorIds } from '../shared/labels';
import { Params, saidBy, TimeFilter, visibleAt } from '../shared/time';
import type { DateBasis } from './dating';
import type { StatementStatus, StatementVersion } from './statement-version';

export interface TimelineFilter extends TimeFilter {
  kind?: string;
  targetId?: string;
  propositionId?: string;
  /** Full-text search over quotes and summaries (websearch syntax: words, "phrases", -not). */
  q?: string;
  limit: number;
  cursor?: string;
}

/** A statement on an actor's timeline: what it says (the domain's content) and its standing. */
export type StatementItem = {
  statementId: string;
  version: number;
  role: Array<'speaker' | 'principal' | 'target'>;
} & StatementContent & {
    status: StatementStatus;
    retractedOn: string | null;
    withdrawal: StatementVersion['withdrawal'];
    corrections: number;
    mentions: number;
    sourceIds: string[];
    recordedAt: string;
    /** The date it counts from in positions, relations, alerts and asOf, and on what basis. */
    datedOn: string;
    dateBasis: DateBasis;
  };

/** A row of rm_statements as the timeline reads it (the time as a Date, plus its sort key). */
export type StatementRow = Omit<StatementVersion, 'known_from' | 'known_to' | 'provenance'> & {
  known_from: Date;
  sort_date: string;
};

export const STATEMENT_SELECT = `s.statement_id, s.version, s.speaker_id, s.principal_id, s.kind, s.cameo,
  s.goldstein, s.target_ids, s.quote, s.summary, s.dated_on::text AS dated_on, s.date_basis, s.said_precision,
  s.confidence, s.stances, s.status, s.retracted_on::text AS retracted_on, s.withdrawal,
  s.corrections, s.source_ids, s.known_from`;

/** Statements sort by the date they count from (said, else reported, else recorded). */
export const SORT_KEY = `s.dated_on`;

export class TimelineQueries {
  constructor(private readonly dataSource: DataSource) {}

  async timeline(
    actorId: string,
    filter: TimelineFilter,
  ): Promise<{ items: StatementItem[]; nextCursor: string | null }> {
    const ids = await actorIds(this.dataSource, actorId);
    const p = new Params();
    const idsParam = p.add(ids);
    const where = [
      visibleAt('s', filter, p),
      `(s.speaker_id = ANY(${idsParam}) OR s.principal_id = ANY(${idsParam}) OR s.target_ids && ${idsParam}::text[])`,
      saidBy('s', filter, p),
    ];
    if (filter.kind) where.push(`s.kind = ${p.add(filter.kind)}`);
    if (filter.targetId) where.push(`${p.add(filter.targetId)} = ANY(s.target_ids)`);
    if (filter.propositionId)
      where.push(
        `s.stances @> jsonb_build_array(jsonb_build_object('propositionId', ${p.add(filter.propositionId)}::text))`,
      );
    if (filter.q) where.push(`s.search @@ websearch_to_tsquery('english', ${p.add(filter.q)})`);
    if (filter.cursor) {
      const [date, id] = decodeCursor(filter.cursor);
      where.push(`(${SORT_KEY}, s.statement_id) < (${p.add(date)}::date, ${p.add(id)}::uuid)`);
    }
    const rows: StatementRow[] = await this.dataSource.query(
      `SELECT ${STATEMENT_SELECT}, ${SORT_KEY}::text AS sort_date
         FROM rm_statements s
        WHERE ${where.join(' AND ')}
        ORDER BY ${SORT_KEY} DESC, s.statement_id DESC
        LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toItem(row, ids, filter)),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeCursor([last.sort_date, last.statement_id])
          : null,
    };
  }
}

export function toItem(row: StatementRow, ids: string[], time: TimeFilter): StatementItem {
  const role: StatementItem['role'] = [];
  if (ids.includes(row.speaker_id)) role.push('speaker');
  if (row.principal_id && ids.includes(row.principal_id)) role.push('principal');
  if (row.target_ids.some((t) => ids.includes(t))) role.push('target');
  // As of a date before the retraction, the statement still stood.
  const retractedYet = row.retracted_on !== null && (!time.asOf || row.retracted_on <= time.asOf);
  const status = row.status === 'retracted' && !retractedYet ? 'recorded' : row.status;
  return {
    statementId: row.statement_id,
    version: row.version,
    role,
    speakerId: row.speaker_id,
    principalId: row.principal_id,
    kind: row.kind,
    cameo: row.cameo,
    goldstein: row.goldstein,
    targetIds: row.target_ids,
    quote: row.quote,
    summary: row.summary,
    saidAt: {
      date:
        row.date_basis !== 'said'
          ? null
          : row.said_precision === 'month'
            ? row.dated_on.slice(0, 7)
            : row.dated_on,
      precision: row.said_precision,
    },
    confidence: row.confidence,
    stances: row.stances,
    status,
    retractedOn: retractedYet ? row.retracted_on : null,
    withdrawal: row.withdrawal,
    corrections: row.corrections,
    mentions: row.source_ids.length,
    sourceIds: row.source_ids,
    recordedAt: new Date(row.known_from).toISOString(),
    datedOn: row.dated_on,
    dateBasis: row.date_basis,
  };
}

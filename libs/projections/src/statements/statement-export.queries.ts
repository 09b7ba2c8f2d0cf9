/**
 * Statements for export: every statement as the record stood at `knownAt` (the version whose
 * known interval holds that instant; statements not recorded yet are absent, retracted and
 * withdrawn ones appear with their status), optionally only those dated by `asOf` or within
 * `from`–`to`. Read a page at a time in statement-id order (keyset, so memory stays constant and
 * each page is an index range), each version with the event that made it and that event's hash,
 * so an auditor can check it against `cli verify`.
 */
import type { DataSource } from 'typeorm';
import { statementStreamId, type Stance, type StatementKind } from '@app/domain';
import { Params, saidBy, visibleAt } from '../shared/time';
import type { DateBasis } from './dating';
import type { StatementStatus, StatementVersion } from './statement-version';

export interface StatementExportFilter {
  /** ISO instant: the record as it stood then (required: an export is one fixed snapshot). */
  knownAt: string;
  /** ISO date: only statements dated on or before it; a later retraction has not happened. */
  asOf?: string;
  /** ISO dates: dated on or after / on or before. */
  from?: string;
  to?: string;
}

/** An actor as an export names it (name, kind and country as on record now). */
export interface ExportedActor {
  actorId: string;
  /** null: the id is not in the actors read model (never registered, or not projected yet). */
  name: string | null;
  kind: string | null;
  /** ISO 3166-1 alpha-2, when the actor has one. */
  countryCode: string | null;
}

export interface ExportedSource {
  sourceId: string;
  url: string | null;
  publisher: string | null;
  title: string | null;
}

/** One statement's version as known at the export's instant. */
export interface ExportedStatement {
  statementId: string;
  version: number;
  /** The event that made this version (stream `statement-<id>`, position = version) and its hash. */
  eventId: string | null;
  eventHash: string | null;
  /** When this version was recorded (the event's recorded time). */
  recordedAt: string;
  speaker: ExportedActor;
  principal: ExportedActor | null;
  targets: ExportedActor[];
  kind: StatementKind;
  cameo: string;
  goldstein: number;
  quote: string | null;
  summary: string | null;
  datedOn: string;
  dateBasis: DateBasis;
  saidPrecision: string;
  confidence: number;
  stances: Stance[];
  /** As of asOf: a retraction dated later has not happened yet. */
  status: StatementStatus;
  retractedOn: string | null;
  withdrawal: StatementVersion['withdrawal'];
  corrections: number;
  /** One per mention, in the order they were added (a source may repeat). */
  sourceIds: string[];
  /** The first source cited (the one it was recorded from). */
  source: ExportedSource | null;
}

interface ExportRow {
  statement_id: string;
  version: number;
  known_from: Date;
  speaker_id: string;
  principal_id: string | null;
  target_ids: string[];
  kind: StatementKind;
  cameo: string;
  goldstein: number;
  quote: string | null;
  summary: string | null;
  dated_on: string;
  date_basis: DateBasis;
  said_precision: string;
  confidence: number;
  stances: Stance[];
  status: StatementStatus;
  retracted_on: string | null;
  withdrawal: StatementVersion['withdrawal'];
  corrections: number;
  source_ids: string[];
  event_id: string | null;
  event_hash: string | null;
}

export class StatementExportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` statements after the statement id `after` (null: from the first). */
  async page(
    filter: StatementExportFilter,
    after: string | null,
    limit: number,
  ): Promise<ExportedStatement[]> {
    const p = new Params();
    const where = matching(filter, p);
    if (after !== null) where.push(`s.statement_id > ${p.add(after)}::uuid`);
    // The version's event: the statements projection numbers versions by stream position.
    const rows: ExportRow[] = await this.dataSource.query(
      `SELECT s.statement_id, s.version, s.known_from, s.speaker_id, s.principal_id, s.target_ids,
              s.kind, s.cameo, s.goldstein, s.quote, s.summary, s.dated_on::text AS dated_on,
              s.date_basis, s.said_precision, s.confidence, s.stances, s.status,
              s.retracted_on::text AS retracted_on, s.withdrawal, s.corrections, s.source_ids,
              e.event_id, encode(e.hash, 'hex') AS event_hash
         FROM rm_statements s
         LEFT JOIN events e
           ON e.stream_id = ${p.add(statementStreamId(''))} || s.statement_id::text
          AND e.stream_position = s.version
        WHERE ${where.join(' AND ')}
        ORDER BY s.statement_id
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    const [actors, sources] = await Promise.all([
      this.actors(
        rows.flatMap((r) => [
          r.speaker_id,
          ...(r.principal_id ? [r.principal_id] : []),
          ...r.target_ids,
        ]),
      ),
      this.sources(rows.flatMap((r) => r.source_ids.slice(0, 1))),
    ]);
    const actor = (id: string): ExportedActor =>
      actors.get(id) ?? { actorId: id, name: null, kind: null, countryCode: null };
    return rows.map((row) => toExported(row, filter, actor, sources));
  }

  /** Now, by the database's clock (the one that stamps events): an export's default instant. */
  async now(): Promise<string> {
    const [{ now }] = await this.dataSource.query(`SELECT clock_timestamp() AS now`);
    return new Date(now).toISOString();
  }

  /** The planner's estimate of how many statements the filter lets through (for progress). */
  async estimate(filter: StatementExportFilter): Promise<number> {
    const p = new Params();
    const [row] = await this.dataSource.query(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM rm_statements s WHERE ${matching(filter, p).join(' AND ')}`,
      p.values,
    );
    const plan = row['QUERY PLAN'];
    const rows = Number((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']);
    return Number.isFinite(rows) ? Math.round(rows) : 0;
  }

  private async actors(ids: string[]): Promise<Map<string, ExportedActor>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ actor_id: string; name: string; kind: string; country_code: string }> =
      await this.dataSource.query(
        `SELECT actor_id, name, kind, country_code FROM rm_actors WHERE actor_id = ANY($1)`,
        [[...new Set(ids)]],
      );
    return new Map(
      rows.map((r) => [
        r.actor_id,
        { actorId: r.actor_id, name: r.name, kind: r.kind, countryCode: r.country_code },
      ]),
    );
  }

  private async sources(ids: string[]): Promise<Map<string, ExportedSource>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ source_id: string; url: string; publisher: string; title: string }> =
      await this.dataSource.query(
        `SELECT source_id::text AS source_id, url, publisher, title
           FROM rm_sources WHERE source_id = ANY($1::uuid[])`,
        [[...new Set(ids)]],
      );
    return new Map(
      rows.map((r) => [
        r.source_id,
        { sourceId: r.source_id, url: r.url, publisher: r.publisher, title: r.title },
      ]),
    );
  }
}

/** The conditions every read of one export shares. */
function matching(filter: StatementExportFilter, p: Params): string[] {
  const where = [visibleAt('s', filter, p), saidBy('s', filter, p)];
  if (filter.from) where.push(`s.dated_on >= ${p.add(filter.from)}::date`);
  if (filter.to) where.push(`s.dated_on <= ${p.add(filter.to)}::date`);
  return where;
}

function toExported(
  row: ExportRow,
  filter: StatementExportFilter,
  actor: (id: string) => ExportedActor,
  sources: Map<string, ExportedSource>,
): ExportedStatement {
  // As of a date before the retraction, the statement still stood (as the timeline has it).
  const retractedYet =
    row.retracted_on !== null && (!filter.asOf || row.retracted_on <= filter.asOf);
  const first = row.source_ids[0];
  return {
    statementId: row.statement_id,
    version: row.version,
    eventId: row.event_id,
    eventHash: row.event_hash,
    recordedAt: new Date(row.known_from).toISOString(),
    speaker: actor(row.speaker_id),
    principal: row.principal_id === null ? null : actor(row.principal_id),
    targets: row.target_ids.map(actor),
    kind: row.kind,
    cameo: row.cameo,
    goldstein: row.goldstein,
    quote: row.quote,
    summary: row.summary,
    datedOn: row.dated_on,
    dateBasis: row.date_basis,
    saidPrecision: row.said_precision,
    confidence: row.confidence,
    stances: row.stances,
    status: row.status === 'retracted' && !retractedYet ? 'recorded' : row.status,
    retractedOn: retractedYet ? row.retracted_on : null,
    withdrawal: row.withdrawal,
    corrections: row.corrections,
    sourceIds: row.source_ids,
    source:
      first === undefined
        ? null
        : (sources.get(first) ?? { sourceId: first, url: null, publisher: null, title: null }),
  };
}

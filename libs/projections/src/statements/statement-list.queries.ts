/**
 * The global statement query: every statement on record, filtered by said date range, kind,
 * speaker, principal, target, proposition, source, status and words, newest first, a page at a
 * time — with asOf / knownAt like every read model. Actor filters include the actors merged
 * into the one named.
 */
import type { DataSource } from 'typeorm';
import type { StatementKind } from '@app/domain';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { actorIds } from '../shared/labels';
import { Params, saidBy, TimeFilter, visibleAt } from '../shared/time';
import type { StatementStatus } from './statement-version';
import {
  SORT_KEY,
  STATEMENT_SELECT,
  StatementItem,
  StatementRow,
  toItem,
} from './timeline.queries';

export interface StatementListFilter extends TimeFilter {
  /** Dated on or after / on or before (ISO dates; the date each statement counts from). */
  from?: string;
  to?: string;
  kind?: StatementKind;
  speakerId?: string;
  principalId?: string;
  targetId?: string;
  propositionId?: string;
  sourceId?: string;
  /** Any of these statuses. */
  status?: StatementStatus[];
  q?: string;
  limit: number;
  cursor?: string;
}

/** Up to this many matches are counted exactly; beyond, the planner's estimate is given. */
export const EXACT_COUNT_LIMIT = 1_000;

export type ListedStatement = Omit<StatementItem, 'role'>;

export class StatementListQueries {
  constructor(private readonly dataSource: DataSource) {}

  async statements(filter: StatementListFilter): Promise<{
    items: ListedStatement[];
    total: number | null;
    totalEstimate: number;
    nextCursor: string | null;
  }> {
    const p = new Params();
    const where = [visibleAt('s', filter, p), saidBy('s', filter, p)];
    if (filter.from) where.push(`s.dated_on >= ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`s.dated_on <= ${p.add(filter.to)}::date`);
    if (filter.kind) where.push(`s.kind = ${p.add(filter.kind)}`);
    if (filter.speakerId)
      where.push(`s.speaker_id = ANY(${p.add(await actorIds(this.dataSource, filter.speakerId))})`);
    if (filter.principalId)
      where.push(
        `s.principal_id = ANY(${p.add(await actorIds(this.dataSource, filter.principalId))})`,
      );
    if (filter.targetId)
      where.push(
        `s.target_ids && ${p.add(await actorIds(this.dataSource, filter.targetId))}::text[]`,
      );
    if (filter.propositionId)
      where.push(
        `s.stances @> jsonb_build_array(jsonb_build_object('propositionId', ${p.add(filter.propositionId)}::text))`,
      );
    if (filter.sourceId) where.push(`s.source_ids @> ARRAY[${p.add(filter.sourceId)}::text]`);
    if (filter.status?.length)
      where.push(`(${filter.status.map((status) => statusIs(status, filter, p)).join(' OR ')})`);
    if (filter.q) where.push(`s.search @@ websearch_to_tsquery('english', ${p.add(filter.q)})`);
    const matching = `FROM rm_statements s WHERE ${where.join(' AND ')}`;
    const counting = [...p.values];
    const paging = [...where];
    if (filter.cursor) {
      const [date, id] = decodeCursor(filter.cursor);
      paging.push(`(${SORT_KEY}, s.statement_id) < (${p.add(date)}::date, ${p.add(id)}::uuid)`);
    }
    // The page and the bounded count side by side (two pool connections): one round trip's wait.
    const [rows, [{ n }]]: [Array<StatementRow & { sort_date: string }>, Array<{ n: number }>] =
      await Promise.all([
        this.dataSource.query(
          `SELECT ${STATEMENT_SELECT}, ${SORT_KEY}::text AS sort_date
             FROM rm_statements s WHERE ${paging.join(' AND ')}
            ORDER BY ${SORT_KEY} DESC, s.statement_id DESC
            LIMIT ${p.add(filter.limit + 1)}`,
          p.values,
        ),
        this.dataSource.query(
          `SELECT count(*)::int AS n FROM (SELECT 1 ${matching} LIMIT ${EXACT_COUNT_LIMIT + 1}) c`,
          counting,
        ),
      ]);
    const exact = n <= EXACT_COUNT_LIMIT;
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => {
        const { role: _role, ...item } = toItem(row, [], filter);
        return item;
      }),
      total: exact ? n : null,
      totalEstimate: exact ? n : await this.estimate(`SELECT 1 ${matching}`, counting, n),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeCursor([last.sort_date, last.statement_id])
          : null,
    };
  }

  /** The planner's row estimate for a query (never below what was counted). */
  private async estimate(sql: string, values: unknown[], atLeast: number): Promise<number> {
    const [row] = await this.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    const plan = row['QUERY PLAN'];
    const rows = Number((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']);
    return Math.max(atLeast, Number.isFinite(rows) ? Math.round(rows) : atLeast);
  }
}

/** A status as of asOf: a retraction dated later had not happened yet. */
function statusIs(status: StatementStatus, time: TimeFilter, p: Params): string {
  if (status === 'withdrawn') return `s.status = 'withdrawn'`;
  const retractedBy = time.asOf
    ? `s.retracted_on IS NOT NULL AND s.retracted_on <= ${p.add(time.asOf)}::date`
    : `s.retracted_on IS NOT NULL`;
  return status === 'retracted'
    ? `s.status = 'retracted' AND ${retractedBy}`
    : `s.status <> 'withdrawn' AND NOT (s.status = 'retracted' AND ${retractedBy})`;
}

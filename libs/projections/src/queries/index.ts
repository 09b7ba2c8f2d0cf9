/**
 * Queries over the read models, each answering "as of said-date A" and "as known at K".
 * Everything that compares statements across streams (positions, shifts, alerts) is derived
 * here, from the versioned rows, so it never depends on the order events were projected in.
 */
import { createHash } from 'node:crypto';
import { isRealDate } from '@app/domain';
import type { StatementVersion } from '../read-models/statements';
import { DataSource } from 'typeorm';
import { ACTOR_IDS_SQL, Params, recordedBy, saidBy, standing, TimeFilter, visibleAt } from './time';

export * from './time';
export * from './ingestion';

export type PositionRole = 'principal' | 'speaker';
export type AccusationStatus = 'open' | 'denied' | 'acknowledged' | 'withdrawn';
export const ACCUSATION_STATUSES: readonly AccusationStatus[] = [
  'open',
  'denied',
  'acknowledged',
  'withdrawn',
];
export const ALERT_TYPES = ['stance-reversal', 'self-contradiction', 'out-of-character'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export interface TimelineFilter extends TimeFilter {
  kind?: string;
  targetId?: string;
  propositionId?: string;
  /** Full-text search over quotes and summaries (websearch syntax: words, "phrases", -not). */
  q?: string;
  limit: number;
  cursor?: string;
}

export interface StatementItem {
  statementId: string;
  version: number;
  role: Array<'speaker' | 'principal' | 'target'>;
  speakerId: string;
  principalId: string | null;
  kind: string;
  cameo: string;
  goldstein: number;
  targetIds: string[];
  quote: string | null;
  summary: string | null;
  saidAt: { date: string | null; precision: string };
  confidence: number;
  stances: Array<{ propositionId: string; stance: string }>;
  status: 'recorded' | 'retracted' | 'withdrawn';
  retractedOn: string | null;
  withdrawal: unknown;
  corrections: number;
  mentions: number;
  sourceIds: string[];
  recordedAt: string;
}

/** Per position: the latest stances listed as evidence, and the latest shifts listed. */
const EVIDENCE_LIMIT = 20;
const SHIFT_LIMIT = 100;

function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export class BadCursorError extends Error {}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(parts) &&
      parts.length === 2 &&
      typeof parts[0] === 'string' &&
      isRealDate(parts[0]) &&
      typeof parts[1] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(parts[1])
    )
      return parts as [string, string];
  } catch {
    // fall through
  }
  throw new BadCursorError('cursor is not one this API returned');
}

/** Stable id of an alert: the same evidence always gives the same id (rebuilds keep reviews). */
export function alertId(type: string, reason: string, statementIds: string[]): string {
  return createHash('sha256')
    .update(`${type}|${reason}|${statementIds.join(',')}`)
    .digest('hex')
    .slice(0, 32);
}

export class ReadModelQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The actor and the actors merged into it. */
  async actorIds(actorId: string): Promise<string[]> {
    const [row] = await this.dataSource.query(ACTOR_IDS_SQL, [actorId]);
    return row?.ids ?? [actorId];
  }

  actorNames(ids: string[]): Promise<Record<string, string>> {
    return this.labels('rm_actors', 'actor_id', 'name', ids);
  }

  /** id → label for the ids found in a small read-model table. */
  private async labels(
    table: 'rm_actors' | 'rm_propositions',
    key: string,
    label: string,
    ids: string[],
  ): Promise<Record<string, string>> {
    if (ids.length === 0) return {};
    const rows: Array<{ id: string; label: string }> = await this.dataSource.query(
      `SELECT ${key} AS id, ${label} AS label FROM ${table} WHERE ${key} = ANY($1)`,
      [ids],
    );
    return Object.fromEntries(rows.map((r) => [r.id, r.label]));
  }

  // ---------------------------------------------------------------- timeline

  async timeline(
    actorId: string,
    filter: TimelineFilter,
  ): Promise<{ items: StatementItem[]; nextCursor: string | null }> {
    const ids = await this.actorIds(actorId);
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
    const sortKey = `coalesce(s.said_on, DATE '0001-01-01')`;
    if (filter.cursor) {
      const [date, id] = decodeCursor(filter.cursor);
      where.push(`(${sortKey}, s.statement_id) < (${p.add(date)}::date, ${p.add(id)}::uuid)`);
    }
    const rows = await this.dataSource.query(
      `SELECT ${STATEMENT_SELECT}, ${sortKey}::text AS sort_date
         FROM rm_statements s
        WHERE ${where.join(' AND ')}
        ORDER BY ${sortKey} DESC, s.statement_id DESC
        LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row: StatementRow) => toItem(row, ids, filter)),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeCursor([last.sort_date, last.statement_id])
          : null,
    };
  }

  // --------------------------------------------------------------- positions

  /** Each proposition the actor took a stance on: stances over time, shifts, current stance. */
  async positionsOfActor(actorId: string, role: PositionRole, time: TimeFilter) {
    const ids = await this.actorIds(actorId);
    const column = role === 'speaker' ? 'speaker_id' : 'actor_id';
    const p = new Params();
    const rows =
      ids.length === 1 && !time.asOf && !time.knownAt
        ? await this.chainRows(
            `x.${column} = ${p.add(ids[0])}`,
            'x.proposition_id',
            role === 'speaker' ? 'speaker' : 'actor',
            p,
          )
        : await this.positionRows(`x.${column} = ANY(${p.add(ids)})`, 'x.proposition_id', time, p);
    const propositions = await this.propositionTexts([...new Set(rows.map((r) => r.group_key))]);
    return {
      actorId,
      role,
      positions: groupPositions(rows).map((position) => ({
        propositionId: position.key,
        proposition: propositions[position.key] ?? null,
        ...position.body,
      })),
    };
  }

  /** Every actor's position on one proposition. */
  async positionsOnProposition(propositionId: string, time: TimeFilter) {
    const p = new Params();
    const match = `x.proposition_id = ${p.add(propositionId)}`;
    const rows =
      !time.asOf && !time.knownAt
        ? await this.chainRows(match, 'x.actor_id', 'actor', p)
        : await this.positionRows(match, 'x.actor_id', time, p);
    const names = await this.actorNames([...new Set(rows.map((r) => r.group_key))]);
    const [proposition] = await this.dataSource.query(
      `SELECT text FROM rm_propositions WHERE proposition_id = $1`,
      [propositionId],
    );
    return {
      propositionId,
      proposition: proposition?.text ?? null,
      positions: groupPositions(rows).map((position) => ({
        actorId: position.key,
        name: names[position.key] ?? null,
        ...position.body,
      })),
    };
  }

  /**
   * Per group (proposition or actor): every shift (a stance differing from the one before, by
   * said date), the latest evidence, and counts — computed in SQL, so an actor with 100,000
   * stances returns a small answer quickly.
   */
  private async positionRows(
    match: string,
    group: string,
    time: TimeFilter,
    p: Params,
  ): Promise<PositionRow[]> {
    // One pass in (group, said_on, statement_id) order — the order of the current-stance
    // indexes — computes everything; "latest N" are counted back from the group's totals.
    return this.dataSource.query(
      `WITH st AS (
         SELECT x.*, lag(x.stance) OVER w AS previous, row_number() OVER w AS position,
                count(*) OVER g AS total,
                count(*) FILTER (WHERE x.stance = 'supports') OVER g AS supports,
                count(*) FILTER (WHERE x.stance = 'opposes') OVER g AS opposes
           FROM (SELECT ${group} AS group_key, x.stance, x.said_on, x.statement_id, x.speaker_id, x.principal_id
                   FROM rm_stances x
                  WHERE ${match} AND ${visibleAt('x', time, p)} AND ${standing('x', time, p)}
                    AND x.said_on IS NOT NULL AND ${saidBy('x', time, p)}) x
         WINDOW w AS (PARTITION BY x.group_key ORDER BY x.said_on, x.statement_id),
                g AS (PARTITION BY x.group_key)
       ), changes AS (
         SELECT *, count(*) FILTER (WHERE previous IS DISTINCT FROM stance) OVER w AS changes_so_far,
                count(*) FILTER (WHERE previous IS DISTINCT FROM stance) OVER g AS changes
           FROM st
         WINDOW w AS (PARTITION BY group_key ORDER BY said_on, statement_id),
                g AS (PARTITION BY group_key)
       )
       SELECT group_key, stance, said_on::text AS said_on, statement_id, speaker_id, principal_id,
              previous, total - position + 1 AS recency, supports::int, opposes::int,
              (changes - 1)::int AS shift_count
         FROM changes
        WHERE (previous IS DISTINCT FROM stance AND changes - changes_so_far < ${SHIFT_LIMIT + 1})
           OR total - position < ${EVIDENCE_LIMIT}
        ORDER BY changes.group_key, changes.said_on, changes.statement_id`,
      p.values,
    );
  }

  /**
   * Current knowledge, read from the maintained chains: per group the counts, the latest
   * stances, the latest shifts and the first stance — a few index reads however long the
   * history. Same rows and meaning as positionRows (a test holds the two together).
   */
  private async chainRows(
    match: string,
    group: string,
    kind: 'actor' | 'speaker',
    p: Params,
  ): Promise<PositionRow[]> {
    const chain = `x.known_to IS NULL AND x.status = 'recorded' AND x.said_on IS NOT NULL`;
    const pick = (order: string, limit: number, extra = '', recent = false) =>
      `(SELECT x.statement_id, x.stance, x.said_on, x.speaker_id, x.principal_id,
               x.${kind}_previous AS previous, ${recent} AS recent
          FROM rm_stances x
         WHERE ${match} AND ${group} = g.group_key AND ${chain} ${extra}
         ORDER BY x.said_on ${order}, x.statement_id ${order} LIMIT ${limit})`;
    return this.dataSource.query(
      `WITH groups AS (
         SELECT ${group} AS group_key,
                count(*) FILTER (WHERE x.stance = 'supports')::int AS supports,
                count(*) FILTER (WHERE x.stance = 'opposes')::int AS opposes,
                count(*) FILTER (WHERE x.${kind}_previous <> x.stance)::int AS shift_count
           FROM rm_stances x WHERE ${match} AND ${chain} GROUP BY 1
       ), picked AS (
         SELECT DISTINCT ON (g.group_key, r.said_on, r.statement_id)
                g.group_key, g.supports, g.opposes, g.shift_count, r.*
           FROM groups g CROSS JOIN LATERAL (
             ${pick('DESC', EVIDENCE_LIMIT, '', true)}
             UNION ALL ${pick('DESC', SHIFT_LIMIT, `AND x.${kind}_previous <> x.stance`)}
             UNION ALL ${pick('ASC', 1)}
           ) r
          ORDER BY g.group_key, r.said_on, r.statement_id, r.recent DESC
       )
       SELECT group_key, stance, said_on::text AS said_on, statement_id, speaker_id, principal_id,
              previous, CASE WHEN recent THEN 1 ELSE ${EVIDENCE_LIMIT + 1} END AS recency,
              supports, opposes, shift_count
         FROM picked ORDER BY picked.group_key, picked.said_on, picked.statement_id`,
      p.values,
    );
  }

  private propositionTexts(ids: string[]): Promise<Record<string, string>> {
    return this.labels('rm_propositions', 'proposition_id', 'text', ids);
  }

  // --------------------------------------------------------------- relations

  /**
   * How the actor's attitude toward each target moved (outgoing), or each other actor's toward
   * it (incoming): statements per bucket by kind and their mean Goldstein score. Current
   * knowledge reads the maintained buckets; asOf / knownAt recompute them from the versions.
   */
  async relations(
    actorId: string,
    direction: 'outgoing' | 'incoming',
    granularity: 'week' | 'month',
    range: { from?: string; to?: string },
    time: TimeFilter,
  ) {
    const ids = await this.actorIds(actorId);
    const p = new Params();
    const idsParam = p.add(ids);
    const [self, other] =
      direction === 'outgoing' ? ['from_id', 'target_id'] : ['target_id', 'from_id'];
    const bounds: string[] = [];
    let source: string;
    if (!time.asOf && !time.knownAt) {
      source = `SELECT from_id, target_id, bucket, kind, statements, goldstein_tenths
                  FROM rm_relation_buckets WHERE granularity = ${p.add(granularity)}`;
    } else {
      source = `SELECT coalesce(s.principal_id, s.speaker_id) AS from_id, t.target_id,
                       date_trunc(${p.add(granularity)}, s.said_on)::date AS bucket, s.kind,
                       count(*)::int AS statements, sum(round(s.goldstein * 10))::bigint AS goldstein_tenths
                  FROM rm_statements s CROSS JOIN LATERAL unnest(s.target_ids) AS t(target_id)
                 WHERE ${visibleAt('s', time, p)} AND s.status <> 'withdrawn' AND s.said_on IS NOT NULL
                   AND ${saidBy('s', time, p)} AND t.target_id <> coalesce(s.principal_id, s.speaker_id)
                 GROUP BY 1, 2, 3, 4`;
    }
    if (range.from) bounds.push(`b.bucket >= ${p.add(range.from)}::date`);
    if (range.to) bounds.push(`b.bucket <= ${p.add(range.to)}::date`);
    const rows: Array<{
      counterpart: string;
      bucket: string;
      kind: string;
      statements: number;
      goldstein_tenths: string;
    }> = await this.dataSource.query(
      `SELECT b.${other} AS counterpart, b.bucket::text AS bucket, b.kind, b.statements,
              b.goldstein_tenths::text AS goldstein_tenths
         FROM (${source}) b
        WHERE b.${self} = ANY(${idsParam}) ${bounds.map((b) => `AND ${b}`).join(' ')}
        ORDER BY b.${other}, b.bucket, b.kind`,
      p.values,
    );
    const byCounterpart = new Map<
      string,
      Map<string, { statements: number; tenths: number; byKind: Record<string, number> }>
    >();
    for (const row of rows) {
      const series = byCounterpart.get(row.counterpart) ?? new Map();
      byCounterpart.set(row.counterpart, series);
      const bucket = series.get(row.bucket) ?? { statements: 0, tenths: 0, byKind: {} };
      series.set(row.bucket, bucket);
      bucket.statements += row.statements;
      bucket.tenths += Number(row.goldstein_tenths);
      bucket.byKind[row.kind] = (bucket.byKind[row.kind] ?? 0) + row.statements;
    }
    const names = await this.actorNames([...byCounterpart.keys()]);
    const mean = (tenths: number, n: number) =>
      n === 0 ? null : Math.round((tenths / n) * 100) / 1000;
    const counterparts = [...byCounterpart].map(([id, series]) => {
      const buckets = [...series].map(([bucket, b]) => ({
        bucket,
        statements: b.statements,
        meanGoldstein: mean(b.tenths, b.statements),
        byKind: b.byKind,
      }));
      const statements = buckets.reduce((n, b) => n + b.statements, 0);
      const tenths = [...series.values()].reduce((n, b) => n + b.tenths, 0);
      return {
        actorId: id,
        name: names[id] ?? null,
        statements,
        meanGoldstein: mean(tenths, statements),
        series: buckets,
      };
    });
    counterparts.sort((a, b) => b.statements - a.statements || a.actorId.localeCompare(b.actorId));
    return { actorId, direction, granularity, counterparts };
  }

  // ------------------------------------------------------------- accusations

  async accusationGraph(
    filter: {
      actorId?: string;
      status?: AccusationStatus;
      from?: string;
      to?: string;
      limit: number;
    },
    time: TimeFilter,
  ) {
    const p = new Params();
    const where = [recordedBy('a', time, p), saidBy('s', time, p), `s.status <> 'withdrawn'`];
    if (filter.actorId) {
      const ids = p.add(await this.actorIds(filter.actorId));
      where.push(`(a.accuser_id = ANY(${ids}) OR a.accused_ids && ${ids}::text[])`);
    }
    if (filter.from) where.push(`s.said_on >= ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`s.said_on <= ${p.add(filter.to)}::date`);
    const responseWhere = [
      recordedBy('r', time, p),
      visibleAt('rs', time, p),
      saidBy('rs', time, p),
    ];
    const rows: AccusationRow[] = await this.dataSource.query(
      `SELECT a.accusation_id, a.statement_id, a.accuser_id, a.accused_ids, a.allegation,
              s.said_on::text AS said_on, s.quote, a.known_from,
              coalesce((
                SELECT json_agg(json_build_object('response', r.response, 'respondentId', r.respondent_id,
                         'statementId', r.statement_id, 'saidOn', rs.said_on, 'recordedAt', r.known_from)
                         ORDER BY r.position)
                  FROM rm_accusation_responses r
                  JOIN rm_statements rs ON rs.statement_id = r.statement_id
                 WHERE r.accusation_id = a.accusation_id AND rs.status <> 'withdrawn'
                   AND ${responseWhere.join(' AND ')}
              ), '[]') AS responses
         FROM rm_accusations a
         JOIN rm_statements s ON s.statement_id = a.statement_id AND ${visibleAt('s', time, p)}
        WHERE ${where.join(' AND ')}
        ORDER BY s.said_on NULLS LAST, a.accusation_id`,
      p.values,
    );
    const accusations = rows
      .map((row) => ({
        accusationId: row.accusation_id,
        statementId: row.statement_id,
        accuserId: row.accuser_id,
        accusedIds: row.accused_ids,
        allegation: row.allegation,
        quote: row.quote,
        saidOn: row.said_on,
        status: accusationStatus(row.responses.map((r) => r.response)),
        responses: row.responses,
      }))
      .filter((a) => !filter.status || a.status === filter.status);
    const edges = new Map<string, Edge>();
    for (const accusation of accusations)
      for (const accused of accusation.accusedIds) {
        const key = `${accusation.accuserId}>${accused}`;
        const edge = edges.get(key) ?? newEdge(accusation.accuserId, accused);
        edges.set(key, edge);
        edge.accusations += 1;
        edge.byStatus[accusation.status] += 1;
        if (accusation.saidOn) {
          if (!edge.firstSaidOn || accusation.saidOn < edge.firstSaidOn)
            edge.firstSaidOn = accusation.saidOn;
          if (!edge.lastSaidOn || accusation.saidOn > edge.lastSaidOn)
            edge.lastSaidOn = accusation.saidOn;
        }
        if (edge.allegations.length < filter.limit) edge.allegations.push(accusation);
      }
    const actorIds = [...new Set([...edges.values()].flatMap((e) => [e.accuserId, e.accusedId]))];
    const names = await this.actorNames(actorIds);
    return {
      nodes: actorIds.sort().map((id) => ({ actorId: id, name: names[id] ?? null })),
      edges: [...edges.values()].sort(
        (a, b) =>
          b.accusations - a.accusations ||
          `${a.accuserId}>${a.accusedId}`.localeCompare(`${b.accuserId}>${b.accusedId}`),
      ),
    };
  }

  // ------------------------------------------------------------------ alerts

  /**
   * Alerts derived from the record:
   * - stance-reversal: a principal's stance on a proposition differs from its previous one;
   * - self-contradiction: a speaker (speaking for someone else) contradicts its own earlier stance;
   * - out-of-character: a stance against the principal's established position (its two previous
   *   stances agree), or a hostile statement (Goldstein < 0) toward an actor it has an established
   *   friendly record with (≥ 2 earlier statements, mean Goldstein ≥ +1): possible misattribution.
   */
  async alerts(
    filter: { actorId?: string; type?: AlertType; state?: 'open' | 'dismissed' },
    time: TimeFilter,
  ): Promise<Alert[]> {
    const p = new Params();
    const actorFilter = filter.actorId ? p.add(await this.actorIds(filter.actorId)) : null;
    const stanceScope = [
      visibleAt('x', time, p),
      standing('x', time, p),
      'x.said_on IS NOT NULL',
      saidBy('x', time, p),
    ].join(' AND ');
    const stanceRows: StanceAlertRow[] = await this.dataSource.query(
      `WITH by_principal AS (
         SELECT x.actor_id AS subject, x.proposition_id, x.stance, x.statement_id, x.said_on,
                lag(x.stance, 1) OVER w AS prev1, lag(x.statement_id, 1) OVER w AS prev1_id,
                lag(x.stance, 2) OVER w AS prev2, lag(x.statement_id, 2) OVER w AS prev2_id
           FROM rm_stances x WHERE ${stanceScope} ${actorFilter ? `AND x.actor_id = ANY(${actorFilter})` : ''}
         WINDOW w AS (PARTITION BY x.actor_id, x.proposition_id ORDER BY x.said_on, x.statement_id)
       ), by_speaker AS (
         SELECT x.speaker_id AS subject, x.proposition_id, x.stance, x.statement_id, x.said_on,
                lag(x.stance, 1) OVER w AS prev1, lag(x.statement_id, 1) OVER w AS prev1_id
           FROM rm_stances x
          WHERE ${stanceScope} AND x.principal_id IS NOT NULL AND x.principal_id <> x.speaker_id
                ${actorFilter ? `AND x.speaker_id = ANY(${actorFilter})` : ''}
         WINDOW w AS (PARTITION BY x.speaker_id, x.proposition_id ORDER BY x.said_on, x.statement_id)
       )
       SELECT 'principal' AS level, subject, proposition_id, stance, statement_id, said_on::text AS said_on,
              prev1, prev1_id, prev2, prev2_id FROM by_principal WHERE prev1 IS NOT NULL AND prev1 <> stance
       UNION ALL
       SELECT 'speaker', subject, proposition_id, stance, statement_id, said_on::text, prev1, prev1_id, NULL, NULL
         FROM by_speaker WHERE prev1 IS NOT NULL AND prev1 <> stance`,
      p.values,
    );
    const q = new Params();
    const allyRows: AllyAlertRow[] = await this.dataSource.query(
      `SELECT coalesce(s.principal_id, s.speaker_id) AS subject, t.target_id, s.statement_id,
              s.said_on::text AS said_on, s.kind, s.goldstein, history.n, history.mean, history.ids
         FROM rm_statements s
         CROSS JOIN LATERAL unnest(s.target_ids) AS t(target_id)
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n, avg(h.goldstein) AS mean,
                  (array_agg(h.statement_id::text ORDER BY h.said_on DESC, h.statement_id DESC))[1:3] AS ids
             FROM rm_statements h
            WHERE h.actor_id = coalesce(s.principal_id, s.speaker_id) AND t.target_id = ANY(h.target_ids)
              AND h.said_on < s.said_on AND ${visibleAt('h', time, q)} AND ${standing('h', time, q)}
         ) history
        WHERE ${visibleAt('s', time, q)} AND ${standing('s', time, q)} AND s.goldstein < 0
          AND s.said_on IS NOT NULL AND ${saidBy('s', time, q)}
          AND t.target_id <> coalesce(s.principal_id, s.speaker_id)
          ${filter.actorId ? `AND coalesce(s.principal_id, s.speaker_id) = ANY(${q.add(await this.actorIds(filter.actorId))})` : ''}
          AND history.n >= 2 AND history.mean >= 1`,
      q.values,
    );
    const alerts: Alert[] = [];
    for (const row of stanceRows) {
      const established =
        row.level === 'principal' && row.prev2 !== null && row.prev2 === row.prev1;
      if (row.level === 'speaker') {
        alerts.push(
          makeAlert(
            'self-contradiction',
            'opposite-stance',
            row.subject,
            row.said_on,
            [row.prev1_id!, row.statement_id],
            {
              propositionId: row.proposition_id,
              stance: row.stance,
              previousStance: row.prev1,
            },
          ),
        );
      } else if (established) {
        alerts.push(
          makeAlert(
            'out-of-character',
            'contradicts-established-position',
            row.subject,
            row.said_on,
            [row.prev2_id!, row.prev1_id!, row.statement_id],
            {
              propositionId: row.proposition_id,
              stance: row.stance,
              establishedStance: row.prev1,
            },
          ),
        );
      } else {
        alerts.push(
          makeAlert(
            'stance-reversal',
            'stance-changed',
            row.subject,
            row.said_on,
            [row.prev1_id!, row.statement_id],
            {
              propositionId: row.proposition_id,
              stance: row.stance,
              previousStance: row.prev1,
            },
          ),
        );
      }
    }
    for (const row of allyRows)
      alerts.push(
        makeAlert(
          'out-of-character',
          'attacks-ally',
          row.subject,
          row.said_on,
          [...row.ids.reverse(), row.statement_id],
          {
            targetId: row.target_id,
            kind: row.kind,
            goldstein: row.goldstein,
            earlierStatements: row.n,
            earlierMeanGoldstein: Math.round(Number(row.mean) * 100) / 100,
          },
        ),
      );
    const reviews = await this.reviews(
      alerts.map((a) => a.alertId),
      time,
    );
    for (const alert of alerts) {
      const review = reviews.get(alert.alertId);
      if (review) {
        alert.state = review.state as Alert['state'];
        alert.review = review;
      }
    }
    return alerts
      .filter(
        (a) =>
          (!filter.type || a.type === filter.type) && (!filter.state || a.state === filter.state),
      )
      .sort(
        (a, b) =>
          (b.saidOn ?? '').localeCompare(a.saidOn ?? '') || a.alertId.localeCompare(b.alertId),
      );
  }

  private async reviews(ids: string[], time: TimeFilter) {
    const result = new Map<
      string,
      { state: string; reason: string; reviewedBy: string | null; at: string }
    >();
    if (ids.length === 0) return result;
    const p = new Params();
    const rows = await this.dataSource.query(
      `SELECT r.alert_id, r.state, r.reason, r.reviewed_by, r.known_from FROM rm_alert_reviews r
        WHERE r.alert_id = ANY(${p.add(ids)}) AND ${visibleAt('r', time, p)}`,
      p.values,
    );
    for (const row of rows)
      result.set(row.alert_id, {
        state: row.state,
        reason: row.reason,
        reviewedBy: row.reviewed_by,
        at: new Date(row.known_from).toISOString(),
      });
    return result;
  }
}

// --------------------------------------------------------------------- helpers

export interface Alert {
  alertId: string;
  type: AlertType;
  reason: string;
  actorId: string;
  saidOn: string | null;
  /** Oldest first; the last one is the statement that raised the alert. */
  evidence: string[];
  details: Record<string, unknown>;
  state: 'open' | 'dismissed';
  review?: { state: string; reason: string; reviewedBy: string | null; at: string };
  actions: Array<{ action: string; method: string; href: string; hint?: string }>;
}

function makeAlert(
  type: AlertType,
  reason: string,
  actorId: string,
  saidOn: string | null,
  evidence: string[],
  details: Record<string, unknown>,
): Alert {
  const id = alertId(type, reason, evidence);
  const flagged = evidence[evidence.length - 1];
  return {
    alertId: id,
    type,
    reason,
    actorId,
    saidOn,
    evidence,
    details,
    state: 'open',
    actions: [
      { action: 'dismiss', method: 'POST', href: `/alerts/${id}/dismissal` },
      {
        action: 'correct-attribution',
        method: 'POST',
        href: `/statements/${flagged}/corrections`,
        hint: 'send {"changes":{"principalId":…}} (or speakerId, stances) with a reason',
      },
    ],
  };
}

interface StanceAlertRow {
  level: 'principal' | 'speaker';
  subject: string;
  proposition_id: string;
  stance: string;
  statement_id: string;
  said_on: string | null;
  prev1: string | null;
  prev1_id: string | null;
  prev2: string | null;
  prev2_id: string | null;
}

interface AllyAlertRow {
  subject: string;
  target_id: string;
  statement_id: string;
  said_on: string;
  kind: string;
  goldstein: number;
  n: number;
  mean: string;
  ids: string[];
}

interface PositionRow {
  group_key: string;
  stance: string;
  said_on: string;
  statement_id: string;
  speaker_id: string;
  principal_id: string | null;
  previous: string | null;
  recency: string;
  supports: number;
  opposes: number;
  shift_count: number;
}

function groupPositions(rows: PositionRow[]) {
  const groups = new Map<string, PositionRow[]>();
  for (const row of rows) {
    const list = groups.get(row.group_key) ?? [];
    list.push(row);
    groups.set(row.group_key, list);
  }
  return [...groups].map(([key, list]) => {
    const latest = list[list.length - 1];
    const evidence = (r: PositionRow) => ({
      statementId: r.statement_id,
      stance: r.stance,
      saidOn: r.said_on,
      speakerId: r.speaker_id,
      principalId: r.principal_id,
    });
    return {
      key,
      body: {
        currentStance: latest.stance,
        since: [...list].reverse().find((r) => r.previous !== r.stance)?.said_on ?? null,
        counts: { supports: latest.supports, opposes: latest.opposes },
        shiftCount: latest.shift_count,
        // The latest shifts, oldest first (all of them while shiftCount <= SHIFT_LIMIT).
        shifts: list
          .filter((r) => r.previous !== null && r.previous !== r.stance)
          .slice(-SHIFT_LIMIT)
          .map((r) => ({
            saidOn: r.said_on,
            from: r.previous,
            to: r.stance,
            statementId: r.statement_id,
          })),
        evidence: list.filter((r) => Number(r.recency) <= EVIDENCE_LIMIT).map(evidence),
      },
    };
  });
}

interface Edge {
  accuserId: string;
  accusedId: string;
  accusations: number;
  byStatus: Record<AccusationStatus, number>;
  firstSaidOn: string | null;
  lastSaidOn: string | null;
  allegations: unknown[];
}

function newEdge(accuserId: string, accusedId: string): Edge {
  return {
    accuserId,
    accusedId,
    accusations: 0,
    byStatus: { open: 0, denied: 0, acknowledged: 0, withdrawn: 0 },
    firstSaidOn: null,
    lastSaidOn: null,
    allegations: [],
  };
}

/** withdrawn > acknowledged > denied > open (the same rule as the accusation aggregate). */
export function accusationStatus(responses: string[]): AccusationStatus {
  if (responses.includes('withdrawal')) return 'withdrawn';
  if (responses.includes('acknowledgement')) return 'acknowledged';
  if (responses.includes('denial')) return 'denied';
  return 'open';
}

interface AccusationRow {
  accusation_id: string;
  statement_id: string;
  accuser_id: string;
  accused_ids: string[];
  allegation: string;
  said_on: string | null;
  quote: string | null;
  known_from: Date;
  responses: Array<{
    response: string;
    respondentId: string;
    statementId: string;
    saidOn: string | null;
  }>;
}

/** A row of rm_statements as the timeline reads it (the time as a Date, plus its sort key). */
type StatementRow = Omit<StatementVersion, 'known_from' | 'known_to' | 'provenance'> & {
  known_from: Date;
  sort_date: string;
};

const STATEMENT_SELECT = `s.statement_id, s.version, s.speaker_id, s.principal_id, s.kind, s.cameo,
  s.goldstein, s.target_ids, s.quote, s.summary, s.said_on::text AS said_on, s.said_precision,
  s.confidence, s.stances, s.status, s.retracted_on::text AS retracted_on, s.withdrawal,
  s.corrections, s.source_ids, s.known_from`;

function toItem(row: StatementRow, ids: string[], time: TimeFilter): StatementItem {
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
        row.said_on === null
          ? null
          : row.said_precision === 'month'
            ? row.said_on.slice(0, 7)
            : row.said_on,
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
  };
}

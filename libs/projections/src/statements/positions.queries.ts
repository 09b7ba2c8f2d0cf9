/**
 * Positions: per proposition (of an actor) or per actor (on a proposition), the stances over
 * time, the shifts between them and the current stance. Current knowledge reads the maintained
 * stance chains; asOf / knownAt walk the versioned stances.
 */
import type { DataSource } from 'typeorm';
import type { StanceValue } from '@app/domain';
import { actorIds, actorNames, propositionTexts } from '../shared/labels';
import { Params, saidBy, standing, TimeFilter, visibleAt } from '../shared/time';
import { CHAIN } from './stance-chains';
import type { DateBasis } from './dating';

export type PositionRole = 'principal' | 'speaker';

/** Per position: the latest stances listed as evidence, and the latest shifts listed. */
const EVIDENCE_LIMIT = 20;
const SHIFT_LIMIT = 100;

export class PositionQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Each proposition the actor took a stance on: stances over time, shifts, current stance. */
  async positionsOfActor(actorId: string, role: PositionRole, time: TimeFilter) {
    const ids = await actorIds(this.dataSource, actorId);
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
    const propositions = await propositionTexts(this.dataSource, [
      ...new Set(rows.map((r) => r.group_key)),
    ]);
    const corrections = await this.corrections(rows, time);
    return {
      actorId,
      role,
      positions: groupPositions(rows, corrections).map((position) => ({
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
    const names = await actorNames(this.dataSource, [...new Set(rows.map((r) => r.group_key))]);
    const corrections = await this.corrections(rows, time);
    const [proposition] = await this.dataSource.query(
      `SELECT text FROM rm_propositions WHERE proposition_id = $1`,
      [propositionId],
    );
    return {
      propositionId,
      proposition: proposition?.text ?? null,
      positions: groupPositions(rows, corrections).map((position) => ({
        actorId: position.key,
        name: names[position.key] ?? null,
        ...position.body,
      })),
    };
  }

  /** How often each listed statement had been corrected (as known at knownAt), by id. */
  private async corrections(rows: PositionRow[], time: TimeFilter): Promise<Map<string, number>> {
    const ids = [...new Set(rows.map((r) => r.statement_id))];
    if (ids.length === 0) return new Map();
    const p = new Params();
    const found: { statement_id: string; corrections: number }[] = await this.dataSource.query(
      `SELECT s.statement_id, s.corrections FROM rm_statements s
        WHERE s.statement_id = ANY(${p.add(ids)}::uuid[]) AND ${visibleAt('s', time, p)}`,
      p.values,
    );
    return new Map(found.map((r) => [r.statement_id, Number(r.corrections)]));
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
    // One pass in (group, dated_on, statement_id) order — the order of the current-stance
    // indexes — computes everything; "latest N" are counted back from the group's totals.
    return this.dataSource.query(
      `WITH st AS (
         SELECT x.*, lag(x.stance) OVER w AS previous, row_number() OVER w AS position,
                count(*) OVER g AS total,
                count(*) FILTER (WHERE x.stance = 'supports') OVER g AS supports,
                count(*) FILTER (WHERE x.stance = 'opposes') OVER g AS opposes
           FROM (SELECT ${group} AS group_key, x.stance, x.dated_on, x.date_basis, x.statement_id, x.speaker_id, x.principal_id
                   FROM rm_stances x
                  WHERE ${match} AND ${visibleAt('x', time, p)} AND ${standing('x', time, p)}
                    AND x.dated_on IS NOT NULL AND ${saidBy('x', time, p)}) x
         WINDOW w AS (PARTITION BY x.group_key ORDER BY x.dated_on, x.statement_id),
                g AS (PARTITION BY x.group_key)
       ), changes AS (
         SELECT *, count(*) FILTER (WHERE previous IS DISTINCT FROM stance) OVER w AS changes_so_far,
                count(*) FILTER (WHERE previous IS DISTINCT FROM stance) OVER g AS changes
           FROM st
         WINDOW w AS (PARTITION BY group_key ORDER BY dated_on, statement_id),
                g AS (PARTITION BY group_key)
       )
       SELECT group_key, stance, dated_on::text AS dated_on, date_basis, statement_id, speaker_id, principal_id,
              previous, total - position + 1 AS recency, supports::int, opposes::int,
              (changes - 1)::int AS shift_count
         FROM changes
        WHERE (previous IS DISTINCT FROM stance AND changes - changes_so_far < ${SHIFT_LIMIT + 1})
           OR total - position < ${EVIDENCE_LIMIT}
        ORDER BY changes.group_key, changes.dated_on, changes.statement_id`,
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
    const chain = CHAIN('x');
    const pick = (order: string, limit: number, extra = '', recent = false) =>
      `(SELECT x.statement_id, x.stance, x.dated_on, x.date_basis, x.speaker_id, x.principal_id,
               x.${kind}_previous AS previous, ${recent} AS recent
          FROM rm_stances x
         WHERE ${match} AND ${group} = g.group_key AND ${chain} ${extra}
         ORDER BY x.dated_on ${order}, x.statement_id ${order} LIMIT ${limit})`;
    return this.dataSource.query(
      `WITH groups AS (
         SELECT ${group} AS group_key,
                count(*) FILTER (WHERE x.stance = 'supports')::int AS supports,
                count(*) FILTER (WHERE x.stance = 'opposes')::int AS opposes,
                count(*) FILTER (WHERE x.${kind}_previous <> x.stance)::int AS shift_count
           FROM rm_stances x WHERE ${match} AND ${chain} GROUP BY 1
       ), picked AS (
         SELECT DISTINCT ON (g.group_key, r.dated_on, r.statement_id)
                g.group_key, g.supports, g.opposes, g.shift_count, r.*
           FROM groups g CROSS JOIN LATERAL (
             ${pick('DESC', EVIDENCE_LIMIT, '', true)}
             UNION ALL ${pick('DESC', SHIFT_LIMIT, `AND x.${kind}_previous <> x.stance`)}
             UNION ALL ${pick('ASC', 1)}
           ) r
          ORDER BY g.group_key, r.dated_on, r.statement_id, r.recent DESC
       )
       SELECT group_key, stance, dated_on::text AS dated_on, date_basis, statement_id, speaker_id, principal_id,
              previous, CASE WHEN recent THEN 1 ELSE ${EVIDENCE_LIMIT + 1} END AS recency,
              supports, opposes, shift_count
         FROM picked ORDER BY picked.group_key, picked.dated_on, picked.statement_id`,
      p.values,
    );
  }
}

/** How many stances of each kind the domain knows a group holds. */
type StanceCounts = Record<StanceValue, number>;

interface PositionRow extends StanceCounts {
  group_key: string;
  stance: StanceValue;
  dated_on: string;
  date_basis: DateBasis;
  statement_id: string;
  speaker_id: string;
  principal_id: string | null;
  previous: StanceValue | null;
  recency: string;
  shift_count: number;
}

function groupPositions(rows: PositionRow[], corrections: Map<string, number>) {
  const groups = new Map<string, PositionRow[]>();
  for (const row of rows) {
    const list = groups.get(row.group_key) ?? [];
    list.push(row);
    groups.set(row.group_key, list);
  }
  return [...groups].map(([key, list]) => {
    const latest = list[list.length - 1];
    const counts: StanceCounts = { supports: latest.supports, opposes: latest.opposes };
    const evidence = (r: PositionRow) => ({
      statementId: r.statement_id,
      stance: r.stance,
      saidOn: r.dated_on,
      dateBasis: r.date_basis,
      speakerId: r.speaker_id,
      principalId: r.principal_id,
      corrections: corrections.get(r.statement_id) ?? 0,
    });
    return {
      key,
      body: {
        currentStance: latest.stance,
        since: [...list].reverse().find((r) => r.previous !== r.stance)?.dated_on ?? null,
        counts,
        shiftCount: latest.shift_count,
        // The latest shifts, oldest first (all of them while shiftCount <= SHIFT_LIMIT).
        shifts: list
          .filter((r) => r.previous !== null && r.previous !== r.stance)
          .slice(-SHIFT_LIMIT)
          .map((r) => ({
            saidOn: r.dated_on,
            dateBasis: r.date_basis,
            from: r.previous,
            to: r.stance,
            statementId: r.statement_id,
            corrections: corrections.get(r.statement_id) ?? 0,
          })),
        evidence: list.filter((r) => Number(r.recency) <= EVIDENCE_LIMIT).map(evidence),
      },
    };
  });
}

/**
 * The accusation graph: accuser → accused edges with counts by status, the allegations and
 * their responses. An accusation's status is the domain's rule over the responses visible.
 */
import type { DataSource } from 'typeorm';
import { AccusationStatus, ResponseKind, statusOfResponses } from '@app/domain';
import { actorIds, actorNames } from '../shared/labels';
import { Params, recordedBy, saidBy, TimeFilter, visibleAt } from '../shared/time';

export class AccusationQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * An accusation the read model derived from a statement recorded before statements opened
   * their own (no event behind it yet), as known at `knownAt`; null if there is none.
   */
  async derived(accusationId: string, knownAt?: Date) {
    const rows: Array<{
      accusation_id: string;
      statement_id: string;
      accuser_id: string;
      accused_ids: string[];
      allegation: string;
    }> = await this.dataSource.query(
      `SELECT accusation_id, statement_id, accuser_id, accused_ids, allegation
         FROM rm_accusations
        WHERE accusation_id = $1 AND derived AND ($2::timestamptz IS NULL OR known_from <= $2)`,
      [accusationId, knownAt?.toISOString() ?? null],
    );
    const row = rows[0];
    return row
      ? {
          accusationId: row.accusation_id,
          statementId: row.statement_id,
          accuserId: row.accuser_id,
          accusedIds: row.accused_ids,
          allegation: row.allegation,
        }
      : null;
  }

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
    // Counted only while its statement (as visible) is an accusation: what the timeline shows.
    where.push(`s.kind = 'accusation'`);
    if (filter.from) where.push(`s.dated_on >= ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`s.dated_on <= ${p.add(filter.to)}::date`);
    const outer = ['true'];
    if (filter.actorId) {
      const ids = p.add(await actorIds(this.dataSource, filter.actorId));
      outer.push(`(g.accuser_id = ANY(${ids}) OR g.accused_ids && ${ids}::text[])`);
    }
    const responseWhere = [
      recordedBy('r', time, p),
      visibleAt('rs', time, p),
      saidBy('rs', time, p),
    ];
    // An accusation its statement opened (same id) follows the statement's attribution and
    // targets as corrected; one made by hand keeps the accuser and accused it names.
    const rows: AccusationRow[] = await this.dataSource.query(
      `SELECT g.* FROM (
         SELECT a.accusation_id, a.statement_id, a.allegation, a.derived,
                CASE WHEN a.accusation_id = s.statement_id::text THEN s.actor_id
                     ELSE a.accuser_id END AS accuser_id,
                CASE WHEN a.accusation_id = s.statement_id::text
                     THEN ARRAY(SELECT t FROM unnest(s.target_ids) WITH ORDINALITY AS u(t, i)
                                 WHERE t <> s.speaker_id AND t IS DISTINCT FROM s.principal_id
                                 ORDER BY i)
                     ELSE a.accused_ids END AS accused_ids,
                s.dated_on::text AS dated_on, s.quote, a.known_from,
                coalesce((
                  SELECT json_agg(json_build_object('response', r.response, 'respondentId', r.respondent_id,
                           'statementId', r.statement_id, 'saidOn', rs.dated_on, 'recordedAt', r.known_from)
                           ORDER BY r.position)
                    FROM rm_accusation_responses r
                    JOIN rm_statements rs ON rs.statement_id = r.statement_id
                   WHERE r.accusation_id = a.accusation_id AND rs.status <> 'withdrawn'
                     AND ${responseWhere.join(' AND ')}
                ), '[]') AS responses
           FROM rm_accusations a
           JOIN rm_statements s ON s.statement_id = a.statement_id AND ${visibleAt('s', time, p)}
          WHERE ${where.join(' AND ')}
       ) g
       WHERE cardinality(g.accused_ids) > 0 AND ${outer.join(' AND ')}
       ORDER BY g.dated_on NULLS LAST, g.accusation_id`,
      p.values,
    );
    const accusations = rows
      .map((row) => ({
        accusationId: row.accusation_id,
        statementId: row.statement_id,
        accuserId: row.accuser_id,
        accusedIds: row.accused_ids,
        allegation: row.allegation,
        derived: row.derived,
        quote: row.quote,
        saidOn: row.dated_on,
        status: statusOfResponses(row.responses.map((r) => r.response)),
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
    const nodeIds = [...new Set([...edges.values()].flatMap((e) => [e.accuserId, e.accusedId]))];
    const names = await actorNames(this.dataSource, nodeIds);
    return {
      nodes: nodeIds.sort().map((id) => ({ actorId: id, name: names[id] ?? null })),
      edges: [...edges.values()].sort(
        (a, b) =>
          b.accusations - a.accusations ||
          `${a.accuserId}>${a.accusedId}`.localeCompare(`${b.accuserId}>${b.accusedId}`),
      ),
    };
  }
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

interface AccusationRow {
  accusation_id: string;
  statement_id: string;
  accuser_id: string;
  accused_ids: string[];
  allegation: string;
  derived: boolean;
  dated_on: string | null;
  quote: string | null;
  known_from: Date;
  responses: Array<{
    response: ResponseKind;
    respondentId: string;
    statementId: string;
    saidOn: string | null;
  }>;
}

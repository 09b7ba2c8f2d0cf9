/** Propositions by words of their id, wording or tags, with how many stances each has drawn. */
import type { DataSource } from 'typeorm';
import { decodeParts, isText } from '../shared/cursor';
import { pageOf } from '../shared/pages';
import { Params } from '../shared/time';
import { wordPrefixes } from '../shared/words';

export interface PropositionListItem {
  propositionId: string;
  text: string;
  tags: string[];
  /** Current stances on record (standing or not) and the actors that took them. */
  stances: number;
  actors: number;
}

export class PropositionListQueries {
  constructor(private readonly dataSource: DataSource) {}

  async propositions(filter: { q?: string; limit: number; cursor?: string }): Promise<{
    items: PropositionListItem[];
    total: number;
    totalEstimate: number;
    nextCursor: string | null;
  }> {
    const p = new Params();
    const where = filter.q ? wordPrefixes('r', filter.q, p) : 'true';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM rm_propositions r WHERE ${where}`,
      p.values,
    );
    const after = filter.cursor
      ? `AND r.proposition_id > ${p.add(decodeParts(filter.cursor, [isText])[0])}`
      : '';
    const rows: Array<{
      proposition_id: string;
      text: string;
      tags: string[];
      stances: number;
      actors: number;
    }> = await this.dataSource.query(
      `SELECT r.proposition_id, r.text, r.tags, c.stances, c.actors
         FROM rm_propositions r
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS stances, count(DISTINCT x.actor_id)::int AS actors
             FROM rm_stances x WHERE x.proposition_id = r.proposition_id AND x.known_to IS NULL
              AND x.status <> 'withdrawn') c
        WHERE ${where} ${after}
        ORDER BY r.proposition_id LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
    const { items, nextCursor } = pageOf(
      rows,
      filter.limit,
      (r) => ({
        propositionId: r.proposition_id,
        text: r.text,
        tags: r.tags,
        stances: r.stances,
        actors: r.actors,
      }),
      (r) => [r.proposition_id],
    );
    return { items, total, totalEstimate: total, nextCursor };
  }
}

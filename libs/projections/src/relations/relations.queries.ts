/** Relations: how attitudes between actors move, as series of buckets per counterpart. */
import type { DataSource } from 'typeorm';
import { actorIds, actorNames } from '../shared/labels';
import { Params, saidBy, TimeFilter, visibleAt } from '../shared/time';
import type { Granularity } from './relations.projection';

export class RelationQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * How the actor's attitude toward each target moved (outgoing), or each other actor's toward
   * it (incoming): statements per bucket by kind and their mean Goldstein score. Current
   * knowledge reads the maintained buckets; asOf / knownAt recompute them from the versions.
   */
  async relations(
    actorId: string,
    direction: 'outgoing' | 'incoming',
    granularity: Granularity,
    range: { from?: string; to?: string },
    time: TimeFilter,
  ) {
    const ids = await actorIds(this.dataSource, actorId);
    const p = new Params();
    const idsParam = p.add(ids);
    const [self, other] =
      direction === 'outgoing' ? ['from_id', 'target_id'] : ['target_id', 'from_id'];
    const bounds: string[] = [];
    let source: string;
    if (!time.asOf && !time.knownAt) {
      source = `SELECT from_id, target_id, bucket, kind, statements, goldstein_tenths, undated
                  FROM rm_relation_buckets WHERE granularity = ${p.add(granularity)}`;
    } else {
      source = `SELECT coalesce(s.principal_id, s.speaker_id) AS from_id, t.target_id,
                       date_trunc(${p.add(granularity)}, s.dated_on)::date AS bucket, s.kind,
                       count(*)::int AS statements, sum(round(s.goldstein * 10))::bigint AS goldstein_tenths,
                       (count(*) FILTER (WHERE s.date_basis <> 'said'))::int AS undated
                  FROM rm_statements s CROSS JOIN LATERAL unnest(s.target_ids) AS t(target_id)
                 WHERE ${visibleAt('s', time, p)} AND s.status <> 'withdrawn'
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
      undated: number;
    }> = await this.dataSource.query(
      `SELECT b.${other} AS counterpart, b.bucket::text AS bucket, b.kind, b.statements,
              b.goldstein_tenths::text AS goldstein_tenths, b.undated
         FROM (${source}) b
        WHERE b.${self} = ANY(${idsParam}) ${bounds.map((b) => `AND ${b}`).join(' ')}
        ORDER BY b.${other}, b.bucket, b.kind`,
      p.values,
    );
    const byCounterpart = new Map<
      string,
      Map<
        string,
        { statements: number; tenths: number; undated: number; byKind: Record<string, number> }
      >
    >();
    for (const row of rows) {
      const series = byCounterpart.get(row.counterpart) ?? new Map();
      byCounterpart.set(row.counterpart, series);
      const bucket = series.get(row.bucket) ?? { statements: 0, tenths: 0, undated: 0, byKind: {} };
      series.set(row.bucket, bucket);
      bucket.statements += row.statements;
      bucket.tenths += Number(row.goldstein_tenths);
      bucket.undated += row.undated;
      bucket.byKind[row.kind] = (bucket.byKind[row.kind] ?? 0) + row.statements;
    }
    const names = await actorNames(this.dataSource, [...byCounterpart.keys()]);
    const mean = (tenths: number, n: number) =>
      n === 0 ? null : Math.round((tenths / n) * 100) / 1000;
    const counterparts = [...byCounterpart].map(([id, series]) => {
      const buckets = [...series].map(([bucket, b]) => ({
        bucket,
        statements: b.statements,
        meanGoldstein: mean(b.tenths, b.statements),
        byKind: b.byKind,
        undated: b.undated,
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
}

/**
 * `npm run bench -- queries`: the read side at size — 1,000,000 statements over 5,000 actors
 * (generated straight into the read-model tables, with the per-actor counts the statements
 * projection keeps), 300,000 stances, 50,000 alerts. For four
 * questions a dashboard asks all day, the p99 latency of our query layer (what the endpoints
 * run: ranking, totals, cursors, labels) beside a hand-written indexed SQL query returning the
 * same rows, in the same run on the same database. Each pair is checked to agree first.
 * Ratio = raw p99 / ours p99 (1 = as fast as the bare query; goal ≥ 0.3).
 */
import { DataSource } from 'typeorm';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import {
  ACTOR_SCORE_SQL,
  ActorSearchQueries,
  AlertQueries,
  PositionQueries,
  StatementListQueries,
} from '@app/projections';
import { printTable, round2, withBenchDatabase } from './support';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 1_000_000);
const ACTORS = 5_000;
const ALERTS = 50_000;
const PROPOSITIONS = 200;

/** Two-word names from a small vocabulary: searchable, with shared prefixes like real ones. */
const FIRST = [
  'North',
  'South',
  'East',
  'West',
  'New',
  'Grand',
  'United',
  'Free',
  'Royal',
  'Central',
];
const SECOND = [
  'Alliance',
  'Bank',
  'Council',
  'Ministry',
  'Party',
  'Union',
  'Front',
  'League',
  'Agency',
  'Court',
  'Assembly',
  'Commission',
  'Federation',
  'Republic',
  'Kingdom',
  'Institute',
  'Forum',
  'Office',
];

export async function generate(db: DataSource): Promise<void> {
  const step = async (label: string, sql: string, values: unknown[] = []) => {
    const started = Date.now();
    process.stderr.write(`generating ${label}… `);
    await db.query(sql, values);
    process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  };
  await step(
    `${ACTORS.toLocaleString('en-US')} actors`,
    `INSERT INTO rm_actors (actor_id, name, kind, aliases, known_from)
     SELECT 'actor-' || i,
            ($1::text[])[1 + i % cardinality($1::text[])] || ' ' ||
              ($2::text[])[1 + (i / 10) % cardinality($2::text[])] || ' ' || i,
            CASE WHEN i % 3 = 0 THEN 'person' ELSE 'organisation' END,
            ARRAY['Alias ' || i], now() - interval '1 day'
       FROM generate_series(1, $3::int) i`,
    [FIRST, SECOND, ACTORS],
  );
  await db.query(
    `INSERT INTO rm_actors (actor_id, name, kind, aliases, known_from)
     VALUES ('china', 'China', 'state', ARRAY['Beijing', 'PRC'], now() - interval '1 day')`,
  );
  await step(
    `${STATEMENTS.toLocaleString('en-US')} statements`,
    `INSERT INTO rm_statements (statement_id, version, known_from, speaker_id, principal_id, kind,
        cameo, goldstein, target_ids, quote, summary, dated_on, said_precision, confidence, stances,
        provenance, status, corrections, source_ids, date_basis, recorded_on)
     SELECT md5('s' || i)::uuid, 1, now() - interval '1 hour',
            'actor-' || (1 + i % $2::int),
            CASE WHEN i % 4 = 0 THEN 'actor-' || (1 + (i / 4) % 100) END,
            (ARRAY['statement','criticism','accusation','warning','praise'])[1 + i % 5], '010',
            (i % 11) - 5,
            ARRAY['actor-' || (1 + (i * 7) % $2::int)],
            'Quote number ' || i || ' about sanctions and the war',
            NULL, DATE '2020-01-01' + (i % 1800), 'day', 1,
            CASE WHEN i % 10 < 3
                 THEN jsonb_build_array(jsonb_build_object('propositionId', 'prop-' || (i % $3::int),
                        'stance', CASE WHEN i % 7 < 4 THEN 'supports' ELSE 'opposes' END))
                 ELSE '[]'::jsonb END,
            '{"method":"manual"}', 'recorded', 0, ARRAY[md5('src' || (i % 5000))::uuid::text],
            'said', DATE '2024-12-01'
       FROM generate_series(1, $1::int) i`,
    [STATEMENTS, ACTORS, PROPOSITIONS],
  );
  await step(
    'stances',
    `INSERT INTO rm_stances (statement_id, version, proposition_id, stance, actor_id, speaker_id,
        principal_id, dated_on, status, known_from, actor_previous, speaker_previous, date_basis)
     SELECT s.statement_id, 1, x->>'propositionId', x->>'stance', s.actor_id, s.speaker_id,
            s.principal_id, s.dated_on, 'recorded', s.known_from,
            lag(x->>'stance') OVER (PARTITION BY s.actor_id, x->>'propositionId'
                                    ORDER BY s.dated_on, s.statement_id),
            lag(x->>'stance') OVER (PARTITION BY s.speaker_id, x->>'propositionId'
                                    ORDER BY s.dated_on, s.statement_id),
            'said'
       FROM rm_statements s, jsonb_array_elements(s.stances) x`,
  );
  await step(
    'statement counts per actor',
    `INSERT INTO rm_actor_counts (actor_id, role, statements)
     SELECT actor_id, role, count(*) FROM (
       SELECT speaker_id AS actor_id, 'speaker' AS role FROM rm_statements
       UNION ALL SELECT principal_id, 'principal' FROM rm_statements WHERE principal_id IS NOT NULL
       UNION ALL SELECT t, 'target' FROM rm_statements, unnest(target_ids) AS t) r
     GROUP BY actor_id, role`,
  );
  await step(
    `${ALERTS.toLocaleString('en-US')} alerts`,
    `INSERT INTO rm_alerts (alert_id, known_from, type, reason, actor_id, party_ids, dated_on,
        date_basis, evidence, details)
     SELECT md5('a' || i), now() - interval '1 hour', 'stance-reversal', 'stance-changed',
            'actor-' || (1 + i % $2::int),
            ARRAY['actor-' || (1 + i % $2::int), 'actor-' || (1 + (i * 7) % $2::int)],
            DATE '2020-01-01' + (i % 1800), 'said', ARRAY[md5('s' || i)::uuid::text],
            '{"propositionId":"prop-1"}'
       FROM generate_series(1, $1::int) i`,
    [ALERTS, ACTORS],
  );
  // As autovacuum would before long: statistics, and GIN pending lists merged into the index.
  process.stderr.write('vacuuming and analyzing… ');
  await db.query('VACUUM ANALYZE');
  process.stderr.write('done\n');
}

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

/** p99 (ms) of each contender, alternating calls so both see the same cache and load. */
async function race(
  n: number,
  contenders: Array<(i: number) => Promise<unknown>>,
): Promise<number[]> {
  const samples = contenders.map(() => [] as number[]);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < contenders.length; c++) {
      const started = process.hrtime.bigint();
      await contenders[c](i);
      samples[c].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  return samples.map(p99);
}

function agree(what: string, ours: unknown, raw: unknown): void {
  if (JSON.stringify(ours) !== JSON.stringify(raw))
    throw new Error(
      `${what}: our rows and the raw rows differ\nours ${JSON.stringify(ours).slice(0, 400)}\nraw  ${JSON.stringify(raw).slice(0, 400)}`,
    );
}

export async function benchQueries(rounds: number): Promise<Record<string, number>> {
  return withBenchDatabase(async (url) => {
    const db = await openDataSource({ url, poolSize: 4, migrations: ALL_MIGRATIONS });
    try {
      await generate(db);
      const search = new ActorSearchQueries(db);
      const statements = new StatementListQueries(db);
      const alerts = new AlertQueries(db);
      const positions = new PositionQueries(db);
      const prefixes = ['nort', 'grand ban', 'royal', 'beij', 'unite', 'free le', 'centr', 'sout'];
      const kinds = ['criticism', 'accusation', 'warning'] as const;

      // Actor search: the ranked hits' ids; raw = the same scoring, without totals or counts.
      const rawSearch = (q: string) =>
        db
          .query(
            `SELECT actor_id FROM (
               SELECT a.actor_id, ${ACTOR_SCORE_SQL('(SELECT st_search_key($1))')} AS score
                 FROM rm_actors a WHERE a.merged_into IS NULL) s
              WHERE score > 0 ORDER BY score DESC, actor_id LIMIT 20`,
            [q],
          )
          .then((rows: Array<{ actor_id: string }>) => rows.map((r) => r.actor_id));
      const oursSearch = (q: string) =>
        search.search({ q, limit: 20 }).then((r) => r.items.map((i) => i.actorId));
      // Global statements page by kind, newest first; raw = the same keyset on the dated index.
      const rawStatements = (kind: string) =>
        db
          .query(
            `SELECT statement_id FROM rm_statements
              WHERE known_to IS NULL AND kind = $1
              ORDER BY dated_on DESC, statement_id DESC LIMIT 50`,
            [kind],
          )
          .then((rows: Array<{ statement_id: string }>) => rows.map((r) => r.statement_id));
      const oursStatements = (kind: (typeof kinds)[number]) =>
        statements.statements({ kind, limit: 50 }).then((r) => r.items.map((i) => i.statementId));
      // Alerts page of one actor (any role), newest first.
      const rawAlerts = (actor: string) =>
        db
          .query(
            `SELECT alert_id FROM rm_alerts WHERE known_to IS NULL AND party_ids && ARRAY[$1]
              ORDER BY dated_on DESC, alert_id LIMIT 50`,
            [actor],
          )
          .then((rows: Array<{ alert_id: string }>) => rows.map((r) => r.alert_id));
      const oursAlerts = (actor: string) =>
        alerts
          .alerts({ actorId: actor, limit: 50 }, {})
          .then((r) => r.alerts.map((a) => a.alertId));
      // An actor's positions: each proposition with its current stance.
      const rawPositions = (actor: string) =>
        db
          .query(
            `SELECT DISTINCT ON (proposition_id) proposition_id, stance FROM rm_stances
              WHERE actor_id = $1 AND known_to IS NULL AND status = 'recorded'
              ORDER BY proposition_id, dated_on DESC, statement_id DESC`,
            [actor],
          )
          .then((rows: Array<{ proposition_id: string; stance: string }>) =>
            rows.map((r) => `${r.proposition_id}:${r.stance}`),
          );
      const oursPositions = (actor: string) =>
        positions
          .positionsOfActor(actor, 'principal', {})
          .then((r) =>
            r.positions
              .map((p) => `${p.propositionId}:${p.currentStance}`)
              .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
          );

      const actor = (i: number) => `actor-${1 + ((i * 37) % 100)}`;
      for (const q of prefixes) agree(`search "${q}"`, await oursSearch(q), await rawSearch(q));
      for (const kind of kinds)
        agree(`statements ${kind}`, await oursStatements(kind), await rawStatements(kind));
      for (let i = 0; i < 5; i++) {
        agree(`alerts ${actor(i)}`, await oursAlerts(actor(i)), await rawAlerts(actor(i)));
        agree(`positions ${actor(i)}`, await oursPositions(actor(i)), await rawPositions(actor(i)));
      }

      const n = 100 * Math.max(1, rounds);
      process.stderr.write(`timing ${n} calls of each…\n`);
      const [searchOurs, searchRaw] = await race(n, [
        (i) => oursSearch(prefixes[i % prefixes.length]),
        (i) => rawSearch(prefixes[i % prefixes.length]),
      ]);
      const [statementsOurs, statementsRaw] = await race(n, [
        (i) => oursStatements(kinds[i % kinds.length]),
        (i) => rawStatements(kinds[i % kinds.length]),
      ]);
      const [alertsOurs, alertsRaw] = await race(n, [
        (i) => oursAlerts(actor(i)),
        (i) => rawAlerts(actor(i)),
      ]);
      const [positionsOurs, positionsRaw] = await race(n, [
        (i) => oursPositions(actor(i)),
        (i) => rawPositions(actor(i)),
      ]);
      const rows: Array<[string, number, number, number]> = [
        ['actor search', searchOurs, searchRaw, searchRaw / searchOurs],
        ['statements page', statementsOurs, statementsRaw, statementsRaw / statementsOurs],
        ['alerts page', alertsOurs, alertsRaw, alertsRaw / alertsOurs],
        ['positions', positionsOurs, positionsRaw, positionsRaw / positionsOurs],
      ];
      printTable(
        `p99 latency (ms), ${STATEMENTS.toLocaleString('en-US')} statements / ${ACTORS.toLocaleString('en-US')} actors`,
        rows,
        ['query', 'ours p99', 'raw p99', 'ratio'],
      );
      return {
        search_ratio: round2(searchRaw / searchOurs),
        statements_ratio: round2(statementsRaw / statementsOurs),
        alerts_ratio: round2(alertsRaw / alertsOurs),
        positions_ratio: round2(positionsRaw / positionsOurs),
      };
    } finally {
      await db.destroy();
    }
  });
}

/**
 * Projection throughput: events/s applied to every read model from the store feed and from
 * Kafka (a fresh consumer group over topics the relay filled), beside a raw batched upsert of
 * the very rows those runs produced (no dedupe, no checkpoint, no reads), in the same run.
 * Uses KAFKA_BROKERS if set, else starts a broker of its own.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { NewEvent, PostgresEventStore } from '@app/event-store';
import { KafkajsMessageBus, Relay, topicFor } from '@app/messaging';
import {
  ALL_PROJECTIONS,
  FeedProjector,
  KafkaProjector,
  ProjectionEngine,
  readModelChecksums,
  resetProjections,
} from '@app/projections';
import { median, printTable, round2, timed, withBenchDatabase, withKafkaBrokers } from './support';

const STATEMENTS = 20_000;
const BATCH = 500;
const ACTORS = ['north', 'south', 'east', 'west', 'alliance', 'league', 'ministry', 'envoy'];
const KINDS: Array<[string, string, number]> = [
  ['statement', '010', 0],
  ['appeal', '020', 3],
  ['praise', '051', 3.4],
  ['criticism', '111', -2],
  ['accusation', '112', -2],
  ['warning', '130', -4.4],
];

/** A recorded statement as the statement decider emits it. */
export function recorded(i: number): NewEvent {
  const [kind, cameo, goldstein] = KINDS[i % KINDS.length];
  const speaker = ACTORS[i % ACTORS.length];
  const target = ACTORS[(i * 7 + 3) % ACTORS.length];
  // Said dates advance with arrival, as news does: about forty statements a day over the run.
  const saidOn = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 40) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    eventId: randomUUID(),
    type: 'StatementRecorded',
    data: {
      statementId: randomUUID(),
      speakerId: speaker,
      principalId: speaker === 'envoy' ? 'league' : null,
      kind,
      cameo,
      goldstein,
      targetIds: target === speaker ? [] : [target],
      quote: null,
      summary: `Bench statement ${i}: the ${speaker} on the ${target} about trade and the border.`,
      saidAt: { date: saidOn, precision: 'day' },
      confidence: 0.9,
      stances:
        i % 2 === 0
          ? [{ propositionId: `claim-${i % 5}`, stance: i % 4 === 0 ? 'supports' : 'opposes' }]
          : [],
      provenance: { method: 'manual' },
      mention: { sourceId: randomUUID(), span: null, reportedAt: null },
    },
    metadata: { userId: 'bench' },
  };
}

export async function benchProject(rounds: number): Promise<Record<string, number>> {
  return withKafkaBrokers((brokers) =>
    withBenchDatabase(async (url) => {
      const dataSource = await openDataSource({ url, poolSize: 8, migrations: ALL_MIGRATIONS });
      const store = new PostgresEventStore(dataSource);
      const bus = new KafkajsMessageBus({ brokers: brokers, clientId: 'bench-project' });
      // A topic of the bench's own (never the service's topics, even on a shared broker).
      const category = `benchproject${randomUUID().slice(0, 6)}`;
      try {
        process.stderr.write(`seeding ${STATEMENTS} statements (a tenth corrected)…\n`);
        const ids: string[] = [];
        // Eight writers taking statements in turn: the store receives them about in said order.
        await timed(STATEMENTS, 8, 1, async (i) => {
          const event = recorded(i);
          const id = (event.data as { statementId: string }).statementId;
          ids.push(id);
          await store.append(`${category}-${id}`, 'no-stream', [event]);
        });
        for (const id of ids.filter((_, i) => i % 10 === 0))
          await store.append(`${category}-${id}`, 'any', [
            {
              eventId: randomUUID(),
              type: 'StatementCorrected',
              data: {
                statementId: id,
                changes: { kind: 'rejection', cameo: '120', goldstein: -4 },
                previous: {},
                reason: 'bench',
                correctedBy: 'bench',
              },
            },
          ]);
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM events`);
        const events = Number(n);
        process.stderr.write(`relaying ${events} events to Kafka…\n`);
        const relay = new Relay(store, bus, dataSource, {
          name: 'bench',
          categories: [category],
          partitions: 6,
          batchSize: BATCH,
        });
        await relay.start();
        while ((await relay.lag()) > 0) await new Promise((r) => setTimeout(r, 100));
        await relay.stop();

        const feed: number[] = [];
        const kafka: number[] = [];
        const raw: number[] = [];
        let reference: Awaited<ReturnType<typeof readModelChecksums>> | null = null;
        for (let round = 0; round <= rounds; round++) {
          process.stderr.write(
            round === 0 ? 'warm-up round…\n' : `project round ${round}/${rounds}…\n`,
          );
          const f = await feedOnce(store, dataSource, events);
          const sums = await readModelChecksums(dataSource, ALL_PROJECTIONS);
          reference ??= sums;
          if (JSON.stringify(sums) !== JSON.stringify(reference))
            throw new Error('the feed built different read models in two rounds');
          const rows = await dumpRows(dataSource);
          const r = await rawOnce(dataSource, rows, events);
          const k = await kafkaOnce(bus, dataSource, events, topicFor(category));
          if (
            JSON.stringify(await readModelChecksums(dataSource, ALL_PROJECTIONS)) !==
            JSON.stringify(reference)
          )
            throw new Error('Kafka built different read models than the feed');
          if (round === 0) continue;
          feed.push(f);
          kafka.push(k);
          raw.push(r);
          process.stderr.write(
            `  feed ${Math.round(f)}/s, kafka ${Math.round(k)}/s, raw ${Math.round(r)}/s\n`,
          );
        }
        const m = { feed: median(feed), kafka: median(kafka), raw: median(raw) };
        printTable(
          `projection, events/s into all read models, ${events} events, batches of ${BATCH} (median of ${rounds} rounds)`,
          [
            ['from the store feed', m.feed, m.raw, m.feed / m.raw],
            ['from Kafka', m.kafka, m.raw, m.kafka / m.raw],
          ],
          ['', 'ours', 'raw upsert', 'ratio'],
        );
        return {
          kafka: Math.round(m.kafka),
          feed: Math.round(m.feed),
          raw_upsert: Math.round(m.raw),
          ratio_kafka: round2(m.kafka / m.raw),
          ratio_feed: round2(m.feed / m.raw),
        };
      } finally {
        await bus.deleteTopics([topicFor(category)]).catch(() => undefined);
        await bus.close();
        await dataSource.destroy();
      }
    }),
  );
}

async function feedOnce(store: PostgresEventStore, dataSource: DataSource, events: number) {
  await resetProjections(dataSource, ALL_PROJECTIONS);
  const engine = new ProjectionEngine(dataSource, ALL_PROJECTIONS, {
    source: 'bench',
    keepConnection: true,
  });
  const projector = new FeedProjector(store, engine, dataSource, { batchSize: BATCH });
  const started = process.hrtime.bigint();
  const done = await projector.catchUp();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (done !== events) throw new Error(`feed projected ${done} of ${events} events`);
  return events / seconds;
}

async function kafkaOnce(
  bus: KafkajsMessageBus,
  dataSource: DataSource,
  events: number,
  topic: string,
) {
  await resetProjections(dataSource, ALL_PROJECTIONS);
  const projector = new KafkaProjector(bus, dataSource, ALL_PROJECTIONS, {
    groupId: `bench-${randomUUID()}`,
    topics: [topic],
  });
  await projector.start();
  // The clock starts at the first batch: joining the group is not projection work.
  while (projector.stats.processed === 0) await new Promise((r) => setTimeout(r, 1));
  const started = process.hrtime.bigint();
  while (projector.stats.processed < events) await new Promise((r) => setTimeout(r, 1));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await projector.stop();
  return events / seconds;
}

interface TableRows {
  table: string;
  key: string;
  columns: string[];
  rows: unknown[];
}

/** Every read-model row as JSON, with the columns a plain INSERT may write. */
async function dumpRows(dataSource: DataSource): Promise<TableRows[]> {
  const result: TableRows[] = [];
  for (const projection of ALL_PROJECTIONS)
    for (const { table, key } of projection.tables) {
      const columns: string[] = (
        await dataSource.query(
          `SELECT column_name FROM information_schema.columns
            WHERE table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [table],
        )
      ).map((c: { column_name: string }) => c.column_name);
      const [{ rows }] = await dataSource.query(
        `SELECT coalesce(json_agg(json_build_object(${columns.map((c) => `'${c}', t.${c}`).join(', ')})), '[]') AS rows FROM ${table} t`,
      );
      result.push({ table, key, columns, rows });
    }
  return result;
}

/** The same rows, upserted in as many batches (one transaction each) as the projection used. */
async function rawOnce(dataSource: DataSource, tables: TableRows[], events: number) {
  await resetProjections(dataSource, ALL_PROJECTIONS);
  const batches = Math.ceil(events / BATCH);
  const statements = tables.map(({ table, key, columns }) => {
    const keys = key.split(',').map((k) => k.trim());
    const updates = columns.filter((c) => !keys.includes(c));
    return `INSERT INTO ${table} (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(null::${table}, $1)
      ON CONFLICT (${key}) DO ${updates.length ? `UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'NOTHING'}`;
  });
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const started = process.hrtime.bigint();
  try {
    for (let b = 0; b < batches; b++) {
      await runner.startTransaction();
      for (const [t, { rows }] of tables.entries()) {
        const per = Math.ceil(rows.length / batches);
        const slice = rows.slice(b * per, (b + 1) * per);
        if (slice.length > 0) await runner.query(statements[t], [JSON.stringify(slice)]);
      }
      await runner.commitTransaction();
    }
  } finally {
    await runner.release();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return events / seconds;
}

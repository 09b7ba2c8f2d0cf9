/**
 * Emmett 0.42 side of the benchmarks, in its own process (its driver replaces pg's type
 * parsers process-wide). Prints one JSON line: {"eventsPerSecond": …, "missed": …}.
 *   --mode single|batch|seed|read --url <db> [--count N] [--concurrency C]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { METADATA, statementPayload, timed } from './workload';

async function main() {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string' },
      url: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const url = values.url!;
  const count = Number(values.count ?? 1000);
  const concurrency = Number(values.concurrency ?? 16);
  const pool = new Pool({ connectionString: url, max: concurrency });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  const event = (i: number) => ({
    type: 'StatementRecorded',
    data: statementPayload(i),
    metadata: METADATA,
  });
  let eventsPerSecond = 0;
  let missed = 0;
  if (values.mode === 'single') {
    eventsPerSecond = await timed(count, concurrency, 1, (i) =>
      store.appendToStream(`statement-${randomUUID()}`, [event(i)], {
        expectedStreamVersion: 'STREAM_DOES_NOT_EXIST',
      } as never),
    );
  } else if (values.mode === 'batch' || values.mode === 'seed') {
    eventsPerSecond = await timed(count, concurrency, 100, (i) =>
      store.appendToStream(
        `statement-${randomUUID()}`,
        Array.from({ length: 100 }, (_, j) => event(i * 100 + j)),
        {
          expectedStreamVersion: 'STREAM_DOES_NOT_EXIST',
        } as never,
      ),
    );
  } else if (values.mode === 'read') {
    const db = dumbo({ connectionString: url });
    let after = 0n;
    let read = 0;
    const started = process.hrtime.bigint();
    for (;;) {
      const batch = await readMessagesBatch(db.execute, { after, batchSize: 1000 });
      read += batch.messages.length;
      // An empty batch with messages left is a gap in global positions: keep reading past it.
      const stuck = batch.messages.length === 0 && batch.currentGlobalPosition === after;
      after = batch.currentGlobalPosition;
      if (!batch.areMessagesLeft || stuck) break;
    }
    eventsPerSecond = read / (Number(process.hrtime.bigint() - started) / 1e9);
    await db.close();
    // Emmett orders by (transaction_id, global_position) but resumes from global_position alone,
    // so events of concurrent transactions can fall behind its checkpoint: report, don't hide it.
    missed = count - read;
  } else {
    throw new Error(`unknown mode ${values.mode}`);
  }
  await store.close();
  await pool.end().catch(() => undefined);
  process.stdout.write(`${JSON.stringify({ eventsPerSecond, missed })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

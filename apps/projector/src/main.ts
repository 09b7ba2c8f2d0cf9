/**
 * apps/projector: builds the read models from Kafka. One consumer group over the event topics;
 * run as many instances as there are partitions to scale out. Needs DATABASE_URL and
 * KAFKA_BROKERS. Reports lag (messages the group has not committed) to projection_status, which
 * the api's /health and /metrics show, and on its own /metrics and /health
 * (PROJECTOR_METRICS_PORT). Stops cleanly on SIGTERM.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from '@app/config';
import { openDatabase } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { serveStatus } from '@app/application';
import { KafkajsMessageBus } from '@app/messaging';
import { ALL_PROJECTIONS, KafkaProjector } from '@app/projections';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.kafka)
    throw new ConfigError(['KAFKA_BROKERS is required for the projector (host:port,…)']);
  if (config.database.mode === 'embedded')
    throw new ConfigError([
      'DATABASE_URL is required for the projector (the embedded database has one user: the api)',
    ]);
  const database = await openDatabase(
    config.database,
    ALL_MIGRATIONS,
    'statement-tracker-projector',
  );
  const bus = new KafkajsMessageBus({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-projector`,
  });
  // Each batch in flight holds a connection; status reports need one more.
  const concurrency = Math.max(
    1,
    Math.min(config.projectorConcurrency, config.database.poolSize - 1),
  );
  if (concurrency < config.projectorConcurrency)
    console.error(
      `projector: PROJECTOR_CONCURRENCY ${config.projectorConcurrency} lowered to ${concurrency} (DB_POOL_SIZE ${config.database.poolSize})`,
    );
  const projector = new KafkaProjector(bus, database.dataSource, ALL_PROJECTIONS, {
    concurrency,
    sessionTimeoutMs: config.kafka.sessionTimeoutMs,
    log: (message) => console.error(message),
  });
  let lag: number | null = null;
  const report = async () => {
    lag = await projector.lag().catch(() => null);
    await saveStatus(database.dataSource, projector, lag).catch((error: Error) =>
      console.error(`projector: status not saved: ${error.message}`),
    );
  };
  const timer = setInterval(() => void report(), 2_000);
  // Serves /health before consuming starts: a projector waiting for its topics or the broker
  // says so (503) instead of exiting.
  const server = config.projectorMetricsPort
    ? serve(projector, () => lag, config.projectorMetricsPort, config.host)
    : null;
  console.error(
    `projector starting: brokers ${config.kafka.brokers.join(',')}, ${database.location}`,
  );
  const starting = projector.start().then(() => {
    if (projector.status().phase === 'running') console.error('projector consuming');
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void (async () => {
        clearInterval(timer);
        server?.close();
        await projector.stop();
        await starting;
        await bus.close();
        await database.close();
        process.exit(0);
      })();
    });
  }
}

async function saveStatus(
  dataSource: DataSource,
  projector: KafkaProjector,
  lag: number | null,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO projection_status (projection, source, lag, processed, errors, updated_at)
     SELECT name, 'kafka', $2, $3, $4, now() FROM unnest($1::text[]) AS name
     ON CONFLICT (projection) DO UPDATE SET source = 'kafka', lag = EXCLUDED.lag,
       processed = EXCLUDED.processed, errors = EXCLUDED.errors, updated_at = now()`,
    [projector.names, lag, projector.stats.processed, projector.stats.errors],
  );
}

function serve(
  projector: KafkaProjector,
  lag: () => number | null,
  port: number,
  host: string,
): Server {
  return serveStatus(
    {
      metrics: async () => [
        {
          name: 'st_projector_processed_events_total',
          help: 'Events this process applied (or found already applied)',
          type: 'counter',
          samples: [{ value: projector.stats.processed }],
        },
        {
          name: 'st_projector_dead_letters_total',
          help: 'Events sent to the dead-letter topic by this process',
          type: 'counter',
          samples: [{ value: projector.stats.deadLetters }],
        },
        {
          name: 'st_projector_errors_total',
          help: 'Failed batch attempts (each retried)',
          type: 'counter',
          samples: [{ value: projector.stats.errors }],
        },
        {
          name: 'st_projector_lag_messages',
          help: 'Messages on the event topics the group has not committed',
          type: 'gauge',
          samples: [{ value: lag() ?? NaN }],
        },
        {
          name: 'st_projector_assigned_partitions',
          help: 'Partitions of each event topic this process holds',
          type: 'gauge',
          samples: Object.entries(projector.status().assignment).map(([topic, partitions]) => ({
            labels: { topic },
            value: partitions.length,
          })),
        },
        {
          name: 'st_projector_healthy',
          help: '1 while consuming: joined, fetching, no batch failing for over 10 s',
          type: 'gauge',
          samples: [{ value: projector.status().healthy ? 1 : 0 }],
        },
      ],
      health: async () => {
        const status = projector.status();
        return {
          ok: status.healthy,
          status: status.healthy ? 'ok' : 'unhealthy',
          ...status,
          ...projector.stats,
          lag: lag(),
        };
      },
    },
    port,
    host,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

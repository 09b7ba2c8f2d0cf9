/**
 * apps/relay: publishes every stored event to Kafka, and the alerts the read models raise or
 * clear (the alerts topic). Needs DATABASE_URL and KAFKA_BROKERS;
 * run one per deployment (the checkpoint row is per relay name). Stops cleanly on SIGTERM.
 */
import { ConfigError, loadConfig } from '@app/config';
import { openDatabase } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { createEventStore } from '@app/event-store';
import type { Server } from 'node:http';
import { serveStatus } from '@app/application';
import { EVENT_CATEGORIES, KafkajsMessageBus, Relay } from '@app/messaging';
import { AlertAnnouncer } from '@app/projections';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.kafka)
    throw new ConfigError(['KAFKA_BROKERS is required for the relay (host:port,…)']);
  if (config.database.mode === 'embedded')
    throw new ConfigError([
      'DATABASE_URL is required for the relay (the embedded database has one user: the api)',
    ]);
  const database = await openDatabase(config.database, ALL_MIGRATIONS, 'statement-tracker-relay');
  const bus = new KafkajsMessageBus({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-relay`,
  });
  const relay = new Relay(createEventStore(database), bus, database.dataSource, {
    name: 'main',
    categories: EVENT_CATEGORIES,
    partitions: config.kafka.partitions,
    log: (message) => console.error(message),
  });
  await relay.start();
  // Raised and cleared alerts, from the read models' change log, on the alerts topic.
  const announcer = new AlertAnnouncer(database.dataSource, bus, {
    log: (message) => console.error(message),
  });
  await announcer.start();
  const server = config.relayMetricsPort
    ? serveMetrics(relay, config.relayMetricsPort, config.host)
    : null;
  console.error(`relay publishing to ${config.kafka.brokers.join(',')} from ${database.location}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void (async () => {
        server?.close();
        await relay.stop();
        await announcer.stop();
        await bus.close();
        await database.close();
        process.exit(0);
      })();
    });
  }
}

/** /metrics (Prometheus) and /health (JSON) of this relay process. */
function serveMetrics(relay: Relay, port: number, host: string): Server {
  const lag = () => relay.lag().catch(() => NaN);
  return serveStatus(
    {
      metrics: async () => {
        const stats = relay.snapshot();
        return [
          {
            name: 'st_relay_published_events_total',
            help: 'Events published since this process started',
            type: 'counter',
            samples: [{ value: stats.published }],
          },
          {
            name: 'st_relay_errors_total',
            help: 'Failed publish or read attempts (each retried)',
            type: 'counter',
            samples: [{ value: stats.errors }],
          },
          {
            name: 'st_relay_lag_events',
            help: 'Visible events not yet published',
            type: 'gauge',
            samples: [{ value: await lag() }],
          },
          {
            name: 'st_relay_already_published_events_total',
            help: 'Events found already in Kafka when replaying after a lost acknowledgement or a restart (not sent again)',
            type: 'counter',
            samples: [{ value: stats.alreadyPublished }],
          },
          {
            name: 'st_relay_healthy',
            help: '1 while the relay makes progress (no failure lasting over 5 s)',
            type: 'gauge',
            samples: [{ value: relay.healthy() ? 1 : 0 }],
          },
          {
            name: 'st_relay_running',
            help: '1 while the relay loop runs',
            type: 'gauge',
            samples: [{ value: stats.running ? 1 : 0 }],
          },
        ];
      },
      health: async () => {
        const stats = relay.snapshot();
        const ok = relay.healthy();
        return {
          ok,
          status: ok ? 'ok' : stats.running ? 'failing' : 'stopped',
          ...stats,
          lag: await lag(),
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

/**
 * apps/relay: publishes every stored event to Kafka. Needs DATABASE_URL and KAFKA_BROKERS;
 * run one per deployment (the checkpoint row is per relay name). Stops cleanly on SIGTERM.
 */
import { ConfigError, loadConfig } from '@app/config';
import { openDatabase } from '@app/database';
import { ALL_MIGRATIONS } from '@app/database/migrations';
import { createEventStore } from '@app/event-store';
import { KafkajsMessageBus, Relay } from '@app/messaging';

export const CATEGORIES = ['actor', 'source', 'statement', 'accusation', 'proposition'];

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
    categories: CATEGORIES,
    partitions: config.kafka.partitions,
    log: (message) => console.error(message),
  });
  await relay.start();
  console.error(`relay publishing to ${config.kafka.brokers.join(',')} from ${database.location}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void (async () => {
        await relay.stop();
        await bus.close();
        await database.close();
        process.exit(0);
      })();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

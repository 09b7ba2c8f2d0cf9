import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  // Close in order (HTTP, sealer, database, embedded Postgres) and exit 0 on SIGTERM/SIGINT.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      Logger.log(`${signal}: shutting down`, 'Main');
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
  const where =
    config.database.mode === 'embedded' ? `embedded Postgres in ${config.dataDir}` : 'Postgres';
  Logger.log(
    `statement-tracker api on http://${config.host}:${config.port} (${where}; Kafka ${config.kafka ? 'configured' : 'off'})`,
    'Main',
  );
}

main().catch((error: unknown) => {
  // Fail fast and say why: a bad setting or an unreachable database must not look like a hang.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApiApp } from './bootstrap';
import { dashboardDirectory } from './http/dashboard';

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
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  Logger.log(
    `statement-tracker api on ${url} (${where}; Kafka ${config.kafka ? 'configured' : 'off'})`,
    'Main',
  );
  Logger.log(
    dashboardDirectory()
      ? `dashboard: open ${url}/ and sign in with an API key${config.database.mode === 'embedded' ? ` (the admin key is in ${config.dataDir}/admin-key)` : ''}`
      : 'dashboard not built (npm run build): the API alone is served',
    'Main',
  );
}

main().catch((error: unknown) => {
  // Fail fast and say why: a bad setting or an unreachable database must not look like a hang.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

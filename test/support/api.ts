/** The api app on a test database, and supertest calls that carry an API key. */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import type { TestDatabase } from './database';

/** The bootstrap admin key every test app accepts. */
export const TEST_ADMIN_KEY = `st_testadmin001_${'T'.repeat(43)}`;

export async function startTestApi(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  const app = await createApiApp(
    loadConfig({
      DATABASE_URL: database.url,
      SEAL_INTERVAL_MS: '0',
      LOG_LEVEL: 'error',
      BOOTSTRAP_API_KEY: TEST_ADMIN_KEY,
      ...env,
    }),
  );
  await app.init();
  return app;
}

/** HTTP calls with `Authorization: Bearer <key>` (no key: anonymous). */
export function withKey(app: INestApplication, key: string | null = TEST_ADMIN_KEY) {
  const server = app.getHttpServer();
  const auth = <T extends request.Test>(test: T): T =>
    key ? (test.set('Authorization', `Bearer ${key}`) as T) : test;
  return {
    get: (url: string) => auth(request(server).get(url)),
    post: (url: string) => auth(request(server).post(url)),
    delete: (url: string) => auth(request(server).delete(url)),
  };
}

/**
 * Waits until the api's read models have applied every event it can see (`/health/details`
 * reports no lag), failing with what is behind after `seconds`.
 */
export async function readModelsCaughtUp(app: INestApplication, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const health = await withKey(app).get('/health/details').expect(200);
    const projections = health.body.projections.projections as Array<{ lag: number }>;
    if (projections.every((p) => p.lag === 0)) return;
    if (Date.now() > deadline)
      throw new Error(`read models behind: ${JSON.stringify(projections)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Register actors through the API (each must answer 201). */
export async function registerActors(
  app: INestApplication,
  actors: Array<Record<string, unknown>>,
  key: string = TEST_ADMIN_KEY,
): Promise<void> {
  for (const actor of actors) await withKey(app, key).post('/actors').send(actor).expect(201);
}

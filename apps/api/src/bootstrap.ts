import { INestApplication, LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { firstRepeatedMember } from './http/json-members';

const NEST_LEVELS: Record<AppConfig['logLevel'], NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** body-parser's verify hook: a body naming a member twice is a 400 naming it. */
function refuseRepeatedMembers(_request: unknown, _response: unknown, body: Buffer): void {
  const repeated = firstRepeatedMember(body.toString('utf8'));
  if (repeated !== null)
    throw Object.assign(new Error(`the member "${repeated}" appears more than once`), {
      status: 400,
      type: 'entity.repeated.member',
      field: repeated,
    });
}

/** Builds the HTTP app (used by main.ts and the e2e tests). */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: NEST_LEVELS[config.logLevel],
    bodyParser: false,
  });
  app.useBodyParser('json', {
    limit: '256kb',
    verify: refuseRepeatedMembers,
  } as Record<string, unknown>);
  app.disable('x-powered-by');
  // The client address the failed-authentication limit counts by: the socket's peer unless
  // TRUST_PROXY_HOPS says how many proxies' X-Forwarded-For entries to believe.
  app.set('trust proxy', config.trustProxyHops);
  // OpenAPI 3 at /docs (UI) and /docs-json; readable without a key.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('statement-tracker')
      .setDescription(
        'Who said what about whom: actors, sources, statements (with corrections, retractions, withdrawals, mentions, stances), accusations and their responses, propositions. Errors are RFC 9457 problem+json naming the field.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key: st_<id>_<secret>' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

import { INestApplication, LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { SCHEMA_REGISTRY } from '@app/application';
import { AppModule } from './app.module';
import { completeDocument } from './http/openapi';
import { firstRepeatedMember } from './http/json-members';
import { RAW_JSON } from './http/problem-details.filter';
import { serveDashboard } from './http/dashboard';

const NEST_LEVELS: Record<AppConfig['logLevel'], NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * body-parser's verify hook, before parsing: a body naming a member twice is a 400 naming it.
 * The text is kept on the request so that a parse error can say where it is (line, column).
 */
function refuseRepeatedMembers(request: object, _response: unknown, body: Buffer): void {
  const text = body.toString('utf8');
  (request as { [RAW_JSON]?: string })[RAW_JSON] = text;
  const repeated = firstRepeatedMember(text);
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
  serveDashboard(app);
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
      .build(),
  );
  SwaggerModule.setup('docs', app, completeDocument(document, SCHEMA_REGISTRY), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}

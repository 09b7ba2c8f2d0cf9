import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';

/** Built by scripts/build-web.mjs at `npm run build` / `npm start`; found from src or dist. */
export function dashboardDirectory(): string | null {
  const candidates = [
    join(__dirname, '..', '..', '..', '..', 'dist-web'),
    join(__dirname, '..', '..', '..', '..', '..', 'dist-web'),
    join(process.cwd(), 'dist-web'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

// The page loads only its own scripts and styles and talks only to this origin.
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The dashboard at `/` (its views are hash routes, so no API path is shadowed) and its
 * content-hashed assets under /assets/. Without a build, `/` says how to make one.
 */
export function serveDashboard(app: NestExpressApplication): void {
  const dir = dashboardDirectory();
  const http = app.getHttpAdapter().getInstance() as Express;
  http.get('/', (_req: Request, res: Response) => {
    // Read each time (600 bytes): a rebuild while the api runs is picked up at once.
    const page =
      dir && existsSync(join(dir, 'index.html')) ? readFileSync(join(dir, 'index.html')) : null;
    if (!page) {
      res
        .status(404)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            detail:
              'the dashboard is not built: run `npm run build` (or `npm start`); the API is at /docs',
          }),
        );
      return;
    }
    res.setHeader('Content-Security-Policy', POLICY);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('html').send(page);
  });
  if (dir)
    app.useStaticAssets(join(dir, 'assets'), {
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
    });
}

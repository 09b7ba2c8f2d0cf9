// Lint plus the import boundaries of the monorepo:
//  - libs/domain is pure: no Nest, TypeORM, Kafka, pg or Node I/O;
//  - each lib imports only the libs below it (LAYERS; docs/architecture.md draws them);
//  - apps never import each other; libs never import apps.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const APPS = ['api', 'cli', 'relay', 'projector'];
const appImports = (except) =>
  APPS.filter((app) => app !== except).map((app) => ({
    group: [`**/apps/${app}/**`, `**/${app}/src/**`, `@app/${app}`, `@app/${app}/*`],
    message: `apps are independent: share code through libs/, not apps/${app}`,
  }));

/**
 * The allowed arrows between libs: each lib may import the libs listed for it, and nothing
 * else of the repository. The order is the layering, bottom first.
 */
const LAYERS = {
  domain: [],
  config: [],
  extraction: [],
  database: ['config'],
  'event-store': ['config', 'database', 'domain'],
  access: ['config', 'database', 'domain'],
  messaging: ['config', 'database', 'domain', 'event-store'],
  projections: ['config', 'database', 'domain', 'event-store', 'messaging'],
  application: [
    'access',
    'config',
    'database',
    'domain',
    'event-store',
    'extraction',
    'messaging',
    'projections',
  ],
};
const LIBS = Object.keys(LAYERS);
const layerRule = (lib) => ({
  files: [`libs/${lib}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/apps/**'], message: 'libs never import apps' },
          ...LIBS.filter((other) => other !== lib && !LAYERS[lib].includes(other)).map((other) => ({
            // By alias, or by a relative path into the other lib's sources.
            group: [
              `@app/${other}`,
              `@app/${other}/*`,
              `**/libs/${other}/**`,
              `**/${other}/src/**`,
            ],
            message: `libs/${lib} may import only ${LAYERS[lib].join(', ') || 'nothing else in the repo'}: see docs/architecture.md`,
          })),
          {
            group: [`@app/${lib}`, `@app/${lib}/*`],
            message: `inside libs/${lib}, import its own files by relative path`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'kafkajs',
                'pg',
                'pg-*',
                '@electric-sql/*',
              ],
              message: 'libs/domain is pure TypeScript: no frameworks or drivers',
            },
            {
              group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process'],
              message: 'libs/domain does no I/O',
            },
            {
              group: ['@app/*', '**/apps/**', '../../*'],
              message: 'libs/domain depends on nothing else in the repo',
            },
          ],
        },
      ],
    },
  },
  ...LIBS.filter((lib) => lib !== 'domain').map(layerRule),
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...appImports(app),
            {
              group: ['**/apps/web/**', '**/web/src/**'],
              message: 'the dashboard is a client of the API only',
            },
          ],
        },
      ],
    },
  })),
  {
    // The dashboard speaks only the public HTTP API: no server code, no other app.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@app/*',
                '**/libs/**',
                '**/apps/api/**',
                '**/apps/cli/**',
                '**/apps/relay/**',
                '**/apps/projector/**',
                '@nestjs/*',
                'typeorm',
                'pg',
                'kafkajs',
                'node:*',
              ],
              message: 'apps/web is a browser client of the public HTTP API only',
            },
          ],
        },
      ],
    },
  },
);

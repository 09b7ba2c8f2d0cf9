#!/usr/bin/env node
// Builds the dashboard (apps/web) into dist-web/: index.html plus content-hashed assets.
// Everything comes from npm packages in node_modules; nothing is fetched at build or run time.
// Kept out of dist/ because `nest build` empties dist/ each time it runs.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist-web');
const quiet = process.argv.includes('--quiet');

rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(join(OUT_DIR, 'assets'), { recursive: true });
const started = Date.now();
const result = await build({
  entryPoints: { app: join(root, 'apps/web/src/main.tsx') },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: process.env.WEB_MINIFY !== '0',
  sourcemap: false,
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: join(OUT_DIR, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((file) =>
  file.replace(/^.*dist-web\//, ''),
);
const script = outputs.find((file) => /assets\/app-[^/]+\.js$/.test(file));
const style = outputs.find((file) => /assets\/app-[^/]+\.css$/.test(file));
if (!script) throw new Error('the dashboard build wrote no entry script');
const html = readFileSync(join(root, 'apps/web/index.html'), 'utf8')
  .replace('<!--STYLE-->', style ? `<link rel="stylesheet" href="/${style}" />` : '')
  .replace('<!--SCRIPT-->', `<script type="module" src="/${script}"></script>`);
writeFileSync(join(OUT_DIR, 'index.html'), html);
if (!quiet)
  console.log(
    `dashboard built into dist-web/ (${outputs.length} assets, ${Date.now() - started} ms)`,
  );

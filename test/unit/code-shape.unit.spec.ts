/**
 * The shape the code keeps: no source file over 600 lines but data tables, and no function over
 * 120 lines. Read with the TypeScript parser, so a long arrow function counts like any other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 120;
/** Data, not logic: tables of words, names and sample records, and schema migrations. */
const DATA_TABLES = [
  /^libs\/extraction\/src\/builtin-gazetteer\.ts$/,
  /^libs\/extraction\/src\/lexicon\//,
  /^libs\/application\/src\/seed\/sample-[a-z-]+\.ts$/,
  /\/migrations\/\d+-[a-z-]+\.ts$/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(path) ? [path] : [];
  });
}

const files = ['apps', 'libs', 'test', 'bench', 'scripts']
  .flatMap((dir) => sourceFiles(join(ROOT, dir)))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

function longFunctions(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(source) ?? '(anonymous)';
      // Test suites (describe() callbacks, describe…() builders): the file's length bounds them.
      const suite =
        /^describe/.test(name) ||
        (ts.isCallExpression(node.parent) &&
          /^(describe|it|test)\b/.test(node.parent.expression.getText(source)));
      if (!suite && end - start + 1 > MAX_FUNCTION_LINES)
        found.push(`${path}:${start + 1} ${name} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('code shape', () => {
  it(`keeps every source file to ${MAX_FILE_LINES} lines (data tables aside)`, () => {
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .filter(({ path }) => !DATA_TABLES.some((table) => table.test(path)))
      .map(({ path, text }) => ({ path, lines: text.split('\n').length }))
      .filter(({ lines }) => lines > MAX_FILE_LINES)
      .map(({ path, lines }) => `${path} (${lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`keeps every function to ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files
      .filter(({ path }) => !DATA_TABLES.some((table) => table.test(path)))
      .flatMap(({ path, text }) => longFunctions(path, text));
    expect(long).toEqual([]);
  });
});

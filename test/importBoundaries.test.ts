/**
 * What may import what, as the README's code map states it: a read (every `lib/**\/read*.ts`, and
 * every route that only answers GET) reaches no code that writes to the database or fits a model,
 * whatever the path of imports; and the product's code (app/, lib/, db/) imports no program
 * (cli/, simulator/, bench/) and no test support; features reach the poll's sequence (lib/ingest/)
 * only for the words of a failure. Type-only imports are erased at build time and are not followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''];

/** The project files a module imports at run time (static and dynamic imports, re-exports), repo-relative. */
export function runtimeImports(file: string, source = fs.readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [
    ...code.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]);
  const resolved: string[] = [];
  for (const specifier of specifiers) {
    let base: string;
    if (specifier.startsWith('@/')) base = specifier.slice(2);
    else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(file), specifier);
    else continue;
    const hit = EXTENSIONS.map((ext) => base + ext).find((candidate) => fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile());
    if (hit) resolved.push(hit);
  }
  return resolved;
}

/** Every project file reachable from `file`, with the chain of imports that reaches it. */
function reachable(file: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of runtimeImports(current)) {
      if (chains.has(next)) continue;
      chains.set(next, [...chains.get(current)!, next]);
      queue.push(next);
    }
  }
  return chains;
}

const WRITES = /\b(insert\s+into|delete\s+from|update\s+\w+\s+set|truncate\s+table|create\s+table|\.transaction\()/i;
/** Opening the database applies the migrations: the one writer every read needs. */
const CONNECTION = 'db/client.ts';

/** Whether a module writes to the database or fits a model, judged from its own code. */
function writesOrFits(file: string): string | null {
  if (file === CONNECTION || !/\.tsx?$/.test(file)) return null;
  const code = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const write = code.match(WRITES);
  if (write) return `writes (${write[0]})`;
  if (/(^|\/)fit[A-Z]\w*\.ts$/.test(file)) return 'fits a model';
  return null;
}

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (keep(child)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const READS = filesUnder('lib', (f) => /(^|\/)read[A-Z]?\w*\.ts$/.test(f) && !isTest(f));
const ROUTES = filesUnder('app/api', (f) => f.endsWith('/route.ts'));
const exportedMethods = (file: string) => [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
const GET_ONLY_ROUTES = ROUTES.filter((route) => exportedMethods(route).every((method) => method === 'GET'));
/**
 * GET routes that write by design: Vercel's cron calls the ingest route with GET, behind its secret.
 * Routes that also add, pause or remove (POST, PATCH, DELETE) answer their GET from a read module,
 * which is checked above.
 */
const WRITING_GET_ROUTES = ['app/api/cron/ingest/route.ts'];

describe('what may import what', () => {
  it('finds the reads and the GET routes it checks', () => {
    expect(READS).toEqual(expect.arrayContaining(['lib/forecast/read.ts', 'lib/hotspots/readHotspots.ts', 'lib/profile/read.ts', 'lib/systems/readState.ts']));
    expect(GET_ONLY_ROUTES).toEqual(expect.arrayContaining(['app/api/forecast/route.ts', 'app/api/hotspots/route.ts', 'app/api/profile/route.ts']));
    expect(GET_ONLY_ROUTES).toEqual(expect.arrayContaining(WRITING_GET_ROUTES));
  });

  it('recognises writing and fitting code, so that the checks below can fail', () => {
    expect(writesOrFits('lib/forecast/store.ts')).toMatch(/^writes/);
    expect(writesOrFits('lib/ingest/storePoll.ts')).toMatch(/^writes/);
    expect(writesOrFits('lib/forecast/fitStored.ts')).toBe('fits a model');
    expect(writesOrFits('lib/forecast/sql.ts')).toBeNull();
    // The ingest route reaches the poll's writes: the walk follows imports through every layer.
    const ingest = reachable('app/api/cron/ingest/route.ts');
    expect([...ingest.keys()].filter((f) => writesOrFits(f))).toEqual(expect.arrayContaining(['lib/ingest/storePoll.ts', 'lib/forecast/store.ts']));
    expect(runtimeImports('x/a.ts', "import type { A } from '@/lib/forecast/store';\nimport { b } from '@/lib/forecast/sql';")).toEqual(['lib/forecast/sql.ts']);
  });

  it.each([...READS, ...GET_ONLY_ROUTES.filter((r) => !WRITING_GET_ROUTES.includes(r))])('%s reaches no code that writes or fits', (file) => {
    const offending = [...reachable(file)].flatMap(([module, chain]) => {
      const why = writesOrFits(module);
      return why ? [`${chain.join(' → ')}: ${why}`] : [];
    });
    expect(offending).toEqual([]);
  });

  it('features reach the poll’s sequence only for the words of a failure; only the cron route starts polls', () => {
    // lib/import/ is the poll's bulk twin: it lands what storePoll lands, with the poll's own diff and SQL.
    const outside = [...filesUnder('app', (f) => /\.tsx?$/.test(f)), ...filesUnder('lib', (f) => /\.tsx?$/.test(f) && !isTest(f) && !/^lib\/(ingest|import)\//.test(f))];
    const offending = outside.flatMap((file) =>
      runtimeImports(file)
        .filter((target) => target.startsWith('lib/ingest/') && target !== 'lib/ingest/failure.ts' && !WRITING_GET_ROUTES.includes(file))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
    // The one exception is real: the cron route does import the poll's sequence.
    expect(runtimeImports('app/api/cron/ingest/route.ts')).toContain('lib/ingest/pollSystem.ts');
  });

  it('the product (app, lib, db) imports no program and no test support', () => {
    const product = [...filesUnder('app', (f) => /\.tsx?$/.test(f)), ...filesUnder('lib', (f) => /\.tsx?$/.test(f) && !isTest(f)), ...filesUnder('db', (f) => /\.ts$/.test(f) && !isTest(f))];
    const offending = product.flatMap((file) => runtimeImports(file).filter((target) => /^(cli|simulator|bench|test|e2e)\//.test(target)).map((target) => `${file} → ${target}`));
    expect(offending).toEqual([]);
  });
});

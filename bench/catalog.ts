/**
 * `npm run bench:catalog`: what the catalog of public GBFS systems costs, on the recorded copy
 * ($GBFS_SAMPLES_DIR/catalog/systems.csv, 1,520 systems): parsing it, storing it (PGlite), building
 * the search index, and answering a search as GET /api/catalog does (the stored copy and its index
 * kept, as between two refreshes). The baseline, measured in the same run: one plain scan of the
 * systems comparing folded text (what a search without an index would cost per keystroke).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCatalogCsv } from '@/lib/catalog/parse';
import { readCatalog } from '@/lib/catalog/read';
import { buildCatalogIndex, foldText } from '@/lib/catalog/search';
import { replaceCatalog } from '@/lib/catalog/store';
import { withThrowawayDatabase } from './databases';
import { median, ms, timed } from './timing';

const SAMPLES = process.env.GBFS_SAMPLES_DIR;
if (!SAMPLES) {
  console.error('GBFS_SAMPLES_DIR is not set: it names the folder of recorded feeds holding catalog/systems.csv');
  process.exit(2);
}
const QUERIES = ['oslo', 'velib', 'new york', 'lüneburg', 'bysykkel bergen', 'lime', 'montreal', 'norway'];
const ROUNDS = 50;

const bytes = fs.readFileSync(path.join(SAMPLES, 'catalog', 'systems.csv'));
const timesOf = async (run: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push((await timed(async () => run()))[0]);
  return median(times);
};

const parseMs = await timesOf(() => parseCatalogCsv(bytes));
const { systems } = parseCatalogCsv(bytes);
const indexMs = await timesOf(() => buildCatalogIndex(systems));
const index = buildCatalogIndex(systems);
const folded = systems.map((s) => foldText(`${s.name} ${s.location} ${s.id} ${s.countryCode}`));
const scanMs = await timesOf(() =>
  QUERIES.map((q) => {
    const words = foldText(q).split(' ');
    return folded.filter((text) => words.every((word) => text.includes(word)));
  }),
);
const searchMs = await timesOf(() => QUERIES.map((q) => index.search({ q })));

const figures = await withThrowawayDatabase({ kind: 'pglite', adminUrl: '' }, async ({ db }) => {
  const [storeMs] = await timed(() => replaceCatalog(db, { systems, skippedLines: 0 }, 'file:///bench/systems.csv', new Date()));
  await readCatalog(db, { q: 'oslo', limit: 50, offset: 0 });
  const answerMs = await timesOf(async () => {
    for (const q of QUERIES) await readCatalog(db, { q, limit: 50, offset: 0 });
  });
  return { storeMs, answerMs };
});

const perQuery = (value: number) => `${Math.round((value / QUERIES.length) * 1000)} µs`;
console.log(`catalog: ${systems.length} systems, ${(bytes.length / 1024).toFixed(0)} KiB`);
console.log(`parse ${ms(parseMs)} ms; store (PGlite) ${ms(figures.storeMs)} ms; build the index ${ms(indexMs)} ms (once per copy)`);
console.log(`a search: ${perQuery(searchMs)} with the index, ${perQuery(scanMs)} for a plain scan (baseline), ratio ${(searchMs / scanMs).toFixed(2)}`);
console.log(`GET /api/catalog's answer (PGlite, copy and index kept): ${perQuery(figures.answerMs)} a search, ratio ${(figures.answerMs / scanMs).toFixed(2)} to the plain scan`);

/**
 * `npm run systems -- list | add URL [--id ID] | add --catalog ID | add --search TEXT | catalog [TEXT] [--refresh] | remove ID [--purge] | pause ID | resume ID`:
 * the systems this app collects, changed in the database (a running server sees the change at its
 * next poll round). On the embedded database a running server holds it: use POST /api/systems then.
 * `add --catalog` and `add --search` add a system of the catalog of public GBFS systems
 * (MobilityData's systems.csv, lib/catalog); `catalog` searches it (--refresh reads it first).
 */
import { parseArgs } from 'node:util';
import { configOrExit } from '@/lib/config';
import { addSystem, type AddSystemRequest } from '@/lib/systems/add';
import { removeSystem, setSystemPaused } from '@/lib/systems/manage';
import { listedSystems } from '@/lib/systems/listed';
import { systemIdSchema } from '@/lib/systems/catalog';
import { readCatalog } from '@/lib/catalog/read';
import { refreshCatalog } from '@/lib/catalog/refresh';
import { catalogQuerySchema, type CatalogResponse } from '@/lib/catalog/schemas';
import { closeDatabase, DatabaseOpenError, getDatabase, type Database } from '@/db/client';
import { DataDirBusyError } from '@/db/dataDirLock';

const USAGE = [
  'usage: npm run systems -- list',
  '       npm run systems -- add URL [--id ID] | add --catalog ID [URL] [--id ID] [--key KEY] | add --search TEXT [--id ID] [--key KEY]',
  '       npm run systems -- catalog [TEXT] [--country CC] [--refresh]',
  '       npm run systems -- remove ID [--purge] | pause ID | resume ID',
].join('\n');

class UsageError extends Error {}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      purge: { type: 'boolean', default: false },
      catalog: { type: 'string' },
      search: { type: 'string' },
      key: { type: 'string' },
      country: { type: 'string' },
      refresh: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
configOrExit();

function argument(name: string): string {
  const value = positionals[1];
  if (value === undefined || positionals.length > 2) throw new UsageError(`${positionals[0]} takes one ${name}\n${USAGE}`);
  return value;
}

function systemId(value: string): string {
  const parsed = systemIdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`"${value}": ${parsed.error.issues[0].message}`);
  return parsed.data;
}

async function run(): Promise<string> {
  const command = positionals[0];
  if (command === undefined) throw new UsageError(USAGE);
  if (command === 'add') {
    const id = values.id === undefined ? undefined : systemId(values.id);
    const url = positionals.length > 1 ? argument('URL') : undefined;
    if (values.catalog !== undefined && values.search !== undefined) throw new UsageError(`add takes --catalog ID or --search TEXT, not both\n${USAGE}`);
    if (values.catalog === undefined && values.search === undefined && url === undefined) throw new UsageError(`add takes a URL, --catalog ID or --search TEXT\n${USAGE}`);
    if (values.search !== undefined && url !== undefined) throw new UsageError(`add --search takes no URL\n${USAGE}`);
    if (values.key !== undefined && values.catalog === undefined && values.search === undefined) throw new UsageError('--key goes with --catalog or --search (the catalog says how the feed takes it)');
    const database = await getDatabase();
    // With --catalog, a URL chooses between systems the catalog lists under one id.
    const request: AddSystemRequest =
      values.search !== undefined
        ? { catalogId: await onlyMatch(database, values.search), id, key: values.key }
        : { catalogId: values.catalog, url, id, key: values.key };
    const added = await addSystem(database.db, request);
    return `added ${added.id}: ${added.name} (${added.timezone}, GBFS ${added.version ?? 'version unknown'}, ${added.stations} stations), polled from the next round`;
  }
  if (command === 'catalog') {
    if (positionals.length > 2) throw new UsageError(USAGE);
    const query = catalogQuerySchema.safeParse({ q: positionals[1], country: values.country });
    if (!query.success) throw new UsageError(query.error.issues[0].message);
    const { db } = await getDatabase();
    if (values.refresh) {
      const refresh = await refreshCatalog(db);
      if (refresh.status === 'failed') throw new Error(`the catalog cannot be read: ${refresh.error}`);
    }
    return describeCatalog(await readCatalog(db, query.data));
  }
  if (command === 'list') {
    if (positionals.length > 1) throw new UsageError(USAGE);
    const { db } = await getDatabase();
    const systems = await listedSystems(db, { fresh: true });
    return systems.map((s) => [s.id, s.source, s.paused ? 'paused' : 'polled', s.gbfsUrl].join('\t')).join('\n') || 'no system is listed';
  }
  if (command === 'remove') {
    const id = systemId(argument('system id'));
    const { db } = await getDatabase();
    const removed = await removeSystem(db, id, { purge: values.purge });
    return removed.purged ? `removed ${id} and its ${removed.rowsDeleted} stored rows` : `removed ${id}; its data is kept (add it again under the same id to serve it, or remove --purge)`;
  }
  if (command === 'pause' || command === 'resume') {
    const id = systemId(argument('system id'));
    const { db } = await getDatabase();
    await setSystemPaused(db, id, command === 'pause');
    return command === 'pause' ? `paused ${id}: no longer polled, its data still served` : `resumed ${id}: polled from the next round`;
  }
  throw new UsageError(`unknown command "${command}"\n${USAGE}`);
}

/** The catalog lines of an answer, one system a line, with what a person needs to add one. */
function describeCatalog(answer: CatalogResponse): string {
  const lines = answer.systems.map((s) =>
    [s.id, s.name, `${s.location}, ${s.countryCode}`, s.collected ? 'collected' : s.needsKey ? 'needs a key' : s.hasStations === false ? 'no stations' : '', s.autoDiscoveryUrl].join('\t'),
  );
  const more = answer.total > answer.systems.length ? [`… ${answer.total - answer.systems.length} more`] : [];
  return [...(answer.notice ? [answer.notice] : []), ...lines, ...more, `${answer.total} systems; ${answer.source.attribution}`].join('\n');
}

/** The System ID of the one catalog system matching `text`; none or several is the user's to settle. */
async function onlyMatch({ db }: Database, text: string): Promise<string> {
  let answer = await readCatalog(db, { q: text, limit: 10, offset: 0 });
  if (answer.readAt === null) {
    const refresh = await refreshCatalog(db);
    if (refresh.status === 'failed') throw new Error(`the catalog cannot be read: ${refresh.error}`);
    answer = await readCatalog(db, { q: text, limit: 10, offset: 0 });
  }
  if (answer.total === 1) return answer.systems[0].id;
  if (answer.total === 0) throw new Error(`no system of the catalog matches "${text}"`);
  throw new Error(`${answer.total} systems of the catalog match "${text}"; add one with --catalog ID:\n${describeCatalog(answer)}`);
}

let exitCode = 0;
try {
  console.log(await run());
} catch (error) {
  exitCode = error instanceof UsageError ? 2 : 1;
  const busy = error instanceof DatabaseOpenError && error.cause instanceof DataDirBusyError ? error.cause : null;
  console.error(busy ? `${busy.message}\nWhile it runs, change its systems through POST /api/systems (see README).` : (error as Error).message);
} finally {
  await closeDatabase();
}
process.exit(exitCode);

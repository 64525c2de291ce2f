/**
 * `npm run systems -- list | add URL [--id ID] | remove ID [--purge] | pause ID | resume ID`:
 * the systems this app collects, changed in the database (a running server sees the change at its
 * next poll round). On the embedded database a running server holds it: use POST /api/systems then.
 */
import { parseArgs } from 'node:util';
import { configOrExit } from '@/lib/config';
import { addSystem } from '@/lib/systems/add';
import { removeSystem, setSystemPaused } from '@/lib/systems/manage';
import { listedSystems } from '@/lib/systems/listed';
import { systemIdSchema } from '@/lib/systems/catalog';
import { closeDatabase, DatabaseOpenError, getDatabase } from '@/db/client';
import { DataDirBusyError } from '@/db/dataDirLock';

const USAGE = 'usage: npm run systems -- list | add URL [--id ID] | remove ID [--purge] | pause ID | resume ID';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { id: { type: 'string' }, purge: { type: 'boolean', default: false } },
});
configOrExit();

function argument(name: string): string {
  const value = positionals[1];
  if (value === undefined || positionals.length > 2) throw new UsageError(`${positionals[0]} takes one ${name}\n${USAGE}`);
  return value;
}

class UsageError extends Error {}

function systemId(value: string): string {
  const parsed = systemIdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`"${value}": ${parsed.error.issues[0].message}`);
  return parsed.data;
}

async function run(): Promise<string> {
  const command = positionals[0];
  if (command === undefined) throw new UsageError(USAGE);
  if (command === 'add') {
    const url = argument('URL');
    const id = values.id === undefined ? undefined : systemId(values.id);
    const { db } = await getDatabase();
    const added = await addSystem(db, { url, id });
    return `added ${added.id}: ${added.name} (${added.timezone}, GBFS ${added.version ?? 'version unknown'}, ${added.stations} stations), polled from the next round`;
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

let exitCode = 0;
try {
  console.log(await run());
} catch (error) {
  exitCode = 1;
  const busy = error instanceof DatabaseOpenError && error.cause instanceof DataDirBusyError ? error.cause : null;
  console.error(busy ? `${busy.message}\nWhile it runs, change its systems through POST /api/systems (see README).` : (error as Error).message);
} finally {
  await closeDatabase();
}
process.exit(exitCode);

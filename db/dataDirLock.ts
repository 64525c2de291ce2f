/**
 * PGlite is a single-process database: two processes on one folder corrupt it. A pid file makes
 * the second one (say `npm run ingest` while the server runs) stop with a clear message.
 */
import fs from 'node:fs';
import path from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. ` +
        'Stop it, or call its /api/cron/ingest route instead of opening the database twice.',
    );
    this.name = 'DataDirBusyError';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'pglite.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder === process.pid) return () => {};
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DataDirBusyError(dataDir, holder);
      fs.rmSync(lockFile, { force: true }); // left by a process that died
    }
  }
  throw new Error(`Could not take the lock file ${lockFile}`);
}

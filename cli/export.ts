/**
 * `npm run export -- --system ID --start D1 --end D2 --table hourly|statuses [--format parquet|csv] [--out FILE]`:
 * a period of the hourly rollups or raw statuses as Parquet or CSV, to FILE or stdout, streamed.
 * The file appears under its name only once complete: a failed export leaves no half file.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ApiError } from '@/lib/api/errors';
import { exportQuerySchema } from '@/lib/export/schemas';
import { configOrExit } from '@/lib/config';
import { describeError } from '@/lib/errors';
import { openExport } from '@/lib/export/exportPeriod';
import { closeDatabase } from '@/db/client';

const USAGE = 'usage: npm run export -- --start YYYY-MM-DD --end YYYY-MM-DD --table hourly|statuses [--system ID] [--format parquet|csv] [--out FILE]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        system: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        table: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

const args = parseCommandLine();
// Without --format, the name given to --out decides: a .csv file gets CSV.
const format = args.format ?? (args.out?.toLowerCase().endsWith('.csv') ? 'csv' : undefined);
const parsed = exportQuerySchema.safeParse({ system: args.system, start: args.start, end: args.end, table: args.table, format });
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  const option = issue.path.length > 0 ? `--${String(issue.path[0])}: ` : '';
  fail(`${option}${issue.message}\n${USAGE}`);
}
const query = parsed.data;
if (!args.out && query.format === 'parquet' && process.stdout.isTTY) {
  fail('Parquet is binary: give --out FILE, or redirect stdout to a file (npm run -s export -- … > file.parquet).');
}
configOrExit();

let exitCode = 0;
const partial = args.out ? `${args.out}.partial` : null;
try {
  const started = Date.now();
  const file = await openExport(query);
  if (args.out && partial) {
    await pipeline(Readable.from(file.chunks), fs.createWriteStream(partial));
    fs.renameSync(partial, args.out);
  } else {
    // stdout stays open (it is the process's), and is drained before the process exits.
    await pipeline(Readable.from(file.chunks), process.stdout, { end: false });
    await new Promise<void>((resolve, reject) => process.stdout.write('', (error) => (error ? reject(error) : resolve())));
  }
  const where = args.out ?? 'stdout';
  console.error(
    `${file.system.id} ${query.table} ${query.start}..${query.end}: ${file.progress.rows} rows, ${file.progress.bytes} bytes of ${query.format} to ${where} in ${Date.now() - started} ms`,
  );
} catch (error) {
  if (partial) fs.rmSync(partial, { force: true });
  // The reader of stdout stopped reading (`| head`): what it wanted, not a failure.
  const readerLeft = !partial && (error as NodeJS.ErrnoException).code === 'EPIPE';
  if (!readerLeft) {
    console.error(error instanceof ApiError ? `--${error.parameter ?? 'system'}: ${error.message}` : `export failed: ${describeError(error)}`);
    exitCode = 1;
  }
} finally {
  await closeDatabase();
}
process.exit(exitCode);

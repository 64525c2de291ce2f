/**
 * `npm run bench:export [-- --postgres URL] [--heap-mb 48] [--rounds 3]`: the memory of
 * `npm run export` on a period larger than its heap. 1.6 million raw statuses (2,000 stations
 * polled every 90 s for 20 hours of one day, 120-odd MB as Postgres stores them) are exported as
 * Parquet by the command in a child process started with --max-old-space-size=HEAP_MB; its peak
 * resident set (test/support/reportPeakMemory.mjs) is compared with the same command's on a day
 * without data, measured in the same run, rounds alternating: the fixed part (Node, tsx, the
 * drivers) cancels out, what is left is what the period cost.
 *
 * Target: the rise over the empty day stays within the V8 heap limit plus 32 MB (buffers and the
 * file are not held outside the heap). Printed, never asserted by the test suite: a shared, loaded
 * machine moves these figures (test/export.test.ts checks what the export writes).
 * The exit code is 1 only when an export fails or misses rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { localDayWindow } from '@/lib/calendar';
import { fillBigStatuses, statusFigures } from '@/test/support/bigStatuses';
import { runExportCommand, type ExportCommandResult } from '@/test/support/runCommand';
import { withThrowawayDatabase } from './databases';

const SYSTEM = 'big';
const ZONE = 'Europe/Paris';
const STATIONS = 2_000;
const POLLS = 800;
const STEP_SECONDS = 90;
const DAY = '2025-06-01';
const EMPTY_DAY = '2025-01-01';
/** What may sit outside the V8 heap while exporting: the encoder's buffers, the socket's, the write stream's. */
const OUTSIDE_HEAP_MB = 32;

const { values } = parseArgs({
  options: {
    postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'heap-mb': { type: 'string', default: '48' },
    rounds: { type: 'string', default: '3' },
  },
});
const heapMb = Number(values['heap-mb']);
const rounds = Number(values.rounds);
if (!Number.isInteger(heapMb) || heapMb < 16 || !Number.isInteger(rounds) || rounds < 1) {
  console.error('--heap-mb must be a whole number of MB (at least 16), --rounds a whole number (at least 1)');
  process.exit(2);
}

const mb = (bytes: number) => bytes / 2 ** 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-bench-export-'));

try {
  await withThrowawayDatabase({ kind: 'postgres', adminUrl: values.postgres! }, async (database, name) => {
    const url = new URL(values.postgres!);
    url.pathname = `/${name}`;
    const range = localDayWindow(DAY, 0, 24, ZONE);
    console.log(`filling ${STATIONS * POLLS} statuses…`);
    await fillBigStatuses(database.db, { systemId: SYSTEM, timezone: ZONE, stations: STATIONS, polls: POLLS, start: range.start, stepSeconds: STEP_SECONDS });
    const figures = await statusFigures(database.db, SYSTEM, range);

    const exportDay = async (day: string): Promise<ExportCommandResult> => {
      const out = path.join(folder, `${day}.parquet`);
      const result = await runExportCommand(['--system', SYSTEM, '--start', day, '--end', day, '--table', 'statuses', '--out', out], {
        heapLimitMb: heapMb,
        env: { DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' },
      });
      const rows = day === DAY ? figures.rows : 0;
      if (result.exitCode !== 0 || !result.stderr.includes(`: ${rows} rows,`)) {
        throw new Error(`the export of ${day} failed or missed rows (exit ${result.exitCode}): ${result.stderr.slice(0, 500)}`);
      }
      fs.rmSync(out, { force: true });
      return result;
    };

    const empty: ExportCommandResult[] = [];
    const big: ExportCommandResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      empty.push(await exportDay(EMPTY_DAY));
      big.push(await exportDay(DAY));
      console.log(`round ${round}: peak RSS ${mb(empty.at(-1)!.peakRssBytes).toFixed(0)} MB for the empty day, ${mb(big.at(-1)!.peakRssBytes).toFixed(0)} MB for ${DAY} (${big.at(-1)!.ms} ms)`);
    }

    const heapLimit = mb(big[0].heapLimitBytes);
    const [emptyPeak, bigPeak] = [mb(median(empty.map((r) => r.peakRssBytes))), mb(median(big.map((r) => r.peakRssBytes)))];
    const rise = bigPeak - emptyPeak;
    const limit = heapLimit + OUTSIDE_HEAP_MB;
    console.log(
      [
        `export of ${figures.rows} statuses (${mb(figures.storedBytes).toFixed(0)} MB as Postgres stores them) by npm run export under --max-old-space-size=${heapMb} (V8 heap limit ${heapLimit.toFixed(0)} MB), median of ${rounds} rounds, ${median(big.map((r) => r.ms))} ms:`,
        `  peak RSS ${bigPeak.toFixed(0)} MB, against ${emptyPeak.toFixed(0)} MB for a day without data in the same run: ${(bigPeak / emptyPeak).toFixed(2)}×, a rise of ${rise.toFixed(0)} MB`,
        `  the period is ${(mb(figures.storedBytes) / heapLimit).toFixed(1)}× the heap limit; the rise is ${(rise / heapLimit).toFixed(2)}× it`,
        `  target (rise ≤ heap limit + ${OUTSIDE_HEAP_MB} MB = ${limit.toFixed(0)} MB): ${rise <= limit ? 'met' : 'MISSED'}`,
      ].join('\n'),
    );
  });
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}

/**
 * `npm run soak [-- --seconds N]`: the long form of test/soak.test.ts (N seconds per database
 * kind, 300 by default), run by vitest so that it shares the test's setup, databases and
 * assertions. Its report line gives polls, reads, heap and RSS; the exit code is vitest's.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

const VITEST = path.join('node_modules', 'vitest', 'vitest.mjs');
const DEFAULT_SECONDS = 300;
/** A soak is bounded: an hour per database kind at most. */
const MAX_SECONDS = 3_600;

const { values } = parseArgs({ options: { seconds: { type: 'string', default: String(DEFAULT_SECONDS) } } });
const seconds = Number(values.seconds);
if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS) {
  console.error(`--seconds must be a whole number from 1 to ${MAX_SECONDS}`);
  process.exit(2);
}
const run = spawnSync(process.execPath, [VITEST, 'run', 'test/soak.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SOAK_SECONDS: String(seconds) },
});
process.exit(run.status ?? 1);

/**
 * `npm run import -- DIR [DIR…] [--system ID] [--info FILE] [--timezone ZONE] [--name NAME]
 * [--url GBFS_URL] [--max-gap S] [--json]`: lands an archive of recorded feeds in the database
 * (DATABASE_URL, else the embedded one in DATA_DIR) at bulk speed, exactly as polling its
 * snapshots one by one would have (lib/import/). A progress line on a terminal, a summary at the
 * end (JSON with --json). Exit 0 done, 1 refused or failed (nothing written), 2 bad arguments.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/db/client';
import { configOrExit } from '@/lib/config';
import { withoutLogs } from '@/lib/log';
import { importArchive, ImportInputError, type ImportProgress, type ImportSummary } from '@/lib/import/importArchive';
import { ImportRefusedError } from '@/lib/import/land';

const USAGE =
  'usage: npm run import -- DIR [DIR…] [--system ID] [--info FILE] [--timezone ZONE] [--name NAME] [--url GBFS_URL] [--max-gap SECONDS] [--json]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      system: { type: 'string' },
      info: { type: 'string' },
      timezone: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      'max-gap': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
if (positionals.length === 0) fail(`name the folder to import\n${USAGE}`, 2);
for (const root of positionals) if (!fs.existsSync(root)) fail(`${root} does not exist\n${USAGE}`, 2);
if (values.info !== undefined && !fs.existsSync(values.info)) fail(`--info ${values.info} does not exist`, 2);
if (values.url !== undefined && !/^https?:\/\//.test(values.url)) fail(`--url ${values.url} is not an http(s) URL of a gbfs.json`, 2);
const config = configOrExit();
const maxGapSeconds = values['max-gap'] === undefined ? config.MAX_GAP_SECONDS : Number(values['max-gap']);
if (!Number.isInteger(maxGapSeconds) || maxGapSeconds <= 0) fail(`--max-gap ${values['max-gap']} is not a whole number of seconds`, 2);

const number = (n: number) => Math.round(n).toLocaleString('en-US');
const duration = (seconds: number) => (seconds >= 120 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(1)} s`);

/** On a terminal one line rewritten in place; in a log a line at each phase and every tenth of the snapshots. */
function progressReporter() {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let lastDrawn = 0;
  let lastPhase = '';
  return (progress: ImportProgress) => {
    const elapsed = (performance.now() - started) / 1000;
    let line: string;
    let step: string = progress.phase;
    if (progress.phase === 'reading') {
      line = `reading files: ${number(progress.files)} of ${number(progress.total)}`;
    } else if (progress.phase === 'landing') {
      const rate = progress.statuses / Math.max(elapsed, 1e-3);
      const left = progress.total - progress.snapshots;
      const eta = progress.snapshots > 0 ? (elapsed / progress.snapshots) * left : NaN;
      line = `landing snapshots: ${number(progress.snapshots)} of ${number(progress.total)}, ${number(progress.statuses)} statuses (${number(rate)}/s)${Number.isFinite(eta) ? `, ETA ${duration(eta)}` : ''}`;
      step = `landing ${Math.floor((10 * progress.snapshots) / Math.max(progress.total, 1))}`;
    } else if (progress.phase === 'tiers') {
      line = 'deriving the daily tiers';
    } else {
      line = 'fitting the forecast on the whole history';
    }
    if (tty) {
      const now = performance.now();
      if (progress.phase === lastPhase && now - lastDrawn < 100) return;
      lastDrawn = now;
      lastPhase = progress.phase;
      process.stderr.write(`\r\x1b[2K${line}`);
    } else if (step !== lastPhase) {
      lastPhase = step;
      console.error(line);
    }
  };
}

function describeSummary(summary: ImportSummary): string {
  const { system, files, snapshots, gaps, rows } = summary;
  const zone = { system_information: 'from its system_information', option: 'from --timezone', stations: "from its stations' position; --timezone to set another" }[system.zoneSource];
  const kinds = Object.entries(files.byKind).filter(([, n]) => n > 0).map(([kind, n]) => `${number(n)} ${kind}`).join(', ');
  const skipped = Object.entries(files.skipped).map(([reason, n]) => `${reason} ${number(n)}`).join(', ');
  const examples = Object.values(files.examples).map((example) => `    e.g. ${example}`);
  const listing = {
    configured: 'polled and served as configured',
    added: 'listed as an added system: served, and polled from its feed',
    'added, paused': `listed as an added system, paused (there is no feed to poll; it is served like any other)`,
  }[system.listing];
  const lines = [
    snapshots.landed > 0
      ? `imported ${number(snapshots.landed)} snapshots of ${system.id} (${system.name}), ${snapshots.first} to ${snapshots.last}, in ${duration(summary.seconds.total)} (${number(summary.statusesPerSecond)} statuses/s)`
      : `nothing new to import for ${system.id}: its polls already reach ${snapshots.previous}`,
    `  time zone ${system.timezone} (${zone}); ${listing}`,
    `  files: ${number(files.read)} read: ${kinds}${files.latin1 ? `; ${number(files.latin1)} not UTF-8, read as Windows-1252 as a poll would` : ''}`,
    ...(skipped ? [`  files skipped: ${skipped}`, ...examples] : []),
    ...(snapshots.previous && snapshots.landed > 0 ? [`  continues the stored polls from ${snapshots.previous}`] : []),
    `  gaps longer than ${number(gaps.maxGapSeconds)} s (left unobserved): ${number(gaps.count)}, ${duration(gaps.unobservedSeconds)} in all` +
      (gaps.longest.length ? `; longest ${gaps.longest[0].from} to ${gaps.longest[0].to} (${duration(gaps.longest[0].seconds)})` : ''),
    `  rows: ${number(rows.statuses)} statuses read, ${number(rows.statusRows)} raw status rows, ${number(rows.versionRows)} description versions, ${number(rows.hourlyRows)} hourly rollups${summary.tiersFrom ? `, daily tiers from ${summary.tiersFrom}` : ''}`,
    ...(Object.keys(summary.skippedRecords).length ? [`  records skipped or corrected: ${Object.entries(summary.skippedRecords).map(([r, n]) => `${r} ${number(n)}`).join(', ')}`] : []),
    `  forecast: ${summary.forecast.fitted ? `fitted on ${number(summary.forecast.stations ?? 0)} stations, the newest snapshot's forecast issued` : `not fitted: ${summary.forecast.reason}`}`,
  ];
  if (gaps.maxGapSeconds !== config.MAX_GAP_SECONDS) {
    lines.push(`  imported with --max-gap ${gaps.maxGapSeconds}: serve it (and rebuild it) with MAX_GAP_SECONDS=${gaps.maxGapSeconds} for the same figures`);
  } else if (snapshots.landed > 1 && gaps.count > snapshots.landed / 2) {
    lines.push(`  most snapshots are more than ${gaps.maxGapSeconds} s apart, so most of the time is unobserved: import again with a larger --max-gap (and MAX_GAP_SECONDS) into a fresh system id`);
  }
  return lines.join('\n');
}

let exitCode = 0;
try {
  const { db } = await getDatabase();
  const summary = await withoutLogs(() =>
    importArchive(db, {
      roots: positionals,
      systemId: values.system,
      name: values.name,
      timezone: values.timezone,
      infoFile: values.info,
      url: values.url,
      maxGapSeconds,
      onProgress: values.json && !process.stderr.isTTY ? undefined : progressReporter(),
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  console.log(values.json ? JSON.stringify(summary, null, 2) : describeSummary(summary));
} catch (error) {
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (error instanceof ImportInputError) {
    console.error(error.message);
    exitCode = 2;
  } else if (error instanceof ImportRefusedError) {
    console.error(error.message);
    exitCode = 1;
  } else {
    console.error(`the import failed, nothing was written: ${(error as Error).message}`);
    exitCode = 1;
  }
} finally {
  await closeDatabase();
}
process.exit(exitCode);

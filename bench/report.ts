/** The benchmark's figures as Markdown tables: what `npm run bench` prints and the README shows. */
import type { DatabaseKind } from '@/db/client';
import type { HistoryFigures, StageFigures } from './historyStages';
import type { WorldFigures } from './ingestWorld';
import type { NaiveCheck } from './naiveCheck';
import { LOAD_TARGETS, type LoadFigures, type Target } from './load';
import type { FrontendFigures } from './frontend';

export interface BenchResults {
  machine: string;
  date: string;
  settings: { rawRetentionDays: number; pollsPerStage: number; stationsPerSystem: number };
  naiveCheck: Partial<Record<DatabaseKind, NaiveCheck>>;
  history: Partial<Record<DatabaseKind, HistoryFigures>>;
  world: WorldFigures | null;
  /** The built app under autocannon, and its page in Chromium (null: --skip-server). */
  server: LoadFigures | null;
  frontend: FrontendFigures | null;
  totalSeconds: number;
}

const ENGINE_NAMES: Record<DatabaseKind, string> = { pglite: 'PGlite', postgres: 'Postgres 15' };
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const millions = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)} M`;

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function historyLabel(stage: StageFigures): string {
  const raw = stage.rawDays < stage.days ? ` (raw: last ${stage.rawDays})` : '';
  return `${stage.days} day${stage.days === 1 ? '' : 's'}${raw}`;
}

function historyTable(engine: DatabaseKind, { measuredDayShare, olderDaysShare, stages }: HistoryFigures): string[] {
  const rows = stages.map((s) => [
    historyLabel(s),
    `${millions(s.statusRows)} / ${millions(s.rollupRows)}`,
    `${s.rollup.totalMs} ms (query ${s.rollup.queryMs})`,
    `${s.naive.totalMs} ms`,
    `**${s.speedup}×**`,
    `${s.poll.medianMs} ms (p90 ${s.poll.p90Ms})`,
    s.prune ? `${s.prune.ms} ms, ${thousands(s.prune.statusesDeleted)} rows` : '–',
    String(s.load),
  ]);
  const percent = (share: number) => `${Math.round(share * 100)} %`;
  return [
    `${ENGINE_NAMES[engine]} (stored status changes a minute: ${percent(measuredDayShare)} of stations on the measured day, ${percent(olderDaysShare)} before):`,
    '',
    ...table(
      ['history', 'raw statuses / rollup rows', "one day's hotspots from rollups", 'naive (raw statuses)', 'rollups faster', 'DB time of a poll', 'hourly retention run', 'load'],
      rows,
    ),
  ];
}

function periodTable(engine: DatabaseKind, { stages }: HistoryFigures): string[] {
  const rows = stages.flatMap((s) =>
    (s.periods ?? []).map((p) => [
      historyLabel(s),
      p.question,
      `${p.daily.totalMs} ms (query ${p.daily.queryMs})`,
      `${p.hourly.totalMs} ms (query ${p.hourly.queryMs})`,
      `**${p.speedup}×**`,
      `${p.againstOneDay}×`,
    ]),
  );
  if (rows.length === 0) return [];
  const writes = stages
    .filter((s) => s.tierWrites)
    .map((s) => `${historyLabel(s)}: ${s.tierWrites!.hourlyMs} ms hourly, ${s.tierWrites!.dailyMs} ms daily`);
  const sizes = stages.map((s) => `${historyLabel(s)}: ${thousands(s.dailyRows)} rows, ${s.sizes.dailyMb} MB (hourly rollups ${s.sizes.hourlyMb} MB), derived in ${(s.dailyDeriveMs / 1000).toFixed(0)} s`);
  const later = stages.filter((s) => s.periodsRun).map((s) => `${historyLabel(s)} on ${s.periodsRun!.date} (load ${s.periodsRun!.load})`);
  return [
    `${ENGINE_NAMES[engine]}, period answers (queries + hexagons, or the week's 168 cells), ending on the measured day:`,
    '',
    ...table(['history', 'question', 'daily tier', 'summed from hourly rollups', 'daily tier faster', '÷ one-day answer'], rows),
    '',
    `A poll's writes (${thousands(stages.find((s) => s.tierWrites)?.tierWrites?.rows ?? 0)} credits) per tier, part of its DB time: ${writes.join('; ')}.`,
    '',
    `The daily tier: ${sizes.join('; ')}.`,
    ...(later.length > 0 ? ['', `Periods, tier writes and daily tier of a later \`--only periods\` run: ${later.join('; ')}.`] : []),
  ];
}

function ratioSummary(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const [engine, { stages }] of Object.entries(results.history) as [DatabaseKind, HistoryFigures][]) {
    const first = stages[0];
    const last = stages[stages.length - 1];
    const at30 = stages.find((s) => s.days === 30);
    lines.push(
      `- ${ENGINE_NAMES[engine]}: rollups ${at30 ? `${at30.speedup}× faster than naive at 30 days (target ≥ 50×)` : 'vs naive: see table'}; ` +
        `rollup read at ${last.days} days = ${(last.rollup.totalMs / first.rollup.totalMs).toFixed(2)}× the ${first.days}-day figure (target ≤ 2×); ` +
        `poll DB time at ${last.days} days = ${(last.poll.medianMs / first.poll.medianMs).toFixed(2)}× the ${first.days}-day figure.`,
    );
  }
  return lines;
}

function worldTable(world: WorldFigures): string[] {
  const row = (label: string, r: WorldFigures['firstRound']) => [
    label,
    `${thousands(r.statusesPerSecond)}/s`,
    `${thousands(r.statusRowsPerSecond)}/s`,
    `${thousands(r.rowsWrittenPerSecond)}/s`,
    `${r.medianPollMs} ms`,
    `${r.cpuMsPer1000Statuses.node} + ${r.cpuMsPer1000Statuses.postgres ?? '?'} ms`,
  ];
  return [
    `Postgres 15, ${world.systems} systems × ${thousands(world.stationsPerSystem)} stations, ${world.concurrency} systems at a time, through storePoll:`,
    '',
    ...table(
      ['polls', 'statuses ingested', 'station_status rows written', 'all rows written', 'median poll', 'CPU per 1,000 statuses (Node + Postgres)'],
      [row('first poll of every system (bulk load)', world.firstRound), row(`${world.steadyRounds.round} steady rounds`, world.steadyRounds)],
    ),
  ];
}

function serverTable(server: LoadFigures): string[] {
  const names: Record<(typeof LOAD_TARGETS)[number], string> = {
    staticFile: 'static file (ceiling)',
    rejectedQuery: 'rejected query (no database)',
    finishedDay: 'hotspots, finished day',
    today: 'hotspots, today',
    finishedDayGzip: 'finished day, accepting gzip',
    todayGzip: 'today, accepting gzip',
  };
  const measured = LOAD_TARGETS.filter((key) => server[key] !== undefined);
  const targets = measured.map((key) => server[key]!);
  const row = (name: string, f: (d: Target) => string) => `| ${name} | ${targets.map(f).join(' | ')} |`;
  return [
    `| running server, autocannon 50 connections 10 s | ${measured.map((key) => names[key]).join(' | ')} |`,
    `| --- | ${measured.map(() => '---').join(' | ')} |`,
    row('requests/s', (d) => thousands(d.requestsPerSecond)),
    row('share of the static-file ceiling', (d) => `${Math.round((100 * d.requestsPerSecond) / server.staticFile.requestsPerSecond)} %`),
    row('latency p50 / p99', (d) => `${d.p50Ms} / ${d.p99Ms} ms`),
    row('errors', (d) => String(d.errors)),
    row('bytes per answer', (d) => thousands(d.bytesPerResponse)),
    `| server peak memory (VmHWM) | ${server.serverPeakRssMb ?? '?'} MB |${measured.slice(1).map(() => ' |').join('')}`,
  ];
}

function frontendTable(page: FrontendFigures): string[] {
  return [
    '| home page in headless Chromium, cold loads | |',
    '| --- | --- |',
    `| JavaScript of the page (its HTML's scripts), gzip / raw | ${page.pageJsGzipKb} KB / ${page.pageJsKb} KB |`,
    `| JavaScript by the first hexagons (with the map's chunks), gzip / raw | ${page.withMapJsGzipKb} KB / ${page.withMapJsKb} KB |`,
    `| time to first hexagons, median of ${page.loads} (max) | ${page.firstHexagonsMedianMs} ms (${page.firstHexagonsMaxMs} ms) |`,
  ];
}

export function formatResults(results: BenchResults): string {
  const lines = [
    `${results.machine}, ${results.date}; ${results.settings.stationsPerSystem} stations, a poll a minute, ` +
      `raw statuses kept ${results.settings.rawRetentionDays} days.`,
    '',
  ];
  for (const [engine, check] of Object.entries(results.naiveCheck) as [DatabaseKind, NaiveCheck][]) {
    lines.push(
      `Naive = rollups on ${ENGINE_NAMES[engine]}: ${check.stationCells} station-cell figures over ${check.windows} windows of ${check.polls} real polls (gaps, absences, ${check.movedStations} moves) are equal.`,
    );
  }
  for (const [engine, history] of Object.entries(results.history) as [DatabaseKind, HistoryFigures][]) {
    lines.push('', ...historyTable(engine, history));
    const periods = periodTable(engine, history);
    if (periods.length > 0) lines.push('', ...periods);
  }
  lines.push('', ...ratioSummary(results));
  if (results.world) lines.push('', ...worldTable(results.world));
  if (results.server) lines.push('', ...serverTable(results.server));
  if (results.frontend) lines.push('', ...frontendTable(results.frontend));
  lines.push('', `Whole run: ${Math.round(results.totalSeconds)} s.`);
  return lines.join('\n');
}

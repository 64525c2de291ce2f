/**
 * `npm run bench:episodes [-- --stations N --days D --step S --postgres URL --no-postgres]`:
 * GET /api/episodes at Vélib size (1,500 stations, three days of a poll every 5 minutes by
 * default: the old way's cost grows with the polls, so a poll a minute only widens the gap), on
 * PGlite and on Postgres, the old way and the new way in the same run:
 *
 * - old: the episodes computed from the raw statuses at request time, as the route did before
 *   station_episodes (test/support/referenceEpisodes.ts, which the tests compare the new answer with);
 * - new: the route's answer read from station_episodes (lib/episodes/read.ts);
 *
 * for the history's last day and for its whole span, and checks the two agree. Then the poll's
 * cost at that size: the median DB time of storePoll over further polls, and of the episodes'
 * own statements inside it (timed on the same polls in a transaction rolled back just before
 * each real one), so the share the episodes add to a poll is measured, not guessed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { localDateOf } from '@/lib/calendar';
import { queryRows } from '@/db/rows';
import { episodeChanges } from '@/lib/episodes/episodes';
import { episodesAnswer } from '@/lib/episodes/read';
import { episodesQuerySchema } from '@/lib/episodes/schemas';
import { storeEpisodeChanges } from '@/lib/episodes/storeEpisodes';
import { landSnapshots } from '@/lib/import/land';
import { loadStates } from '@/lib/ingest/sql';
import { storePoll } from '@/lib/ingest/storePoll';
import { nextStates } from '@/lib/hotspots/stationStates';
import { simulatedSeries, simulatedSnapshots } from '@/simulator/series';
import { referenceEpisodes } from '@/test/support/referenceEpisodes';
import { withThrowawayDatabase, type DatabaseTarget } from './databases';
import { median, ms, timed } from './timing';

const SYSTEM = 'velib';
const TIME_ZONE = 'Europe/Paris';
const MAX_GAP = 900;
const DAY = 86_400;
const RESULTS = path.join(import.meta.dirname, 'results.json');
/** 1 June 2025, 00:00 in Paris. */
const HISTORY_START = Date.UTC(2025, 4, 31, 22) / 1000;

const { values } = parseArgs({
  options: {
    stations: { type: 'string', default: '1500' },
    days: { type: 'string', default: '3' },
    step: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
    polls: { type: 'string', default: '30' },
    postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'no-postgres': { type: 'boolean' },
    'no-pglite': { type: 'boolean' },
  },
});
const STATIONS = Number(values.stations);
const DAYS = Number(values.days);
const STEP = Number(values.step);
const ROUNDS = Number(values.rounds);
const POLLS = Number(values.polls);
// The route answers only for a configured system.
process.env.GBFS_SYSTEMS = `${SYSTEM}=http://velib.invalid/gbfs.json`;
process.env.LOG_LEVEL = 'silent';

const day = (t: number) => localDateOf(t, TIME_ZONE);
const series = { stations: STATIONS, seed: 1, start: HISTORY_START, stepSeconds: STEP, count: Math.floor((DAYS * DAY) / STEP) + 1 };
const lastDay = day(HISTORY_START + (DAYS - 1) * DAY);
const periods = [
  { name: '1 day', start: lastDay, end: lastDay },
  { name: `${DAYS} days`, start: day(HISTORY_START), end: lastDay },
];

async function measure(target: DatabaseTarget) {
  return withThrowawayDatabase(target, async ({ db }) => {
    const [landMs, landed] = await timed(() => landSnapshots(db, { systemId: SYSTEM, gbfsUrl: 'http://velib.invalid/gbfs.json', maxGapSeconds: MAX_GAP, series: simulatedSeries(series) }));
    await db.execute(sql`analyze`);
    const [{ episodes, statuses }] = await queryRows<{ episodes: number; statuses: number }>(
      db,
      sql`select (select count(*)::int from station_episodes where system_id = ${SYSTEM}) as episodes,
                 (select count(*)::int from station_status where system_id = ${SYSTEM}) as statuses`,
    );
    console.log(`${target.kind}: ${landed.snapshots} polls of ${STATIONS} stations landed in ${(landMs / 1000).toFixed(0)} s: ${statuses} raw statuses, ${episodes} episodes`);

    const answers = [];
    for (const period of periods) {
      const query = episodesQuerySchema.parse({ system: SYSTEM, start: period.start, end: period.end, kind: 'full' });
      const oldMs: number[] = [];
      const newMs: number[] = [];
      let same = true;
      let totalEpisodes = 0;
      // Each way in its own block, warm: interleaved, the old way's scan of the raw statuses would
      // evict the pages the new way reads from PGlite's small buffer cache before every request.
      const befores = [];
      for (let round = 0; round < ROUNDS; round++) {
        const [oldElapsed, before] = await timed(() => referenceEpisodes(db, query, { id: SYSTEM, timezone: TIME_ZONE }, MAX_GAP));
        oldMs.push(oldElapsed);
        befores.push(before);
      }
      // The first request after them finds the buffers full of raw statuses: timed apart.
      const [firstNewMs] = await timed(() => episodesAnswer(db, query));
      for (let round = 0; round < 3 * ROUNDS; round++) {
        const [newElapsed, now] = await timed(() => episodesAnswer(db, query));
        newMs.push(newElapsed);
        const before = befores[0];
        totalEpisodes = now.totalEpisodes;
        same &&=
          now.totalEpisodes === before.totalEpisodes &&
          JSON.stringify(now.stations.map((s) => [s.id, s.count, s.totalSeconds, s.longestSeconds])) ===
            JSON.stringify(before.stations.map((s) => [s.stationId, s.count, s.totalSeconds, s.longestSeconds])) &&
          JSON.stringify(now.episodes.map((e) => [e.stationId, e.durationSeconds])) === JSON.stringify(before.episodes.map((e) => [e.stationId, e.durationSeconds]));
      }
      const oldMedian = median(oldMs);
      const newMedian = median(newMs);
      answers.push({ period: period.name, totalEpisodes, oldMs: ms(oldMedian), newMs: ms(newMedian), newFirstMs: ms(firstNewMs), faster: `${Math.round(oldMedian / newMedian)}×`, sameFigures: same });
      console.log(`${target.kind} ${period.name}: old ${ms(oldMedian)} ms, new ${ms(newMedian)} ms (${Math.round(oldMedian / newMedian)}× faster; the first after the old way ${ms(firstNewMs)} ms), same figures: ${same}`);
    }

    // The poll's cost, continuing the history a minute at a time.
    const pollMs: number[] = [];
    const episodeMs: number[] = [];
    const last = series.start + (series.count - 1) * STEP;
    // A poll a minute, as Vélib publishes.
    const times = Array.from({ length: POLLS }, (_, i) => last + (i + 1) * 60);
    let previous = last;
    for (const snapshot of simulatedSnapshots(series, times)) {
      // The episodes' statements alone, on the same poll, then rolled back.
      const rolledBack = new Error('rolled back');
      await db
        .transaction(async (tx) => {
          const states = await loadStates(tx, SYSTEM);
          const changes = nextStates(states, snapshot.stations, snapshot.statuses);
          const [elapsed] = await timed(() =>
            storeEpisodeChanges(tx, SYSTEM, snapshot.feedTime, episodeChanges(states, changes.changedStatus, previous, snapshot.feedTime, MAX_GAP)),
          );
          episodeMs.push(elapsed);
          throw rolledBack;
        })
        .catch((error: unknown) => {
          if (error !== rolledBack) throw error;
        });
      const [elapsed] = await timed(() =>
        storePoll(db, { systemId: SYSTEM, gbfsUrl: 'http://velib.invalid/gbfs.json', snapshot, maxGapSeconds: MAX_GAP, run: { systemId: SYSTEM, trigger: 'cli', startedAt: Date.now() } }),
      );
      pollMs.push(elapsed);
      previous = snapshot.feedTime;
    }
    const poll = { pollMs: ms(median(pollMs)), episodesInPollMs: ms(median(episodeMs)), episodesShare: `${Math.round((100 * median(episodeMs)) / median(pollMs))} %` };
    console.log(`${target.kind} poll of ${STATIONS} stations: ${poll.pollMs} ms (median of ${POLLS}), of which the episodes ${poll.episodesInPollMs} ms (${poll.episodesShare})`);
    return { engine: target.kind, stations: STATIONS, days: DAYS, stepSeconds: STEP, rawStatuses: statuses, episodes, landSeconds: Math.round(landMs / 1000), answers, poll };
  });
}

const results = [];
if (!values['no-pglite']) results.push(await measure({ kind: 'pglite', adminUrl: '' }));
if (!values['no-postgres']) results.push(await measure({ kind: 'postgres', adminUrl: values.postgres! }));
for (const result of results) console.table(result.answers.map((a) => ({ engine: result.engine, ...a })));
const stored = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
fs.writeFileSync(RESULTS, `${JSON.stringify({ ...stored, episodes: { measuredAt: new Date().toISOString(), load: (await import('node:os')).loadavg(), results } }, null, 2)}\n`);
console.log(`written to ${RESULTS} (episodes)`);

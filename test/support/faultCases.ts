/**
 * The fault suite's cases and their context: what a case sets up, how it polls, what it expects.
 * Shared by the feed cases (faults.test.ts) and the database cases (faultsDatabaseCases.ts).
 */
import type { IngestSettings, RunSummary } from '@/lib/ingest/pollSystem';
import type { Fault, RunningSimulator } from '@/simulator';
import type { DatabaseKind } from '@/db/client';
import type { TestDatabase } from './databases';
import type { Stored } from './tableCounts';
import { editStations, type RewritingProxy } from './faultsProxy';

export const STATIONS = 60;
/** Row-level simulator faults hit 1 % of the stations, at least 3. */
export const HIT = 3;
export const SYSTEM = 'sim';
/** What postgres.js reports when the server ends the connection: the server's message, the closed or the reset socket. */
export const CONNECTION_KILLED = /^(terminating connection due to administrator command|write CONNECTION_CLOSED 127\.0\.0\.1:\d+|read ECONNRESET)$/;

export interface Ctx {
  kind: DatabaseKind;
  database: TestDatabase;
  sim: RunningSimulator;
  proxy: RewritingProxy;
  /** A poll as the app makes it; `db` replaces the database handle (to break it). */
  poll(options?: { via?: 'sim' | 'proxy'; settings?: Partial<IngestSettings>; db?: TestDatabase['db'] }): Promise<RunSummary>;
}

export type Outcome =
  /** Nothing stored but a failed run. */
  | { status: 'failed'; httpStatus: number | null; error: RegExp }
  /** Nothing stored but a stale run. */
  | { status: 'stale' }
  /** Stored, with exactly these records left out or corrected. */
  | { status: 'ok'; skipped: Record<string, number>; stationsSeen: number };

export interface FaultCase {
  name: string;
  only?: DatabaseKind;
  /** Sets up the fault (simulator fault, proxy rewrite). */
  arrange?: (ctx: Ctx) => void;
  /** The faulty poll; by default one poll through the simulator. */
  poll?: (ctx: Ctx) => Promise<RunSummary>;
  expect: Outcome;
  /** Further checks of what this fault left behind. */
  check?: (ctx: Ctx, run: RunSummary, before: Stored, after: Stored) => Promise<void>;
}

export const simFault = (fault: Fault) => (ctx: Ctx) => ctx.sim.setFault(fault);
export const viaProxy = (settings?: Partial<IngestSettings>) => (ctx: Ctx) => ctx.poll({ via: 'proxy', settings });
export const failed = (httpStatus: number | null, error: RegExp): Outcome => ({ status: 'failed', httpStatus, error });
export const ok = (skipped: Record<string, number>, stationsSeen = STATIONS): Outcome => ({ status: 'ok', skipped, stationsSeen });

/** A renamed station makes the poll write descriptions too: every write statement of storePoll runs. */
let renames = 0;
export const renameFirstStation = (ctx: Ctx) =>
  ctx.proxy.rewrite(
    'station_information',
    editStations((station, index) => {
      if (index === 0) station.name = `Renamed station ${++renames}`;
    }),
  );

/** storePoll's statements, in order; the connection is lost on each in turn. */
export const STATEMENTS: Array<[string, RegExp]> = [
  ['taking the advisory lock', /pg_advisory_xact_lock/],
  ['upserting the system', /insert into systems/],
  ['crediting the hourly rollups', /insert into station_hourly/],
  ['starting the day of the daily tier', /insert into station_daily/],
  ['crediting the daily tier', /update station_daily/],
  ['crediting the system tier', /insert into system_daily/],
  ['storing the descriptions', /insert into stations /],
  ['storing the description history', /insert into station_versions/],
  ['storing the statuses', /insert into station_status/],
  ['storing the current states', /insert into station_state/],
  ['logging the run', /insert into ingest_runs/],
  ['recording the poll (last statement)', /insert into polls/],
];

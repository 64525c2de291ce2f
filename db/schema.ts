/**
 * Storage. Every primary key and join starts with system_id so the tables can be distributed
 * by system (Citus) without a rewrite. Times are timestamptz at whole seconds.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const systems = pgTable('systems', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  gbfsUrl: text('gbfs_url').notNull(),
  gbfsVersion: text('gbfs_version'),
  updatedAt: instant('updated_at').notNull().default(sql`now()`),
  /**
   * When the rollups were last derived other than by a poll (a rebuild, an import): a poll only
   * adds hours after the newest one, so a finished day changes only then, and the answers kept
   * in memory for finished days are keyed on this (lib/hotspots/readHotspots.ts).
   */
  rollupsRewrittenAt: instant('rollups_rewritten_at').notNull().default(sql`now()`),
});

const descriptionColumns = {
  name: text('name').notNull(),
  /** The code riders know (short_name, Velib's stationCode). */
  code: text('code'),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
  /** H3 resolution-10 cell of (lat, lon). */
  h3: text('h3').notNull(),
  capacity: integer('capacity'),
};

/** A station's current description; its past lives in station_versions. */
export const stations = pgTable(
  'stations',
  {
    systemId: text('system_id').notNull(),
    stationId: text('station_id').notNull(),
    ...descriptionColumns,
    /** Feed time of the first poll that listed the station. */
    firstSeen: instant('first_seen').notNull(),
    /** Feed time from which the description holds. */
    validFrom: instant('valid_from').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.stationId] })],
);

/** Every description a station has had, valid from a poll's feed time until the next one. */
export const stationVersions = pgTable(
  'station_versions',
  {
    systemId: text('system_id').notNull(),
    stationId: text('station_id').notNull(),
    validFrom: instant('valid_from').notNull(),
    ...descriptionColumns,
  },
  (t) => [primaryKey({ columns: [t.systemId, t.stationId, t.validFrom] })],
);

/** One row per stored poll: the clock the time-weighted figures are built on. */
export const polls = pgTable(
  'polls',
  {
    systemId: text('system_id').notNull(),
    feedTime: instant('feed_time').notNull(),
    runId: bigint('run_id', { mode: 'number' }).notNull(),
    stationsSeen: integer('stations_seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.feedTime] })],
);

const statusColumns = {
  /** false: the station was missing from the poll (unobserved until it comes back). */
  present: boolean('present').notNull(),
  isInstalled: boolean('is_installed').notNull(),
  isRenting: boolean('is_renting').notNull(),
  isReturning: boolean('is_returning').notNull(),
  bikes: integer('bikes').notNull(),
  docks: integer('docks').notNull(),
  ebikes: integer('ebikes'),
  mechanical: integer('mechanical'),
  lastReported: instant('last_reported'),
};

/** Raw statuses, written only when a station's state changed (presence included). */
export const stationStatus = pgTable(
  'station_status',
  {
    systemId: text('system_id').notNull(),
    stationId: text('station_id').notNull(),
    feedTime: instant('feed_time').notNull(),
    ...statusColumns,
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.stationId, t.feedTime] }),
    index('station_status_system_time_idx').on(t.systemId, t.feedTime),
  ],
);

/** The newest state of every station, so a poll needs no scan of the raw statuses. */
export const stationState = pgTable(
  'station_state',
  {
    systemId: text('system_id').notNull(),
    stationId: text('station_id').notNull(),
    /** The cell of the station's position at its newest poll. */
    h3: text('h3').notNull(),
    ...statusColumns,
  },
  (t) => [primaryKey({ columns: [t.systemId, t.stationId] })],
);

/**
 * Time-weighted integrals per station, local hour and H3 cell (see lib/hotspots). The primary key
 * serves every read: one system's hours in a range. Migration 0002 adds extended statistics on
 * (station_id, h3), which drizzle cannot declare: a station has one cell, and without knowing it
 * the planner expects ~25× too many groups for a day and sorts on disk instead of hashing.
 */
export const stationHourly = pgTable(
  'station_hourly',
  {
    systemId: text('system_id').notNull(),
    hourStart: instant('hour_start').notNull(),
    stationId: text('station_id').notNull(),
    h3: text('h3').notNull(),
    observedS: doublePrecision('observed_s').notNull(),
    bikeS: doublePrecision('bike_s').notNull(),
    typedS: doublePrecision('typed_s').notNull(),
    ebikeS: doublePrecision('ebike_s').notNull(),
    mechanicalS: doublePrecision('mechanical_s').notNull(),
    dockS: doublePrecision('dock_s').notNull(),
    fullS: doublePrecision('full_s').notNull(),
    emptyS: doublePrecision('empty_s').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.hourStart, t.stationId, t.h3] })],
);

/** Each integral of the daily tiers summed to date, and per slot over the days of the same weekday to date. */
const dailyIntegralColumns = {
  observedToDate: doublePrecision('observed_to_date').notNull(),
  bikeToDate: doublePrecision('bike_to_date').notNull(),
  typedToDate: doublePrecision('typed_to_date').notNull(),
  ebikeToDate: doublePrecision('ebike_to_date').notNull(),
  mechanicalToDate: doublePrecision('mechanical_to_date').notNull(),
  dockToDate: doublePrecision('dock_to_date').notNull(),
  fullToDate: doublePrecision('full_to_date').notNull(),
  emptyToDate: doublePrecision('empty_to_date').notNull(),
  observedWeekdaySlots: doublePrecision('observed_weekday_slots').array().notNull(),
  bikeWeekdaySlots: doublePrecision('bike_weekday_slots').array().notNull(),
  typedWeekdaySlots: doublePrecision('typed_weekday_slots').array().notNull(),
  ebikeWeekdaySlots: doublePrecision('ebike_weekday_slots').array().notNull(),
  mechanicalWeekdaySlots: doublePrecision('mechanical_weekday_slots').array().notNull(),
  dockWeekdaySlots: doublePrecision('dock_weekday_slots').array().notNull(),
  fullWeekdaySlots: doublePrecision('full_weekday_slots').array().notNull(),
  emptyWeekdaySlots: doublePrecision('empty_weekday_slots').array().notNull(),
};

/**
 * The daily tier, what period answers read: a row per station, cell and local day, holding each
 * integral summed to date, over every day up to this one (`*_to_date`) and, per slot, over every
 * day of this weekday up to this one (`*_weekday_slots`, 24 entries; slot k holds the local hours
 * starting in hours k..k+1 of the day, lib/hotspots/dailySlots.ts). Every local day from a
 * system's first to its newest has a slice (a day of rows) holding every station and cell seen
 * by then, carried unchanged through days without data. So the sums over any days of a period
 * are differences of slices: a whole run of days from two, some weekdays or some hours of each
 * day from two per weekday, whatever the length (lib/hotspots/dailySql.ts). Migration 0005 sets
 * fillfactor 50: a poll rewrites today's rows (~1.9 kB each), and the room lets Postgres update
 * them in place (HOT) instead of leaving a dead copy per poll, which PGlite, without autovacuum,
 * would never reclaim.
 */
export const stationDaily = pgTable(
  'station_daily',
  {
    systemId: text('system_id').notNull(),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    stationId: text('station_id').notNull(),
    h3: text('h3').notNull(),
    ...dailyIntegralColumns,
  },
  (t) => [primaryKey({ columns: [t.systemId, t.localDay, t.stationId, t.h3] })],
);

export const INGEST_STATUSES = ['ok', 'failed', 'unchanged', 'stale'] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

/** Every poll attempt, whatever its outcome. */
export const ingestRuns = pgTable(
  'ingest_runs',
  {
    systemId: text('system_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    trigger: text('trigger').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at').notNull(),
    status: text('status').$type<IngestStatus>().notNull(),
    httpStatus: integer('http_status'),
    error: text('error'),
    /** What kind of failure a failed poll met (FailureKind), for metrics and alerts. */
    failureKind: text('failure_kind'),
    /** A failed poll's reason in words a person understands (never a secret or a stack). */
    reason: text('reason'),
    feedTime: instant('feed_time'),
    stationsSeen: integer('stations_seen').notNull().default(0),
    rowsWritten: integer('rows_written').notNull().default(0),
    skipped: jsonb('skipped').$type<Record<string, number>>().notNull().default({}),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.id] }),
    index('ingest_runs_system_started_idx').on(t.systemId, t.startedAt),
    // The newest successful poll of a system (GET /api/health) without scanning its whole run log,
    // which gains a row a minute and is never pruned.
    index('ingest_runs_system_succeeded_idx')
      .on(t.systemId, t.finishedAt)
      .where(sql`${t.status} in ('ok', 'unchanged')`),
  ],
);

/**
 * Systems added while running (`npm run systems -- add`, POST /api/systems), beside the ones
 * GBFS_SYSTEMS or the built-in catalog name. Removing one drops its row here; its data stays
 * unless purged.
 */
export const addedSystems = pgTable('added_systems', {
  id: text('id').primaryKey(),
  gbfsUrl: text('gbfs_url').notNull(),
  addedAt: instant('added_at').notNull().default(sql`now()`),
  /**
   * The key of a feed that needs one (the catalog's Authentication Type): sent as these headers or
   * query parameters with every request of the system's feeds, never shown in an answer or a log.
   */
  feedAuth: jsonb('feed_auth').$type<{ in: 'header' | 'query'; names: string[]; values: string[] }>(),
});

/**
 * MobilityData's catalog of public GBFS systems (systems.csv, GBFS_CATALOG_URL) as last read, a
 * row per system in the file's order (lib/catalog). Its id column is catalog_id, not system_id: it
 * is the catalog's System ID, not a system of this app (purging a system must not touch it).
 */
export const catalogSystems = pgTable(
  'catalog_systems',
  {
    position: integer('position').primaryKey(),
    catalogId: text('catalog_id').notNull(),
    countryCode: text('country_code').notNull(),
    name: text('name').notNull(),
    location: text('location').notNull(),
    url: text('url'),
    autoDiscoveryUrl: text('auto_discovery_url').notNull(),
    /** Supported Versions, joined by " ; " as in the file. */
    versions: text('versions').notNull(),
    authType: text('auth_type'),
    authInfoUrl: text('auth_info_url'),
    authParameterName: text('auth_parameter_name'),
  },
  (t) => [index('catalog_systems_catalog_id').on(t.catalogId)],
);

/** The one reading of the catalog: where from, when it last succeeded, and how the newest attempt went. */
export const catalogReads = pgTable('catalog_reads', {
  id: integer('id').primaryKey().default(1),
  sourceUrl: text('source_url').notNull(),
  /** The newest successful read; null while none has succeeded. */
  readAt: instant('read_at'),
  systems: integer('systems').notNull().default(0),
  skippedLines: integer('skipped_lines').notNull().default(0),
  attemptedAt: instant('attempted_at').notNull(),
  /** Why the newest attempt failed, in words a person understands; null when it succeeded. */
  error: text('error'),
});

/**
 * What reading a catalog system's discovery taught (adding it): whether it lists station_status.
 * Kept by discovery URL, so that it outlives the catalog's daily refresh.
 */
export const catalogFeedKinds = pgTable('catalog_feed_kinds', {
  autoDiscoveryUrl: text('auto_discovery_url').primaryKey(),
  hasStations: boolean('has_stations').notNull(),
  checkedAt: instant('checked_at').notNull().default(sql`now()`),
});

/** Systems not to poll for now, whichever list names them; their data is still served. */
export const pausedSystems = pgTable('paused_systems', {
  systemId: text('system_id').primaryKey(),
  pausedAt: instant('paused_at').notNull().default(sql`now()`),
});

/**
 * A system's fitted forecast model (lib/forecast): when it was fitted (the feed time of
 * the poll that refitted it) on which hours, and the backtest it was scored by then.
 */
export const forecastModels = pgTable('forecast_models', {
  systemId: text('system_id').primaryKey(),
  fittedAt: instant('fitted_at').notNull(),
  /** The local day of fittedAt: the next refit comes with the first poll of a later one. */
  fittedDay: date('fitted_day', { mode: 'string' }).notNull(),
  historyStart: instant('history_start').notNull(),
  historyEnd: instant('history_end').notNull(),
  stations: integer('stations').notNull(),
  fitMs: integer('fit_ms').notNull(),
  backtest: jsonb('backtest').notNull(),
  /** The horizon trust fitted over every station (lib/forecast/horizonTrust.ts); null: the plain decay model. */
  trust: jsonb('trust'),
});

/** Per station, what the fitted model stands on (lib/forecast StationModel). */
export const forecastStationModels = pgTable(
  'forecast_station_models',
  {
    systemId: text('system_id').notNull(),
    stationId: text('station_id').notNull(),
    fit: jsonb('fit').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.stationId] })],
);

/**
 * Forecasts issued from a poll: the newest of each system (what GET /api/forecast answers), and
 * the first of every local hour, kept until every horizon is scored against what happened.
 */
export const forecastIssues = pgTable(
  'forecast_issues',
  {
    systemId: text('system_id').notNull(),
    issuedAt: instant('issued_at').notNull(),
    /** The first forecast of its local hour: kept for live scoring. */
    kept: boolean('kept').notNull(),
    /** Horizons (1..24) already scored. */
    horizonsScored: integer('horizons_scored').notNull().default(0),
    /** When the next horizon of a kept forecast can be scored (its hour's end); null when there is none. */
    nextScoreAt: instant('next_score_at'),
    modelFittedAt: instant('model_fitted_at').notNull(),
    /**
     * The IssuedForecast as JSON text: 0.85–2 MB for 1,500 stations, which jsonb would parse on every
     * write and render on every read. Stored uncompressed (STORAGE EXTERNAL, migration 0015).
     */
    forecast: text('forecast').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.issuedAt] })],
);

/** The live error of one kept forecast at one horizon, summed over its scored stations. */
export const forecastScores = pgTable(
  'forecast_scores',
  {
    systemId: text('system_id').notNull(),
    issuedAt: instant('issued_at').notNull(),
    hours: integer('hours').notNull(),
    stations: integer('stations').notNull(),
    modelAbsError: doublePrecision('model_abs_error').notNull(),
    persistenceAbsError: doublePrecision('persistence_abs_error').notNull(),
    seasonalAbsError: doublePrecision('seasonal_abs_error').notNull(),
    /** Σ (chance − share of the hour empty / full)² over the stations scored, per forecaster and chance; null in rows scored before. */
    brierSums: jsonb('brier_sums').$type<Record<'model' | 'persistence' | 'climatology', { empty: number; full: number }>>(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.issuedAt, t.hours] })],
);

/**
 * The daily tier summed over a system's stations: a row per system and local day with
 * each integral to date and in the 24 running weekday slots, the same layout and meaning as
 * station_daily, equal to the sum of that day's station_daily slice. The typical week of the
 * metrics that are ratios of sums (occupancy, full, empty) reads 14 of its rows instead of
 * 14 slices of 1,500 stations. Written in the poll's transaction beside station_daily
 * (lib/hotspots/storeSystemDaily.ts); migration 0007 fills it from the station_daily already stored and
 * sets fillfactor 50, as for station_daily: every poll rewrites today's row.
 */
export const systemDaily = pgTable(
  'system_daily',
  {
    systemId: text('system_id').notNull(),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    ...dailyIntegralColumns,
  },
  (t) => [primaryKey({ columns: [t.systemId, t.localDay] })],
);

/**
 * Saturation episodes (lib/episodes): per station and kind ('full': no free dock, 'empty': no
 * bike) the runs of consecutive polls in that state, cut at unobserved gaps, [start, end) over
 * poll times; end null while the run is still going at the newest poll. Opened and closed in the
 * poll's transaction (lib/episodes/storeEpisodes.ts), landed by the import, rebuilt by
 * `npm run rebuild`, kept as long as the rollups. Migration 0013 fills it from the raw history.
 */
export const stationEpisodes = pgTable(
  'station_episodes',
  {
    systemId: text('system_id').notNull(),
    kind: text('kind', { enum: ['full', 'empty'] }).notNull(),
    stationId: text('station_id').notNull(),
    startTime: instant('start_time').notNull(),
    endTime: instant('end_time'),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.kind, t.stationId, t.startTime] }),
    // A period's episodes: those starting inside it, in one range.
    index('station_episodes_system_kind_start_idx').on(t.systemId, t.kind, t.startTime),
    // At most one open run per station and kind; the poll closes it by station.
    uniqueIndex('station_episodes_open_idx').on(t.systemId, t.kind, t.stationId).where(sql`${t.endTime} is null`),
  ],
);

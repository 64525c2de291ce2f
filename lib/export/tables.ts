/**
 * What each exportable table holds: its columns, in file order, and how to read its next page.
 * Names are the station's current ones (the stations table); local day and hour are the system's
 * wall clock at the row's instant, which is in the file too so that a fall-back day's repeated
 * hour stays unambiguous.
 */
import type { ExportTableName } from '@/lib/export/schemas';
import type { Executor } from '@/db/rows';
import { hourlyExportPage, statusExportPage, type HourlyExportRow, type InstantRange, type StatusExportRow } from '@/lib/export/sql';
import type { ExportColumn } from './columnTypes';
import { localClockAt } from '@/lib/calendar';

export interface ExportTable<Row> {
  name: ExportTableName;
  columns: ExportColumn<Row>[];
  /** The rows after `last` in the table's export order (the first page when null). */
  page(db: Executor, systemId: string, range: InstantRange, last: Row | null, limit: number): Promise<Row[]>;
}

const stationColumns = <Row extends { stationId: string; code: string | null; name: string | null }>(): ExportColumn<Row>[] => [
  { name: 'station_id', type: 'text', description: "the station's id in the feed", cell: (r) => r.stationId },
  { name: 'code', type: 'text', nullable: true, description: 'the code riders know (short_name; Vélib: stationCode)', cell: (r) => r.code },
  { name: 'name', type: 'text', nullable: true, description: "the station's current name", cell: (r) => r.name },
];

const localColumns = <Row>(instantOf: (row: Row) => number, descriptions: { day: string; hour: string }): ExportColumn<Row>[] => [
  { name: 'local_date', type: 'localDay', description: descriptions.day, cell: (r, zone) => localClockAt(instantOf(r), zone).day },
  { name: 'local_hour', type: 'int', description: descriptions.hour, cell: (r, zone) => localClockAt(instantOf(r), zone).hour },
];

const seconds = (name: string, description: string, of: (row: HourlyExportRow) => number): ExportColumn<HourlyExportRow> => ({
  name,
  type: 'double',
  description,
  cell: of,
});

export const HOURLY_TABLE: ExportTable<HourlyExportRow> = {
  name: 'hourly',
  columns: [
    ...stationColumns<HourlyExportRow>(),
    { name: 'h3', type: 'text', description: 'H3 resolution-10 cell the station stood in (a station that moved has a row per cell)', cell: (r) => r.h3 },
    ...localColumns<HourlyExportRow>((r) => r.hourStart, {
      day: 'local calendar day of the hour',
      hour: 'hour the local clock reads at the start of the hour, 0-23',
    }),
    { name: 'hour_start', type: 'instant', description: 'UTC instant the local hour starts', cell: (r) => r.hourStart },
    seconds('observed_s', 'seconds the station was observed in the hour', (r) => r.observedS),
    seconds('bike_s', 'bike-seconds: ∫ bikes dt', (r) => r.bikeS),
    seconds('typed_s', 'observed seconds with both e-bike and mechanical counts known', (r) => r.typedS),
    seconds('ebike_s', '∫ e-bikes dt over typed time', (r) => r.ebikeS),
    seconds('mechanical_s', '∫ mechanical bikes dt over typed time', (r) => r.mechanicalS),
    seconds('dock_s', 'dock-seconds: ∫ free docks dt', (r) => r.dockS),
    seconds('full_s', 'seconds with no free dock', (r) => r.fullS),
    seconds('empty_s', 'seconds with no bike', (r) => r.emptyS),
  ],
  page: hourlyExportPage,
};

export const STATUSES_TABLE: ExportTable<StatusExportRow> = {
  name: 'statuses',
  columns: [
    ...stationColumns<StatusExportRow>(),
    { name: 'feed_time', type: 'instant', description: "UTC instant of the poll (the feed's last_updated)", cell: (r) => r.feedTime },
    ...localColumns<StatusExportRow>((r) => r.feedTime, { day: 'local calendar day of the poll', hour: 'hour the local clock reads at the poll, 0-23' }),
    { name: 'present', type: 'boolean', description: 'false: the station was missing from the poll', cell: (r) => r.present },
    { name: 'is_installed', type: 'boolean', description: 'is_installed of the feed', cell: (r) => r.isInstalled },
    { name: 'is_renting', type: 'boolean', description: 'is_renting of the feed', cell: (r) => r.isRenting },
    { name: 'is_returning', type: 'boolean', description: 'is_returning of the feed', cell: (r) => r.isReturning },
    { name: 'bikes', type: 'int', description: 'bikes available', cell: (r) => r.bikes },
    { name: 'docks', type: 'int', description: 'docks available', cell: (r) => r.docks },
    { name: 'ebikes', type: 'int', nullable: true, description: 'e-bikes available, when the feed says', cell: (r) => r.ebikes },
    { name: 'mechanical', type: 'int', nullable: true, description: 'mechanical bikes available, when the feed says', cell: (r) => r.mechanical },
    { name: 'last_reported', type: 'instant', nullable: true, description: 'UTC instant the station last reported, when the feed says', cell: (r) => r.lastReported },
  ],
  page: statusExportPage,
};

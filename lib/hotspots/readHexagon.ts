/** GET /api/hexagons/{h3}: the stations of one hexagon, their figures for the day and per hour. */
import { cellToChildren, cellToLatLng, getResolution } from 'h3-js';
import { hexagonFigures } from '@/lib/hotspots/aggregate';
import { RESOLUTIONS, STORED_RESOLUTION, type WindowFigures } from '@/lib/hotspots/types';
import { stationFigures } from '@/lib/hotspots/stationFigures';
import { addFigures } from '@/lib/hotspots/credit';
import { isoTime, localClockAt, localDayWindow } from '@/lib/calendar';
import { BadRequestError } from '@/lib/api/errors';
import type { HexagonQuery, HexagonResponse } from '@/lib/hotspots/schemas';
import { getDatabase } from '@/db/client';
import { describeStations, hourlyFigures } from '@/lib/hotspots/sql';
import { readSystemState } from '../systems/readState';

export async function getHexagon(h3: string, query: HexagonQuery): Promise<HexagonResponse> {
  const resolution = getResolution(h3);
  if (!(RESOLUTIONS as readonly number[]).includes(resolution)) {
    throw new BadRequestError('invalid_parameter', `h3: a hexagon of resolution 7-10 is needed, this one is of resolution ${resolution}`, 'h3');
  }
  const { db } = await getDatabase();
  const { system } = await readSystemState(db, query.system);
  const { from, to } = query;
  const window = localDayWindow(query.date, from, to, system.timezone);
  const cells = resolution === STORED_RESOLUTION ? [h3] : cellToChildren(h3, STORED_RESOLUTION);
  const rows = await hourlyFigures(db, system.id, window.start, window.end, cells);

  // A station that moved between two cells of this hexagon has two rows for some hours.
  const byStation = new Map<string, { total: WindowFigures; hourly: Map<number, WindowFigures> }>();
  for (const { hourStart, ...figures } of rows) {
    const entry = byStation.get(figures.stationId) ?? { total: { ...figures, observedS: 0, bikeS: 0, typedS: 0, ebikeS: 0, mechanicalS: 0, dockS: 0, fullS: 0, emptyS: 0 }, hourly: new Map() };
    entry.total = addFigures(entry.total, figures);
    const hour = entry.hourly.get(hourStart);
    entry.hourly.set(hourStart, hour ? addFigures(hour, figures) : figures);
    byStation.set(figures.stationId, entry);
  }
  const stationsByHour = new Map<number, WindowFigures[]>();
  for (const { hourly } of byStation.values()) {
    for (const [hourStart, figures] of hourly) stationsByHour.set(hourStart, [...(stationsByHour.get(hourStart) ?? []), figures]);
  }
  const descriptions = new Map((await describeStations(db, system.id, [...byStation.keys()])).map((d) => [d.stationId, d]));
  const [lat, lon] = cellToLatLng(h3);
  const localHour = (epochS: number) => localClockAt(epochS, system.timezone).hour;

  return {
    system: system.id,
    date: query.date,
    timezone: system.timezone,
    h3,
    resolution,
    lat,
    lon,
    window: { from, to, start: isoTime(window.start), end: isoTime(window.end) },
    stations: [...byStation.entries()]
      .map(([stationId, { total, hourly }]) => {
        const d = descriptions.get(stationId);
        return {
          stationId,
          name: d?.name ?? stationId,
          code: d?.code ?? null,
          capacity: d?.capacity ?? null,
          lat: d?.lat ?? lat,
          lon: d?.lon ?? lon,
          figures: stationFigures(total),
          hourly: [...hourly].map(([hourStart, figures]) => ({ hour: localHour(hourStart), start: isoTime(hourStart), ...stationFigures(figures) })),
        };
      })
      .sort((a, b) => (b.figures.occupancy ?? -1) - (a.figures.occupancy ?? -1)),
    hourly: [...stationsByHour]
      .sort(([a], [b]) => a - b)
      .map(([hourStart, stations]) => ({ hour: localHour(hourStart), start: isoTime(hourStart), ...hexagonFigures(stations) })),
  };
}

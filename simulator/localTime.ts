/** Wall-clock helpers for the system's own time zone (the daily wave and RFC 3339 strings). */
import { zoneOffsetSeconds } from '../lib/calendar';

export interface LocalClock {
  /** Fractional hour of the local day, 0 <= hour < 24. */
  hour: number;
  /** 0 = Sunday ... 6 = Saturday, local. */
  weekday: number;
  /** Local time minus UTC, minutes. */
  offsetMinutes: number;
}

/** Offsets come from the app's calendar, which keeps them per zone and hour: the simulator and the app read one clock. */
export function localClock(epochSeconds: number, timeZone: string): LocalClock {
  const seconds = Math.floor(epochSeconds);
  const offset = zoneOffsetSeconds(seconds, timeZone);
  const wall = seconds + offset;
  const secondOfDay = wall - Math.floor(wall / 86_400) * 86_400;
  const [hour, minute, second] = [Math.floor(secondOfDay / 3600), Math.floor((secondOfDay % 3600) / 60), secondOfDay % 60];
  return {
    hour: hour + minute / 60 + second / 3600,
    weekday: new Date(wall * 1000).getUTCDay(),
    offsetMinutes: Math.round(offset / 60),
  };
}

/**
 * RFC 3339 with the zone's own offset ("2025-10-18T11:09:16+02:00"), as GBFS 3.0 feeds publish it:
 * a parser that ignores the offset gets the wrong instant.
 */
export function rfc3339(epochSeconds: number, timeZone: string): string {
  const seconds = Math.floor(epochSeconds);
  const offset = Math.round(zoneOffsetSeconds(seconds, timeZone) / 60);
  const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The synthetic bike-share city: where stations are, how big they are, what kind of
 * neighbourhood they serve, and which ones carry Vélib's real-world quirks.
 * Built once from a seed; everything that varies with time lives in status.ts.
 */
import { gaussian, mulberry32, shuffled } from './prng';
import { landmarkName, nearLandmarkName, streetCornerName, type Landmark } from './names';
import type { CityCenter } from './types';

export type StationKind = 'residential' | 'centre' | 'business' | 'transit' | 'park';

/** Deliberate reproductions of what the real Vélib feed does on a few stations. */
export type StationQuirk = 'none' | 'zero_capacity' | 'over_capacity' | 'not_installed';

export interface SimStation {
  index: number;
  /** Vélib-style integer id (up to ~2.1e10: beyond int32, safe as a double). */
  stationId: number;
  /** What riders see; a few carry the "_relais" suffix like the real feed. */
  stationCode: string;
  name: string;
  lat: number;
  lon: number;
  /** Capacity as published in station_information (0 on zero_capacity stations). */
  capacity: number;
  /** Docks that really exist and drive the counts. */
  docks: number;
  kind: StationKind;
  quirk: StationQuirk;
  /** over_capacity only: how many more bikes+docks than capacity the status reports. */
  overCapacityBy: number;
  distanceKm: number;
  /** The real feed lists rental_methods on only ~58 % of stations. */
  hasRentalMethods: boolean;
  ebikeShare: number;
  /** Fill level around which the daily wave swings, 0..1. */
  baseFill: number;
  amplitude: number;
  /** Not everybody commutes at the same time: hours added to the local clock. */
  shiftHours: number;
  /** Phase (s) of this station's reporting cycle, so last_reported is not the same everywhere. */
  reportPhase: number;
  /** A last_reported frozen years ago (the real feed has 2018 values), or null. */
  frozenLastReported: number | null;
}

export interface City {
  seed: number;
  center: CityCenter;
  timezone: string;
  stations: SimStation[];
}

export const PARIS: CityCenter = { lat: 48.8566, lon: 2.3522, radiusKm: 8 };

/** Shares of stations with each quirk, measured on the 2025-10-18 Vélib snapshot (1,495 stations). */
const QUIRK_SHARES = { zero_capacity: 0.011, over_capacity: 0.008, not_installed: 0.012 } as const;
const RELAIS_SHARE = 0.002;
const LANDMARK_STATION_SHARE = 0.03;
const EBIKE_SHARE = 0.35;
const KM_PER_DEGREE_LAT = 111.32;

/** Stations report to the back office about every half hour (the real feed's lag is 20-40 min). */
export const REPORT_PERIOD_SECONDS = 1800;

export function buildCity(
  seed: number,
  stationCount: number,
  center: CityCenter = PARIS,
  timezone = 'Europe/Paris',
): City {
  const count = Math.max(0, Math.floor(stationCount));
  const rand = mulberry32(seed);
  const places = placeStations(rand, count, center.radiusKm);
  const ids = uniqueIds(rand, count);
  const codes = stationCodes(rand, places, center.radiusKm);

  const stations: SimStation[] = places.map((place, index) => {
    const docks = stationSize(rand, place.kind);
    const { baseFill, amplitude } = waveParameters(rand, place.kind);
    const { lat, lon } = toLatLon(center, place.xKm, place.yKm, rand() < 0.5);
    return {
      index,
      stationId: ids[index],
      stationCode: codes[index],
      name: place.name,
      lat,
      lon,
      capacity: docks,
      docks,
      kind: place.kind,
      quirk: 'none',
      overCapacityBy: 0,
      distanceKm: Math.hypot(place.xKm, place.yKm),
      hasRentalMethods: rand() < 0.58,
      ebikeShare: clamp(EBIKE_SHARE + (rand() - 0.5) * 0.3, 0.05, 0.8),
      baseFill,
      amplitude,
      shiftHours: (rand() - 0.5) * 1.0,
      reportPhase: Math.floor(rand() * REPORT_PERIOD_SECONDS),
      frozenLastReported: null,
    };
  });
  assignQuirks(rand, stations);
  return { seed, center, timezone, stations };
}

interface Place {
  xKm: number;
  yKm: number;
  kind: StationKind;
  name: string;
}

function placeStations(rand: () => number, count: number, radiusKm: number): Place[] {
  const landmarkStations = count >= 10 ? Math.max(1, Math.round(count * LANDMARK_STATION_SHARE)) : 0;
  const landmarkCount = Math.min(landmarkStations, clamp(Math.round(count / 120), 1, 16));
  const landmarks = Array.from({ length: landmarkCount }, (_, ordinal) => {
    const kind: Landmark = ordinal % 2 === 0 ? 'transit' : 'park';
    const r = radiusKm * (0.15 + rand() * 0.7);
    const angle = rand() * 2 * Math.PI;
    return {
      kind,
      name: landmarkName(kind, Math.floor(ordinal / 2)),
      xKm: r * Math.cos(angle),
      yKm: r * Math.sin(angle),
    };
  });

  const places: Place[] = [];
  for (let i = 0; i < landmarkStations; i++) {
    const landmark = landmarks[i % landmarks.length];
    // Within ~300 m of the station or park.
    const r = 0.3 * Math.sqrt(rand());
    const angle = rand() * 2 * Math.PI;
    places.push({
      xKm: landmark.xKm + r * Math.cos(angle),
      yKm: landmark.yKm + r * Math.sin(angle),
      kind: landmark.kind,
      name: i < landmarks.length ? landmark.name : nearLandmarkName(rand, landmark.name),
    });
  }
  while (places.length < count) {
    // u^0.75 instead of the uniform-disc sqrt(u): denser in the middle, like Paris vs. suburbs.
    const r = radiusKm * Math.pow(rand(), 0.75);
    const angle = rand() * 2 * Math.PI;
    const relative = r / radiusKm;
    places.push({
      xKm: r * Math.cos(angle),
      yKm: r * Math.sin(angle),
      kind: neighbourhoodKind(rand(), relative),
      name: streetCornerName(rand, relative > 0.55),
    });
  }
  // Real feeds are in no particular order; do not leave landmarks bunched at the start.
  return shuffled(rand, places);
}

function neighbourhoodKind(u: number, relativeDistance: number): StationKind {
  if (relativeDistance < 0.25) return u < 0.65 ? 'centre' : 'business';
  if (relativeDistance < 0.5) return u < 0.55 ? 'residential' : u < 0.85 ? 'business' : 'centre';
  return u < 0.9 ? 'residential' : 'business';
}

function stationSize(rand: () => number, kind: StationKind): number {
  const mean = kind === 'transit' ? 45 : kind === 'business' ? 34 : 29;
  return Math.round(clamp(mean + gaussian(rand) * 9, 12, 60));
}

function waveParameters(rand: () => number, kind: StationKind): { baseFill: number; amplitude: number } {
  const base: Record<StationKind, number> = {
    residential: 0.65,
    transit: 0.6,
    centre: 0.3,
    business: 0.2,
    park: 0.3,
  };
  return {
    baseFill: clamp(base[kind] + (rand() - 0.5) * 0.16, 0.05, 0.95),
    amplitude: 0.45 + (rand() - 0.5) * 0.2,
  };
}

function uniqueIds(rand: () => number, count: number): number[] {
  const seen = new Set<number>();
  const ids: number[] = [];
  // Bounded: collisions among ~2e10 values are rare, so 4x the count is far more than enough.
  for (let tries = 0; ids.length < count && tries < count * 4 + 100; tries++) {
    const u = rand();
    // Mostly 1e9..2.1e10 like today's Vélib ids, with a few older short ones.
    const id =
      u < 0.03
        ? 1000 + Math.floor(rand() * 99_000)
        : u < 0.1
          ? 100_000_000 + Math.floor(rand() * 900_000_000)
          : 1_000_000_000 + Math.floor(rand() * 20_000_000_000);
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  for (let id = 30_000_000_000; ids.length < count; id++) if (!seen.has(id)) ids.push(id);
  return ids;
}

/**
 * Vélib codes start with the arrondissement (1-20) inside Paris or a commune number (21-44)
 * outside, followed by a 3-digit sequence: "16107", "9020", "32304".
 */
function stationCodes(rand: () => number, places: Place[], radiusKm: number): string[] {
  const nextInDistrict = new Map<number, number>();
  const codes = places.map((place) => {
    const district = districtOf(place, radiusKm);
    const seq = (nextInDistrict.get(district) ?? 1 + Math.floor(rand() * 10)) + 1 + Math.floor(rand() * 3);
    nextInDistrict.set(district, seq);
    return String(district * 1000 + (seq % 1000));
  });
  const relais = Math.round(places.length * RELAIS_SHARE);
  for (const index of shuffled(rand, codes.map((_, i) => i)).slice(0, relais)) {
    codes[index] = `${codes[index]}_relais`;
  }
  return dedupe(codes);
}

function districtOf(place: Place, radiusKm: number): number {
  const relative = Math.hypot(place.xKm, place.yKm) / radiusKm;
  const sector = (Math.atan2(place.yKm, place.xKm) + Math.PI) / (2 * Math.PI); // 0..1
  if (relative < 0.18) return 1 + Math.min(3, Math.floor(sector * 4));
  if (relative < 0.35) return 5 + Math.min(6, Math.floor(sector * 7));
  if (relative < 0.55) return 12 + Math.min(8, Math.floor(sector * 9));
  return 21 + Math.min(23, Math.floor(sector * 24));
}

/** A 1000-station district would wrap its sequence; keep codes unique anyway. */
function dedupe(codes: string[]): string[] {
  const seen = new Set<string>();
  return codes.map((code) => {
    let unique = code;
    for (let n = 2; seen.has(unique) && n < codes.length + 2; n++) unique = `${code}-${n}`;
    seen.add(unique);
    return unique;
  });
}

function assignQuirks(rand: () => number, stations: SimStation[]): void {
  const order = shuffled(rand, stations.map((s) => s.index));
  let cursor = 0;
  const take = (share: number) => {
    const picked = order.slice(cursor, cursor + Math.round(stations.length * share));
    cursor += picked.length;
    return picked.map((i) => stations[i]);
  };
  for (const station of take(QUIRK_SHARES.zero_capacity)) {
    station.quirk = 'zero_capacity';
    station.capacity = 0;
    station.frozenLastReported = oldTimestamp(rand);
  }
  for (const station of take(QUIRK_SHARES.over_capacity)) {
    station.quirk = 'over_capacity';
    station.overCapacityBy = 1 + Math.floor(rand() * 8);
  }
  for (const station of take(QUIRK_SHARES.not_installed)) {
    station.quirk = 'not_installed';
    station.frozenLastReported = oldTimestamp(rand);
  }
}

/** Somewhere between 2018 and 2024, like the stale last_reported values in the real feed. */
function oldTimestamp(rand: () => number): number {
  return 1_514_764_800 + Math.floor(rand() * 6 * 365 * 86_400);
}

function toLatLon(
  center: CityCenter,
  xKm: number,
  yKm: number,
  fullPrecision: boolean,
): { lat: number; lon: number } {
  const lat = center.lat + yKm / KM_PER_DEGREE_LAT;
  const lon = center.lon + xKm / (KM_PER_DEGREE_LAT * Math.cos((center.lat * Math.PI) / 180));
  // The real feed mixes 6-decimal coordinates with full-precision doubles.
  return fullPrecision ? { lat, lon } : { lat: round(lat, 6), lon: round(lon, 6) };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

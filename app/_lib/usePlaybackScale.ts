'use client';
/**
 * History ▶ plays the day an hour at a time. Each hour's answer weighs its hexagons against its own
 * heaviest one, so stretching the colours over each frame would change the scale at every hour and
 * frames could not be compared: while playing, the colours stretch over the values of the whole
 * day's hours instead (as the Forecast mode does over its 24 hours).
 */
import useSWR from 'swr';
import { hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import type { ColorDomain } from './colorRamp';
import { hotspotsUrl, type HotspotsParams } from './endpoints';
import { loadApiResource } from './useApiResource';

export interface ValueRange {
  minValue: number;
  maxValue: number;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const AT_ONCE = 4;

async function dayValueRange(urls: readonly string[]): Promise<ValueRange | null> {
  let [minValue, maxValue] = [Infinity, -Infinity];
  for (let i = 0; i < urls.length; i += AT_ONCE) {
    const answers = await Promise.all(urls.slice(i, i + AT_ONCE).map((url) => loadApiResource(url, hotspotsResponseSchema)));
    for (const answer of answers) {
      for (const h of answer.hexagons) {
        if (h.value === null) continue;
        minValue = Math.min(minValue, h.value);
        maxValue = Math.max(maxValue, h.value);
      }
    }
  }
  return Number.isFinite(minValue) ? { minValue, maxValue } : null;
}

/** The values of every hour of the day while playing (null: not playing, or still loading). */
export function usePlaybackScale(params: Omit<HotspotsParams, 'from' | 'to'> | null, playing: boolean): { range: ValueRange | null; loading: boolean } {
  const urls = params && playing ? HOURS.map((from) => hotspotsUrl({ ...params, from, to: from + 1 })) : null;
  const { data, isLoading } = useSWR(urls ? ['playback-scale', ...urls] : null, ([, ...list]: string[]) => dayValueRange(list), {
    revalidateOnFocus: false,
    dedupingInterval: 60_000,
  });
  return { range: data ?? null, loading: isLoading };
}

/**
 * A frame's colour domain on the day's value range: weights are values over the frame's heaviest
 * value, so the day's range in this frame's weights is the range divided by that value.
 */
export function frameDomain(range: ValueRange, hexagons: readonly { weight: number; value: number | null }[]): ColorDomain | null {
  let heaviest = 0;
  for (const h of hexagons) if (h.value !== null) heaviest = Math.max(heaviest, h.value);
  if (heaviest <= 0) return null;
  return { minWeight: range.minValue / heaviest, maxWeight: range.maxValue / heaviest, minValue: range.minValue, maxValue: range.maxValue };
}

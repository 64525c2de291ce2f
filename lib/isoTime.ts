/** ISO instants of epoch seconds, as every answer and log line writes them. */
export function isoTime(epochSeconds: number): string;
export function isoTime(epochSeconds: number | null): string | null;
export function isoTime(epochSeconds: number | null): string | null {
  return epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString();
}

/**
 * The figures of a period's episodes: per station the count, total and longest, and the longest
 * episodes themselves. A year of a large system has millions of episodes, so only the `limit`
 * longest are kept while the rest are counted.
 */
import type { Episode } from './episodes';

export interface StationEpisodeFigures {
  stationId: string;
  count: number;
  totalSeconds: number;
  longestSeconds: number;
}

/** Longest first; equal ones by start, then station, so an answer never depends on reading order. */
export function longestFirst(a: Episode, b: Episode): number {
  return b.durationSeconds - a.durationSeconds || a.start - b.start || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0);
}

export class EpisodeTally {
  private readonly byStation = new Map<string, StationEpisodeFigures>();
  private kept: Episode[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(episode: Episode): void {
    this.count++;
    const figures = this.byStation.get(episode.stationId) ?? { stationId: episode.stationId, count: 0, totalSeconds: 0, longestSeconds: 0 };
    figures.count++;
    figures.totalSeconds += episode.durationSeconds;
    figures.longestSeconds = Math.max(figures.longestSeconds, episode.durationSeconds);
    this.byStation.set(episode.stationId, figures);
    this.kept.push(episode);
    // Trimming at twice the limit sorts rarely: the cost stays O(n log limit).
    if (this.kept.length >= 2 * this.limit + 64) this.trim();
  }

  /** Stations with at least one episode, most seconds first. */
  stations(): StationEpisodeFigures[] {
    return [...this.byStation.values()].sort(
      (a, b) => b.totalSeconds - a.totalSeconds || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0),
    );
  }

  /** The `limit` longest episodes, longest first. */
  longest(): Episode[] {
    this.trim();
    return [...this.kept];
  }

  private trim(): void {
    this.kept = this.kept.sort(longestFirst).slice(0, this.limit);
  }
}

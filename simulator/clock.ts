/**
 * The simulated feed clock. Only a station_status that is actually served moves it, so a test
 * can poll at full speed and still see one simulated step per poll.
 */

export interface ClockOptions {
  startTime: number;
  stepSeconds: number;
  /** Never run ahead of the real wall clock (demo: backfill fast, then follow real time). */
  realTimeCap: boolean;
  /** Injected in tests; epoch seconds. */
  wallClock?: () => number;
}

/** How far back a `stale` document goes, in steps. */
const STALE_STEPS = 5;

export class SimClock {
  private served: number | null = null;
  private readonly wallClock: () => number;

  constructor(private readonly options: ClockOptions) {
    if (!(options.stepSeconds > 0)) throw new RangeError('stepSeconds must be > 0');
    this.wallClock = options.wallClock ?? (() => Date.now() / 1000);
  }

  /** The time of the last station_status served (startTime before the first one). */
  now(): number {
    return this.served ?? this.capped(this.options.startTime);
  }

  /** What the next station_status will carry, without moving the clock. */
  peek(): number {
    if (this.served === null) return this.capped(this.options.startTime);
    // When capped, repeated polls within one step return the same time: an unchanged feed.
    return Math.max(this.served, this.capped(this.served + this.options.stepSeconds));
  }

  /** Moves to the next step and returns it; call once per station_status actually served. */
  advance(): number {
    this.served = this.peek();
    return this.served;
  }

  /** A time strictly older than anything served so far. */
  staleTime(): number {
    return this.now() - STALE_STEPS * this.options.stepSeconds;
  }

  private capped(t: number): number {
    if (!this.options.realTimeCap) return t;
    const step = this.options.stepSeconds;
    return Math.min(t, Math.floor(this.wallClock() / step) * step);
  }
}

/** Default start: now rounded down to the minute. */
export function defaultStartTime(): number {
  return Math.floor(Date.now() / 60_000) * 60;
}

/**
 * Hotspots: where bikes pile up. Pure computation; the caller does the I/O.
 *
 * Crediting (credit.ts). A system is polled at feed times T1 < T2 < … (whole epoch seconds). The
 * state a station has in poll k holds over [Tk, Tk+1) if Tk+1 − Tk ≤ maxGapSeconds (default 900);
 * a longer gap is unobserved time. The newest poll earns nothing until the next one arrives. A
 * station absent from poll k, not installed, or with bikes + docks = 0 is unobserved over
 * [Tk, Tk+1). Bikes beyond capacity are counted as reported.
 *
 * Per station, H3 cell and local hour (localTime.ts: the system's IANA zone, 23- and 25-hour DST
 * days, :30/:45 offsets), in seconds or bike-seconds, integers for integer inputs:
 *   observedS  seconds observed            bikeS  ∫ bikes dt        dockS  ∫ docks dt
 *   typedS     observed seconds with both ebikes and mechanical known (not null)
 *   ebikeS, mechanicalS  ∫ ebikes dt, ∫ mechanical dt over typed time
 *   fullS      seconds with docks = 0      emptyS seconds with bikes = 0
 * The incremental credit at each poll and a rebuild from stored polls run the same code on the
 * same intervals, so they agree to the bike-second.
 *
 * Scoring (aggregate.ts). Over a window (a local day, or local hours from–to of it) the hourly
 * rows are summed per (station, cell): a station that moved contributes to each cell it stood
 * in. Resolutions 7–9 gather resolution-10 cells under their parent. A hexagon's value:
 *   occupancy   Σ bikeS / Σ (bikeS + dockS)
 *   bikes       Σ over its stations of bikeS / observedS (bikes parked there on average)
 *   ebikes      Σ over its stations with typedS > 0 of ebikeS / typedS; a hexagon with no typed
 *   mechanical  time is left out (same with mechanicalS)
 *   full        Σ fullS / Σ observedS
 * Per-station ratios use the station's figures merged over the hexagon's cells. Every hexagon
 * with observed time is listed, 0 included. weight = value / largest value (all 0 when that is
 * 0); rank counts from 1 by weight, ties by h3 ascending; `limit` cuts after weighting.
 * coverage = Σ observedS / (stations × window seconds), per hexagon and over all observed
 * stations of the window (whatever the metric lists).
 */
export * from './types';
export * from '../calendar';
export * from './credit';
export * from './aggregate';

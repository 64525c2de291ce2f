/**
 * How much of a station's hourly variance its weekday × hour profile leaves unexplained: the
 * check that a simulated history gives a forecast no free lunch. Per station, over its observed
 * hours: residual share = Σ (x − cell mean)² · n / (n − 1) ÷ Σ (x − station mean)², the cell
 * the station's (weekday, local hour), n its observations (the factor undoes the cell mean's fit
 * to its own observations; a cell seen once counts nothing). The figure is the mean over stations
 * with any variance, and the pooled ratio of sums.
 */
import type { StationHistory } from '@/lib/forecast/types';

export interface NoiseFigures {
  stations: number;
  /** Mean of the stations' residual shares. */
  meanShare: number;
  /** Σ residual ÷ Σ total over every station. */
  pooledShare: number;
  /** Lag-1 h and lag-24 h autocorrelation of the residuals (how long a deviation lasts). */
  autocorrelation1h: number;
  autocorrelation24h: number;
}

export function residualShare(histories: Iterable<StationHistory>): NoiseFigures {
  let stations = 0;
  let shareSum = 0;
  let residualSum = 0;
  let totalSum = 0;
  const lagSums = { 1: [0, 0], 24: [0, 0] } as Record<1 | 24, [number, number]>;
  for (const { hours } of histories) {
    const cells = Array.from({ length: 168 }, () => ({ n: 0, sum: 0 }));
    let n = 0;
    let sum = 0;
    for (const entry of hours) {
      if (entry.meanBikes === null) continue;
      const cell = cells[(entry.weekday - 1) * 24 + entry.hour];
      cell.n++;
      cell.sum += entry.meanBikes;
      n++;
      sum += entry.meanBikes;
    }
    if (n < 2) continue;
    const mean = sum / n;
    let residual = 0;
    let total = 0;
    const residuals = hours.map((entry) => {
      if (entry.meanBikes === null) return null;
      const cell = cells[(entry.weekday - 1) * 24 + entry.hour];
      const r = entry.meanBikes - cell.sum / cell.n;
      residual += cell.n > 1 ? (r * r * cell.n) / (cell.n - 1) : 0;
      total += (entry.meanBikes - mean) ** 2;
      return r;
    });
    if (total === 0) continue;
    for (const lag of [1, 24] as const) {
      for (let i = lag; i < residuals.length; i++) {
        const a = residuals[i - lag];
        const b = residuals[i];
        if (a === null || b === null) continue;
        lagSums[lag][0] += a * b;
        lagSums[lag][1] += a * a;
      }
    }
    stations++;
    shareSum += residual / total;
    residualSum += residual;
    totalSum += total;
  }
  return {
    stations,
    meanShare: stations > 0 ? shareSum / stations : 0,
    pooledShare: totalSum > 0 ? residualSum / totalSum : 0,
    autocorrelation1h: lagSums[1][1] > 0 ? lagSums[1][0] / lagSums[1][1] : 0,
    autocorrelation24h: lagSums[24][1] > 0 ? lagSums[24][0] / lagSums[24][1] : 0,
  };
}

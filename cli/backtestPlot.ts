/**
 * `npm run backtest -- --plot DIR`: the backtest as SVG charts a person reads at a glance.
 *
 * - `mae.svg`: MAE in bikes per station by horizon, the model against persistence and the
 *   seasonal profile.
 * - `reliability-empty.svg`, `reliability-full.svg`: the chance said (x) against the share of the
 *   hour it happened (y), one dot per bin sized by its forecasts; on the diagonal, the chances mean
 *   what they say. The band is ±0.05.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BacktestResult, Chance, ReliabilityBin } from '@/lib/forecast/backtest';

const WIDTH = 520;
const HEIGHT = 380;
const MARGIN = { left: 60, right: 150, top: 40, bottom: 50 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const COLOURS: Record<string, string> = { model: '#1b7837', persistence: '#b2182b', seasonal: '#2166ac', climatology: '#762a83' };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (value: number) => value.toFixed(1);

interface Axes {
  x: (value: number) => number;
  y: (value: number) => number;
}

function frame(title: string, xLabel: string, yLabel: string, xTicks: number[], yTicks: number[], axes: Axes, tickText: (v: number) => string): string[] {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2 - MARGIN.right / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  ];
  for (const t of yTicks) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${fixed(axes.y(t))}" y2="${fixed(axes.y(t))}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${fixed(axes.y(t) + 4)}" text-anchor="end">${tickText(t)}</text>`);
  }
  for (const t of xTicks) parts.push(`<text x="${fixed(axes.x(t))}" y="${MARGIN.top + PLOT_H + 18}" text-anchor="middle">${tickText(t)}</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#444"/>`);
  return parts;
}

function legend(entries: { label: string; colour: string }[]): string[] {
  return entries.flatMap(({ label, colour }, i) => {
    const y = MARGIN.top + 10 + i * 20;
    const x = MARGIN.left + PLOT_W + 14;
    return [`<rect x="${x}" y="${y - 9}" width="14" height="10" fill="${colour}"/>`, `<text x="${x + 20}" y="${y}">${escapeXml(label)}</text>`];
  });
}

/** MAE by horizon of every forecaster that has one (climatology's bikes left out: it is the chances' baseline). */
export function maeChart(result: BacktestResult, title: string): string {
  const names = Object.keys(result.mae).filter((name) => name !== 'climatology');
  const values = names.flatMap((name) => result.mae[name].filter((v): v is number => v !== null));
  const top = Math.max(0.5, ...values) * 1.1;
  const maxHour = Math.max(...result.horizons);
  const axes: Axes = {
    x: (h) => MARGIN.left + ((h - 1) / Math.max(1, maxHour - 1)) * PLOT_W,
    y: (v) => MARGIN.top + PLOT_H - (v / top) * PLOT_H,
  };
  const step = top > 4 ? 1 : 0.5;
  const yTicks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  const parts = frame(title, 'hours ahead', 'MAE, bikes per station', result.horizons, yTicks, axes, (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)));
  for (const name of names) {
    const points = result.horizons.flatMap((h, i) => (result.mae[name][i] === null ? [] : [[axes.x(h), axes.y(result.mae[name][i]!)]]));
    const colour = COLOURS[name] ?? '#333';
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${points.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join(' ')}"/>`);
    for (const [x, y] of points) parts.push(`<circle cx="${fixed(x)}" cy="${fixed(y)}" r="3.5" fill="${colour}"/>`);
  }
  parts.push(...legend(names.map((name) => ({ label: name, colour: COLOURS[name] ?? '#333' }))), '</svg>');
  return parts.join('\n') + '\n';
}

/** Chance said against share that happened, one dot per bin (area ∝ forecasts), the diagonal and its ±0.05 band. */
export function reliabilityChart(bins: readonly ReliabilityBin[], chance: Chance, title: string): string {
  const axes: Axes = { x: (v) => MARGIN.left + v * PLOT_W, y: (v) => MARGIN.top + PLOT_H - v * PLOT_H };
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const parts = frame(title, `P(${chance}) said`, 'share of the hour it happened', ticks, ticks, axes, (v) => v.toFixed(1));
  const band = [
    [0, 0.05],
    [0.95, 1],
    [1, 1],
    [1, 0.95],
    [0.05, 0],
    [0, 0],
  ];
  parts.push(`<polygon points="${band.map(([x, y]) => `${fixed(axes.x(x))},${fixed(axes.y(y))}`).join(' ')}" fill="#1b7837" fill-opacity="0.12"/>`);
  parts.push(`<line x1="${axes.x(0)}" y1="${axes.y(0)}" x2="${axes.x(1)}" y2="${axes.y(1)}" stroke="#888" stroke-dasharray="4 3"/>`);
  const largest = Math.max(1, ...bins.map((b) => b.forecasts));
  const shown = bins.filter((bin) => bin.forecasts > 0);
  parts.push(
    `<polyline fill="none" stroke="#1b7837" stroke-width="1.5" points="${shown.map((b) => `${fixed(axes.x(b.said!))},${fixed(axes.y(b.happened!))}`).join(' ')}"/>`,
  );
  for (const bin of shown) {
    const r = 3 + 9 * Math.sqrt(bin.forecasts / largest);
    parts.push(
      `<circle cx="${fixed(axes.x(bin.said!))}" cy="${fixed(axes.y(bin.happened!))}" r="${fixed(r)}" fill="#1b7837" fill-opacity="0.7"><title>${bin.forecasts} forecasts: said ${bin.said!.toFixed(3)}, happened ${bin.happened!.toFixed(3)}</title></circle>`,
    );
  }
  parts.push(...legend([{ label: 'model', colour: '#1b7837' }, { label: '±0.05', colour: '#cfe3d3' }]), '</svg>');
  return parts.join('\n') + '\n';
}

/** Writes the three charts of a backtest into `dir` (created if missing); returns the files written. */
export function writeBacktestPlots(dir: string, result: BacktestResult, what: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [['mae.svg', maeChart(result, `${what}: MAE by horizon`)]];
  if (result.reliability) {
    files.push(['reliability-empty.svg', reliabilityChart(result.reliability.empty, 'empty', `${what}: P(empty) reliability`)]);
    files.push(['reliability-full.svg', reliabilityChart(result.reliability.full, 'full', `${what}: P(full) reliability`)]);
  }
  return files.map(([name, svg]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, svg);
    return file;
  });
}

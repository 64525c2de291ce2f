/** How figures read on screen. */
import { daysInPeriod } from '@/lib/calendar';
import { METRIC_INFO, type Metric } from '@/lib/hotspots/types';

const number1 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** One decimal: 21 → "21.0", 1234.56 → "1,234.6". */
export function formatDecimal(n: number): string {
  return number1.format(n);
}

export function formatInteger(n: number): string {
  return integer.format(n);
}

/** A share 0..1 as a percentage with one decimal: 0.6408 → "64.1 %". */
export function formatPercent(share: number): string {
  return `${number1.format(share * 100)} %`;
}

/** A metric's value in its unit: "64.1 %" for shares, "12.3" bikes for averages. */
export function formatMetricValue(value: number | null, metric: Metric): string {
  if (value === null) return '–';
  return METRIC_INFO[metric].percent ? formatPercent(value) : number1.format(value);
}

/** The short unit shown after a value; shares carry their "%" already. */
function shortUnit(metric: Metric): string {
  switch (metric) {
    case 'bikes':
      return 'bikes';
    case 'ebikes':
      return 'e-bikes';
    case 'mechanical':
      return 'mechanical bikes';
    default:
      return '';
  }
}

export function formatMetricWithUnit(value: number | null, metric: Metric): string {
  const unit = shortUnit(metric);
  const text = formatMetricValue(value, metric);
  return unit && value !== null ? `${text} ${unit}` : text;
}

export function formatWeight(weight: number): string {
  return weight.toFixed(2);
}

/** "45 s", "8 min", "2 h 05 min", "3 d 4 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function wallClock(iso: string, timeZone: string, style: Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, ...style }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** An instant on the system's wall clock: "23 Nov 2026, 11:10". */
export function formatInstant(iso: string, timeZone: string): string {
  return wallClock(iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The time alone on the system's wall clock, for what happened minutes ago: "11:10". */
export function formatClock(iso: string, timeZone: string): string {
  return wallClock(iso, timeZone, { timeStyle: 'short' });
}

/** A local hour boundary: 0 → "00:00", 24 → "24:00". */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "2026-03-23 – 2026-03-29 (7 days)", or the day alone. */
export function formatPeriod({ start, end }: { start: string; end: string }): string {
  if (start === end) return start;
  return `${start} – ${end} (${daysInPeriod(start, end)} days)`;
}

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

// Every date on the page reads one way: "Mon 7 Dec 2026" (a day), "Mon 7 Dec 2026, 11:10" (an
// instant, on the system's wall clock). Built from parts, not a dateStyle, so no locale or engine
// adds a comma or reorders them.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day "2026-12-07" in words: "Mon 7 Dec 2026" (an unreadable string stays as it is). */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${date} ${MONTHS[month - 1]} ${year}`;
}

/** The calendar day and the time of an instant on a wall clock: ["2026-12-07", "11:10"]. */
function wallClockParts(iso: string, timeZone: string): { day: string; time: string } | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** An instant on the system's wall clock: "Mon 23 Nov 2026, 11:10". */
export function formatInstant(iso: string, timeZone: string): string {
  const local = wallClockParts(iso, timeZone);
  return local ? `${formatDay(local.day)}, ${local.time}` : iso;
}

/** The day alone of an instant on the system's wall clock: "Mon 23 Nov 2026". */
export function formatInstantDay(iso: string, timeZone: string): string {
  const local = wallClockParts(iso, timeZone);
  return local ? formatDay(local.day) : iso;
}

/** The time alone on the system's wall clock, for what happened minutes ago: "11:10". */
export function formatClock(iso: string, timeZone: string): string {
  return wallClockParts(iso, timeZone)?.time ?? iso;
}

/** A local hour boundary: 0 → "00:00", 24 → "24:00". */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "Mon 23 Mar 2026 – Sun 29 Mar 2026 (7 days)", or the day alone. */
export function formatPeriod({ start, end }: { start: string; end: string }): string {
  if (start === end) return formatDay(start);
  return `${formatDay(start)} – ${formatDay(end)} (${daysInPeriod(start, end)} days)`;
}

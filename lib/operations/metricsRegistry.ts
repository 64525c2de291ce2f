/**
 * The process's one Prometheus registry and the metrics on it, kept on globalThis: Next's hot
 * reload re-evaluates modules, and the instrumentation hook (where the scheduler polls) is bundled
 * apart from the route handlers, yet every copy must count into the same metrics, and prom-client
 * refuses a second metric of the same name on a registry.
 */
import { collectDefaultMetrics, Registry, type Counter } from 'prom-client';

interface ProcessMetrics {
  registry: Registry;
  /** Each group of metrics (polls, routes, ...), created once by its own module. */
  groups: Map<string, unknown>;
}

const key = Symbol.for('gbfs-hotspots.metrics');
type GlobalWithMetrics = typeof globalThis & { [key]?: ProcessMetrics };

/**
 * prom-client's process_cpu_* counters count from their registration, here at the first scrape
 * or poll: a fresh server's first scrape said ~0 s of CPU, and every later one left out its
 * start. The CPU the process used before is added once, so they count from the process's start,
 * as Prometheus reads a process_* counter.
 */
function countCpuBefore(registry: Registry, used: NodeJS.CpuUsage): void {
  const add = (name: string, micros: number) => (registry.getSingleMetric(name) as Counter | undefined)?.inc(micros / 1e6);
  add('process_cpu_user_seconds_total', used.user);
  add('process_cpu_system_seconds_total', used.system);
  add('process_cpu_seconds_total', used.user + used.system);
}

function processMetrics(): ProcessMetrics {
  const holder = globalThis as GlobalWithMetrics;
  if (!holder[key]) {
    const registry = new Registry();
    // CPU, memory, event loop lag, GC, handles: the standard process_* and nodejs_* series.
    const usedBefore = process.cpuUsage();
    collectDefaultMetrics({ register: registry });
    countCpuBefore(registry, usedBefore);
    holder[key] = { registry, groups: new Map() };
  }
  return holder[key];
}

export function metricsRegistry(): Registry {
  return processMetrics().registry;
}

/** The metrics of one group, created on the shared registry by the first caller in the process. */
export function metricGroup<T>(name: string, create: (registry: Registry) => T): T {
  const { registry, groups } = processMetrics();
  if (!groups.has(name)) groups.set(name, create(registry));
  return groups.get(name) as T;
}

/** Forgets every metric: what a restarted process starts with (tests). */
export function forgetProcessMetrics(): void {
  delete (globalThis as GlobalWithMetrics)[key];
}

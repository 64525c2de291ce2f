/**
 * The process's one Prometheus registry and the metrics on it, kept on globalThis: Next's hot
 * reload re-evaluates modules, and the instrumentation hook (where the scheduler polls) is bundled
 * apart from the route handlers, yet every copy must count into the same metrics, and prom-client
 * refuses a second metric of the same name on a registry.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

interface ProcessMetrics {
  registry: Registry;
  /** Each group of metrics (polls, routes, ...), created once by its own module. */
  groups: Map<string, unknown>;
}

const key = Symbol.for('gbfs-hotspots.metrics');
type GlobalWithMetrics = typeof globalThis & { [key]?: ProcessMetrics };

function processMetrics(): ProcessMetrics {
  const holder = globalThis as GlobalWithMetrics;
  if (!holder[key]) {
    const registry = new Registry();
    // CPU, memory, event loop lag, GC, handles: the standard process_* and nodejs_* series.
    collectDefaultMetrics({ register: registry });
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

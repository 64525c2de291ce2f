/**
 * A worker thread running a TypeScript module through tsx's loader, as the commands run: for the
 * commands only (the server, bundled by Next, has no tsx loader).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function typeScriptWorker(script: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * `npm run export` in a child process under a V8 heap limit, with its peak resident memory
 * (test/support/reportPeakMemory.mjs, preloaded, reports it on exit).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ExportCommandResult {
  exitCode: number | null;
  stderr: string;
  peakRssBytes: number;
  heapLimitBytes: number;
  ms: number;
}

/**
 * A command (`node [nodeArguments] --import tsx script args`) in a child process: its exit code
 * and what it wrote to stderr. `env` is added to this process's environment, `undefined` values
 * removed from it.
 */
export async function runCommand(
  script: string,
  args: string[],
  options: { nodeArguments?: string[]; env?: Record<string, string | undefined> } = {},
): Promise<{ exitCode: number | null; stderr: string }> {
  // What vitest put in NODE_OPTIONS is for its own workers, not for the command.
  const { NODE_OPTIONS: _vitestOptions, ...environment } = process.env;
  const env = { ...environment, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), '--import', 'tsx', script, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr += text));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { exitCode, stderr };
}

export async function runExportCommand(args: string[], options: { heapLimitMb?: number; env?: Record<string, string> } = {}): Promise<ExportCommandResult> {
  const started = Date.now();
  const { exitCode, stderr } = await runCommand('cli/export.ts', args, {
    nodeArguments: [...(options.heapLimitMb ? [`--max-old-space-size=${options.heapLimitMb}`] : []), '--import', path.resolve('test/support/reportPeakMemory.mjs')],
    env: options.env,
  });
  const report = /^peak-memory (.*)$/m.exec(stderr);
  const memory = report ? (JSON.parse(report[1]) as { peakRssBytes: number; heapLimitBytes: number }) : { peakRssBytes: NaN, heapLimitBytes: NaN };
  return { exitCode, stderr, ...memory, ms: Date.now() - started };
}

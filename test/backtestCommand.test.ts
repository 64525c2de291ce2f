/** `npm run backtest`: its answers to bad arguments and to a system without history, in a child process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './support/runCommand';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-backtest-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// The command opens its own PGlite in a folder of its own, with the built-in system only.
const backtestCommand = (args: string[]) =>
  runCommand('cli/backtest.ts', args, { env: { DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: 'silent', GBFS_SYSTEMS: '' } });

describe('npm run backtest', () => {
  it.each([
    [['--days', '0'], /--days must be a whole number of days from 1 to 60, got "0"/],
    [['--days', 'two'], /--days must be a whole number/],
    [['--refit', 'weekly'], /--refit must be "daily", "origin" or "once", got "weekly"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j: exit code 2 and what is wrong, with the usage', async (args, message) => {
    const { exitCode, stderr } = await backtestCommand(args);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^usage: npm run backtest/m);
  }, 30_000);

  it('names an unknown system and the known ones; a listed one never polled has no history', async () => {
    const unknown = await backtestCommand(['--system', 'nowhere']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr.trim()).toBe('unknown system "nowhere" (systems: velib)');
    const empty = await backtestCommand([]);
    expect(empty.exitCode).toBe(1);
    expect(empty.stderr.trim()).toBe('system "velib" has never been polled: no history to backtest');
  }, 60_000);
});

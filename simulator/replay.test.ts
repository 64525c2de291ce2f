import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplay } from './replay';
import { timeFromFolderName } from './replayFolder';
import type { ReplayOptions, RunningSimulator } from './types';

const T1 = Date.parse('2023-07-18T07:11:16Z') / 1000;
const T2 = T1 + 3600;
const T3 = T2 + 3600;

/** Odd formatting on purpose: a re-serialising server would not give these bytes back. */
const status = (t: number, bikes: number) =>
  `{\n  "data": {"stations": [ {"station_id": "a", "num_bikes_available": ${bikes}, "is_installed": 1} ]},\n  "last_updated": ${t}, "ttl": 5\n}\n`;
const info = (name: string) => `{"last_updated":${T1},"ttl":5,"data":{"stations":[{"station_id":"a","name":"${name}","lat":37.7,"lon":-122.4}]}}`;
const system = '{"last_updated":1,"ttl":5,"data":{"system_id":"fgb","name":"Bay Wheels","timezone":"America/Los_Angeles","language":"en"}}';

let dir: string;
let infoLateDir: string;
const running: RunningSimulator[] = [];

async function snapshot(root: string, folder: string, files: Record<string, string>): Promise<void> {
  await mkdir(join(root, folder), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, folder, name), text);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gbfs-replay-'));
  await snapshot(dir, '2023-07-18T07-11-25Z', {
    'station_status.json': status(T1, 1),
    'station_information.json': info('Première'),
    'system_information.json': system,
  });
  await snapshot(dir, '2023-07-18T08-11-25Z', { 'station_status.json': status(T2, 2) });
  await snapshot(dir, '2023-07-18T09-11-25Z', {
    'station_status.json': status(T3, 3),
    'station_information.json': info('Troisième'),
  });
  // No system_information, and station_information only from the second snapshot on.
  infoLateDir = await mkdtemp(join(tmpdir(), 'gbfs-replay-'));
  await snapshot(infoLateDir, 's1', { 'station_status.json': status(T1, 1) });
  await snapshot(infoLateDir, 's2', { 'station_status.json': status(T2, 2), 'station_information.json': info('Tardive') });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(infoLateDir, { recursive: true, force: true });
});

async function start(options: ReplayOptions): Promise<RunningSimulator> {
  const replay = await startReplay(options);
  running.push(replay);
  return replay;
}
const text = async (url: string) => (await fetch(url)).text();

describe('startReplay', () => {
  it('serves one snapshot per station_status request, byte for byte, then stays on the last', async () => {
    const replay = await start({ dir });
    expect(replay.now()).toBe(T1);
    const served = [];
    for (let i = 0; i < 4; i++) served.push(await text(`${replay.url}/station_status.json`));
    expect(served).toEqual([status(T1, 1), status(T2, 2), status(T3, 3), status(T3, 3)]);
    expect(replay.now()).toBe(T3);
    expect(replay.requests('station_status')).toBe(4);
  });

  it('wraps around with loop', async () => {
    const replay = await start({ dir, loop: true });
    const served = [];
    for (let i = 0; i < 4; i++) served.push(await text(`${replay.url}/station_status.json`));
    expect(served).toEqual([status(T1, 1), status(T2, 2), status(T3, 3), status(T1, 1)]);
  });

  it('serves the most recent station_information and system_information at or before the snapshot', async () => {
    const replay = await start({ dir });
    const infoNow = () => text(`${replay.url}/station_information.json`);
    expect(await infoNow()).toBe(info('Première'));
    await text(`${replay.url}/station_status.json`);
    await text(`${replay.url}/station_status.json`);
    expect(await infoNow()).toBe(info('Première'));
    await text(`${replay.url}/station_status.json`);
    expect(await infoNow()).toBe(info('Troisième'));
    expect(await text(`${replay.url}/system_information.json`)).toBe(system);
  });

  it('synthesises gbfs.json with absolute URLs, and system_information when the folder has none', async () => {
    const replay = await start({ dir: infoLateDir, timezone: 'America/Los_Angeles', name: 'Replay', systemId: 'replay' });
    const gbfs = JSON.parse(await text(replay.gbfsUrl)) as { data: { en: { feeds: { name: string; url: string }[] } } };
    expect(gbfs.data.en.feeds.map((f) => f.url)).toEqual([
      `${replay.url}/gbfs.json`,
      `${replay.url}/system_information.json`,
      `${replay.url}/station_information.json`,
      `${replay.url}/station_status.json`,
    ]);
    expect(JSON.parse(await text(`${replay.url}/system_information.json`))).toEqual({
      last_updated: T1,
      ttl: 0,
      version: '1.1',
      data: { system_id: 'replay', name: 'Replay', timezone: 'America/Los_Angeles' },
    });
    // None at or before the first snapshot: the first one after it.
    expect(await text(`${replay.url}/station_information.json`)).toBe(info('Tardive'));
    expect((await fetch(`${replay.url}/vehicle_types.json`)).status).toBe(404);
  });

  it('applies transport faults and stale; a failed request does not move to the next snapshot', async () => {
    const replay = await start({ dir });
    await text(`${replay.url}/station_status.json`);
    replay.setFault({ feed: 'station_status', kind: 'http500', times: 1 });
    expect((await fetch(`${replay.url}/station_status.json`)).status).toBe(500);
    expect(await text(`${replay.url}/station_status.json`)).toBe(status(T2, 2));
    replay.setFault({ feed: 'station_status', kind: 'stale', times: 1 });
    expect(await text(`${replay.url}/station_status.json`)).toBe(status(T1, 1));
    replay.setFault({ feed: 'station_status', kind: 'truncated', times: 1 });
    expect(await text(`${replay.url}/station_status.json`)).toBe(status(T3, 3).slice(0, Math.floor(status(T3, 3).length / 2)));
    expect(await text(`${replay.url}/station_status.json`)).toBe(status(T3, 3));
  });

  it('reads times from folder names', () => {
    expect(timeFromFolderName('2023-07-18T07-11-25Z')).toBe(Date.parse('2023-07-18T07:11:25Z') / 1000);
    expect(timeFromFolderName('2025-10-18')).toBe(Date.parse('2025-10-18T00:00:00Z') / 1000);
    expect(timeFromFolderName('snapshot')).toBeNull();
  });

  it('refuses a folder without any station_status.json', async () => {
    await expect(startReplay({ dir: join(dir, '2023-07-18T07-11-25Z') })).rejects.toThrow(/station_status/);
  });
});

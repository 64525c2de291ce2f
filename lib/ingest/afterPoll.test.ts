import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { AFTER_POLL_STEPS, runAfterPollSteps, type AfterPollStep, type StoredPoll } from './afterPoll';

const poll: StoredPoll = { db: {} as Db, system: { id: 'paris', timezone: 'Europe/Paris' }, feedTime: 1_700_000_000, catchingUp: true };

describe('the steps after a stored poll', () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs the forecast, then retention, then the catalog's daily refresh, each from the one list", () => {
    expect(AFTER_POLL_STEPS.map((step) => step.name)).toEqual(['forecast', 'retention', 'catalog']);
  });

  it('runs every step in order with the poll; a failing step is logged as <name>.failed and the next still runs', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    const steps: AfterPollStep[] = [
      { name: 'first', run: async (p) => void seen.push(`first ${p.system.id} ${p.feedTime} ${p.catchingUp}`) },
      { name: 'broken', run: async () => Promise.reject(new Error('disk full')) },
      { name: 'last', run: async () => void seen.push('last') },
    ];
    await expect(runAfterPollSteps(poll, steps)).resolves.toBeUndefined();
    expect(seen).toEqual(['first paris 1700000000 true', 'last']);
    const lines = errors.mock.calls.map(([line]) => JSON.parse(String(line)));
    expect(lines).toEqual([expect.objectContaining({ level: 'error', event: 'broken.failed', system: 'paris', error: 'disk full' })]);
  });
});

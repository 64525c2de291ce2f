/**
 * What follows a stored poll, outside its transaction: each feature's step, in this order. A step
 * sees the poll as stored; its failure is logged as `<step>.failed` and never fails the poll,
 * whose data is already stored. A feature that must act on every poll adds its step here.
 */
import type { Db } from '@/db/client';
import { describeError } from '@/lib/errors';
import { catalogRefreshStep } from '@/lib/catalog/refresh';
import { forecastStep } from '@/lib/forecast/afterPoll';
import { logEvent } from '@/lib/log';
import { retentionStep } from './retention';

export interface StoredPoll {
  db: Db;
  system: { id: string; timezone: string };
  /** Feed time (epoch s) of the poll just stored. */
  feedTime: number;
  /** Days of raw history to keep; unset keeps all. */
  retentionDays?: number;
  /**
   * Catching up on past polls (a backfill): a step may do only what later polls need (the
   * forecast issues only the forecasts kept for scoring) and leave the rest to the newest poll.
   */
  catchingUp?: boolean;
}

export interface AfterPollStep {
  /** Names the step in its failure's log event. */
  name: string;
  run(poll: StoredPoll): Promise<void>;
}

export const AFTER_POLL_STEPS: readonly AfterPollStep[] = [forecastStep, retentionStep, catalogRefreshStep];

export async function runAfterPollSteps(poll: StoredPoll, steps: readonly AfterPollStep[] = AFTER_POLL_STEPS): Promise<void> {
  for (const step of steps) {
    try {
      await step.run(poll);
    } catch (error) {
      logEvent('error', `${step.name}.failed`, { system: poll.system.id, error: describeError(error) });
    }
  }
}

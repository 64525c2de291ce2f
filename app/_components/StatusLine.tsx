'use client';
/** The system's last successful poll and its age, a failing or stale warning, and the simulated-data badge. */
import type { SystemInfo } from '@/app/_lib/useSystems';
import { formatAge, formatInstant, formatInteger } from '@/app/_lib/format';
import { describeFailure, pollStatus } from '@/app/_lib/pollStatus';
import { useNow } from '@/app/_lib/useNow';

export function StatusLine({ system }: { system: SystemInfo }) {
  // Ticks here, not in the explorer: only this line changes with the clock.
  const now = useNow(15, system);
  const status = pollStatus(system, now);
  const failing = describeFailure(status);
  return (
    <p className="status-line" data-testid="status-line">
      <span className="status-line__system">{system.name}</span>
      <span>{formatInteger(system.stations)} stations</span>
      {system.lastPoll && status.dataAgeSeconds !== null ? (
        <span data-testid="last-poll">
          last poll <time dateTime={system.lastPoll}>{formatInstant(system.lastPoll, system.timezone)}</time> ({formatAge(status.dataAgeSeconds)} ago)
        </span>
      ) : (
        <span data-testid="last-poll">no poll stored yet</span>
      )}
      {/* Named once: every time on the page is on this clock. */}
      <span data-testid="time-zone">times in {system.timezone}</span>
      {failing && (
        <span className="badge badge--warning" role="status" data-testid="poll-failing" title={failing}>
          ⚠ {failing}
        </span>
      )}
      {status.stale && status.dataAgeSeconds !== null && (
        <span className="badge badge--warning" role="status" data-testid="stale-warning">
          ⚠ stale: no new data for {formatAge(status.dataAgeSeconds)}
        </span>
      )}
      {system.simulated && (
        <span className="badge badge--simulated" data-testid="simulated-badge" title="These figures come from the project's feed simulator, not from the real system">
          simulated data
        </span>
      )}
    </p>
  );
}

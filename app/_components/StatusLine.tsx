'use client';
/** The system's last successful poll and its age, a stale warning, and the simulated-data badge. */
import type { SystemInfo } from '@/app/_lib/useSystems';
import { formatAge, formatInstant, formatInteger } from '@/app/_lib/format';
import { useNow } from '@/app/_lib/useNow';

export function StatusLine({ system }: { system: SystemInfo }) {
  // Ticks here, not in the explorer: only this line changes with the clock.
  const now = useNow(15);
  const ageSeconds = system.lastPoll ? Math.max(0, (now - Date.parse(system.lastPoll)) / 1000) : null;
  // The server's own threshold, the one /api/health reports staleness with.
  const stale = ageSeconds !== null && ageSeconds > system.staleAfterSeconds;
  return (
    <p className="status-line" data-testid="status-line">
      <span className="status-line__system">{system.name}</span>
      <span>{formatInteger(system.stations)} stations</span>
      {system.lastPoll && ageSeconds !== null ? (
        <span data-testid="last-poll">
          last poll <time dateTime={system.lastPoll}>{formatInstant(system.lastPoll, system.timezone)}</time> ({formatAge(ageSeconds)} ago)
        </span>
      ) : (
        <span data-testid="last-poll">no poll stored yet</span>
      )}
      {stale && (
        <span className="badge badge--warning" role="status" data-testid="stale-warning">
          ⚠ stale: no new data for {formatAge(ageSeconds)}
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

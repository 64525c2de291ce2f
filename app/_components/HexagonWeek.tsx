'use client';
/**
 * The selected hexagon over the period: its typical week as a 7 × 24 heat map (the map's ramp,
 * stretched over the hexagon's own values) and its stations' longest full and empty episodes.
 */
import { episodesResponseSchema } from '@/lib/episodes/schemas';
import type { Period } from '@/lib/api/periodFields';
import { profileResponseSchema, type ProfileResponse } from '@/lib/profile/schemas';
import type { Metric } from '@/lib/hotspots/types';
import { rampColor } from '@/app/_lib/colorRamp';
import { episodesUrl, profileUrl } from '@/app/_lib/endpoints';
import { formatAge, formatInstant, formatMetricWithUnit, formatPeriod, hourLabel } from '@/app/_lib/format';
import { WINDOW_ANSWERS, useApiResource } from '@/app/_lib/useApiResource';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function HeatMap({ profile }: { profile: ProfileResponse }) {
  const values = profile.values.flat().filter((v): v is number => v !== null);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const position = (v: number) => (high > low ? (v - low) / (high - low) : 1);
  return (
    <table className="heatmap" data-testid="typical-week" aria-label={`Typical week of ${profile.metric}`}>
      <thead>
        <tr>
          <th />
          {profile.hours.map((hour) => (
            <th key={hour} scope="col">
              {hour % 6 === 0 ? hour : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {profile.weekdays.map((weekday, i) => (
          <tr key={weekday}>
            <th scope="row">{WEEKDAY_NAMES[weekday - 1]}</th>
            {profile.hours.map((hour, j) => {
              const value = profile.values[i][j];
              const title = `${WEEKDAY_NAMES[weekday - 1]} ${hourLabel(hour)}: ${value === null ? 'not observed' : formatMetricWithUnit(value, profile.metric)}`;
              return <td key={hour} title={title} style={{ background: value === null ? 'transparent' : `rgb(${rampColor(position(value)).join(',')})` }} />;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Episodes({ h3, system, timezone, period, kind }: { h3: string; system: string; timezone: string; period: Period; kind: 'full' | 'empty' }) {
  const episodes = useApiResource(episodesUrl(h3, { system, period, kind }), episodesResponseSchema, WINDOW_ANSWERS);
  if (!episodes.data) return <p className="muted">{episodes.error ? `Episodes unavailable: ${episodes.error.message}` : 'Loading episodes…'}</p>;
  const list = episodes.data.episodes;
  return (
    <div data-testid={`episodes-${kind}`}>
      <h4>Longest {kind === 'full' ? 'full (no free dock)' : 'empty (no bike)'}</h4>
      {list.length === 0 ? (
        <p className="muted">None in this period{episodes.data.coverage ? '' : ' (no raw polls kept for it)'}.</p>
      ) : (
        <ol className="episodes">
          {list.map((e) => (
            <li key={`${e.stationId}-${e.start}`}>
              {e.name}: {formatAge(e.durationSeconds)}
              {e.ongoing ? ', still going' : ''} <span className="muted">from {formatInstant(e.start, timezone)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** `timezone`: the system's, in which every time of the page is told. */
export function HexagonWeek({ h3, system, timezone, period, metric }: { h3: string; system: string; timezone: string; period: Period; metric: Metric }) {
  const profile = useApiResource(profileUrl(h3, { system, period, metric }), profileResponseSchema, WINDOW_ANSWERS);
  return (
    <section className="hexagon-week" aria-label="Typical week and episodes">
      <h3>
        Typical week, {formatPeriod(period)}
      </h3>
      {profile.data ? <HeatMap profile={profile.data} /> : <p className="muted">{profile.error ? `Typical week unavailable: ${profile.error.message}` : 'Loading the typical week…'}</p>}
      <Episodes h3={h3} system={system} timezone={timezone} period={period} kind="full" />
      <Episodes h3={h3} system={system} timezone={timezone} period={period} kind="empty" />
    </section>
  );
}

import { describe, expect, it } from 'vitest';
import { profileAt, seasonalProfile } from './seasonalProfile';
import { HOUR, MONDAY, utcHistory } from '../../test/support/forecastHistories';

describe('seasonalProfile', () => {
  it('is the mean per weekday and hour over the last weeks only', () => {
    // Three weeks; week w (0, 1, 2) holds w + 1 bikes on Mondays at 08:00, 10 elsewhere.
    const history = utcHistory(21 * 24, (index, { weekday, hour }) => (weekday === 1 && hour === 8 ? Math.floor(index / 168) + 1 : 10));
    // The last two weeks: (2 + 3) / 2.
    expect(profileAt(seasonalProfile(history, { weeks: 2 }), { weekday: 1, hour: 8 })?.bikes).toBe(2.5);
    // All three: (1 + 2 + 3) / 3.
    expect(profileAt(seasonalProfile(history, { weeks: 3 }), { weekday: 1, hour: 8 })?.bikes).toBe(2);
    // A window of the first week alone: one Monday 08:00 (1 bike) is too few, so the cell takes
    // the mean of 08:00 over the week's seven days, (1 + 6 · 10) / 7.
    const firstWeek = seasonalProfile(history, { weeks: 1, until: MONDAY + 168 * HOUR });
    expect(firstWeek.observations).toBe(168);
    expect(profileAt(firstWeek, { weekday: 1, hour: 8 })?.bikes).toBe(61 / 7);
  });

  it('falls back to the hour-of-day mean when a weekday-hour was seen fewer than 2 times', () => {
    // One week: every cell has one observation, so each takes the mean of its hour over the 7
    // days. At 08:00 Monday has 1 bike, the other six days 10: (1 + 6 · 10) / 7 = 61 / 7.
    const history = utcHistory(7 * 24, (_, { weekday, hour }) => (weekday === 1 && hour === 8 ? 1 : 10));
    const profile = seasonalProfile(history, { weeks: 4 });
    expect(profileAt(profile, { weekday: 1, hour: 8 })?.bikes).toBe(61 / 7);
    expect(profileAt(profile, { weekday: 5, hour: 8 })?.bikes).toBe(61 / 7);
    expect(profileAt(profile, { weekday: 5, hour: 9 })?.bikes).toBe(10);
  });

  it('averages the full and empty shares alike, and leaves unobserved hours without a value', () => {
    const history = utcHistory(14 * 24, (_, { hour }) => (hour === 3 ? null : 4), (index) => ({ full: index < 168 ? 1 : 0, empty: 0.5 }));
    const profile = seasonalProfile(history, { weeks: 2 });
    expect(profileAt(profile, { weekday: 2, hour: 9 })).toEqual({ bikes: 4, pFull: 0.5, pEmpty: 0.5 });
    expect(profileAt(profile, { weekday: 2, hour: 3 })).toBeNull();
    expect(profile.observations).toBe(14 * 23);
  });

  it('pools every weekday in the hour-of-day kind', () => {
    const history = utcHistory(14 * 24, (_, { weekday }) => (weekday <= 5 ? 6 : 13));
    const profile = seasonalProfile(history, { weeks: 3, kind: 'hour-of-day' });
    expect(profile.values.every((value) => value?.bikes === 8)).toBe(true);
    // Whereas two observations per weekday-hour are enough for the weekday × hour kind.
    expect(profileAt(seasonalProfile(history, { weeks: 3 }), { weekday: 6, hour: 0 })?.bikes).toBe(13);
  });
});

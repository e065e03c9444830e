import { describe, expect, it } from 'vitest';
import { filterOf } from '../../../components/dashboard/Filters';
import { customRange, presetRange } from '../../../components/dashboard/ranges';
import { DAY, NOW } from '../../support/factories';

const HOUR = 3_600_000;

describe('date range presets', () => {
  // NOW is Monday 2026-11-23 12:00 UTC.
  it.each([
    ['last30', NOW - 30 * DAY],
    ['last90', NOW - 90 * DAY],
    ['quarter', Date.UTC(2026, 9, 1)],
    ['last12m', Date.UTC(2025, 10, 23)],
  ] as const)('%s starts at the right instant and ends just after now', (preset, from) => {
    expect(presetRange(preset, NOW, 'UTC')).toEqual({ from, to: NOW + 1 });
  });

  it('is all time without a range', () => {
    expect(presetRange('all', NOW, 'UTC')).toBeUndefined();
  });

  it('counts calendar boundaries in the business calendar’s zone', () => {
    // 2026-10-01 00:00 in Berlin is 2026-09-30 22:00 UTC (summer time).
    expect(presetRange('quarter', NOW, 'Europe/Berlin')?.from).toBe(Date.UTC(2026, 8, 30, 22));
  });
});

describe('custom dates', () => {
  it('includes both days', () => {
    expect(customRange('2026-11-01', '2026-11-30', 'UTC')).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    });
    expect(customRange('2026-11-23', '2026-11-23', 'UTC')).toEqual({
      from: Date.UTC(2026, 10, 23),
      to: Date.UTC(2026, 10, 24),
    });
  });

  it('follows the zone across a DST change (a 23-hour day)', () => {
    const range = customRange('2026-03-08', '2026-03-08', 'America/New_York');
    expect(range && range.to - range.from).toBe(23 * HOUR);
  });

  it.each([
    ['', '2026-11-30'],
    ['2026-11-30', ''],
    ['2026-12-01', '2026-11-30'],
    ['next week', '2026-11-30'],
  ])('refuses %j to %j', (from, to) => {
    expect(customRange(from, to, 'UTC')).toBeUndefined();
  });
});

describe('filterOf', () => {
  it('adds owner and source only when chosen', () => {
    expect(filterOf({ preset: 'all', from: '', to: '', owner: '', source: '' }, NOW, 'UTC')).toEqual({ filter: {} });
    expect(filterOf({ preset: 'last30', from: '', to: '', owner: 'a@b.io', source: 'Webinar' }, NOW, 'UTC')).toEqual({
      filter: { owner: 'a@b.io', source: 'Webinar', range: { from: NOW - 30 * DAY, to: NOW + 1 } },
    });
  });

  it('says why custom dates that make no window are left out', () => {
    const { filter, error } = filterOf(
      { preset: 'custom', from: '2026-12-01', to: '', owner: '', source: '' },
      NOW,
      'UTC',
    );
    expect(filter).toEqual({});
    expect(error).toMatch(/showing all time/);
  });
});

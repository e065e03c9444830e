import { describe, expect, it } from 'vitest';
import { periodOf, periodsBetween } from '../../../lib/metrics/periods';

/** Expected bounds are written by hand with their UTC offsets, not computed with the code under test. */
const t = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('periodOf', () => {
  it.each([
    {
      name: 'a Monday noon in UTC starts its own week',
      at: '2026-11-23T12:00Z',
      unit: 'week',
      tz: 'UTC',
      label: '2026-11-23',
      start: '2026-11-23T00:00Z',
      end: '2026-11-30T00:00Z',
    },
    {
      name: 'the last minute of Sunday is still that week',
      at: '2026-11-29T23:59Z',
      unit: 'week',
      tz: 'UTC',
      label: '2026-11-23',
      start: '2026-11-23T00:00Z',
      end: '2026-11-30T00:00Z',
    },
    {
      name: 'Monday 03:00 UTC is Sunday evening in New York: the week before',
      at: '2026-11-23T03:00Z',
      unit: 'week',
      tz: 'America/New_York',
      label: '2026-11-16',
      start: '2026-11-16T00:00-05:00',
      end: '2026-11-23T00:00-05:00',
    },
    {
      name: 'Berlin spring-forward week: 167 hours, Sunday 23:30 CEST still in it',
      at: '2026-03-29T23:30+02:00',
      unit: 'week',
      tz: 'Europe/Berlin',
      label: '2026-03-23',
      start: '2026-03-23T00:00+01:00',
      end: '2026-03-30T00:00+02:00',
    },
    {
      name: 'Berlin, half an hour later: the next week',
      at: '2026-03-30T00:30+02:00',
      unit: 'week',
      tz: 'Europe/Berlin',
      label: '2026-03-30',
      start: '2026-03-30T00:00+02:00',
      end: '2026-04-06T00:00+02:00',
    },
    {
      name: 'New York fall-back week: 169 hours',
      at: '2026-11-01T01:30-05:00',
      unit: 'week',
      tz: 'America/New_York',
      label: '2026-10-26',
      start: '2026-10-26T00:00-04:00',
      end: '2026-11-02T00:00-05:00',
    },
    {
      name: 'a month in UTC',
      at: '2026-11-23T12:00Z',
      unit: 'month',
      tz: 'UTC',
      label: '2026-11',
      start: '2026-11-01T00:00Z',
      end: '2026-12-01T00:00Z',
    },
    {
      name: 'October 31 19:00 UTC is November 1 in Kolkata',
      at: '2026-10-31T19:00Z',
      unit: 'month',
      tz: 'Asia/Kolkata',
      label: '2026-11',
      start: '2026-11-01T00:00+05:30',
      end: '2026-12-01T00:00+05:30',
    },
    {
      name: 'December rolls into January',
      at: '2026-12-31T12:00Z',
      unit: 'month',
      tz: 'UTC',
      label: '2026-12',
      start: '2026-12-01T00:00Z',
      end: '2027-01-01T00:00Z',
    },
  ] as const)('$name', ({ at, unit, tz, label, start, end }) => {
    expect(periodOf(t(at), unit, tz)).toEqual({ label, start: t(start), end: t(end) });
  });

  it('measures DST weeks in real hours', () => {
    const spring = periodOf(t('2026-03-25T12:00Z'), 'week', 'Europe/Berlin');
    expect((spring.end - spring.start) / HOUR).toBe(167);
    const fall = periodOf(t('2026-10-28T12:00Z'), 'week', 'America/New_York');
    expect((fall.end - fall.start) / HOUR).toBe(169);
  });
});

describe('periodsBetween', () => {
  it.each([
    {
      name: 'weeks overlapping a range that starts mid-week',
      from: '2026-11-13T12:00Z',
      to: '2026-11-23T12:00Z',
      unit: 'week',
      labels: ['2026-11-09', '2026-11-16', '2026-11-23'],
    },
    {
      name: 'a range ending exactly at a week start leaves that week out',
      from: '2026-11-09T00:00Z',
      to: '2026-11-23T00:00Z',
      unit: 'week',
      labels: ['2026-11-09', '2026-11-16'],
    },
    {
      name: 'months across the new year',
      from: '2026-11-15T00:00Z',
      to: '2027-02-01T00:00Z',
      unit: 'month',
      labels: ['2026-11', '2026-12', '2027-01'],
    },
    { name: 'an empty range', from: '2026-11-15T00:00Z', to: '2026-11-15T00:00Z', unit: 'week', labels: [] },
    { name: 'an inverted range', from: '2026-11-20T00:00Z', to: '2026-11-17T00:00Z', unit: 'week', labels: [] },
  ] as const)('$name', ({ from, to, unit, labels }) => {
    const periods = periodsBetween(t(from), t(to), unit, 'UTC');
    expect(periods.map((p) => p.label)).toEqual(labels);
    // Contiguous: each period starts where the one before ended.
    for (let i = 1; i < periods.length; i++) expect(periods[i]?.start).toBe(periods[i - 1]?.end);
  });
});

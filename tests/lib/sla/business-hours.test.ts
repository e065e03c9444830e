import { describe, expect, it } from 'vitest';
import type { LeadInput } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import {
  addBusinessHours,
  type BusinessCalendar,
  businessMsBetween,
  type SlaStatus,
  slaStatus,
} from '../../../lib/sla/business-hours';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Mon-Fri 09:00-17:00 in `timeZone`, with overrides. */
function calendar(timeZone: string, overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return { timeZone, workdays: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '17:00', holidays: [], ...overrides };
}

/**
 * Expected instants are written as ISO strings with their UTC offset, worked out by hand
 * from the zone's rules, never computed with the library under test.
 */
const t = (iso: string) => Date.parse(iso);

const UTC = calendar('UTC');
const NEW_YORK = calendar('America/New_York');
const BERLIN = calendar('Europe/Berlin');
const KOLKATA = calendar('Asia/Kolkata');

// November 2026: Mon 23, Tue 24, Wed 25, Thu 26 (US Thanksgiving), Fri 27, Sat 28, Sun 29, Mon 30.
describe('addBusinessHours', () => {
  it.each([
    { name: 'within one day', start: '2026-11-23T10:00Z', hours: 2, cal: UTC, deadline: '2026-11-23T12:00Z' },
    {
      name: 'across the close into the next morning',
      start: '2026-11-23T16:00Z',
      hours: 2,
      cal: UTC,
      deadline: '2026-11-24T10:00Z',
    },
    {
      name: 'a start before opening counts from the opening',
      start: '2026-11-23T07:00Z',
      hours: 1,
      cal: UTC,
      deadline: '2026-11-23T10:00Z',
    },
    {
      name: 'a start at the close counts from the next opening',
      start: '2026-11-23T17:00Z',
      hours: 1,
      cal: UTC,
      deadline: '2026-11-24T10:00Z',
    },
    {
      name: 'Friday 18:00 counts from Monday 09:00',
      start: '2026-11-27T18:00Z',
      hours: 1,
      cal: UTC,
      deadline: '2026-11-30T10:00Z',
    },
    {
      name: 'a Saturday start counts from Monday 09:00',
      start: '2026-11-28T12:00Z',
      hours: 1,
      cal: UTC,
      deadline: '2026-11-30T10:00Z',
    },
    {
      name: 'the weekend does not count',
      start: '2026-11-27T16:00Z',
      hours: 8,
      cal: UTC,
      deadline: '2026-11-30T16:00Z',
    },
    {
      name: 'a deadline that uses a day up exactly is that close, not the next opening',
      start: '2026-11-23T09:00Z',
      hours: 8,
      cal: UTC,
      deadline: '2026-11-23T17:00Z',
    },
    {
      name: '24 business hours from Monday 09:00 is Wednesday 17:00',
      start: '2026-11-23T09:00Z',
      hours: 24,
      cal: UTC,
      deadline: '2026-11-25T17:00Z',
    },
    {
      name: 'a holiday is skipped (Thanksgiving)',
      start: '2026-11-25T16:00Z',
      hours: 2,
      cal: calendar('UTC', { holidays: ['2026-11-26'] }),
      deadline: '2026-11-27T10:00Z',
    },
    {
      name: 'a holiday Monday after a weekend',
      start: '2026-11-27T18:00Z',
      hours: 1,
      cal: calendar('UTC', { holidays: ['2026-11-30'] }),
      deadline: '2026-12-01T10:00Z',
    },
    {
      name: 'a holiday on a day off changes nothing',
      start: '2026-11-27T16:00Z',
      hours: 2,
      cal: calendar('UTC', { holidays: ['2026-11-28'] }),
      deadline: '2026-11-30T10:00Z',
    },
    {
      name: 'fractional hours',
      start: '2026-11-23T16:45Z',
      hours: 0.5,
      cal: UTC,
      deadline: '2026-11-24T09:15Z',
    },
    {
      name: 'a Sunday-Thursday week',
      start: '2026-11-26T16:00Z',
      hours: 2,
      cal: calendar('UTC', { workdays: [0, 1, 2, 3, 4] }),
      deadline: '2026-11-29T10:00Z',
    },
    {
      name: 'custom hours 08:30-12:15',
      start: '2026-11-23T12:00Z',
      hours: 1,
      cal: calendar('UTC', { dayStart: '08:30', dayEnd: '12:15' }),
      deadline: '2026-11-24T09:15Z',
    },
    {
      name: 'zero hours is the start itself',
      start: '2026-11-28T12:00Z',
      hours: 0,
      cal: UTC,
      deadline: '2026-11-28T12:00Z',
    },
  ])('$name', ({ start, hours, cal, deadline }) => {
    expect(new Date(addBusinessHours(t(start), hours, cal)).toISOString()).toBe(new Date(t(deadline)).toISOString());
  });

  describe('time zones: the office hours are local to the calendar', () => {
    it.each([
      // Friday 18:00 local, 1 h: Monday 10:00 local.
      { cal: NEW_YORK, start: '2026-11-27T18:00-05:00', deadline: '2026-11-30T10:00-05:00' },
      { cal: BERLIN, start: '2026-11-27T18:00+01:00', deadline: '2026-11-30T10:00+01:00' },
      { cal: KOLKATA, start: '2026-11-27T18:00+05:30', deadline: '2026-11-30T10:00+05:30' },
    ])('Friday 18:00 in $cal.timeZone counts from Monday 09:00 there', ({ cal, start, deadline }) => {
      expect(addBusinessHours(t(start), 1, cal)).toBe(t(deadline));
    });

    it.each([
      // Monday 12:00 UTC is 07:00 in New York (before opening), 13:00 in Berlin, 17:30 in Kolkata (after the close).
      { cal: NEW_YORK, deadline: '2026-11-23T10:00-05:00' },
      { cal: BERLIN, deadline: '2026-11-23T14:00+01:00' },
      { cal: KOLKATA, deadline: '2026-11-24T10:00+05:30' },
    ])('one instant, three offices: Monday 12:00 UTC + 1 h in $cal.timeZone', ({ cal, deadline }) => {
      expect(addBusinessHours(t('2026-11-23T12:00Z'), 1, cal)).toBe(t(deadline));
    });

    it('takes a holiday by the local date, not the UTC date', () => {
      // Monday 2026-11-30 00:30 in Kolkata is still Sunday 19:00 UTC: the local Monday is the holiday.
      const cal = calendar('Asia/Kolkata', { holidays: ['2026-11-30'] });
      expect(addBusinessHours(t('2026-11-30T00:30+05:30'), 1, cal)).toBe(t('2026-12-01T10:00+05:30'));
    });
  });

  describe('daylight saving time', () => {
    it.each([
      // US spring forward, Sunday 2026-03-08: Friday is EST (-05:00), Monday EDT (-04:00).
      { cal: NEW_YORK, start: '2026-03-06T16:00-05:00', deadline: '2026-03-09T16:00-04:00' },
      // US fall back, Sunday 2026-11-01.
      { cal: NEW_YORK, start: '2026-10-30T16:00-04:00', deadline: '2026-11-02T16:00-05:00' },
      // EU spring forward, Sunday 2026-03-29: CET (+01:00) to CEST (+02:00).
      { cal: BERLIN, start: '2026-03-27T16:00+01:00', deadline: '2026-03-30T16:00+02:00' },
      // EU fall back, Sunday 2026-10-25.
      { cal: BERLIN, start: '2026-10-23T16:00+02:00', deadline: '2026-10-26T16:00+01:00' },
      // India has no DST: the week the others change is an ordinary week.
      { cal: KOLKATA, start: '2026-03-06T16:00+05:30', deadline: '2026-03-09T16:00+05:30' },
    ])('over the weekend $cal.timeZone changes its clocks, 09:00 stays 09:00 local', ({ cal, start, deadline }) => {
      expect(addBusinessHours(t(start), 8, cal)).toBe(t(deadline));
    });

    it('counts a DST week as five full working days, though the week is an hour shorter', () => {
      const start = t('2026-03-02T09:00-05:00');
      const end = t('2026-03-09T09:00-04:00');
      expect(end - start).toBe(7 * 24 * HOUR - HOUR);
      expect(businessMsBetween(start, end, NEW_YORK)).toBe(40 * HOUR);
    });

    it('measures a window that spans the change in real elapsed time', () => {
      // Open every day, all day: the spring-forward Sunday has 23 h (22 h 59 min up to 23:59).
      const allDay = calendar('America/New_York', {
        workdays: [0, 1, 2, 3, 4, 5, 6],
        dayStart: '00:00',
        dayEnd: '23:59',
      });
      expect(businessMsBetween(t('2026-03-08T00:00-05:00'), t('2026-03-08T23:59-04:00'), allDay)).toBe(
        22 * HOUR + 59 * MINUTE,
      );
      expect(addBusinessHours(t('2026-03-08T00:00-05:00'), 3, allDay)).toBe(t('2026-03-08T04:00-04:00'));
    });

    it('moves an opening that falls in the skipped hour forward by the gap', () => {
      // 02:30 does not exist in New York on 2026-03-08: the office opens at 03:30 EDT.
      const cal = calendar('America/New_York', { workdays: [0], dayStart: '02:30', dayEnd: '05:00' });
      expect(addBusinessHours(t('2026-03-08T00:00-05:00'), 0.5, cal)).toBe(t('2026-03-08T04:00-04:00'));
    });

    it('takes the first occurrence of an opening in the repeated hour, whatever the host zone', () => {
      // 01:30 happens twice in New York on 2026-11-01: first at 01:30 EDT (05:30 UTC).
      const cal = calendar('America/New_York', { workdays: [0], dayStart: '01:30', dayEnd: '03:00' });
      expect(addBusinessHours(t('2026-11-01T00:00-04:00'), 0.25, cal)).toBe(t('2026-11-01T01:45-04:00'));
      // From 01:30 EDT to 03:00 EST is 2.5 h of real time.
      expect(businessMsBetween(t('2026-11-01T00:00-04:00'), t('2026-11-02T00:00-05:00'), cal)).toBe(2.5 * HOUR);
    });
  });

  it('refuses negative hours and a calendar with no workday', () => {
    expect(() => addBusinessHours(0, -1, UTC)).toThrow(RangeError);
    expect(() => addBusinessHours(0, 1, calendar('UTC', { workdays: [] }))).toThrow(/workday/);
    expect(() => addBusinessHours(0, 1, calendar('Mars/Olympus_Mons'))).toThrow(/time zone/);
  });
});

describe('businessMsBetween', () => {
  it.each([
    { name: 'within a day', a: '2026-11-23T10:00Z', b: '2026-11-23T12:30Z', hours: 2.5 },
    { name: 'overnight counts only the hours', a: '2026-11-23T16:00Z', b: '2026-11-24T10:00Z', hours: 2 },
    { name: 'a whole weekend is nothing', a: '2026-11-27T17:00Z', b: '2026-11-30T09:00Z', hours: 0 },
    { name: 'Friday 18:00 to Monday 11:00', a: '2026-11-27T18:00Z', b: '2026-11-30T11:00Z', hours: 2 },
    { name: 'a full week', a: '2026-11-23T00:00Z', b: '2026-11-30T00:00Z', hours: 40 },
    { name: 'reversed is zero', a: '2026-11-24T10:00Z', b: '2026-11-23T10:00Z', hours: 0 },
    { name: 'equal is zero', a: '2026-11-24T10:00Z', b: '2026-11-24T10:00Z', hours: 0 },
  ])('$name', ({ a, b, hours }) => {
    expect(businessMsBetween(t(a), t(b), UTC)).toBe(hours * HOUR);
  });

  it('skips holidays', () => {
    const cal = calendar('UTC', { holidays: ['2026-11-26'] });
    expect(businessMsBetween(t('2026-11-23T00:00Z'), t('2026-11-30T00:00Z'), cal)).toBe(32 * HOUR);
  });

  it.each([UTC, NEW_YORK, BERLIN, KOLKATA])(
    'undoes addBusinessHours in $timeZone (from any start, for any allowance)',
    (cal) => {
      const starts = ['2026-03-06T21:17Z', '2026-03-27T08:00Z', '2026-11-23T12:00Z', '2026-11-28T03:00Z'];
      for (const start of starts) {
        for (const hours of [0.25, 1, 7.5, 8, 24, 72]) {
          const deadline = addBusinessHours(t(start), hours, cal);
          expect(businessMsBetween(t(start), deadline, cal), `${start} + ${hours} h`).toBe(hours * HOUR);
        }
      }
    },
  );
});

describe('slaStatus', () => {
  // 24 business hours, Mon-Fri 09:00-17:00 UTC (the defaults).
  const settings = DEFAULT_SETTINGS;
  const created = t('2026-11-02T09:00Z');
  const lead = (stage: LeadInput['stage'], times: Partial<LeadInput['times']>) => ({
    stage,
    times: { createdAt: created, ...times },
  });
  const mqlAt = t('2026-11-23T10:00Z');
  // Monday 10:00 + 24 h: Mon 7 + Tue 8 + Wed 8 = 23 h, so Thursday 10:00.
  const deadline = t('2026-11-26T10:00Z');

  it.each<{ name: string; lead: ReturnType<typeof lead>; now: string; expected: SlaStatus }>([
    {
      name: 'a plain lead has no SLA',
      lead: lead('lead', {}),
      now: '2026-11-23T12:00Z',
      expected: { kind: 'not_applicable' },
    },
    {
      name: 'an outbound lead that was touched but never an MQL has none either',
      lead: lead('lead', { firstTouchAt: mqlAt }),
      now: '2026-11-23T12:00Z',
      expected: { kind: 'not_applicable' },
    },
    {
      name: 'an MQL waiting: the clock runs from mqlAt',
      lead: lead('mql', { mqlAt }),
      now: '2026-11-23T12:00Z',
      expected: { kind: 'running', startedAt: mqlAt, deadline, remainingBusinessMs: 22 * HOUR },
    },
    {
      name: 'an MQL without mqlAt has been waiting since it was created',
      lead: lead('mql', { createdAt: mqlAt }),
      now: '2026-11-23T12:00Z',
      expected: { kind: 'running', startedAt: mqlAt, deadline, remainingBusinessMs: 22 * HOUR },
    },
    {
      name: 'exactly at the deadline the clock still runs, with nothing left',
      lead: lead('mql', { mqlAt }),
      now: '2026-11-26T10:00Z',
      expected: { kind: 'running', startedAt: mqlAt, deadline, remainingBusinessMs: 0 },
    },
    {
      name: 'one millisecond past the deadline it is overdue',
      lead: lead('mql', { mqlAt }),
      now: '2026-11-26T10:00:00.001Z',
      expected: { kind: 'overdue', startedAt: mqlAt, deadline, overdueBusinessMs: 1 },
    },
    {
      name: 'overdue counts business time only',
      lead: lead('mql', { mqlAt }),
      now: '2026-11-30T11:00Z',
      // Thu 10-17 (7) + Fri 8 + Mon 2 = 17 h.
      expected: { kind: 'overdue', startedAt: mqlAt, deadline, overdueBusinessMs: 17 * HOUR },
    },
    {
      name: 'a touch before the deadline is met on time',
      lead: lead('mql', { mqlAt, firstTouchAt: t('2026-11-23T15:00Z') }),
      now: '2026-11-30T11:00Z',
      expected: {
        kind: 'met',
        startedAt: mqlAt,
        deadline,
        at: t('2026-11-23T15:00Z'),
        withinBusinessMs: 5 * HOUR,
        onTime: true,
      },
    },
    {
      name: 'a touch exactly at the deadline is on time',
      lead: lead('sql', { mqlAt, firstTouchAt: deadline, sqlAt: deadline }),
      now: '2026-11-30T11:00Z',
      expected: { kind: 'met', startedAt: mqlAt, deadline, at: deadline, withinBusinessMs: 24 * HOUR, onTime: true },
    },
    {
      name: 'a late touch is met, not on time',
      lead: lead('sql', { mqlAt, firstTouchAt: t('2026-11-27T10:00Z') }),
      now: '2026-11-30T11:00Z',
      expected: {
        kind: 'met',
        startedAt: mqlAt,
        deadline,
        at: t('2026-11-27T10:00Z'),
        withinBusinessMs: 32 * HOUR,
        onTime: false,
      },
    },
    {
      name: 'a touch before the lead became an MQL counts as met at once',
      lead: lead('mql', { mqlAt, firstTouchAt: t('2026-11-20T10:00Z') }),
      now: '2026-11-30T11:00Z',
      expected: {
        kind: 'met',
        startedAt: mqlAt,
        deadline,
        at: t('2026-11-20T10:00Z'),
        withinBusinessMs: 0,
        onTime: true,
      },
    },
    {
      name: 'an MQL that moved on without a recorded touch has no clock left to show',
      lead: lead('recycled', { mqlAt, recycledAt: t('2026-11-24T10:00Z') }),
      now: '2026-11-30T11:00Z',
      expected: { kind: 'not_applicable' },
    },
    {
      name: 'a clock read before mqlAt (skewed device clock) shows the full allowance',
      lead: lead('mql', { mqlAt }),
      now: '2026-11-23T08:00Z',
      expected: { kind: 'running', startedAt: mqlAt, deadline, remainingBusinessMs: 24 * HOUR },
    },
  ])('$name', ({ lead, now, expected }) => {
    expect(slaStatus(lead, settings, t(now))).toEqual(expected);
  });

  it('uses the SLA hours and the calendar of the settings', () => {
    const berlin4h = { sla: { ...DEFAULT_SETTINGS.sla, firstTouchBusinessHours: 4, calendar: BERLIN } };
    // Friday 16:00 in Berlin, 4 h: 1 h on Friday, 3 h on Monday.
    const status = slaStatus(
      lead('mql', { mqlAt: t('2026-11-27T16:00+01:00') }),
      berlin4h,
      t('2026-11-27T16:30+01:00'),
    );
    expect(status).toEqual({
      kind: 'running',
      startedAt: t('2026-11-27T16:00+01:00'),
      deadline: t('2026-11-30T12:00+01:00'),
      remainingBusinessMs: 3.5 * HOUR,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { conversionBand, conversionOverTime } from '../../../lib/metrics/conversion';
import { DAY, NOW, makeLead } from '../../support/factories';
import { REP, accept, ids, metricsInput, reject, withCalendar } from './support';

const t = (iso: string) => Date.parse(iso);
const mqlAt = (at: number, extra: Partial<Lead> = {}) =>
  makeLead({ stage: 'mql', times: { createdAt: at - DAY, mqlAt: at }, ...extra });

describe('conversionBand', () => {
  it('does not judge a handful of MQLs, nor a period where most still wait for a verdict', () => {
    // One MQL, not accepted: 0%, which says nothing about the criteria.
    expect(conversionBand(0, { mqls: 1, pending: 0 })).toBe('too_few');
    // 6 of 8 undecided: not over yet, not "too low".
    expect(conversionBand(0, { mqls: 8, pending: 6 })).toBe('undecided');
    expect(conversionBand(0, { mqls: 8, pending: 4 })).toBe('loose');
    expect(conversionBand(2 / 10, { mqls: 10, pending: 1 })).toBe('healthy');
    expect(conversionBand(null, { mqls: 0, pending: 0 })).toBe('no_data');
  });

  it.each([
    [null, 'no_data'],
    [0, 'loose'],
    [0.099, 'loose'],
    [0.1, 'below_healthy'],
    [0.129, 'below_healthy'],
    [0.13, 'healthy'],
    [0.2, 'healthy'],
    [0.25, 'healthy'],
    [0.26, 'above_healthy'],
    [0.4, 'above_healthy'],
    [0.41, 'strict'],
    [1, 'strict'],
  ] as const)('%s is %s', (rate, band) => {
    expect(conversionBand(rate)).toBe(band);
  });

  it('puts exact fractions on the band edges where the issue does (13 of 100, 1 of 4)', () => {
    expect(conversionBand(13 / 100)).toBe('healthy');
    expect(conversionBand(1 / 4)).toBe('healthy');
    expect(conversionBand(2 / 5)).toBe('above_healthy');
    expect(conversionBand(1 / 10)).toBe('below_healthy');
  });
});

describe('conversionOverTime', () => {
  // Three UTC weeks from Monday 2026-11-02: four MQLs in the first (one accepted), none in
  // the second, two in the third (one accepted, one waiting) beside a direct SQL.
  const week1 = [0, 1, 2, 3].map((i) => mqlAt(t('2026-11-02T10:00Z') + i * DAY));
  const week3 = [mqlAt(t('2026-11-16T10:00Z')), mqlAt(t('2026-11-18T10:00Z'))];
  const direct = makeLead({ stage: 'sql', times: { createdAt: t('2026-11-17T09:00Z') } });
  const leads = [...week1, ...week3, direct];
  const [w1a, w1b, w1c, w1d] = week1 as [Lead, Lead, Lead, Lead];
  const [w3a, w3b] = week3 as [Lead, Lead];
  const dispositions = [
    accept(w1a, t('2026-11-05T10:00Z')),
    reject(w1b, t('2026-11-05T10:00Z'), 'no_need'),
    reject(w1c, t('2026-11-06T10:00Z'), 'wrong_persona'),
    reject(w1d, t('2026-11-09T10:00Z'), 'duplicate', 'disqualified'),
    accept(w3a, t('2026-11-17T10:00Z')),
    accept(direct, t('2026-11-17T10:00Z'), 'direct_inbound'),
  ];
  const input = metricsInput({ leads, dispositions });
  const range = { from: t('2026-11-02T00:00Z'), to: t('2026-11-23T00:00Z') };

  it('counts each MQL in the week it became one, with the verdict in force now', () => {
    const weeks = conversionOverTime(input, { unit: 'week', filter: { range } });
    // Four and two MQLs: rates, but too few to judge against the bands.
    expect(weeks.map((w) => [w.label, w.mqls.count, w.accepted.count, w.conversion.rate, w.band])).toEqual([
      ['2026-11-02', 4, 1, 0.25, 'too_few'],
      ['2026-11-09', 0, 0, null, 'no_data'],
      ['2026-11-16', 2, 1, 0.5, 'too_few'],
    ]);
    const [first, , third] = weeks;
    expect(first?.rejected.leadIds).toEqual(ids(w1b, w1c, w1d));
    expect(first?.conversion.numerator.leadIds).toEqual(ids(w1a));
    expect(third?.pending.leadIds).toEqual(ids(w3b));
    // The direct SQL is shown beside the rate, never in it.
    expect(third?.directSqls.leadIds).toEqual(ids(direct));
    expect(third?.conversion.denominator.leadIds).toEqual(ids(w3a, w3b));
    expect(first?.start).toBe(t('2026-11-02T00:00Z'));
  });

  it('without a range, runs from the first entry to now', () => {
    const weeks = conversionOverTime(input, { unit: 'week' });
    expect(weeks.map((w) => w.label)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeks.at(-1)?.mqls.count).toBe(0);
    const months = conversionOverTime(input, { unit: 'month' });
    expect(months.map((m) => [m.label, m.mqls.count, m.accepted.count])).toEqual([['2026-11', 6, 2]]);
  });

  it('cuts periods in the business time zone', () => {
    // 23:30 UTC on October 31 is already November in Berlin (CET, UTC+1).
    const late = mqlAt(t('2026-10-31T23:30Z'));
    const berlin = metricsInput({ leads: [late], settings: withCalendar({ timeZone: 'Europe/Berlin' }) });
    expect(conversionOverTime(berlin, { unit: 'month' }).map((m) => [m.label, m.mqls.count])).toEqual([['2026-11', 1]]);
    const utc = metricsInput({ leads: [late], now: t('2026-11-01T12:00Z') });
    expect(conversionOverTime(utc, { unit: 'month' }).map((m) => [m.label, m.mqls.count])).toEqual([
      ['2026-10', 1],
      ['2026-11', 0],
    ]);
  });

  it('keeps a DST week whole: Sunday 23:30 CEST is still the spring-forward week', () => {
    const sunday = mqlAt(t('2026-03-29T23:30+02:00'));
    const monday = mqlAt(t('2026-03-30T00:30+02:00'));
    const berlin = metricsInput({
      leads: [sunday, monday],
      settings: withCalendar({ timeZone: 'Europe/Berlin' }),
      now: t('2026-04-01T12:00Z'),
    });
    expect(conversionOverTime(berlin, { unit: 'week' }).map((w) => [w.label, w.mqls.leadIds])).toEqual([
      ['2026-03-23', ids(sunday)],
      ['2026-03-30', ids(monday)],
    ]);
  });

  it('follows the owner and source filters', () => {
    const mine = mqlAt(t('2026-11-03T10:00Z'), { owner: REP });
    const weeks = conversionOverTime(metricsInput({ leads: [...leads, mine], dispositions }), {
      unit: 'week',
      filter: { range, owner: REP },
    });
    expect(weeks.map((w) => w.mqls.leadIds)).toEqual([ids(mine), [], []]);
  });

  it('gives no periods for empty input, and null rates for a range with nothing in it', () => {
    expect(conversionOverTime(metricsInput({}), { unit: 'week' })).toEqual([]);
    const empty = conversionOverTime(metricsInput({}), {
      unit: 'month',
      filter: { range: { from: NOW - 40 * DAY, to: NOW } },
    });
    expect(empty.map((m) => [m.label, m.conversion.rate, m.band])).toEqual([
      ['2026-10', null, 'no_data'],
      ['2026-11', null, 'no_data'],
    ]);
  });
});

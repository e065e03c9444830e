import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { timeToSql } from '../../../lib/metrics/time-to-sql';
import { makeLead } from '../../support/factories';
import { HOUR, accept, ids, lost, metricsInput, reject, withCalendar } from './support';

const t = (iso: string) => Date.parse(iso);

/** An MQL at `mqlIso`, accepted at `acceptedIso`. */
function acceptedMql(mqlIso: string, acceptedIso: string) {
  const lead = makeLead({
    stage: 'sql',
    times: { createdAt: t(mqlIso) - HOUR, mqlAt: t(mqlIso), sqlAt: t(acceptedIso) },
  });
  return { lead, disposition: accept(lead, t(acceptedIso)) };
}

// November 2026: Mon 16 ... Fri 20, Sat 21, Sun 22, Mon 23, Wed 25, Thu 26 (Thanksgiving), Fri 27.
describe('timeToSql: one accepted MQL', () => {
  it.each([
    {
      name: 'within a working day',
      calendar: {},
      mql: '2026-11-16T10:00Z',
      accepted: '2026-11-16T14:00Z',
      businessHours: 4,
      elapsedHours: 4,
    },
    {
      name: 'over a weekend: Friday 16:00 to Monday 10:00 is 2 business hours',
      calendar: {},
      mql: '2026-11-20T16:00Z',
      accepted: '2026-11-23T10:00Z',
      businessHours: 2,
      elapsedHours: 66,
    },
    {
      name: 'over a holiday: Thanksgiving does not count',
      calendar: { timeZone: 'America/New_York', holidays: ['2026-11-26'] },
      mql: '2026-11-25T16:00-05:00',
      accepted: '2026-11-27T10:00-05:00',
      businessHours: 2,
      elapsedHours: 42,
    },
    {
      name: 'in the team’s time zone: 08:30 in Kolkata is before opening',
      calendar: { timeZone: 'Asia/Kolkata' },
      mql: '2026-11-16T08:30+05:30',
      accepted: '2026-11-16T11:00+05:30',
      businessHours: 2,
      elapsedHours: 2.5,
    },
    {
      name: 'accepted before its recorded MQL time (bad data) counts as 0',
      calendar: {},
      mql: '2026-11-16T10:00Z',
      accepted: '2026-11-16T09:30Z',
      businessHours: 0,
      elapsedHours: 0,
    },
  ])('$name', ({ calendar, mql, accepted, businessHours, elapsedHours }) => {
    const { lead, disposition } = acceptedMql(mql, accepted);
    const result = timeToSql(
      metricsInput({ leads: [lead], dispositions: [disposition], settings: withCalendar(calendar) }),
    );
    expect(result.durations).toEqual([
      { leadId: lead.id, businessMs: businessHours * HOUR, elapsedMs: elapsedHours * HOUR },
    ]);
    expect(result.measured.leadIds).toEqual([lead.id]);
  });
});

describe('timeToSql: the distribution', () => {
  // From Monday 2026-11-02 09:00 UTC, a working day is 8 business hours.
  const waits = [
    ['2026-11-02T17:00Z', 8], // exactly 1 business day: the first bucket includes its bound
    ['2026-11-03T10:00Z', 9],
    ['2026-11-06T17:00Z', 40],
    ['2026-11-13T17:00Z', 80], // two working weeks
    ['2026-11-16T10:00Z', 81],
  ] as const;
  const cases = waits.map(([accepted]) => acceptedMql('2026-11-02T09:00Z', accepted));
  const direct = makeLead({ stage: 'sql', times: { createdAt: t('2026-11-02T09:00Z') } });
  const rejected = makeLead({
    stage: 'recycled',
    times: { createdAt: t('2026-11-01T09:00Z'), mqlAt: t('2026-11-02T09:00Z') },
  });
  const waiting = makeLead({
    stage: 'mql',
    times: { createdAt: t('2026-11-01T09:00Z'), mqlAt: t('2026-11-02T09:00Z') },
  });
  const input = metricsInput({
    leads: [...cases.map((c) => c.lead), direct, rejected, waiting],
    dispositions: [
      ...cases.map((c) => c.disposition),
      accept(direct, t('2026-11-02T10:00Z'), 'direct_inbound'),
      reject(rejected, t('2026-11-03T10:00Z'), 'no_need'),
    ],
  });
  const result = timeToSql(input);
  const [b8, b9, b40, b80, b81] = cases.map((c) => c.lead) as [Lead, Lead, Lead, Lead, Lead];

  it('buckets waits by business days of the calendar, each bound included in its bucket', () => {
    expect(result.buckets.map((b) => [b.upToBusinessDays, b.leads.leadIds])).toEqual([
      [1, ids(b8)],
      [3, ids(b9)],
      [5, ids(b40)],
      [10, ids(b80)],
      [null, ids(b81)],
    ]);
  });

  it('summarises business and elapsed time of the accepted MQLs only', () => {
    expect(result.durations.map((d) => d.businessMs / HOUR)).toEqual([8, 9, 40, 80, 81]);
    expect(result.business.medianMs).toBe(40 * HOUR);
    expect(result.business.meanMs).toBe(((8 + 9 + 40 + 80 + 81) / 5) * HOUR);
    expect(result.elapsed.medianMs).toBe(t('2026-11-06T17:00Z') - t('2026-11-02T09:00Z'));
    expect(result.measured.count).toBe(5);
  });

  it('counts direct-to-SQL leads apart: they have no MQL time to measure from', () => {
    expect(result.direct.leadIds).toEqual([direct.id]);
    expect(result.measured.leadIds).not.toContain(direct.id);
  });

  it('is empty, with null statistics, for empty input', () => {
    const empty = timeToSql(metricsInput({}));
    expect(empty.durations).toEqual([]);
    expect(empty.business).toEqual({ medianMs: null, p90Ms: null, meanMs: null });
    expect(empty.buckets.every((b) => b.leads.count === 0)).toBe(true);
    expect(empty.fromCapture).toEqual({
      measured: { count: 0, leadIds: [] },
      elapsed: { medianMs: null, p90Ms: null, meanMs: null },
      business: { medianMs: null, p90Ms: null, meanMs: null },
    });
  });
});

describe('timeToSql: from first capture', () => {
  // Captured (created) an hour before the MQL in acceptedMql; a direct lead captured on Monday.
  const nurtured = makeLead({
    stage: 'sql',
    times: { createdAt: t('2026-10-05T09:00Z'), mqlAt: t('2026-11-02T09:00Z'), sqlAt: t('2026-11-02T17:00Z') },
  });
  const quick = acceptedMql('2026-11-02T09:00Z', '2026-11-02T13:00Z');
  const direct = makeLead({
    stage: 'opportunity',
    times: { createdAt: t('2026-11-02T09:00Z'), sqlAt: t('2026-11-03T09:00Z'), opportunityAt: t('2026-11-04T09:00Z') },
  });
  const rejected = makeLead({ stage: 'recycled', times: { createdAt: t('2026-11-01T09:00Z') } });
  const result = timeToSql(
    metricsInput({
      leads: [nurtured, quick.lead, direct, rejected],
      dispositions: [
        accept(nurtured, t('2026-11-02T17:00Z')),
        quick.disposition,
        accept(direct, t('2026-11-03T09:00Z'), 'direct_outbound'),
        reject(rejected, t('2026-11-02T09:00Z'), 'no_need', 'recycled', 'direct_outbound'),
      ],
    }),
  );

  it('measures every SQL, direct ones included, from its creation to the acceptance in force', () => {
    expect(result.fromCapture.measured.leadIds).toEqual(ids(nurtured, quick.lead, direct));
    // Elapsed: 5 h (1 h before the MQL, then 4 h), 24 h, and four weeks plus 8 h.
    expect(result.fromCapture.elapsed.medianMs).toBe(24 * HOUR);
    expect(result.fromCapture.elapsed.meanMs).toBe(((5 + 24 + (28 * 24 + 8)) * HOUR) / 3);
    // Business: 4 h (the hour before is 08:00, before opening), 8 h, 20 working days + 8 h.
    expect(result.fromCapture.business.medianMs).toBe(8 * HOUR);
    expect(result.fromCapture.business.meanMs).toBe(((4 + 8 + (20 * 8 + 8)) * HOUR) / 3);
  });

  it('leaves from-MQL figures as they were: the direct lead is still counted apart there', () => {
    expect(result.measured.leadIds).toEqual(ids(nurtured, quick.lead));
    expect(result.direct.leadIds).toEqual(ids(direct));
  });

  it('counts an SQL whose deal moved on (won, lost) like any other: the acceptance dates it', () => {
    const lostLead = makeLead({
      stage: 'recycled',
      times: { createdAt: t('2026-11-02T09:00Z'), mqlAt: t('2026-11-02T09:00Z'), sqlAt: t('2026-11-02T13:00Z') },
    });
    const again = timeToSql(
      metricsInput({
        leads: [lostLead],
        dispositions: [accept(lostLead, t('2026-11-02T13:00Z')), lost(lostLead, t('2026-11-20T13:00Z'))],
      }),
    );
    expect(again.fromCapture.elapsed.medianMs).toBe(4 * HOUR);
    expect(again.durations.map((d) => d.elapsedMs)).toEqual([4 * HOUR]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { slaCompliance } from '../../../lib/metrics/sla';
import { NOW, makeEvent, makeLead } from '../../support/factories';
import { HOUR, accept, ids, metricsInput, reject, withCalendar } from './support';

const t = (iso: string) => Date.parse(iso);

function mql(mqlIso: string, touchIso?: string, stage: Lead['stage'] = 'mql'): Lead {
  const times: Lead['times'] = { createdAt: t(mqlIso) - HOUR, mqlAt: t(mqlIso) };
  if (touchIso) times.firstTouchAt = t(touchIso);
  return makeLead({ stage, times });
}

type Bucket = 'onTime' | 'late' | 'overdue' | 'running' | 'unmeasured';

// NOW is Monday 2026-11-23 12:00 UTC. November 2026: Mon 16 ... Fri 20, Mon 23, Thu 26 (Thanksgiving).
describe('slaCompliance: where one MQL stands', () => {
  it.each([
    {
      name: '23 business hours over three days is on time (24 h allowed)',
      lead: () => mql('2026-11-16T10:00Z', '2026-11-18T17:00Z'),
      calendar: {},
      hours: 24,
      bucket: 'onTime',
      within: 23,
    },
    {
      name: '25 business hours is late',
      lead: () => mql('2026-11-16T10:00Z', '2026-11-19T11:00Z'),
      calendar: {},
      hours: 24,
      bucket: 'late',
      within: 25,
    },
    {
      name: 'a weekend does not count: Friday 16:00 to Wednesday 15:00 is 23 h',
      lead: () => mql('2026-11-20T16:00Z', '2026-11-25T15:00Z'),
      calendar: {},
      hours: 24,
      bucket: 'onTime',
      within: 23,
    },
    {
      name: 'a holiday does not count: Tuesday noon to Monday 10:00 over Thanksgiving is 22 h',
      lead: () => mql('2026-11-24T12:00-05:00', '2026-11-30T10:00-05:00'),
      calendar: { timeZone: 'America/New_York', holidays: ['2026-11-26'] },
      hours: 24,
      bucket: 'onTime',
      within: 22,
    },
    {
      name: 'the same touch without the holiday is late',
      lead: () => mql('2026-11-24T12:00-05:00', '2026-11-30T10:00-05:00'),
      calendar: { timeZone: 'America/New_York' },
      hours: 24,
      bucket: 'late',
      within: 30,
    },
    {
      name: 'in Kolkata an MQL at 17:30 waits for the morning: 2.5 h to a touch at 11:30',
      lead: () => mql('2026-11-16T12:00Z', '2026-11-17T06:00Z'),
      calendar: { timeZone: 'Asia/Kolkata' },
      hours: 4,
      bucket: 'onTime',
      within: 2.5,
    },
    {
      name: 'the same instants on a UTC calendar are 5 h: late',
      lead: () => mql('2026-11-16T12:00Z', '2026-11-17T06:00Z'),
      calendar: {},
      hours: 4,
      bucket: 'late',
      within: 5,
    },
    {
      name: 'over the fall-back weekend in New York: Friday 16:00 EDT to Monday 10:00 EST is 2 h',
      lead: () => mql('2026-10-30T16:00-04:00', '2026-11-02T10:00-05:00'),
      calendar: { timeZone: 'America/New_York' },
      hours: 24,
      bucket: 'onTime',
      within: 2,
    },
    {
      name: 'untouched past the deadline is overdue',
      lead: () => mql('2026-11-16T10:00Z'),
      calendar: {},
      hours: 24,
      bucket: 'overdue',
    },
    {
      name: 'untouched with the deadline ahead is still running',
      lead: () => mql('2026-11-23T10:00Z'),
      calendar: {},
      hours: 24,
      bucket: 'running',
    },
    {
      name: 'decided without a recorded touch cannot be judged',
      lead: () => mql('2026-11-16T10:00Z', undefined, 'recycled'),
      calendar: {},
      hours: 24,
      bucket: 'unmeasured',
    },
  ] satisfies {
    name: string;
    lead: () => Lead;
    calendar: object;
    hours: number;
    bucket: Bucket;
    within?: number;
  }[])('$name', ({ lead: make, calendar, hours, bucket, within }) => {
    const lead = make();
    const result = slaCompliance(metricsInput({ leads: [lead], settings: withCalendar(calendar, hours) }));
    const buckets: Bucket[] = ['onTime', 'late', 'overdue', 'running', 'unmeasured'];
    expect(buckets.filter((b) => result[b].leadIds.includes(lead.id))).toEqual([bucket]);
    expect(result.businessHours).toBe(hours);
    if (within !== undefined) {
      expect(result.timeToFirstTouch.measured.leadIds).toEqual([lead.id]);
      expect(result.timeToFirstTouch.medianMs).toBe(within * HOUR);
    }
  });
});

describe('slaCompliance: the rate', () => {
  const onTime = [mql('2026-11-16T10:00Z', '2026-11-16T11:00Z'), mql('2026-11-17T10:00Z', '2026-11-17T13:00Z')];
  const late = mql('2026-11-16T10:00Z', '2026-11-19T11:00Z', 'sql');
  const overdue = mql('2026-11-16T10:00Z');
  const running = mql('2026-11-23T10:00Z');
  // Never an MQL: an outbound prospect touched and taken direct to SQL has no first-touch SLA.
  const direct = makeLead({ stage: 'sql', times: { createdAt: t('2026-11-16T10:00Z'), firstTouchAt: NOW - HOUR } });
  const unmeasured = mql('2026-11-16T10:00Z', undefined, 'disqualified');
  const result = slaCompliance(
    metricsInput({
      leads: [...onTime, late, overdue, running, direct, unmeasured],
      dispositions: [
        accept(late, t('2026-11-20T10:00Z')),
        accept(direct, t('2026-11-20T10:00Z'), 'direct_outbound'),
        reject(unmeasured, t('2026-11-17T10:00Z'), 'duplicate', 'disqualified'),
      ],
    }),
  );

  it('is on time over on time, late and overdue; running MQLs wait to be judged', () => {
    expect(result.compliance.rate).toBe(2 / 4);
    expect(result.compliance.numerator.leadIds).toEqual(ids(...onTime));
    expect(result.compliance.denominator.leadIds).toEqual(ids(...onTime, late, overdue));
    expect(result.running.leadIds).toEqual(ids(running));
    expect(result.unmeasured.leadIds).toEqual(ids(unmeasured));
  });

  it('leaves direct leads out of every bucket', () => {
    const all = [result.onTime, result.late, result.overdue, result.running, result.unmeasured].flatMap(
      (s) => s.leadIds,
    );
    expect(all).not.toContain(direct.id);
  });

  it('gives the time to first touch of the touched MQLs', () => {
    expect(result.timeToFirstTouch.measured.leadIds).toEqual(ids(...onTime, late));
    // 1 h, 3 h and 25 h.
    expect(result.timeToFirstTouch.medianMs).toBe(3 * HOUR);
  });

  it('reports a null rate for empty input', () => {
    const empty = slaCompliance(metricsInput({}));
    expect(empty.compliance.rate).toBeNull();
    expect(empty.timeToFirstTouch.medianMs).toBeNull();
  });
});

describe('slaCompliance: the speed-to-lead tiers', () => {
  // Monday 2026-11-16 10:00 UTC onwards; default tiers: 1 h high intent, 24 h standard, verdict 2 days.
  const requested = (touchIso: string | undefined, stage: Lead['stage'] = 'lead') => {
    const times: Lead['times'] = { createdAt: t('2026-11-16T09:00Z') };
    if (touchIso) times.firstTouchAt = t(touchIso);
    return makeLead({ stage, times });
  };

  it('puts a request on the one-hour tier, a plain MQL on the standard one, and touched leads on the verdict', () => {
    const fast = requested('2026-11-16T10:40Z', 'sql');
    fast.times.sqlAt = t('2026-11-17T10:00Z');
    const slow = requested('2026-11-16T12:00Z', 'mql');
    slow.times.mqlAt = t('2026-11-16T10:00Z');
    const plain = mql('2026-11-16T10:00Z', '2026-11-17T10:00Z');
    const events = [fast, slow].map((lead) =>
      makeEvent(lead, 'demo_requested', 0, { occurredAt: t('2026-11-16T10:00Z') }),
    );
    const input = metricsInput({
      leads: [fast, slow, plain],
      dispositions: [accept(fast, t('2026-11-17T10:00Z'), 'direct_inbound')],
      events,
    });
    const sla = slaCompliance(input);
    expect(sla.tiers.high_intent.onTime.leadIds).toEqual(ids(fast));
    expect(sla.tiers.high_intent.late.leadIds).toEqual(ids(slow));
    expect(sla.tiers.standard.onTime.leadIds).toEqual(ids(plain));
    // Fast was accepted the next day (on time); slow and plain wait past two working days.
    expect(sla.tiers.verdict.onTime.leadIds).toEqual(ids(fast));
    expect(sla.tiers.verdict.overdue.leadIds).toEqual(ids(slow, plain));
    expect(sla.tiers.high_intent.businessHours).toBe(1);
    expect(sla.tiers.verdict.businessHours).toBe(16);
    // The overall figure counts each lead once, on the tier that applied.
    expect(sla.onTime.leadIds).toEqual(ids(fast, plain));
    expect(sla.late.leadIds).toEqual(ids(slow));
  });

  it('without requests read, every MQL is on the standard clock and direct leads are out', () => {
    const slow = requested('2026-11-16T12:00Z', 'mql');
    slow.times.mqlAt = t('2026-11-16T10:00Z');
    const input = { ...metricsInput({ leads: [slow] }), requestsOf: undefined };
    expect(slaCompliance(input).tiers.standard.onTime.leadIds).toEqual(ids(slow));
    expect(slaCompliance(input).tiers.high_intent.onTime.count).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/domain/settings';
import { buildQueue, leadLink } from '../../../lib/queue/queue';
import { DAY, makeLead, NOW } from '../../support/factories';

const HOUR = 3_600_000;
// NOW is Monday 2026-11-23 12:00 UTC. Default calendar: Mon-Fri 09:00-17:00 UTC, 24 business hours.
const settings: Pick<Settings, 'sla'> = DEFAULT_SETTINGS;

const mql = (name: string, mqlAt: number, extra: Partial<Lead> = {}) =>
  makeLead({
    person: { name, emails: [`${name.toLowerCase()}@acme.io`] },
    stage: 'mql',
    times: { createdAt: mqlAt - DAY, mqlAt },
    ...extra,
  });

describe('buildQueue', () => {
  it('orders waiting MQLs by SLA deadline and marks the overdue ones', () => {
    // Wednesday 10:00 UTC last week + 24 business hours = Friday 10:00: overdue.
    const late = mql('Late', NOW - 5 * DAY - 2 * HOUR);
    // Today 11:00 + 24 business hours = Thursday 11:00.
    const fresh = mql('Fresh', NOW - HOUR);
    // Friday 16:00 + 24 business hours = Wednesday 16:00.
    const weekend = mql('Weekend', NOW - 2 * DAY - 20 * HOUR);
    const queue = buildQueue([fresh, late, weekend], settings, NOW);
    expect(queue.waiting.map((e) => e.lead.person.name)).toEqual(['Late', 'Weekend', 'Fresh']);
    expect(queue.waiting.map((e) => e.overdue)).toEqual([true, false, false]);
    expect(queue.waiting[1]?.deadline).toBe(Date.UTC(2026, 10, 25, 16));
    expect(queue.counts).toEqual({ waiting: 3, overdue: 1, dueToday: 0, revisits: 0 });
  });

  it('puts a high-intent request on its one-hour clock, ahead of MQLs due later, direct-inbound leads included', () => {
    const fresh = mql('Fresh', NOW - HOUR);
    // A demo request 20 minutes ago from someone who is not an MQL (stage lead): due at 12:40.
    const inbound = makeLead({
      person: { name: 'Inbound', emails: ['inbound@acme.io'] },
      stage: 'lead',
      times: { createdAt: NOW - 20 * 60_000 },
    });
    const prospect = makeLead({ person: { name: 'Prospect', emails: ['p@acme.io'] }, stage: 'lead' });
    const triggers = new Map([[inbound.id, NOW - 20 * 60_000]]);
    const queue = buildQueue([fresh, inbound, prospect], settings, NOW, triggers);
    expect(queue.waiting.map((e) => [e.lead.person.name, e.tier, e.allowanceHours])).toEqual([
      ['Inbound', 'high_intent', 1],
      ['Fresh', 'standard', 24],
    ]);
    expect(queue.waiting[0]).toMatchObject({ deadline: NOW + 40 * 60_000, dueToday: true, overdue: false });
    // The prospect without a request is no one's to chase.
    expect(queue.counts.waiting).toBe(2);
  });

  it('skips holidays in the deadline, and counts a deadline later today as due today', () => {
    const withHoliday: Pick<Settings, 'sla'> = {
      sla: { ...settings.sla, calendar: { ...settings.sla.calendar, holidays: ['2026-11-20'] } },
    };
    // Thursday 19th 15:00 + 24 h: Thu 2, Fri 20th a holiday, Mon 8, Tue 8, Wed 6 -> Wednesday 25th 15:00.
    const thursday = mql('Thursday', Date.UTC(2026, 10, 19, 15));
    // Wednesday 18th 13:00 + 24 h: Wed 4, Thu 8, Fri holiday, Mon 8, Tue 4 -> Tuesday 24th 13:00.
    const dueToday = mql('DueToday', Date.UTC(2026, 10, 18, 13));
    const q = buildQueue([thursday, dueToday], withHoliday, NOW);
    expect(q.waiting.find((e) => e.lead.person.name === 'Thursday')?.deadline).toBe(Date.UTC(2026, 10, 25, 15));
    const due = q.waiting.find((e) => e.lead.person.name === 'DueToday');
    expect(due?.deadline).toBe(Date.UTC(2026, 10, 24, 13));
    expect(due?.dueToday).toBe(false);
    const today = buildQueue([mql('Soon', Date.UTC(2026, 10, 18, 16))], settings, NOW);
    // Wed 16:00 + 24 h: Wed 1, Thu 8, Fri 8, Mon 7 -> Monday (today) 16:00: due today, not yet overdue.
    expect(today.waiting[0]).toMatchObject({ deadline: Date.UTC(2026, 10, 23, 16), overdue: false, dueToday: true });
  });

  it('leaves out touched MQLs and other stages, and lists recycled leads due by the end of today', () => {
    const touched = mql('Touched', NOW - DAY, {
      times: { createdAt: NOW - 2 * DAY, mqlAt: NOW - DAY, firstTouchAt: NOW },
    });
    const sql = makeLead({ stage: 'sql', times: { createdAt: NOW - DAY, sqlAt: NOW } });
    const recycled = (name: string, revisitAt: number) =>
      makeLead({
        person: { name, emails: [`${name.toLowerCase()}@acme.io`] },
        stage: 'recycled',
        times: { createdAt: NOW - 90 * DAY, recycledAt: NOW - 60 * DAY },
        revisitAt,
      });
    const queue = buildQueue(
      [
        touched,
        sql,
        recycled('Tonight', NOW + 11 * HOUR),
        recycled('LastWeek', NOW - 7 * DAY),
        recycled('Tomorrow', NOW + 13 * HOUR),
      ],
      settings,
      NOW,
    );
    expect(queue.waiting).toEqual([]);
    expect(queue.revisits.map((e) => e.lead.person.name)).toEqual(['LastWeek', 'Tonight']);
    expect(queue.counts.revisits).toBe(2);
  });

  it('reads "today" in the rep\'s time zone', () => {
    // A revisit at 23:30 UTC on Monday is 00:30 on Tuesday in Berlin: due today in UTC, not in Berlin.
    const revisit = makeLead({
      stage: 'recycled',
      times: { createdAt: NOW - 90 * DAY, recycledAt: NOW - 60 * DAY },
      revisitAt: Date.UTC(2026, 10, 23, 23, 30),
    });
    const berlin: Pick<Settings, 'sla'> = {
      sla: { ...settings.sla, calendar: { ...settings.sla.calendar, timeZone: 'Europe/Berlin' } },
    };
    expect(buildQueue([revisit], settings, NOW).counts.revisits).toBe(1);
    expect(buildQueue([revisit], berlin, NOW).counts.revisits).toBe(0);
  });

  it('is empty with nothing to do', () => {
    expect(buildQueue([], settings, NOW)).toEqual({
      waiting: [],
      revisits: [],
      counts: { waiting: 0, overdue: 0, dueToday: 0, revisits: 0 },
    });
  });
});

describe('leadLink', () => {
  it('opens the canonical LinkedIn profile when the lead has one', () => {
    const lead = makeLead({ person: { linkedinUrl: 'de.linkedin.com/in/Dana-W?trk=x' } });
    expect(leadLink(lead)).toEqual({ href: 'https://www.linkedin.com/in/dana-w/', kind: 'profile' });
  });

  it('otherwise searches LinkedIn people for the name and company, encoded', () => {
    const lead = makeLead({ person: { name: 'Zoë "X" & Co' }, company: { name: 'Acme/GmbH' } });
    const link = leadLink(lead);
    expect(link.kind).toBe('search');
    expect(link.href).toBe(
      'https://www.linkedin.com/search/results/people/?keywords=Zo%C3%AB%20%22X%22%20%26%20Co%20Acme%2FGmbH',
    );
    expect(new URL(link.href).searchParams.get('keywords')).toBe('Zoë "X" & Co Acme/GmbH');
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { funnel } from '../../../lib/metrics/funnel';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { nextStepsDue, strongestIntent, verdictsWaiting } from '../../../lib/queue/plan';
import { verdictClock } from '../../../lib/sla/tiers';
import { makeActivity } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';
import { accept, HOUR, metricsInput, reject, withdrawal } from '../metrics/support';

const mql = (name: string, times: Partial<Lead['times']> = {}) =>
  makeLead({
    person: { name, emails: [`${name.toLowerCase()}@acme.io`] },
    stage: 'mql',
    times: { createdAt: NOW - 20 * DAY, mqlAt: NOW - 10 * DAY, ...times },
  });

describe('strongestIntent', () => {
  const lead = makeLead();

  it('ranks the prospect asking above interest, and counts the winning kind', () => {
    const events = [visit(lead, 'pricing', 1), visit(lead, 'pricing', 2), makeEvent(lead, 'demo_requested', 5)];
    expect(strongestIntent(events, NOW)).toEqual({ type: 'demo_requested', count: 1, lastAt: NOW - 5 * DAY });
    const pricing = [
      visit(lead, 'pricing', 1),
      visit(lead, 'pricing', 3),
      visit(lead, 'pricing', 2),
      visit(lead, 'blog', 0),
    ];
    expect(strongestIntent(pricing, NOW)).toEqual({
      type: 'page_visit',
      pageCategory: 'pricing',
      count: 3,
      lastAt: NOW - DAY,
    });
  });

  it('ignores low-intent events, signals older than the window, and none at all', () => {
    expect(strongestIntent([visit(lead, 'blog', 1), makeEvent(lead, 'email_opened', 1)], NOW)).toBeUndefined();
    expect(strongestIntent([makeEvent(lead, 'demo_requested', 91)], NOW)).toBeUndefined();
    expect(strongestIntent([makeEvent(lead, 'meeting_booked', 89), visit(lead, 'demo', 1)], NOW)?.type).toBe(
      'meeting_booked',
    );
    expect(strongestIntent([], NOW)).toBeUndefined();
  });
});

describe('nextStepsDue', () => {
  const until = NOW + 12 * HOUR;
  const step = (lead: Lead, dueAt: number, occurredAt = NOW - 2 * DAY, action = 'Send the case study') =>
    makeActivity(lead, { occurredAt, nextStep: { action, dueAt } });

  it('lists the open steps due by the end of today, overdue first, and marks the overdue ones', () => {
    const ana = mql('Ana');
    const ben = mql('Ben');
    const late = step(ana, NOW - DAY, NOW - 3 * DAY, 'Call back');
    const later = step(ben, NOW + 2 * HOUR);
    const tomorrow = step(mql('Cy'), NOW + DAY);
    const leads = new Map([ana, ben].map((l) => [l.id, l]));
    const due = nextStepsDue({ due: [later, late, tomorrow], touches: [later, late], leads, until, now: NOW });
    expect(due.map((s) => [s.lead.person.name, s.action, s.overdue])).toEqual([
      ['Ana', 'Call back', true],
      ['Ben', 'Send the case study', false],
    ]);
  });

  it('drops a step a later touch followed up, and leads rejected or gone', () => {
    const ana = mql('Ana');
    const old = step(ana, NOW - DAY, NOW - 3 * DAY);
    const followUp = makeActivity(ana, { occurredAt: NOW - DAY + HOUR });
    const recycled = makeLead({
      stage: 'recycled',
      times: { createdAt: NOW - 9 * DAY, recycledAt: NOW - DAY },
      revisitAt: NOW + 90 * DAY,
    });
    const ofRecycled = step(recycled, NOW - HOUR);
    const ofGone = step(mql('Gone'), NOW - HOUR);
    const leads = new Map([ana, recycled].map((l) => [l.id, l]));
    expect(
      nextStepsDue({ due: [old, ofRecycled, ofGone], touches: [old, followUp, ofRecycled], leads, until, now: NOW }),
    ).toEqual([]);
  });
});

describe('verdictsWaiting', () => {
  it('lists touched MQLs without a decision in force, the earliest verdict deadline first', () => {
    const fresh = mql('Fresh', { firstTouchAt: NOW - 2 * HOUR });
    const old = mql('Old', { firstTouchAt: NOW - 6 * DAY - HOUR });
    const untouched = mql('Untouched');
    const undone = mql('Undone', { firstTouchAt: NOW - 3 * DAY });
    const accepted = accept(undone, NOW - 2 * DAY);
    const { touched, awaiting } = verdictsWaiting(
      [
        { lead: fresh, history: [] },
        { lead: old, history: [] },
        { lead: untouched, history: [] },
        // An acceptance undone in time leaves the lead waiting again.
        { lead: undone, history: [accepted, withdrawal(accepted)] },
      ],
      DEFAULT_SETTINGS,
      NOW,
    );
    expect(touched.map((e) => [e.lead.person.name, e.daysWaiting, e.overdue])).toEqual([
      ['Old', 6, true],
      // Touched Friday noon: two working days run to Tuesday noon, over the weekend.
      ['Undone', 3, false],
      ['Fresh', 0, false],
    ]);
    // Two working days (16 business hours) from the touch: the fresh one is due after NOW.
    const fresh2 = touched.find((e) => e.lead.person.name === 'Fresh');
    expect(fresh2?.deadline).toBe(verdictClock(fresh, DEFAULT_SETTINGS, NOW)?.status.deadline);
    // The untouched MQL waits too: it is in the first-touch list, and in the total.
    expect(awaiting).toBe(4);
  });

  it('counts exactly what the dashboard counts as waiting for a verdict', () => {
    const leads = [
      mql('Waiting', { firstTouchAt: NOW - DAY }),
      mql('New'),
      mql('Decided', { firstTouchAt: NOW - 2 * DAY }),
      mql('Rejected', { firstTouchAt: NOW - 2 * DAY }),
    ];
    const [, , decided, rejected] = leads as [Lead, Lead, Lead, Lead];
    const dispositions = [accept(decided, NOW - DAY), reject(rejected, NOW - DAY, 'no_budget')];
    const histories = leads.map((lead) => ({ lead, history: dispositions.filter((d) => d.leadId === lead.id) }));
    const dashboard = funnel(metricsInput({ leads, dispositions })).pending;
    expect(verdictsWaiting(histories, DEFAULT_SETTINGS, NOW).awaiting).toBe(dashboard.count);
    expect(dashboard.count).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/domain/settings';
import { alertsDue, badgeText, leadsNeedingAction } from '../../../lib/queue/alerts';
import type { NextStepEntry, VerdictsWaiting } from '../../../lib/queue/plan';
import { buildQueue } from '../../../lib/queue/queue';
import { DAY, makeLead, NOW } from '../../support/factories';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ME = 'sam@seller.io';
// NOW is Monday 2026-11-23 12:00 UTC; default calendar Mon-Fri 09:00-17:00 UTC.

const mql = (name: string, mqlAt: number, owner?: string) =>
  makeLead({
    person: { name, emails: [`${name.toLowerCase()}@acme.io`] },
    company: { name: 'Acme' },
    stage: 'mql',
    ...(owner && { owner }),
    times: { createdAt: mqlAt - DAY, mqlAt },
  });
const inbound = (name: string, owner?: string) =>
  makeLead({
    person: { name, emails: [`${name.toLowerCase()}@acme.io`] },
    stage: 'lead',
    ...(owner && { owner }),
    times: { createdAt: NOW - DAY },
  });
const noVerdicts: VerdictsWaiting = { touched: [], awaiting: 0 };

const state = (leads: Lead[], triggers = new Map<string, number>(), nextSteps: NextStepEntry[] = []) => ({
  queue: buildQueue(leads, DEFAULT_SETTINGS, NOW, triggers),
  verdicts: noVerdicts,
  nextSteps,
});

describe('leadsNeedingAction (the toolbar badge)', () => {
  it('counts overdue first touches and those due within the hour, each lead once', () => {
    const late = mql('Late', NOW - 6 * DAY);
    const fresh = mql('Fresh', NOW - HOUR);
    const request = inbound('Request');
    const s = state([late, fresh, request], new Map([[request.id, NOW - 10 * MINUTE]]));
    const step: NextStepEntry = {
      lead: late,
      activityId: 'A1',
      action: 'Call back',
      dueAt: NOW + 30 * MINUTE,
      overdue: false,
    };
    expect(leadsNeedingAction(s, NOW).sort()).toEqual([late.id, request.id].sort());
    // A next step due in 30 minutes on a lead already counted adds no one.
    expect(leadsNeedingAction({ ...s, nextSteps: [step] }, NOW)).toHaveLength(2);
    expect(leadsNeedingAction({ ...s, nextSteps: [{ ...step, lead: fresh }] }, NOW)).toHaveLength(3);
    expect(
      leadsNeedingAction({ ...s, nextSteps: [{ ...step, lead: fresh, dueAt: NOW + 2 * HOUR }] }, NOW),
    ).toHaveLength(2);
  });

  it('counts a verdict overdue or due within the hour', () => {
    const lead = mql('Touched', NOW - 3 * DAY);
    const entry = {
      lead,
      touchedAt: NOW - 3 * DAY,
      daysWaiting: 3,
      deadline: NOW - HOUR,
      overdue: true,
      businessMs: HOUR,
    };
    expect(leadsNeedingAction({ ...state([]), verdicts: { touched: [entry], awaiting: 1 } }, NOW)).toEqual([lead.id]);
    const later = { ...entry, deadline: NOW + DAY, overdue: false, businessMs: 8 * HOUR };
    expect(leadsNeedingAction({ ...state([]), verdicts: { touched: [later], awaiting: 1 } }, NOW)).toEqual([]);
  });

  it.each([
    [0, ''],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
  ])('badge text for %i is "%s"', (count, text) => {
    expect(badgeText(count)).toBe(text);
  });
});

describe('alertsDue (opt-in notifications)', () => {
  const on: Pick<Settings, 'alerts' | 'rep' | 'sla'> = {
    ...DEFAULT_SETTINGS,
    rep: { name: 'Sam', email: ME },
    alerts: { newMql: true, slaDueSoon: true, revisitsDue: true },
  };

  it('says nothing unless the rep turned the kind on', () => {
    const s = state([mql('Mine', NOW - HOUR, ME)]);
    expect(alertsDue(s, { ...on, alerts: DEFAULT_SETTINGS.alerts }, NOW, new Set(), true)).toEqual([]);
    expect(alertsDue(s, on, NOW, new Set(), true).map((a) => a.kind)).toEqual(['new_mql']);
  });

  it('announces a new MQL or request assigned to me once, and not someone else’s', () => {
    const mine = mql('Mine', NOW - HOUR, ME);
    const theirs = mql('Theirs', NOW - HOUR, 'tom@seller.io');
    const request = inbound('Request', ME);
    const s = state([mine, theirs, request], new Map([[request.id, NOW - 50 * MINUTE]]));
    const alerts = alertsDue(s, { ...on, alerts: { ...on.alerts, slaDueSoon: false } }, NOW, new Set(), true);
    expect(alerts.map((a) => [a.title, a.message, a.lead?.id])).toEqual([
      ['High-intent request assigned to you', 'Request, Acme', request.id],
      ['New MQL assigned to you', 'Mine, Acme', mine.id],
    ]);
    const shown = new Set(alerts.map((a) => a.key));
    expect(alertsDue(s, on, NOW, shown, true).filter((a) => a.kind === 'new_mql')).toEqual([]);
  });

  it('warns 15 minutes before a first touch is due, for my leads and unassigned ones', () => {
    const request = inbound('Soon');
    const s = state([request], new Map([[request.id, NOW - 50 * MINUTE]]));
    const [alert] = alertsDue(s, on, NOW, new Set(), true);
    expect(alert).toMatchObject({ kind: 'sla_soon', title: 'First touch due in 10 min', message: 'Soon, Acme' });
    expect(alertsDue(s, on, NOW, new Set([alert?.key ?? '']), true)).toEqual([]);
  });

  it('sums up when more than three of a kind are due', () => {
    const leads = ['A', 'B', 'C', 'D'].map((n) => inbound(n));
    const s = state(leads, new Map(leads.map((l) => [l.id, NOW - 50 * MINUTE])));
    const alerts = alertsDue(s, on, NOW, new Set(), true);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: '4 first touches due within 15 minutes' });
    expect(alerts[0]?.lead).toBeUndefined();
  });

  it('announces the revisits due today once a day', () => {
    const recycled = makeLead({
      person: { name: 'Back', emails: ['back@acme.io'] },
      stage: 'recycled',
      revisitAt: NOW - HOUR,
      times: { createdAt: NOW - 90 * DAY, recycledAt: NOW - 60 * DAY },
    });
    const s = state([recycled]);
    const [alert] = alertsDue(s, on, NOW, new Set(), true);
    expect(alert).toMatchObject({
      key: 'revisits:2026-11-23',
      title: 'A revisit is due today',
      lead: { id: recycled.id },
    });
    expect(alertsDue(s, on, NOW + HOUR, new Set(['revisits:2026-11-23']), true)).toEqual([]);
  });

  it('is quiet outside business hours', () => {
    const s = state([mql('Mine', NOW - HOUR, ME)]);
    expect(alertsDue(s, on, NOW, new Set(), false)).toEqual([]);
  });
});

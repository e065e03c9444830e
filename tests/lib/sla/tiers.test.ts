import { describe, expect, it } from 'vitest';
import type { EngagementEvent } from '../../../lib/domain/event';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/domain/settings';
import {
  firstTouchClock,
  highIntentTriggerAt,
  isHighIntentTrigger,
  leadClocks,
  verdictClock,
} from '../../../lib/sla/tiers';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
/** Expected instants are written out by hand (UTC calendar, Mon-Fri 09:00-17:00). */
const t = (iso: string) => Date.parse(iso);

const settings: Pick<Settings, 'sla'> = DEFAULT_SETTINGS;
const created = t('2026-11-01T09:00Z');
const lead = (stage: Lead['stage'], times: Partial<Lead['times']> = {}) => ({
  stage,
  times: { createdAt: created, ...times },
});
type Trigger = Pick<EngagementEvent, 'type' | 'details' | 'occurredAt'>;
const event = (type: EngagementEvent['type'], at: string, form?: string): Trigger => ({
  type,
  occurredAt: t(at),
  details: form === undefined ? {} : { form },
});

describe('isHighIntentTrigger', () => {
  it.each([
    ['a demo request', event('demo_requested', '2026-11-23T10:00Z'), true],
    ['a contact-sales form', event('form_submitted', '2026-11-23T10:00Z', 'Contact sales'), true],
    ['a pricing form', event('form_submitted', '2026-11-23T10:00Z', 'Get pricing'), true],
    ['a chat', { ...event('form_submitted', '2026-11-23T10:00Z'), details: { channel: 'Chat' } }, true],
    ['a German contact form', event('form_submitted', '2026-11-23T10:00Z', 'Kontaktformular'), true],
    ['a French quote request', event('form_submitted', '2026-11-23T10:00Z', 'Demande de devis'), true],
    ['a newsletter signup', event('form_submitted', '2026-11-23T10:00Z', 'Newsletter signup'), false],
    ['an event registration', event('form_submitted', '2026-11-23T10:00Z', 'Event registration'), false],
    ['a form without a name', event('form_submitted', '2026-11-23T10:00Z'), false],
    ['a pricing page visit (interest, not a request)', event('page_visit', '2026-11-23T10:00Z'), false],
  ])('%s: %s', (_name, e, expected) => {
    expect(isHighIntentTrigger(e)).toBe(expected);
  });
});

describe('highIntentTriggerAt', () => {
  const now = t('2026-11-23T12:00Z');
  it('is the earliest request of the 30 days before now while the lead is untouched', () => {
    const events = [
      event('demo_requested', '2026-11-23T10:00Z'),
      event('form_submitted', '2026-11-20T10:00Z', 'Contact sales'),
      event('form_submitted', '2026-10-01T10:00Z', 'Contact sales'), // older than 30 days
      event('form_submitted', '2026-11-22T10:00Z', 'Newsletter'),
    ];
    expect(highIntentTriggerAt(lead('lead'), events, now)).toBe(t('2026-11-20T10:00Z'));
  });

  it('looks back from the first touch once there is one, and not past a recycle', () => {
    const events = [event('demo_requested', '2026-11-10T10:00Z'), event('demo_requested', '2026-11-21T10:00Z')];
    expect(highIntentTriggerAt(lead('mql', { firstTouchAt: t('2026-11-15T10:00Z') }), events, now)).toBe(
      t('2026-11-10T10:00Z'),
    );
    expect(highIntentTriggerAt(lead('mql', { recycledAt: t('2026-11-12T10:00Z') }), events, now)).toBe(
      t('2026-11-21T10:00Z'),
    );
    expect(highIntentTriggerAt(lead('mql'), [], now)).toBeUndefined();
  });
});

describe('firstTouchClock', () => {
  // Monday 23 November 2026, UTC calendar Mon-Fri 09:00-17:00; defaults: 1 h high intent, 24 h standard.
  const mqlAt = t('2026-11-23T10:00Z');

  it('gives an MQL 24 business hours (standard tier)', () => {
    const clock = firstTouchClock(lead('mql', { mqlAt }), settings, t('2026-11-23T11:00Z'));
    expect(clock).toMatchObject({ tier: 'standard', allowanceHours: 24 });
    expect(clock?.status).toEqual({
      kind: 'running',
      startedAt: mqlAt,
      deadline: t('2026-11-26T10:00Z'),
      remainingBusinessMs: 23 * HOUR,
    });
  });

  it('gives a demo request 1 business hour, from the request, even on a lead that is not an MQL', () => {
    const requested = t('2026-11-23T16:30Z');
    // 30 minutes before the close, 30 after the next opening.
    const clock = firstTouchClock(lead('lead'), settings, t('2026-11-24T09:10Z'), requested);
    expect(clock).toMatchObject({ tier: 'high_intent', allowanceHours: 1 });
    expect(clock?.status).toEqual({
      kind: 'running',
      startedAt: requested,
      deadline: t('2026-11-24T09:30Z'),
      remainingBusinessMs: 20 * MINUTE,
    });
  });

  it('takes whichever of the two clocks is due first', () => {
    // MQL on Monday 10:00 (due Thursday 10:00), a demo request on Tuesday 10:00 (due 11:00).
    const mql = lead('mql', { mqlAt });
    const request = t('2026-11-24T10:00Z');
    expect(firstTouchClock(mql, settings, t('2026-11-24T10:30Z'), request)).toMatchObject({
      tier: 'high_intent',
      status: { kind: 'running', deadline: t('2026-11-24T11:00Z') },
    });
    // A request after the standard deadline: the standard clock was due first and is overdue.
    const late = t('2026-11-27T10:00Z');
    expect(firstTouchClock(mql, settings, t('2026-11-27T10:30Z'), late)).toMatchObject({
      tier: 'standard',
      status: { kind: 'overdue', deadline: t('2026-11-26T10:00Z') },
    });
  });

  it('stops at the first touch, judged against the tier that applied', () => {
    const request = t('2026-11-23T10:00Z');
    const touched = lead('lead', { firstTouchAt: t('2026-11-23T10:40Z') });
    expect(firstTouchClock(touched, settings, t('2026-11-25T10:00Z'), request)?.status).toMatchObject({
      kind: 'met',
      onTime: true,
      withinBusinessMs: 40 * MINUTE,
    });
    const slow = lead('lead', { firstTouchAt: t('2026-11-23T13:00Z') });
    expect(firstTouchClock(slow, settings, t('2026-11-25T10:00Z'), request)?.status).toMatchObject({
      kind: 'met',
      onTime: false,
    });
  });

  it('is no clock for a prospect without a request, nor for a lead decided untouched', () => {
    expect(firstTouchClock(lead('lead'), settings, t('2026-11-23T10:00Z'))).toBeUndefined();
    expect(firstTouchClock(lead('sql', { mqlAt }), settings, t('2026-11-23T11:00Z'), mqlAt)).toBeUndefined();
    expect(firstTouchClock(lead('recycled'), settings, t('2026-11-23T11:00Z'), mqlAt)).toBeUndefined();
  });

  it('follows the allowances in the settings', () => {
    const twoHours = { sla: { ...settings.sla, highIntentBusinessHours: 2 } };
    expect(
      firstTouchClock(lead('lead'), twoHours, t('2026-11-23T10:00Z'), t('2026-11-23T10:00Z'))?.status.deadline,
    ).toBe(t('2026-11-23T12:00Z'));
  });
});

describe('verdictClock', () => {
  const mqlAt = t('2026-11-23T10:00Z');
  const touchedAt = t('2026-11-23T11:00Z');

  it('gives sales 2 working days from the first touch to accept or reject', () => {
    const clock = verdictClock(lead('mql', { mqlAt, firstTouchAt: touchedAt }), settings, t('2026-11-24T11:00Z'));
    // 2 days x 8 h from Monday 11:00: Wednesday 11:00.
    expect(clock).toMatchObject({ tier: 'verdict', allowanceHours: 16 });
    expect(clock?.status).toEqual({
      kind: 'running',
      startedAt: touchedAt,
      deadline: t('2026-11-25T11:00Z'),
      remainingBusinessMs: 8 * HOUR,
    });
    const oneDay = { sla: { ...settings.sla, verdictBusinessDays: 1 } };
    expect(
      verdictClock(lead('mql', { mqlAt, firstTouchAt: touchedAt }), oneDay, t('2026-11-25T11:00Z'))?.status,
    ).toMatchObject({ kind: 'overdue', deadline: t('2026-11-24T11:00Z'), overdueBusinessMs: 8 * HOUR });
  });

  it('stops at the first decision after the touch', () => {
    const accepted = lead('sql', { mqlAt, firstTouchAt: touchedAt, sqlAt: t('2026-11-26T10:00Z') });
    expect(verdictClock(accepted, settings, t('2026-11-30T10:00Z'))?.status).toMatchObject({
      kind: 'met',
      onTime: false,
      at: t('2026-11-26T10:00Z'),
    });
    const rejected = lead('recycled', { mqlAt, firstTouchAt: touchedAt, recycledAt: t('2026-11-24T10:00Z') });
    expect(verdictClock(rejected, settings, t('2026-11-30T10:00Z'))?.status).toMatchObject({
      kind: 'met',
      onTime: true,
    });
  });

  it('runs again when the decision was undone (back in mql), and never for an outbound prospect', () => {
    const undone = lead('mql', { mqlAt, firstTouchAt: touchedAt, sqlAt: t('2026-11-23T12:00Z') });
    expect(verdictClock(undone, settings, t('2026-11-23T13:00Z'))?.status.kind).toBe('running');
    expect(verdictClock(lead('lead', { firstTouchAt: touchedAt }), settings, t('2026-11-23T13:00Z'))).toBeUndefined();
    // A direct-inbound request touched and waiting does get one.
    expect(
      verdictClock(lead('lead', { firstTouchAt: touchedAt }), settings, t('2026-11-23T13:00Z'), mqlAt),
    ).toBeDefined();
    // Taken to SQL before anyone called: no verdict was owed.
    const direct = lead('sql', { sqlAt: t('2026-11-23T09:30Z'), firstTouchAt: touchedAt });
    expect(verdictClock(direct, settings, t('2026-11-23T13:00Z'), mqlAt)).toBeUndefined();
  });
});

describe('leadClocks', () => {
  it('is due on the first touch until it is met, then on the verdict, then on nothing', () => {
    const mqlAt = t('2026-11-23T10:00Z');
    const now = t('2026-11-23T12:00Z');
    expect(leadClocks(lead('mql', { mqlAt }), settings, now).due?.tier).toBe('standard');
    const touched = lead('mql', { mqlAt, firstTouchAt: t('2026-11-23T11:00Z') });
    const clocks = leadClocks(touched, settings, now);
    expect(clocks.due?.tier).toBe('verdict');
    expect(clocks.firstTouch?.status.kind).toBe('met');
    const decided = lead('sql', { mqlAt, firstTouchAt: t('2026-11-23T11:00Z'), sqlAt: now - 1 });
    expect(leadClocks(decided, settings, now + DAY).due).toBeUndefined();
  });
});

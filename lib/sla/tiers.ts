import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';
import { businessHoursPerDay, clockStart, clockStatus, type SlaStatus } from './business-hours';

const DAY_MS = 86_400_000;

/**
 * A request older than this no longer starts a speed-to-lead clock: its hour is long gone,
 * and an import of last year's demo requests must not flood the queue with overdue leads.
 */
export const TRIGGER_LOOKBACK_DAYS = 30;

/** The event types a high-intent request can be: a demo request, or a form (pricing, contact, chat). */
export const TRIGGER_EVENT_TYPES = ['demo_requested', 'form_submitted'] as const;

/**
 * Forms that ask sales for something now: pricing or a quote, contact or sales, a demo or a
 * trial, a chat with a question. Matched as word starts in the form's name, in the languages
 * the sites are read in; a newsletter or an event registration is not one of them.
 */
const HIGH_INTENT_FORM =
  /\b(pric|preis|prix|precio|preço|quote|angebot|devis|presupuesto|contact|kontakt|contato|sales|vertrieb|ventes|ventas|demo|trial|chat)/i;

/** The detail fields a form's name or channel arrives in (imports, ingest, the demo data). */
const FORM_FIELDS = ['form', 'formName', 'channel'] as const;

/** Whether an event is a high-intent request, the kind the playbook answers within the hour. */
export function isHighIntentTrigger(event: Pick<EngagementEvent, 'type' | 'details'>): boolean {
  if (event.type === 'demo_requested') return true;
  if (event.type !== 'form_submitted') return false;
  return FORM_FIELDS.some((field) => {
    const value = event.details[field];
    return typeof value === 'string' && HIGH_INTENT_FORM.test(value);
  });
}

/**
 * When the high-intent request a lead's first touch answers came in: the earliest one of the
 * {@link TRIGGER_LOOKBACK_DAYS} days before the first touch (before `now` while the lead is
 * untouched), never one from before the lead was last recycled. `undefined`: none.
 */
export function highIntentTriggerAt(
  lead: Pick<Lead, 'times'>,
  events: Iterable<Pick<EngagementEvent, 'type' | 'details' | 'occurredAt'>>,
  now: number,
): number | undefined {
  const until = lead.times.firstTouchAt ?? now;
  const since = Math.max(until - TRIGGER_LOOKBACK_DAYS * DAY_MS, lead.times.recycledAt ?? Number.NEGATIVE_INFINITY);
  let first: number | undefined;
  for (const event of events) {
    if (event.occurredAt < since || event.occurredAt > until || !isHighIntentTrigger(event)) continue;
    if (first === undefined || event.occurredAt < first) first = event.occurredAt;
  }
  return first;
}

/** Which speed-to-lead rule a clock follows. */
export type SlaTier = 'high_intent' | 'standard' | 'verdict';

export type ActiveStatus = Exclude<SlaStatus, { kind: 'not_applicable' }>;

/** One clock of a lead: its tier, the allowance it had, and where it stands. */
export interface TierClock {
  tier: SlaTier;
  /** Business hours allowed (the verdict's days are counted as whole working days of hours). */
  allowanceHours: number;
  status: ActiveStatus;
}

type SlaSettings = Pick<Settings, 'sla'>;

const earliest = (clocks: readonly TierClock[]): TierClock | undefined =>
  clocks.reduce<TierClock | undefined>(
    (best, clock) => (best === undefined || clock.status.deadline < best.status.deadline ? clock : best),
    undefined,
  );

/**
 * The first-touch clock of a lead at `now`. Two rules can apply: an MQL gets
 * `firstTouchBusinessHours` from becoming one (the standard tier), and a high-intent request
 * (`triggerAt`, from {@link highIntentTriggerAt}) gets `highIntentBusinessHours` from the
 * request, whether or not the lead is an MQL (a direct-inbound demo request). When both
 * apply, the one due first is the clock. Untouched, a clock runs only while nobody has decided
 * on the lead (stage `mql`, or `lead` for a request); the touch stops it.
 */
export function firstTouchClock(
  lead: Pick<Lead, 'stage' | 'times'>,
  settings: SlaSettings,
  now: number,
  triggerAt?: number,
): TierClock | undefined {
  const { calendar, firstTouchBusinessHours, highIntentBusinessHours } = settings.sla;
  const touchedAt = lead.times.firstTouchAt;
  const clocks: TierClock[] = [];
  const mqlStart = clockStart(lead);
  if (mqlStart !== undefined && (touchedAt !== undefined || lead.stage === 'mql')) {
    clocks.push({
      tier: 'standard',
      allowanceHours: firstTouchBusinessHours,
      status: clockStatus(mqlStart, firstTouchBusinessHours, touchedAt, now, calendar),
    });
  }
  if (triggerAt !== undefined && (touchedAt !== undefined || lead.stage === 'mql' || lead.stage === 'lead')) {
    clocks.push({
      tier: 'high_intent',
      allowanceHours: highIntentBusinessHours,
      status: clockStatus(triggerAt, highIntentBusinessHours, touchedAt, now, calendar),
    });
  }
  return earliest(clocks);
}

/**
 * The verdict clock: sales accepts or rejects within `verdictBusinessDays` working days of
 * the first touch. It runs for leads that came in (an MQL, or a high-intent request), not for
 * an outbound prospect the rep is still working, and stops at the first decision after the
 * touch (`sqlAt`, `recycledAt` or `disqualifiedAt`). A lead back in `mql` or `lead` (its
 * decision undone) is waiting again.
 */
export function verdictClock(
  lead: Pick<Lead, 'stage' | 'times'>,
  settings: SlaSettings,
  now: number,
  triggerAt?: number,
): TierClock | undefined {
  const touchedAt = lead.times.firstTouchAt;
  if (touchedAt === undefined) return undefined;
  if (clockStart(lead) === undefined && triggerAt === undefined) return undefined;
  const waiting = lead.stage === 'mql' || lead.stage === 'lead';
  const { sqlAt, recycledAt, disqualifiedAt } = lead.times;
  const decisions = [sqlAt, recycledAt, disqualifiedAt].filter((t): t is number => t !== undefined && t >= touchedAt);
  const decidedAt = waiting || decisions.length === 0 ? undefined : Math.min(...decisions);
  // Decided before the touch (taken straight to SQL, then called): no verdict was owed.
  if (!waiting && decidedAt === undefined) return undefined;
  const allowanceHours = verdictAllowanceHours(settings.sla);
  return {
    tier: 'verdict',
    allowanceHours,
    status: clockStatus(touchedAt, allowanceHours, decidedAt, now, settings.sla.calendar),
  };
}

/** The verdict's allowance in business hours: its days, each a working day of the calendar. */
export function verdictAllowanceHours(sla: Pick<Settings['sla'], 'verdictBusinessDays' | 'calendar'>): number {
  return sla.verdictBusinessDays * businessHoursPerDay(sla.calendar);
}

/** Whether a clock still asks something of the rep (not met yet). */
export const isOpen = (clock: TierClock | undefined): clock is TierClock =>
  clock !== undefined && clock.status.kind !== 'met';

/**
 * The clocks of a lead as the sidebar shows them: `due` is the one the rep acts on next (the
 * open first-touch clock, else the open verdict clock), `done` the first-touch clock once met.
 */
export function leadClocks(
  lead: Pick<Lead, 'stage' | 'times'>,
  settings: SlaSettings,
  now: number,
  triggerAt?: number,
): { due: TierClock | undefined; firstTouch: TierClock | undefined; verdict: TierClock | undefined } {
  const firstTouch = firstTouchClock(lead, settings, now, triggerAt);
  const verdict = verdictClock(lead, settings, now, triggerAt);
  const due = isOpen(firstTouch) ? firstTouch : isOpen(verdict) ? verdict : undefined;
  return { due, firstTouch, verdict };
}

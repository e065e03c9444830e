import type { Activity } from '../domain/activity';
import type { Disposition } from '../domain/disposition';
import type { PageCategory } from '../domain/enums';
import { type EngagementEvent, isHighIntent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';
import { awaitsVerdict, cohortLead } from '../metrics/filter';
import { verdictClock } from '../sla/tiers';

const DAY_MS = 86_400_000;
/** How far back a buying signal still counts: the default model's window for pricing and demo visits. */
export const INTENT_WINDOW_DAYS = 90;

/**
 * Which high-intent signal outranks which (lib/domain `isHighIntent` says which events are
 * one): a booked meeting or a demo request is the prospect asking; a reply is a
 * conversation; a page visit is interest. Keyed `type`, or `page_visit:<category>`.
 */
const INTENT_RANK: readonly string[] = [
  'meeting_booked',
  'demo_requested',
  'email_replied',
  'page_visit:demo',
  'page_visit:pricing',
];

/** A lead's strongest buying signal: what it was and how often it came in the window. */
export interface IntentSignal {
  type: EngagementEvent['type'];
  /** Set for a page visit: which page. */
  pageCategory?: PageCategory;
  count: number;
  /** The newest of them. */
  lastAt: number;
}

const intentKey = (e: Pick<EngagementEvent, 'type' | 'pageCategory'>) =>
  e.type === 'page_visit' ? `page_visit:${e.pageCategory}` : e.type;

// A signal isHighIntent learns later than this table still shows, after the known ones.
const rankOf = (key: string) => {
  const rank = INTENT_RANK.indexOf(key);
  return rank === -1 ? INTENT_RANK.length : rank;
};

/**
 * The strongest high-intent signal among `events` of the last {@link INTENT_WINDOW_DAYS}
 * before `now`, with how many events of that kind came in the window; `undefined` when
 * there is none.
 */
export function strongestIntent(events: Iterable<EngagementEvent>, now: number): IntentSignal | undefined {
  const since = now - INTENT_WINDOW_DAYS * DAY_MS;
  const byKey = new Map<string, IntentSignal>();
  for (const event of events) {
    if (event.occurredAt < since || event.occurredAt > now || !isHighIntent(event)) continue;
    const key = intentKey(event);
    const seen = byKey.get(key);
    if (seen) {
      seen.count += 1;
      seen.lastAt = Math.max(seen.lastAt, event.occurredAt);
    } else {
      const signal: IntentSignal = { type: event.type, count: 1, lastAt: event.occurredAt };
      if (event.pageCategory) signal.pageCategory = event.pageCategory;
      byKey.set(key, signal);
    }
  }
  let best: IntentSignal | undefined;
  for (const signal of byKey.values()) {
    if (best === undefined || rankOf(intentKey(signal)) < rankOf(intentKey(best))) best = signal;
  }
  return best;
}

/** A logged next step the rep still owes. */
export interface NextStepEntry {
  lead: Lead;
  /** The touch it was logged with. */
  activityId: string;
  action: string;
  dueAt: number;
  overdue: boolean;
}

/** Latest by time, then by id (ULIDs sort by creation), so equal times pick the same touch every time. */
const later = (a: Activity, b: Activity) =>
  a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id);

/**
 * The next steps due before `until` (the end of the rep's today), overdue first, soonest
 * first. A next step is open while it sits on the lead's latest touch: logging another
 * touch is doing the follow-up (there is no "done" of its own). Leads rejected
 * (recycled: the revisit date takes over; disqualified) or no longer stored are left out.
 * `touches` must hold every touch of each lead in `due`.
 */
export function nextStepsDue(input: {
  due: Iterable<Activity>;
  touches: Iterable<Activity>;
  leads: ReadonlyMap<string, Lead>;
  until: number;
  now: number;
}): NextStepEntry[] {
  const latest = new Map<string, Activity>();
  for (const touch of input.touches) {
    const seen = latest.get(touch.leadId);
    if (seen === undefined || later(touch, seen)) latest.set(touch.leadId, touch);
  }
  const entries: NextStepEntry[] = [];
  for (const activity of input.due) {
    const step = activity.nextStep;
    const lead = input.leads.get(activity.leadId);
    if (!step || step.dueAt >= input.until || !lead) continue;
    if (lead.stage === 'recycled' || lead.stage === 'disqualified') continue;
    if (latest.get(activity.leadId)?.id !== activity.id) continue;
    entries.push({
      lead,
      activityId: activity.id,
      action: step.action,
      dueAt: step.dueAt,
      overdue: step.dueAt < input.now,
    });
  }
  return entries.sort((a, b) => a.dueAt - b.dueAt || (a.activityId < b.activityId ? -1 : 1));
}

/** An MQL touched but not decided on. */
export interface VerdictEntry {
  lead: Lead;
  touchedAt: number;
  /** Whole days since the first touch. */
  daysWaiting: number;
  /** The verdict's deadline: `verdictBusinessDays` working days from the first touch (lib/sla `verdictClock`). */
  deadline: number;
  overdue: boolean;
  /** Business time left before the deadline, or past it when overdue (lib/sla's reckoning). */
  businessMs: number;
}

export interface VerdictsWaiting {
  /** Touched MQLs without a decision in force, the earliest verdict deadline first. */
  touched: VerdictEntry[];
  /**
   * Every MQL of the input waiting for a verdict, touched or not: the dashboard's
   * "Waiting for a verdict" (lib/metrics `awaitsVerdict`). The untouched ones are in the
   * first-touch list.
   */
  awaiting: number;
}

/**
 * MQLs waiting for sales' verdict, by the dashboard's rule (lib/metrics `awaitsVerdict` on
 * `cohortLead`). Whether any decision is in force does not depend on sync's clocks (they
 * only order the decisions still standing), so none are needed here.
 */
export function verdictsWaiting(
  leads: Iterable<{ lead: Lead; history: readonly Disposition[] }>,
  settings: Pick<Settings, 'sla'>,
  now: number,
): VerdictsWaiting {
  const touched: VerdictEntry[] = [];
  let awaiting = 0;
  for (const { lead, history } of leads) {
    const facts = cohortLead(lead, history);
    if (!facts || !awaitsVerdict(facts)) continue;
    awaiting += 1;
    const touchedAt = lead.times.firstTouchAt;
    if (touchedAt === undefined) continue;
    const status = verdictClock(lead, settings, now)?.status;
    // An MQL touched and undecided always has a verdict clock; the fallback keeps the row if not.
    const deadline = status?.deadline ?? touchedAt;
    touched.push({
      lead,
      touchedAt,
      daysWaiting: Math.max(0, Math.floor((now - touchedAt) / DAY_MS)),
      deadline,
      overdue: now > deadline,
      businessMs:
        status?.kind === 'running'
          ? status.remainingBusinessMs
          : status?.kind === 'overdue'
            ? status.overdueBusinessMs
            : 0,
    });
  }
  touched.sort((a, b) => a.deadline - b.deadline || (a.lead.id < b.lead.id ? -1 : 1));
  return { touched, awaiting };
}

import { normalizeLinkedinUrl } from '../domain/identity';
import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';
import { localDate, wallTimeToInstant } from '../sla/business-hours';
import { firstTouchClock, type SlaTier } from '../sla/tiers';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A lead waiting for its first touch (an MQL, or a high-intent request), with where it stands against the SLA. */
export interface WaitingEntry {
  lead: Lead;
  /** The speed-to-lead rule that sets the deadline: a high-intent request's hour, or an MQL's day. */
  tier: Exclude<SlaTier, 'verdict'>;
  /** That rule's allowance in business hours. */
  allowanceHours: number;
  /** When the clock started: the MQL time, or the high-intent request's. */
  startedAt: number;
  /** The last on-time moment for the first touch. */
  deadline: number;
  overdue: boolean;
  /** Business time left before the deadline, or past it when overdue (lib/sla's reckoning). */
  businessMs: number;
  /** Not overdue yet, but the deadline comes before the end of the rep's today. */
  dueToday: boolean;
}

/** A recycled lead whose revisit date has come. */
export interface RevisitEntry {
  lead: Lead;
  revisitAt: number;
}

export interface Queue {
  /** Leads waiting for a first touch, the most urgent (earliest deadline) first. */
  waiting: WaitingEntry[];
  /** Recycled leads due for a revisit by the end of today, the longest waiting first. */
  revisits: RevisitEntry[];
  counts: { waiting: number; overdue: number; dueToday: number; revisits: number };
}

/**
 * Today's queue from the candidate leads: leads without a first touch whose clock runs (MQLs,
 * and leads with a high-intent request: `triggers` holds each one's request time, from
 * lib/sla `highIntentTriggerAt`), ordered by their SLA deadline (the tier due first, business
 * hours and holidays from the settings), and recycled leads whose revisit date is today or
 * past, in the rep's time zone (`settings.sla.calendar.timeZone`). Leads of other stages are
 * ignored, so the caller may pass a superset. Ties keep a stable order by lead id, so the
 * list does not shuffle between renders.
 */
export function buildQueue(
  leads: Iterable<Lead>,
  settings: Pick<Settings, 'sla'>,
  now: number,
  triggers: ReadonlyMap<string, number> = new Map(),
): Queue {
  const endOfToday = endOfLocalDay(now, settings.sla.calendar.timeZone);
  const waiting: WaitingEntry[] = [];
  const revisits: RevisitEntry[] = [];
  for (const lead of leads) {
    if ((lead.stage === 'mql' || lead.stage === 'lead') && lead.times.firstTouchAt === undefined) {
      const clock = firstTouchClock(lead, settings, now, triggers.get(lead.id));
      if (!clock || clock.tier === 'verdict') continue;
      const { status } = clock;
      if (status.kind !== 'running' && status.kind !== 'overdue') continue;
      waiting.push({
        lead,
        tier: clock.tier,
        allowanceHours: clock.allowanceHours,
        startedAt: status.startedAt,
        deadline: status.deadline,
        overdue: status.kind === 'overdue',
        businessMs: status.kind === 'running' ? status.remainingBusinessMs : status.overdueBusinessMs,
        dueToday: status.kind === 'running' && status.deadline < endOfToday,
      });
    } else if (lead.stage === 'recycled' && lead.revisitAt !== undefined && lead.revisitAt < endOfToday) {
      revisits.push({ lead, revisitAt: lead.revisitAt });
    }
  }
  const byId = (a: { lead: Lead }, b: { lead: Lead }) => (a.lead.id < b.lead.id ? -1 : a.lead.id > b.lead.id ? 1 : 0);
  waiting.sort((a, b) => a.deadline - b.deadline || byId(a, b));
  revisits.sort((a, b) => a.revisitAt - b.revisitAt || byId(a, b));
  return {
    waiting,
    revisits,
    counts: {
      waiting: waiting.length,
      overdue: waiting.filter((e) => e.overdue).length,
      dueToday: waiting.filter((e) => e.dueToday).length,
      revisits: revisits.length,
    },
  };
}

/** The first instant of the next local day in `timeZone`: "by the end of today" is "before this". */
export function endOfLocalDay(now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  // Noon tomorrow is never skipped by a DST change, so its date is tomorrow's.
  const tomorrow = localDate(wallTimeToInstant(`${today}T12:00`, timeZone) + DAY_MS, timeZone);
  return wallTimeToInstant(`${tomorrow}T00:00`, timeZone);
}

/**
 * Where clicking a lead in the queue goes: its LinkedIn profile (rebuilt from the slug, so
 * only ever linkedin.com), or else a LinkedIn people search for its name and company.
 */
export function leadLink(lead: Pick<Lead, 'person' | 'company'>): { href: string; kind: 'profile' | 'search' } {
  const profile = lead.person.linkedinUrl ? normalizeLinkedinUrl(lead.person.linkedinUrl) : null;
  if (profile) return { href: profile, kind: 'profile' };
  const keywords = [lead.person.name, lead.company.name].filter(Boolean).join(' ');
  return {
    href: `https://www.linkedin.com/search/results/people/?keywords=${encodeURIComponent(keywords)}`,
    kind: 'search',
  };
}

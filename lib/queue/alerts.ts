import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';
import { localDate } from '../sla/business-hours';
import { inView, type QueueState } from './read-plan';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "Now" for the badge: overdue, or due within this much business time (wall time for next steps). */
export const DUE_SOON_MS = HOUR_MS;
/** A first touch due within this much business time is worth a notification. */
export const NOTIFY_SLA_MS = 15 * MINUTE_MS;
/** A new MQL older than this is no news: it is in the queue already. */
const NEW_MQL_WINDOW_MS = DAY_MS;
/** Individual notifications of one kind per check; more are said in one summary. */
const MAX_PER_KIND = 3;

/**
 * The leads that need the rep now: a first touch or a verdict overdue or due within the hour
 * (business time, as the clocks count), a next step overdue or due within the hour. Each lead
 * once, whatever it owes. The toolbar badge shows how many.
 */
export function leadsNeedingAction(state: Pick<QueueState, 'queue' | 'verdicts' | 'nextSteps'>, now: number): string[] {
  const ids = new Set<string>();
  for (const entry of state.queue.waiting) if (entry.overdue || entry.businessMs <= DUE_SOON_MS) ids.add(entry.lead.id);
  for (const entry of state.verdicts.touched)
    if (entry.overdue || entry.businessMs <= DUE_SOON_MS) ids.add(entry.lead.id);
  for (const step of state.nextSteps) if (step.overdue || step.dueAt - now <= DUE_SOON_MS) ids.add(step.lead.id);
  return [...ids];
}

/** The badge's text: a count, "99+" above that, nothing at zero. */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}

export type AlertKind = 'new_mql' | 'sla_soon' | 'revisits';

/** One notification to show: `key` is its identity (shown once), `leadId` what a click opens. */
export interface Alert {
  key: string;
  kind: AlertKind;
  title: string;
  message: string;
  /** The lead a click opens; absent: the click opens the queue. */
  lead?: Pick<Lead, 'id' | 'person' | 'company'>;
}

const isMine = (lead: Pick<Lead, 'owner'>, me: string | undefined) => inView(lead, 'mine', me);
/** Mine, or nobody's yet: what a rep is expected to chase. */
const mineOrOpen = (lead: Pick<Lead, 'owner'>, me: string | undefined) => lead.owner === undefined || isMine(lead, me);

const who = (lead: Pick<Lead, 'person' | 'company'>) =>
  [lead.person.name, lead.company.name].filter(Boolean).join(', ') || 'A lead';

/**
 * The notifications due at `now` (opt-in, `settings.alerts`), not yet shown (`shown` holds the
 * keys already shown): a new MQL or high-intent request assigned to the rep (`settings.rep.email`)
 * in the last day; a first touch of the rep's (or an unassigned) lead due within 15 minutes;
 * the revisits due today, once a day. Nothing outside the rep's business hours: a rep is not
 * paged at night for a clock that is not running. At most three of a kind, then one summary.
 */
export function alertsDue(
  state: Pick<QueueState, 'queue'>,
  settings: Pick<Settings, 'alerts' | 'rep' | 'sla'>,
  now: number,
  shown: ReadonlySet<string>,
  inBusinessHours: boolean,
): Alert[] {
  if (!inBusinessHours) return [];
  const me = settings.rep.email;
  const alerts: Alert[] = [];
  const add = (kind: AlertKind, items: Alert[], summary: (n: number) => Omit<Alert, 'kind' | 'key'>) => {
    const fresh = items.filter((alert) => !shown.has(alert.key));
    if (fresh.length <= MAX_PER_KIND) alerts.push(...fresh);
    // Keyed by how many and the newest: the same batch is summed up once, a bigger one again.
    else alerts.push({ kind, key: `${kind}:summary:${fresh.length}:${fresh.at(-1)?.key}`, ...summary(fresh.length) });
  };

  if (settings.alerts.newMql) {
    const items = state.queue.waiting
      .filter((entry) => isMine(entry.lead, me) && now - entry.startedAt <= NEW_MQL_WINDOW_MS)
      .map(
        (entry): Alert => ({
          key: `new_mql:${entry.lead.id}:${entry.startedAt}`,
          kind: 'new_mql',
          title: entry.tier === 'high_intent' ? 'High-intent request assigned to you' : 'New MQL assigned to you',
          message: who(entry.lead),
          lead: entry.lead,
        }),
      );
    add('new_mql', items, (n) => ({
      title: `${n} new leads assigned to you`,
      message: 'Open the queue to see them.',
    }));
  }
  if (settings.alerts.slaDueSoon) {
    const items = state.queue.waiting
      .filter((entry) => !entry.overdue && entry.businessMs <= NOTIFY_SLA_MS && mineOrOpen(entry.lead, me))
      .map(
        (entry): Alert => ({
          key: `sla_soon:${entry.lead.id}:${entry.deadline}`,
          kind: 'sla_soon',
          title: `First touch due in ${Math.max(1, Math.round(entry.businessMs / MINUTE_MS))} min`,
          message: who(entry.lead),
          lead: entry.lead,
        }),
      );
    add('sla_soon', items, (n) => ({
      title: `${n} first touches due within 15 minutes`,
      message: 'Open the queue to see them.',
    }));
  }
  if (settings.alerts.revisitsDue) {
    const today = localDate(now, settings.sla.calendar.timeZone);
    const due = state.queue.revisits.filter((entry) => mineOrOpen(entry.lead, me));
    if (due.length > 0) {
      const key = `revisits:${today}`;
      if (!shown.has(key)) {
        alerts.push({
          key,
          kind: 'revisits',
          title: due.length === 1 ? 'A revisit is due today' : `${due.length} revisits are due today`,
          message: due.length === 1 && due[0] ? who(due[0].lead) : 'Recycled leads whose revisit date has come.',
          ...(due.length === 1 && due[0] && { lead: due[0].lead }),
        });
      }
    }
  }
  return alerts;
}

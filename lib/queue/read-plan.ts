import type { Repositories } from '../db';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';
import { scoreLead } from '../scoring/score';
import { highIntentTriggerAt, TRIGGER_EVENT_TYPES, TRIGGER_LOOKBACK_DAYS } from '../sla/tiers';
import {
  type IntentSignal,
  type NextStepEntry,
  nextStepsDue,
  strongestIntent,
  type VerdictEntry,
  type VerdictsWaiting,
  verdictsWaiting,
} from './plan';
import { buildQueue, endOfLocalDay, type Queue, type RevisitEntry, type WaitingEntry } from './queue';

/** One list of the plan: the first rows to show, and how many there are in all. */
export interface PlanSection<T> {
  rows: T[];
  total: number;
}

/** A waiting MQL as the popup shows it: its SLA standing, score and strongest signal. */
export interface FirstTouchRow extends WaitingEntry {
  score: number;
  intent: IntentSignal | undefined;
}

/** The rep's day, in the popup's order. */
export interface DayPlan {
  /** Whose leads the lists hold. */
  view: QueueView;
  /** The rep's identity (`settings.rep.email`): "mine", and who a claim names. */
  me: string | undefined;
  firstTouch: PlanSection<FirstTouchRow> & { overdue: number };
  nextSteps: PlanSection<NextStepEntry> & { overdue: number };
  /** `awaiting` is the dashboard's "Waiting for a verdict" (touched or not). */
  verdicts: PlanSection<VerdictEntry> & { awaiting: number };
  revisits: PlanSection<RevisitEntry>;
}

const section = <T>(all: readonly T[], limit: number): PlanSection<T> => ({
  rows: all.slice(0, limit),
  total: all.length,
});

const DAY_MS = 86_400_000;

/**
 * Whose leads the queue lists: the rep's own (owner = `settings.rep.email`), nobody's yet, or
 * the whole team's. Without the rep's email there is no "mine": the whole team's.
 */
export type QueueView = 'mine' | 'unassigned' | 'team';

/** The view a queue opens on: the rep's own leads when the rep is known. */
export const defaultView = (settings: Pick<Settings, 'rep'>): QueueView => (settings.rep.email ? 'mine' : 'team');

/** Whether a lead belongs in a view; owners compare without case (an email). */
export function inView(lead: Pick<Lead, 'owner'>, view: QueueView, me: string | undefined): boolean {
  switch (view) {
    case 'team':
      return true;
    case 'unassigned':
      return lead.owner === undefined;
    case 'mine':
      return me !== undefined && lead.owner?.toLowerCase() === me.toLowerCase();
  }
}

/** Every list of the rep's day, in full and unscored: what the popup's plan and the toolbar badge read. */
export interface QueueState {
  settings: Settings;
  /** The view the lists were read for. */
  view: QueueView;
  /** Leads waiting for a first touch and revisits due (lib/queue `buildQueue`). */
  queue: Queue;
  /** Next steps due by the end of the rep's today. */
  nextSteps: NextStepEntry[];
  /** Touched MQLs waiting for a verdict. */
  verdicts: VerdictsWaiting;
}

/**
 * Reads the rep's day at `now`: leads waiting for a first touch (lib/queue `buildQueue`:
 * MQLs, and leads with a high-intent request of the last weeks, direct-inbound ones included),
 * next steps due by the end of the rep's today, touched MQLs waiting for a verdict, and
 * revisits due. Reads the MQL and recycled stages, the MQLs' decisions, the request events of
 * the lookback window and their leads, and the touches of leads with a next step due: never a
 * whole table. `view` picks whose leads ({@link defaultView} when not given); the verdicts'
 * `awaiting` stays the whole team's, the dashboard's count.
 */
export async function readQueueState(
  repos: Pick<Repositories, 'leads' | 'events' | 'dispositions' | 'activities' | 'settings'>,
  now: number,
  view?: QueueView,
): Promise<QueueState> {
  const settings = await repos.settings.get();
  const me = settings.rep.email;
  // "Mine" chosen earlier, then the email removed in the options: the whole team's.
  const shown = view === undefined || (view === 'mine' && !me) ? defaultView(settings) : view;
  const mine = (lead: Pick<Lead, 'owner'>) => inView(lead, shown, me);
  const until = endOfLocalDay(now, settings.sla.calendar.timeZone);
  const [mqls, recycled, due, requests] = await Promise.all([
    repos.leads.listByStage('mql'),
    repos.leads.listByStage('recycled'),
    repos.activities.dueBefore(until),
    repos.events.ofTypesSince(TRIGGER_EVENT_TYPES, now - TRIGGER_LOOKBACK_DAYS * DAY_MS),
  ]);
  // Requests of leads not already read (a direct-inbound demo request is a lead, not an MQL).
  const known = new Map(mqls.map((lead) => [lead.id, lead]));
  const requestLeadIds = [...new Set(requests.map((e) => e.leadId))].filter((id) => !known.has(id));
  const requestLeads = (await Promise.all(requestLeadIds.map((id) => repos.leads.get(id)))).filter(
    (lead): lead is Lead => lead !== undefined && lead.stage === 'lead',
  );
  const triggers = requestTimes([...mqls, ...requestLeads], requests, now);
  // The view's leads only: the queue counts what the rep is shown.
  const queue = buildQueue([...mqls, ...requestLeads, ...recycled].filter(mine), settings, now, triggers);

  // Under the stage machine a lead without a decision in force is a lead or an MQL; only MQLs wait.
  const histories = await Promise.all(mqls.map((lead) => repos.dispositions.history(lead.id)));
  const verdicts = verdictsWaiting(
    mqls.map((lead, i) => ({ lead, history: histories[i] ?? [] })),
    settings,
    now,
  );

  const stepLeadIds = [...new Set(due.map((a) => a.leadId))];
  const [stepLeads, touches] = await Promise.all([
    Promise.all(stepLeadIds.map((id) => repos.leads.get(id))),
    Promise.all(stepLeadIds.map((id) => repos.activities.forLead(id))),
  ]);
  const leads = new Map<string, Lead>();
  for (const lead of stepLeads) if (lead) leads.set(lead.id, lead);
  const nextSteps = nextStepsDue({ due, touches: touches.flat(), leads, until, now });
  return {
    settings,
    view: shown,
    queue,
    nextSteps: nextSteps.filter((step) => mine(step.lead)),
    verdicts: { ...verdicts, touched: verdicts.touched.filter((entry) => mine(entry.lead)) },
  };
}

/**
 * The day's plan at `now` (see {@link readQueueState}) as the popup shows it: each list keeps
 * its first `limit` rows; only those are scored (events are the costly read).
 */
export async function readDayPlan(
  repos: Pick<Repositories, 'leads' | 'events' | 'dispositions' | 'activities' | 'settings'>,
  now: number,
  limit = 5,
  view?: QueueView,
): Promise<DayPlan> {
  const { settings, queue, nextSteps, verdicts, view: listed } = await readQueueState(repos, now, view);
  const shown = queue.waiting.slice(0, limit);
  const events = await repos.events.forLeads(shown.map((entry) => entry.lead.id));
  const firstTouch = shown.map((entry): FirstTouchRow => {
    const leadEvents = events.get(entry.lead.id) ?? [];
    return {
      ...entry,
      score: scoreLead(settings.scoringModel, { lead: entry.lead, events: leadEvents, now }).total,
      intent: strongestIntent(leadEvents, now),
    };
  });

  return {
    view: listed,
    me: settings.rep.email,
    firstTouch: { rows: firstTouch, total: queue.waiting.length, overdue: queue.counts.overdue },
    nextSteps: { ...section(nextSteps, limit), overdue: nextSteps.filter((s) => s.overdue).length },
    verdicts: { ...section(verdicts.touched, limit), awaiting: verdicts.awaiting },
    revisits: section(queue.revisits, limit),
  };
}

/** Each lead's high-intent request time (lib/sla `highIntentTriggerAt`), for the leads that have one. */
function requestTimes(leads: readonly Lead[], requests: readonly EngagementEvent[], now: number): Map<string, number> {
  const byLead = new Map<string, EngagementEvent[]>();
  for (const event of requests) {
    const list = byLead.get(event.leadId);
    if (list) list.push(event);
    else byLead.set(event.leadId, [event]);
  }
  const times = new Map<string, number>();
  for (const lead of leads) {
    const at = highIntentTriggerAt(lead, byLead.get(lead.id) ?? [], now);
    if (at !== undefined) times.set(lead.id, at);
  }
  return times;
}

import type { Repositories } from '../db';
import type { Lead } from '../domain/lead';
import { scoreLead } from '../scoring/score';
import {
  type IntentSignal,
  type NextStepEntry,
  nextStepsDue,
  strongestIntent,
  type VerdictEntry,
  verdictsWaiting,
} from './plan';
import { buildQueue, endOfLocalDay, type RevisitEntry, type WaitingEntry } from './queue';

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

/**
 * Reads the day's plan at `now`: MQLs waiting for a first touch (lib/queue `buildQueue`),
 * next steps due by the end of the rep's today, touched MQLs waiting for a verdict, and
 * revisits due. Each list keeps its first `limit` rows; only those are scored (events are
 * the costly read). Reads the MQL and recycled stages, the MQLs' decisions, and the touches
 * of leads with a next step due: never a whole table.
 */
export async function readDayPlan(
  repos: Pick<Repositories, 'leads' | 'events' | 'dispositions' | 'activities' | 'settings'>,
  now: number,
  limit = 5,
): Promise<DayPlan> {
  const settings = await repos.settings.get();
  const until = endOfLocalDay(now, settings.sla.calendar.timeZone);
  const [mqls, recycled, due] = await Promise.all([
    repos.leads.listByStage('mql'),
    repos.leads.listByStage('recycled'),
    repos.activities.dueBefore(until),
  ]);
  const queue = buildQueue([...mqls, ...recycled], settings, now);

  // Under the stage machine a lead without a decision in force is a lead or an MQL; only MQLs wait.
  const histories = await Promise.all(mqls.map((lead) => repos.dispositions.history(lead.id)));
  const verdicts = verdictsWaiting(
    mqls.map((lead, i) => ({ lead, history: histories[i] ?? [] })),
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
    firstTouch: { rows: firstTouch, total: queue.waiting.length, overdue: queue.counts.overdue },
    nextSteps: { ...section(nextSteps, limit), overdue: nextSteps.filter((s) => s.overdue).length },
    verdicts: { ...section(verdicts.touched, limit), awaiting: verdicts.awaiting },
    revisits: section(queue.revisits, limit),
  };
}

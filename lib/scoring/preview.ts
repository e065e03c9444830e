import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { ScoringModel } from '../domain/scoring-model';
import { type GroupPoints, isMqlScore, type MqlBar, scoreLead } from './score';

/** One stored lead with all of its events: what scoring reads. */
export interface PreviewItem {
  lead: Lead;
  events: readonly EngagementEvent[];
}

/** A lead's total with its fit and behaviour points: what the MQL bar is checked against. */
export interface LeadPoints extends GroupPoints {
  total: number;
}

/** Scores by lead id. Keyed by id (not position) so scores from two reads line up. */
export type ScoreTotals = Map<string, LeadPoints>;

/**
 * What decides a lead's points under a model: its rules and decay. The MQL bar (threshold,
 * group minimums), name, id and version do not, so two models with the same key give the
 * same points and an edit of the bar reuses points already computed instead of reading every
 * lead again.
 */
export function totalsKey(model: ScoringModel): string {
  return stableJson({ rules: model.rules, decay: model.decay ?? null });
}

/** Scores each item under `model` and records its total in `into` (a new map unless given). */
export function addTotals(
  model: ScoringModel,
  items: readonly PreviewItem[],
  now: number,
  into: ScoreTotals = new Map(),
): ScoreTotals {
  for (const { lead, events } of items) {
    const { total, groups } = scoreLead(model, { lead, events, now });
    into.set(lead.id, { total, ...groups });
  }
  return into;
}

const meets = (bar: MqlBar, points: LeadPoints) => isMqlScore(bar, points.total, points);

/** How many scored leads clear the bar: the MQL count of a model over them. */
export function countMqls(totals: ScoreTotals, bar: MqlBar): number {
  let count = 0;
  for (const points of totals.values()) if (meets(bar, points)) count += 1;
  return count;
}

export interface ModelTotals {
  totals: ScoreTotals;
  bar: MqlBar;
}

export interface PreviewSummary {
  /** Leads scored under the draft model. */
  leads: number;
  /** Of those, how many clear the draft's MQL bar. */
  draftMqls: number;
  /** How many clear the saved model's bar under the saved model. */
  savedMqls: number;
  /** Leads that are MQLs under the draft but not under the saved model. */
  gained: number;
  /** Leads that are MQLs under the saved model but not under the draft. */
  lost: number;
}

/**
 * The draft model against the saved one over the same leads: how many would be MQLs under
 * each, and which way leads would move. Leads scored under only one of the two (stored
 * between two reads) count in that model's total but not in `gained`/`lost`.
 */
export function summarizePreview(draft: ModelTotals, saved: ModelTotals): PreviewSummary {
  let gained = 0;
  let lost = 0;
  for (const [leadId, points] of draft.totals) {
    const before = saved.totals.get(leadId);
    if (before === undefined) continue;
    const now = meets(draft.bar, points);
    const was = meets(saved.bar, before);
    if (now && !was) gained += 1;
    if (was && !now) lost += 1;
  }
  return {
    leads: draft.totals.size,
    draftMqls: countMqls(draft.totals, draft.bar),
    savedMqls: countMqls(saved.totals, saved.bar),
    gained,
    lost,
  };
}

/** JSON with object keys sorted, so the same model built in a different key order has one key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

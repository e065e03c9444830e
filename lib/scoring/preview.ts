import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { ScoringModel } from '../domain/scoring-model';
import { scoreLead } from './score';

/** One stored lead with all of its events: what scoring reads. */
export interface PreviewItem {
  lead: Lead;
  events: readonly EngagementEvent[];
}

/** Score totals by lead id. Keyed by id (not position) so totals from two reads line up. */
export type ScoreTotals = Map<string, number>;

/**
 * What decides a lead's total under a model: its rules and decay. Threshold, name, id and
 * version do not, so two models with the same key give the same totals and a threshold edit
 * reuses totals already computed instead of reading every lead again.
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
  for (const { lead, events } of items) into.set(lead.id, scoreLead(model, { lead, events, now }).total);
  return into;
}

/** How many totals reach `threshold`: the MQL count of a model over the scored leads. */
export function countMqls(totals: ScoreTotals, threshold: number): number {
  let count = 0;
  for (const total of totals.values()) if (total >= threshold) count += 1;
  return count;
}

export interface ModelTotals {
  totals: ScoreTotals;
  threshold: number;
}

export interface PreviewSummary {
  /** Leads scored under the draft model. */
  leads: number;
  /** Of those, how many reach the draft threshold. */
  draftMqls: number;
  /** How many reach the saved model's threshold under the saved model. */
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
  for (const [leadId, total] of draft.totals) {
    const before = saved.totals.get(leadId);
    if (before === undefined) continue;
    const now = total >= draft.threshold;
    const was = before >= saved.threshold;
    if (now && !was) gained += 1;
    if (was && !now) lost += 1;
  }
  return {
    leads: draft.totals.size,
    draftMqls: countMqls(draft.totals, draft.threshold),
    savedMqls: countMqls(saved.totals, saved.threshold),
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

import { categoryOf, type RuleCategory, scoreLead } from '../scoring/score';
import { type Ratio, leadSet, ratio } from './figures';
import { type MetricsFilter, type MetricsInput, cohort } from './filter';

/** Lower bounds of the default score bands: below 20, 20-39, 40-59, 60-79, 80 and up. */
export const DEFAULT_SCORE_BANDS = [20, 40, 60, 80] as const;

/** A decided MQL's score at the moment of its decision. */
export interface DecidedScore {
  leadId: string;
  score: number;
  accepted: boolean;
  decidedAt: number;
  /** Rules that fired at that moment. */
  ruleIds: string[];
}

export interface ScoreBandAcceptance {
  /** Scores in `[min, max)`; `null` is open-ended (the lowest band includes negative scores). */
  min: number | null;
  max: number | null;
  /** Accepted among the decided MQLs that scored in the band. */
  acceptance: Ratio;
}

export interface RuleAcceptance {
  ruleId: string;
  label: string;
  category: RuleCategory;
  points: number;
  /** Acceptance among the decided MQLs where the rule fired. */
  fired: Ratio;
  /** Acceptance among those where it did not. */
  notFired: Ratio;
  /**
   * `fired.rate - notFired.rate`, or `null` when either side has no leads. A rule worth
   * its points has a positive lift (a negative one for a negative rule); near 0 it does
   * not tell sales' yes from no.
   */
  lift: number | null;
}

export interface AcceptanceByScore {
  /** The model the leads were scored with (the one in settings now). */
  modelId: string;
  modelVersion: number;
  threshold: number;
  /** Accepted among all decided MQLs. */
  overall: Ratio;
  /** Accepted among those that scored at or above the MQL threshold, and below it. */
  atOrAboveThreshold: Ratio;
  belowThreshold: Ratio;
  bands: ScoreBandAcceptance[];
  /** Every rule of the model, in model order. */
  rules: RuleAcceptance[];
  /** The score of each decided MQL, lowest first: the chart's dots. */
  scores: DecidedScore[];
}

export interface AcceptanceOptions {
  filter?: MetricsFilter;
  /** Ascending lower bounds of the bands after the first (default {@link DEFAULT_SCORE_BANDS}). */
  bands?: readonly number[];
}

/**
 * Does the model predict what sales accepts? Each decided MQL of the cohort is scored with
 * the model in settings, on its events up to the decision in force (`scoreLead` at
 * `decidedAt`: what the rep saw, not what happened since), then acceptance is compared
 * across score bands, above and below the threshold, and for each rule between the leads
 * where it fired and those where it did not. Direct leads are left out: they reached sales
 * without the model's say, so their verdicts say nothing about it. The lead's own fields
 * (title, company) are read as they are now.
 */
export function acceptanceByScore(input: MetricsInput, options: AcceptanceOptions = {}): AcceptanceByScore {
  const model = input.settings.scoringModel;
  const bounds = [...(options.bands ?? DEFAULT_SCORE_BANDS)];
  if (bounds.some((b, i) => i > 0 && b <= (bounds[i - 1] as number))) {
    throw new RangeError(`Score bands must ascend: ${bounds.join(', ')}`);
  }

  const scores: DecidedScore[] = [];
  for (const c of cohort(input, options.filter)) {
    const decidedAt = c.decidedAt;
    if (c.path !== 'mql' || c.verdict === 'pending' || decidedAt === undefined) continue;
    const result = scoreLead(model, { lead: c.lead, events: input.eventsOf(c.lead.id), now: decidedAt });
    scores.push({
      leadId: c.lead.id,
      score: result.total,
      accepted: c.verdict === 'accepted',
      decidedAt,
      ruleIds: result.lines.map((line) => line.ruleId),
    });
  }
  scores.sort((a, b) => a.score - b.score || (a.leadId < b.leadId ? -1 : 1));

  const acceptanceOf = (keep: (s: DecidedScore) => boolean): Ratio => {
    const decided = scores.filter(keep);
    return ratio(
      leadSet(decided.filter((s) => s.accepted).map((s) => s.leadId)),
      leadSet(decided.map((s) => s.leadId)),
    );
  };
  const edges = [null, ...bounds, null];
  const bands = edges.slice(0, -1).map((min, i) => {
    const max = edges[i + 1] ?? null;
    return {
      min,
      max,
      acceptance: acceptanceOf((s) => (min === null || s.score >= min) && (max === null || s.score < max)),
    };
  });
  const rules = model.rules.map((rule): RuleAcceptance => {
    const fired = acceptanceOf((s) => s.ruleIds.includes(rule.id));
    const notFired = acceptanceOf((s) => !s.ruleIds.includes(rule.id));
    return {
      ruleId: rule.id,
      label: rule.label,
      // As scoreLead labels its lines; a rule that never fired has no line to read it from.
      category: categoryOf(rule),
      points: rule.points,
      fired,
      notFired,
      lift: fired.rate === null || notFired.rate === null ? null : fired.rate - notFired.rate,
    };
  });

  return {
    modelId: model.id,
    modelVersion: model.version,
    threshold: model.threshold,
    overall: acceptanceOf(() => true),
    atOrAboveThreshold: acceptanceOf((s) => s.score >= model.threshold),
    belowThreshold: acceptanceOf((s) => s.score < model.threshold),
    bands,
    rules,
    scores,
  };
}

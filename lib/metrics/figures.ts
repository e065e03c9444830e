/**
 * The shapes every figure of the dashboard takes. A number is never bare: it comes with
 * the ids of the leads it counts, so the UI can list "the 14 leads behind this 18%".
 */

/** A number of leads, and which leads they are. */
export interface LeadSet {
  count: number;
  /** Ascending (ULIDs sort by creation), without duplicates. */
  leadIds: string[];
}

/** A share of leads: `numerator` is a subset of `denominator`. */
export interface Ratio {
  /** `numerator.count / denominator.count`, or `null` when the denominator is empty (not 0: nothing to divide). */
  rate: number | null;
  numerator: LeadSet;
  denominator: LeadSet;
}

/** Summary statistics of a duration over some leads; `null` when there are none. */
export interface DurationStats {
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

/** A {@link LeadSet} of these ids, sorted and deduplicated. */
export function leadSet(ids: Iterable<string>): LeadSet {
  const leadIds = [...new Set(ids)].sort();
  return { count: leadIds.length, leadIds };
}

/** `numerator / denominator` as a {@link Ratio}; the rate is `null` for an empty denominator. */
export function ratio(numerator: LeadSet, denominator: LeadSet): Ratio {
  return { rate: denominator.count === 0 ? null : numerator.count / denominator.count, numerator, denominator };
}

/**
 * The `q`-quantile (0..1) of ascending `sorted` values, interpolating between neighbours
 * (the spreadsheet PERCENTILE.INC definition, so a reader can check a figure by hand);
 * `null` for no values.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return lower + (upper - lower) * (position - below);
}

/** Median, 90th percentile and mean of durations in ms (any order). */
export function durationStats(values: readonly number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    medianMs: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    meanMs: sorted.length === 0 ? null : sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

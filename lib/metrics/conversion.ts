import type { LeadSet, Ratio } from './figures';
import { type CohortLead, type MetricsFilter, type MetricsInput, cohort } from './filter';
import { funnelOf } from './funnel';
import { type Period, type PeriodUnit, periodsBetween } from './periods';

/**
 * The usual reading of MQL-to-SQL conversion (DESIGN.md §2): 13-25% is healthy; under 10%
 * says the MQL criteria let too much through, over 40% that they hold back leads sales
 * would take.
 */
export const CONVERSION_BANDS = { loose: 0.1, healthyFrom: 0.13, healthyTo: 0.25, strict: 0.4 } as const;

/**
 * Fewer MQLs than this are not judged against the bands: one MQL accepted or not is 100%
 * or 0%, which says nothing about the criteria.
 */
export const MIN_MQLS_TO_JUDGE = 5;

/**
 * Where a conversion rate falls: `loose` (< 10%), `below_healthy` (10% to < 13%),
 * `healthy` (13% to 25%, both included), `above_healthy` (> 25% to 40%), `strict`
 * (> 40%); or not judged: `no_data` when there were no MQLs, `too_few` under
 * {@link MIN_MQLS_TO_JUDGE}, `undecided` while more than half still wait for a verdict
 * (a month where 6 of 8 are undecided is not "0%, too low": it is not over).
 */
export type ConversionBand =
  | 'no_data'
  | 'too_few'
  | 'undecided'
  | 'loose'
  | 'below_healthy'
  | 'healthy'
  | 'above_healthy'
  | 'strict';

/** The band of a conversion rate (see {@link ConversionBand}); with the counts, only a judgeable one. */
export function conversionBand(rate: number | null, counts?: { mqls: number; pending: number }): ConversionBand {
  if (rate === null) return 'no_data';
  if (counts && counts.mqls < MIN_MQLS_TO_JUDGE) return 'too_few';
  if (counts && counts.pending * 2 > counts.mqls) return 'undecided';
  if (rate < CONVERSION_BANDS.loose) return 'loose';
  if (rate < CONVERSION_BANDS.healthyFrom) return 'below_healthy';
  if (rate <= CONVERSION_BANDS.healthyTo) return 'healthy';
  if (rate <= CONVERSION_BANDS.strict) return 'above_healthy';
  return 'strict';
}

/** One period of {@link conversionOverTime}: the MQLs that arrived in it and what became of them. */
export interface ConversionPeriod extends Period {
  mqls: LeadSet;
  accepted: LeadSet;
  rejected: LeadSet;
  /**
   * MQLs still waiting for a verdict. Recent periods have more of them, so their rate is
   * not final yet: the chart can say so rather than show a dip.
   */
  pending: LeadSet;
  /** Direct-to-SQL leads that entered in the period: shown beside the rate, never in it. */
  directSqls: LeadSet;
  /** `accepted / mqls`; `rate` is `null` for a period without MQLs. */
  conversion: Ratio;
  band: ConversionBand;
}

export interface ConversionOverTimeOptions {
  unit: PeriodUnit;
  filter?: MetricsFilter;
}

/**
 * MQL-to-SQL conversion per week or month, in the business calendar's time zone
 * (`settings.sla.calendar.timeZone`): each MQL counts in the period it became an MQL, and
 * its verdict is the one in force now. The periods cover the filter's range, or without
 * one, the first entry to `now`; empty periods are kept (with a `null` rate) so a chart's
 * axis has no holes. Empty input gives no periods.
 */
export function conversionOverTime(
  input: MetricsInput,
  { unit, filter = {} }: ConversionOverTimeOptions,
): ConversionPeriod[] {
  const timeZone = input.settings.sla.calendar.timeZone;
  const leads = cohort(input, filter);
  let from = filter.range?.from;
  let to = filter.range?.to;
  if (from === undefined || to === undefined) {
    if (leads.length === 0) return [];
    // A loop, not Math.min(...entries): spreading 100k arguments overflows the stack.
    let first = Number.POSITIVE_INFINITY;
    let last = input.now;
    for (const c of leads) {
      first = Math.min(first, c.enteredAt);
      last = Math.max(last, c.enteredAt);
    }
    from ??= first;
    // The period holding the last entry is included even when the clock is behind it.
    to ??= last + 1;
  }
  const periods = periodsBetween(from, to, unit, timeZone);
  // Bounds once, then a binary search per lead: zoned date arithmetic per lead is what costs.
  const byPeriod = periods.map((): CohortLead[] => []);
  for (const c of leads) {
    let low = 0;
    let high = periods.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((periods[mid] as Period).start <= c.enteredAt) low = mid;
      else high = mid - 1;
    }
    byPeriod[low]?.push(c);
  }
  return periods.map((period, i) => {
    const f = funnelOf(byPeriod[i] ?? []);
    return {
      ...period,
      mqls: f.mqls,
      accepted: f.accepted,
      rejected: f.rejected,
      pending: f.pending,
      directSqls: f.directSqls,
      conversion: f.mqlToSql,
      band: conversionBand(f.mqlToSql.rate, { mqls: f.mqls.count, pending: f.pending.count }),
    };
  });
}

import {
  firstTouchClock,
  highIntentTriggerAt,
  type SlaTier,
  type TierClock,
  verdictAllowanceHours,
  verdictClock,
} from '../sla/tiers';
import { type DurationStats, type LeadSet, type Ratio, durationStats, leadSet, ratio } from './figures';
import { type MetricsFilter, type MetricsInput, cohort } from './filter';

/** One speed-to-lead rule judged over the cohort: how many met it, missed it, or are still running. */
export interface TierCompliance {
  /** The allowance in business hours (the verdict's days as working days of hours). */
  businessHours: number;
  /** Met within the allowance. */
  onTime: LeadSet;
  /** Met, but after the deadline. */
  late: LeadSet;
  /** Not met, past the deadline: already a breach. */
  overdue: LeadSet;
  /** Not met, deadline ahead: not judged yet, so in no rate. */
  running: LeadSet;
  /** `onTime / (onTime + late + overdue)`. */
  compliance: Ratio;
}

/** First-touch SLA compliance of a cohort (the clocks the sidebar shows, lib/sla tiers). */
export interface SlaCompliance {
  /** The standard allowance: `settings.sla.firstTouchBusinessHours`. */
  businessHours: number;
  /** Touched within the allowance of the tier that applied. */
  onTime: LeadSet;
  /** Touched, but after the deadline. */
  late: LeadSet;
  /** Still untouched, past the deadline: already a breach. */
  overdue: LeadSet;
  /** Still untouched, deadline ahead: not judged yet, so in no rate. */
  running: LeadSet;
  /**
   * MQLs the clock cannot judge: decided without a recorded touch (nothing left to chase),
   * or known as MQLs only by a decision's route, with no MQL time to start from.
   */
  unmeasured: LeadSet;
  /** `onTime / (onTime + late + overdue)`. */
  compliance: Ratio;
  /** Business time from the clock's start to the first touch, of the touched leads (on time or late). */
  timeToFirstTouch: DurationStats & { measured: LeadSet };
  /**
   * The same, per tier: a high-intent request's hour (MQL or direct inbound), any other MQL's
   * day, and the verdict's days after the first touch. A lead counts in the first-touch tier
   * whose deadline came first, and in the verdict tier once touched.
   */
  tiers: Record<SlaTier, TierCompliance>;
  /** The verdict's allowance as the settings say it: `settings.sla.verdictBusinessDays`. */
  verdictBusinessDays: number;
}

type Bucket = 'onTime' | 'late' | 'overdue' | 'running';

const bucketOf = ({ status }: TierClock): Bucket =>
  status.kind === 'met' ? (status.onTime ? 'onTime' : 'late') : status.kind;

const emptyBuckets = (): Record<Bucket, string[]> => ({ onTime: [], late: [], overdue: [], running: [] });

function judged(buckets: Record<Bucket, string[]>, businessHours: number): TierCompliance {
  const onTime = leadSet(buckets.onTime);
  return {
    businessHours,
    onTime,
    late: leadSet(buckets.late),
    overdue: leadSet(buckets.overdue),
    running: leadSet(buckets.running),
    compliance: ratio(onTime, leadSet([...buckets.onTime, ...buckets.late, ...buckets.overdue])),
  };
}

/**
 * How many leads got their first touch within their tier's allowance (a high-intent request:
 * `settings.sla.highIntentBusinessHours` from the request, MQL or not; any other MQL:
 * `firstTouchBusinessHours` from becoming one), and their verdict within
 * `verdictBusinessDays` of the touch, in the business calendar, judged at `input.now`.
 * Requests are read from `input.requestsOf`; without it every MQL is on the standard clock.
 * Outbound leads without a request have no SLA.
 */
export function slaCompliance(input: MetricsInput, filter: MetricsFilter = {}): SlaCompliance {
  const all = emptyBuckets();
  const unmeasured: string[] = [];
  const tiers: Record<SlaTier, Record<Bucket, string[]>> = {
    high_intent: emptyBuckets(),
    standard: emptyBuckets(),
    verdict: emptyBuckets(),
  };
  const touched: number[] = [];
  const touchedIds: string[] = [];
  const { settings, now, requestsOf } = input;
  for (const c of cohort(input, filter)) {
    const id = c.lead.id;
    const triggerAt = requestsOf ? highIntentTriggerAt(c.lead, requestsOf(id), now) : undefined;
    if (c.path !== 'mql' && triggerAt === undefined) continue;
    const clock = firstTouchClock(c.lead, settings, now, triggerAt);
    if (!clock) {
      if (c.path === 'mql') unmeasured.push(id);
      continue;
    }
    const bucket = bucketOf(clock);
    all[bucket].push(id);
    tiers[clock.tier][bucket].push(id);
    if (clock.status.kind === 'met') {
      touched.push(clock.status.withinBusinessMs);
      touchedIds.push(id);
    }
    const verdict = verdictClock(c.lead, settings, now, triggerAt);
    if (verdict) tiers.verdict[bucketOf(verdict)].push(id);
  }
  const { sla } = settings;
  return {
    ...judged(all, sla.firstTouchBusinessHours),
    unmeasured: leadSet(unmeasured),
    timeToFirstTouch: { measured: leadSet(touchedIds), ...durationStats(touched) },
    verdictBusinessDays: sla.verdictBusinessDays,
    tiers: {
      high_intent: judged(tiers.high_intent, sla.highIntentBusinessHours),
      standard: judged(tiers.standard, sla.firstTouchBusinessHours),
      verdict: judged(tiers.verdict, verdictAllowanceHours(sla)),
    },
  };
}

import { slaStatus } from '../sla/business-hours';
import { type DurationStats, type LeadSet, type Ratio, durationStats, leadSet, ratio } from './figures';
import { type MetricsFilter, type MetricsInput, cohort } from './filter';

/** First-touch SLA compliance of a cohort's MQLs (the clock the sidebar shows, `slaStatus`). */
export interface SlaCompliance {
  /** The allowance: `settings.sla.firstTouchBusinessHours`. */
  businessHours: number;
  /** Touched within the allowance. */
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
  /** Business time from MQL to first touch, of the touched MQLs (on time or late). */
  timeToFirstTouch: DurationStats & { measured: LeadSet };
}

/**
 * How many MQLs got their first touch within `settings.sla.firstTouchBusinessHours`
 * business hours of becoming an MQL, in the business calendar (time zone, working days,
 * hours, holidays), judged at `input.now`. Direct leads have no first-touch SLA.
 */
export function slaCompliance(input: MetricsInput, filter: MetricsFilter = {}): SlaCompliance {
  const ids = { onTime: [], late: [], overdue: [], running: [], unmeasured: [] } as Record<
    'onTime' | 'late' | 'overdue' | 'running' | 'unmeasured',
    string[]
  >;
  const touched: { id: string; ms: number }[] = [];
  for (const c of cohort(input, filter)) {
    if (c.path !== 'mql') continue;
    const id = c.lead.id;
    const status = slaStatus(c.lead, input.settings, input.now);
    switch (status.kind) {
      case 'met':
        (status.onTime ? ids.onTime : ids.late).push(id);
        touched.push({ id, ms: status.withinBusinessMs });
        break;
      case 'overdue':
        ids.overdue.push(id);
        break;
      case 'running':
        ids.running.push(id);
        break;
      case 'not_applicable':
        ids.unmeasured.push(id);
        break;
    }
  }
  const onTime = leadSet(ids.onTime);
  return {
    businessHours: input.settings.sla.firstTouchBusinessHours,
    onTime,
    late: leadSet(ids.late),
    overdue: leadSet(ids.overdue),
    running: leadSet(ids.running),
    unmeasured: leadSet(ids.unmeasured),
    compliance: ratio(onTime, leadSet([...ids.onTime, ...ids.late, ...ids.overdue])),
    timeToFirstTouch: {
      measured: leadSet(touched.map((t) => t.id)),
      ...durationStats(touched.map((t) => t.ms)),
    },
  };
}

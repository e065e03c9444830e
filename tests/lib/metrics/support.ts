import { type Disposition, type DispositionInput, DispositionSchema } from '../../../lib/domain/disposition';
import type { EngagementEvent } from '../../../lib/domain/event';
import { newId } from '../../../lib/domain/ids';
import type { Lead } from '../../../lib/domain/lead';
import type { LostReasonCode } from '../../../lib/domain/lost-reasons';
import type { RejectionReasonCode } from '../../../lib/domain/reasons';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/domain/settings';
import type { MetricsInput } from '../../../lib/metrics/filter';
import { DAY, NOW } from '../../support/factories';

export const HOUR = 3_600_000;
export const REP = 'sam@seller.io';

/** A parsed disposition for `lead` decided at `at`. */
function disposition(lead: Pick<Lead, 'id'>, at: number, fields: Partial<DispositionInput>): Disposition {
  return DispositionSchema.parse({
    id: newId(at),
    leadId: lead.id,
    decision: 'accepted_sql',
    route: 'mql_handoff',
    decidedBy: REP,
    decidedAt: at,
    ...fields,
  });
}

export const accept = (lead: Pick<Lead, 'id'>, at: number, route: Disposition['route'] = 'mql_handoff') =>
  disposition(lead, at, { decision: 'accepted_sql', route });

export const reject = (
  lead: Pick<Lead, 'id'>,
  at: number,
  reason: RejectionReasonCode,
  outcome: 'recycled' | 'disqualified' = 'recycled',
  route: Disposition['route'] = 'mql_handoff',
) =>
  disposition(lead, at, {
    decision: 'rejected',
    route,
    reason,
    note: reason === 'other' ? 'see notes' : '',
    outcome: outcome === 'recycled' ? { kind: 'recycled', revisitAt: at + 90 * DAY } : { kind: 'disqualified' },
  });

/**
 * What became of an accepted lead, recorded at `at` and dated `occurredAt` (by default the
 * same), on the acceptance's route (the MQL handoff unless given).
 */
export const opened = (lead: Pick<Lead, 'id'>, at: number, occurredAt = at) =>
  disposition(lead, at, { decision: 'opportunity', occurredAt });

export const won = (lead: Pick<Lead, 'id'>, at: number, occurredAt = at, route: Disposition['route'] = 'mql_handoff') =>
  disposition(lead, at, { decision: 'won', occurredAt, route });

export const lost = (lead: Pick<Lead, 'id'>, at: number, reason: LostReasonCode = 'price', occurredAt = at) =>
  disposition(lead, at, {
    decision: 'lost',
    occurredAt,
    lostReason: reason,
    note: reason === 'other' ? 'see notes' : '',
    outcome: { kind: 'recycled', revisitAt: at + 180 * DAY },
  });

export const withdrawal = (of: Disposition, at = of.decidedAt + 5_000) =>
  disposition({ id: of.leadId }, at, { decision: 'withdrawn', route: of.route, withdraws: of.id });

/** A metrics input over these records; events are looked up per lead. */
export function metricsInput({
  leads = [],
  dispositions = [],
  events = [],
  settings = DEFAULT_SETTINGS,
  now = NOW,
}: {
  leads?: Lead[];
  dispositions?: Disposition[];
  events?: EngagementEvent[];
  settings?: Pick<Settings, 'sla' | 'scoringModel'>;
  now?: number;
}): MetricsInput {
  return {
    leads,
    dispositions,
    eventsOf: (id) => events.filter((e) => e.leadId === id),
    requestsOf: (id) => events.filter((e) => e.leadId === id),
    settings,
    now,
  };
}

/** Settings whose business calendar is `calendar` (defaults elsewhere). */
export function withCalendar(calendar: Partial<Settings['sla']['calendar']>, hours = 24): Settings {
  return {
    ...DEFAULT_SETTINGS,
    sla: {
      ...DEFAULT_SETTINGS.sla,
      firstTouchBusinessHours: hours,
      calendar: { ...DEFAULT_SETTINGS.sla.calendar, ...calendar },
    },
  };
}

/** Ids sorted, as every LeadSet lists them. */
export const ids = (...leads: Pick<Lead, 'id'>[]) => leads.map((l) => l.id).sort();

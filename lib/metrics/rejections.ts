import { REJECTION_REASON_CODES, type RejectionReasonCode } from '../domain/reasons';
import { type LeadSet, type Ratio, leadSet, ratio } from './figures';
import { type CohortLead, type MetricsFilter, type MetricsInput, cohort } from './filter';

/** The leads rejected for one reason, split by what happened to them. */
export interface ReasonCount {
  /** `null`: rejected outside Handoff (an imported lead's stage), reason not recorded. */
  reason: RejectionReasonCode | null;
  leads: LeadSet;
  recycled: LeadSet;
  disqualified: LeadSet;
}

/** Rejections within one source or campaign. */
export interface RejectionGroup {
  /** The source or campaign as stored; `null` for leads without one. */
  key: string | null;
  /** Leads with a verdict in force (accepted or rejected). */
  decided: LeadSet;
  rejected: LeadSet;
  /** `rejected / decided`. */
  rejectionRate: Ratio;
  reasons: ReasonCount[];
}

export interface Rejections {
  decided: LeadSet;
  rejected: LeadSet;
  rejectionRate: Ratio;
  /** Most frequent first (ties in the standard order of reasons, "not recorded" last); reasons nobody gave are left out. */
  reasons: ReasonCount[];
  /** Most rejections first; ties by key. */
  bySource: RejectionGroup[];
  byCampaign: RejectionGroup[];
}

/**
 * Why sales sent leads back, the feedback marketing tunes its MQL criteria with: reasons
 * by count, and per source and campaign. Counts the rejections in force of the cohort,
 * MQLs and direct prospects alike (an outbound prospect's rejection says something about
 * the Outbound source too); a rejection later withdrawn or overturned is not counted.
 */
export function rejections(input: MetricsInput, filter: MetricsFilter = {}): Rejections {
  const decided = cohort(input, filter).filter((c) => c.verdict !== 'pending');
  const overall = groupOf(null, decided);
  return {
    decided: overall.decided,
    rejected: overall.rejected,
    rejectionRate: overall.rejectionRate,
    reasons: overall.reasons,
    bySource: groupsBy(decided, (c) => c.lead.source),
    byCampaign: groupsBy(decided, (c) => c.lead.campaign),
  };
}

/** Recycling: how many decided leads went back to nurture, why, and which are due for a look again. */
export interface Recycling {
  decided: LeadSet;
  recycled: LeadSet;
  disqualified: LeadSet;
  /** `recycled / decided`. */
  recycleRate: Ratio;
  /** `disqualified / decided`. */
  disqualifyRate: Ratio;
  /** Reasons of the recycled leads, most frequent first. */
  reasons: ReasonCount[];
  /** Recycled leads whose revisit date is at or before `now`: marketing's to re-engage. */
  dueForRevisit: LeadSet;
}

/**
 * Recycle rate of the cohort: of the leads with a verdict in force, the share rejected
 * back to nurture (recycled) and the share disqualified, with the recycled leads' reasons.
 */
export function recycling(input: MetricsInput, filter: MetricsFilter = {}): Recycling {
  const decided = cohort(input, filter).filter((c) => c.verdict !== 'pending');
  const recycled = decided.filter((c) => c.outcome === 'recycled');
  const decidedSet = leadSet(decided.map((c) => c.lead.id));
  const recycledSet = leadSet(recycled.map((c) => c.lead.id));
  const disqualifiedSet = leadSet(decided.filter((c) => c.outcome === 'disqualified').map((c) => c.lead.id));
  const due = recycled.filter((c) => c.revisitAt !== undefined && c.revisitAt <= input.now);
  return {
    decided: decidedSet,
    recycled: recycledSet,
    disqualified: disqualifiedSet,
    recycleRate: ratio(recycledSet, decidedSet),
    disqualifyRate: ratio(disqualifiedSet, decidedSet),
    reasons: reasonCounts(recycled),
    dueForRevisit: leadSet(due.map((c) => c.lead.id)),
  };
}

function groupOf(key: string | null, decided: readonly CohortLead[]): RejectionGroup {
  const rejected = decided.filter((c) => c.verdict === 'rejected');
  const decidedSet = leadSet(decided.map((c) => c.lead.id));
  const rejectedSet = leadSet(rejected.map((c) => c.lead.id));
  return {
    key,
    decided: decidedSet,
    rejected: rejectedSet,
    rejectionRate: ratio(rejectedSet, decidedSet),
    reasons: reasonCounts(rejected),
  };
}

function groupsBy(decided: readonly CohortLead[], keyOf: (c: CohortLead) => string | undefined): RejectionGroup[] {
  const groups = new Map<string | null, CohortLead[]>();
  for (const c of decided) {
    const key = keyOf(c) ?? null;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups]
    .map(([key, leads]) => groupOf(key, leads))
    .sort((a, b) => b.rejected.count - a.rejected.count || compareKeys(a.key, b.key));
}

/** Alphabetical, with "no source" last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function reasonCounts(rejected: readonly CohortLead[]): ReasonCount[] {
  type Entry = { all: string[]; recycled: string[]; disqualified: string[] };
  const byReason = new Map<RejectionReasonCode | null, Entry>();
  for (const c of rejected) {
    const reason = c.reason ?? null;
    let entry = byReason.get(reason);
    if (!entry) {
      entry = { all: [], recycled: [], disqualified: [] };
      byReason.set(reason, entry);
    }
    entry.all.push(c.lead.id);
    if (c.outcome) entry[c.outcome].push(c.lead.id);
  }
  return [...REJECTION_REASON_CODES, null]
    .flatMap((reason) => {
      const entry = byReason.get(reason);
      return entry
        ? [
            {
              reason,
              leads: leadSet(entry.all),
              recycled: leadSet(entry.recycled),
              disqualified: leadSet(entry.disqualified),
            },
          ]
        : [];
    })
    .sort((a, b) => b.leads.count - a.leads.count);
}

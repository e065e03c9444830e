import type { LeadSet, Ratio } from './figures';
import { type CohortLead, cohort, type MetricsFilter, type MetricsInput } from './filter';
import { funnelOf } from './funnel';

/**
 * One source's or campaign's way through the funnel: MQL -> SQL -> opportunity -> won, each
 * count with its leads and each rate with its two sides. The same rules as the funnel
 * ({@link funnelOf} of the group's leads), so a table's rows add up to the funnel's figures.
 */
export interface ConversionGroup {
  /** The source or campaign as stored; `null` for leads without one. */
  key: string | null;
  mqls: LeadSet;
  /** MQLs accepted as SQL. */
  accepted: LeadSet;
  /** Every SQL: accepted MQLs and direct SQLs. */
  sqls: LeadSet;
  opportunities: LeadSet;
  /** SQLs won. */
  customers: LeadSet;
  lost: LeadSet;
  /** `accepted / mqls`. */
  mqlToSql: Ratio;
  /** `opportunities / sqls`. */
  sqlToOpportunity: Ratio;
  /** `customers / sqls`: SQL to close. */
  sqlToCustomer: Ratio;
}

export interface ConversionByGroup {
  /** Most SQLs first, then most MQLs; ties by name, "none" last. */
  bySource: ConversionGroup[];
  byCampaign: ConversionGroup[];
}

/**
 * Conversion per source and per campaign, over the cohort of `filter`: which channels bring
 * MQLs sales accepts, and SQLs that become opportunities and customers. Rejected-only or
 * waiting groups are kept (a campaign whose MQLs all went back is the finding).
 */
export function conversionByGroup(input: MetricsInput, filter: MetricsFilter = {}): ConversionByGroup {
  const leads = cohort(input, filter);
  return {
    bySource: groupsBy(leads, (c) => c.lead.source),
    byCampaign: groupsBy(leads, (c) => c.lead.campaign),
  };
}

function groupsBy(leads: readonly CohortLead[], keyOf: (c: CohortLead) => string | undefined): ConversionGroup[] {
  const groups = new Map<string | null, CohortLead[]>();
  for (const c of leads) {
    const key = keyOf(c) ?? null;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups]
    .map(([key, members]): ConversionGroup => {
      const f = funnelOf(members);
      return {
        key,
        mqls: f.mqls,
        accepted: f.accepted,
        sqls: f.sqls,
        opportunities: f.opportunities,
        customers: f.customers,
        lost: f.lost,
        mqlToSql: f.mqlToSql,
        sqlToOpportunity: f.sqlToOpportunity,
        sqlToCustomer: f.sqlToCustomer,
      };
    })
    .sort((a, b) => b.sqls.count - a.sqls.count || b.mqls.count - a.mqls.count || compareKeys(a.key, b.key));
}

/** Alphabetical, with "none" last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

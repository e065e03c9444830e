import { type LeadSet, leadSet, type Ratio, ratio } from './figures';
import { awaitsVerdict, type CohortLead, cohort, type MetricsFilter, type MetricsInput } from './filter';

/**
 * The funnel of a cohort. MQLs and direct-to-SQL leads are kept apart: a direct SQL never
 * was an MQL, so counting it would lift MQL-to-SQL conversion above what marketing's MQLs
 * earned. Stages after SQL count leads whose verdict in force is still "accepted" and that
 * got there: by the opportunity, won and lost records in force after the acceptance, or
 * without any, by the stage times (`times.opportunityAt`, `times.customerAt`) of an import.
 */
export interface Funnel {
  /** Leads that became MQLs (in the cohort). */
  mqls: LeadSet;
  /** MQLs sales accepted as SQL. */
  accepted: LeadSet;
  /** MQLs sales rejected (recycled or disqualified). */
  rejected: LeadSet;
  /** MQLs still waiting for a verdict. */
  pending: LeadSet;
  /** Leads taken to SQL without having been an MQL (direct inbound or outbound). */
  directSqls: LeadSet;
  /** Leads sales rejected without their having been an MQL (outbound prospects). */
  directRejected: LeadSet;
  /** Every SQL: accepted MQLs and direct SQLs. */
  sqls: LeadSet;
  /** SQLs that became an opportunity (or a customer, which was one). */
  opportunities: LeadSet;
  /** SQLs won: the deal closed, the lead a customer. */
  customers: LeadSet;
  /** SQLs whose deal was lost (recorded with a reason), from an opportunity or straight from SQL. */
  lost: LeadSet;
  /** `accepted / mqls`: direct SQLs are in neither. */
  mqlToSql: Ratio;
  /** `opportunities / sqls`, direct SQLs included: sales' side of the funnel. */
  sqlToOpportunity: Ratio;
  /** `customers / sqls`: SQL to close, the playbook's ultimate quality measure of what enters the pipeline. */
  sqlToCustomer: Ratio;
  opportunityToCustomer: Ratio;
}

/** The funnel MQL -> SQL -> opportunity -> customer of the leads that pass `filter`. */
export function funnel(input: MetricsInput, filter: MetricsFilter = {}): Funnel {
  return funnelOf(cohort(input, filter));
}

/** {@link funnel} of leads already selected (conversion over time reuses it per period). */
export function funnelOf(leads: readonly CohortLead[]): Funnel {
  const ids = (keep: (c: CohortLead) => boolean) => leadSet(leads.filter(keep).map((c) => c.lead.id));
  const mql = (c: CohortLead) => c.path === 'mql';
  const sql = (c: CohortLead) => c.verdict === 'accepted';
  const opportunity = (c: CohortLead) => sql(c) && (c.deal.opportunityAt !== undefined || c.deal.wonAt !== undefined);
  const customer = (c: CohortLead) => sql(c) && c.deal.wonAt !== undefined;

  const mqls = ids(mql);
  const accepted = ids((c) => mql(c) && sql(c));
  const sqls = ids(sql);
  const opportunities = ids(opportunity);
  const customers = ids(customer);
  return {
    mqls,
    accepted,
    rejected: ids((c) => mql(c) && c.verdict === 'rejected'),
    pending: ids(awaitsVerdict),
    directSqls: ids((c) => !mql(c) && sql(c)),
    directRejected: ids((c) => !mql(c) && c.verdict === 'rejected'),
    sqls,
    opportunities,
    customers,
    lost: ids((c) => sql(c) && c.deal.lostAt !== undefined),
    mqlToSql: ratio(accepted, mqls),
    sqlToOpportunity: ratio(opportunities, sqls),
    sqlToCustomer: ratio(customers, sqls),
    opportunityToCustomer: ratio(customers, opportunities),
  };
}

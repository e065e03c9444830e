import type { LeadStage, RejectionOutcome, Route } from '../../lib/domain/enums';
import type { Lead } from '../../lib/domain/lead';
import type { RejectionReasonCode } from '../../lib/domain/reasons';
import {
  type AcceptanceByScore,
  acceptanceByScore,
  type CohortLead,
  type ConversionByGroup,
  type ConversionPeriod,
  cohort,
  conversionByGroup,
  type Funnel,
  funnel,
  type MetricsFilter,
  type MetricsInput,
  type PeriodUnit,
  type Recycling,
  type Rejections,
  recycling,
  rejections,
  type SlaCompliance,
  slaCompliance,
  type TimeToSql,
  timeToSql,
} from '../../lib/metrics';
import { leadLink } from '../../lib/queue/queue';

/**
 * Every figure the dashboard shows for one filter, straight from lib/metrics. The per-lead
 * lists a chart does not draw (each wait, each decided MQL's score) are left out: the page
 * may get these figures from a worker, and at 100k leads they are most of the message.
 */
export interface BaseFigures {
  funnel: Funnel;
  timeToSql: Omit<TimeToSql, 'durations'>;
  sla: SlaCompliance;
  rejections: Rejections;
  recycling: Recycling;
  acceptance: Omit<AcceptanceByScore, 'scores'>;
  /** MQL -> SQL -> opportunity -> won per source and per campaign. */
  sources: ConversionByGroup;
}

export interface DashboardFigures extends BaseFigures {
  unit: PeriodUnit;
  conversion: ConversionPeriod[];
}

/** The figures that do not depend on the period unit (a weekly/monthly toggle reuses them). */
export function baseFigures(input: MetricsInput, filter: MetricsFilter): BaseFigures {
  const { durations: _durations, ...waits } = timeToSql(input, filter);
  const { scores: _scores, ...acceptance } = acceptanceByScore(input, { filter });
  return {
    funnel: funnel(input, filter),
    timeToSql: waits,
    sla: slaCompliance(input, filter),
    rejections: rejections(input, filter),
    recycling: recycling(input, filter),
    acceptance,
    sources: conversionByGroup(input, filter),
  };
}

/** One lead as the traceability panel lists it: who, where it stands, and sales' verdict in force. */
export interface LeadRow {
  id: string;
  name: string;
  title: string | undefined;
  company: string | undefined;
  stage: LeadStage;
  source: string | undefined;
  campaign: string | undefined;
  owner: string | undefined;
  link: { href: string; kind: 'profile' | 'search' };
  /** `undefined` for a lead outside the funnel (never an MQL, never decided). */
  verdict: CohortLead['verdict'] | undefined;
  verdictFrom: CohortLead['verdictFrom'];
  route: Route | undefined;
  decidedAt: number | undefined;
  reason: RejectionReasonCode | null | undefined;
  outcome: RejectionOutcome | undefined;
  revisitAt: number | undefined;
  /** The decision's note, as the rep typed it (shown as text). */
  note: string | undefined;
  /** What became of an accepted lead: its opportunity, win or loss (dates and reason). */
  deal: CohortLead['deal'] | undefined;
}

interface Index {
  leads: Map<string, Lead>;
  funnel: Map<string, CohortLead>;
}

const INDEXES = new WeakMap<MetricsInput, Index>();

/** The panel's rows for these lead ids, in the given order; ids not among the leads are skipped. */
export function leadRows(input: MetricsInput, ids: readonly string[]): LeadRow[] {
  let index = INDEXES.get(input);
  if (!index) {
    index = {
      leads: new Map(input.leads.map((lead) => [lead.id, lead])),
      // The facts every figure was counted from (cached per input by lib/metrics).
      funnel: new Map(cohort(input).map((c) => [c.lead.id, c])),
    };
    INDEXES.set(input, index);
  }
  const rows: LeadRow[] = [];
  for (const id of ids) {
    const lead = index.leads.get(id);
    if (!lead) continue;
    const facts = index.funnel.get(id);
    rows.push({
      id,
      name: lead.person.name,
      title: lead.person.title,
      company: lead.company.name ?? lead.company.domain,
      stage: lead.stage,
      source: lead.source,
      campaign: lead.campaign,
      owner: lead.owner,
      link: leadLink(lead),
      verdict: facts?.verdict,
      verdictFrom: facts?.verdictFrom,
      route: facts?.decision?.route,
      decidedAt: facts?.decidedAt,
      reason: facts?.reason,
      outcome: facts?.outcome,
      revisitAt: facts?.revisitAt,
      note: facts?.decision?.note || undefined,
      deal: facts?.deal.from === undefined ? undefined : facts.deal,
    });
  }
  return rows;
}

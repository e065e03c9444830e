import { type Disposition, isAfterSql } from '../domain/disposition';
import type { RejectionOutcome } from '../domain/enums';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { LostReasonCode } from '../domain/lost-reasons';
import type { RejectionReasonCode } from '../domain/reasons';
import type { Settings } from '../domain/settings';
import { type DecisionClocks, dealInForce, verdictInForce } from '../qualification/decide';

/**
 * Everything the dashboard's figures are computed from. Treat it as immutable: the
 * per-lead facts are derived once per input object and reused by every figure.
 */
export interface MetricsInput {
  leads: readonly Lead[];
  /** Every disposition of these leads, withdrawals included, in any order. */
  dispositions: readonly Disposition[];
  /**
   * Team sync's clock of each disposition that has one: the decision in force is then the
   * latest by clock, as on the server (lib/qualification `decisionInForce`). None while
   * sync was never on.
   */
  clocks?: DecisionClocks;
  /** A lead's engagement events, any order. Only {@link acceptanceByScore} reads them. */
  eventsOf: (leadId: string) => readonly EngagementEvent[];
  /**
   * A lead's high-intent requests (events of lib/sla `TRIGGER_EVENT_TYPES`), any order: the SLA
   * figures put their leads on the one-hour tier. Absent: every MQL is on the standard clock.
   */
  requestsOf?: (leadId: string) => readonly EngagementEvent[];
  settings: Pick<Settings, 'sla' | 'scoringModel'>;
  /** The moment the figures are taken at (SLA clocks still running, revisit dates due). */
  now: number;
}

/**
 * Which leads a figure counts. Every figure counts the same cohort, so the figures
 * reconcile (the funnel's rejections are the leads of the rejection reasons).
 */
export interface MetricsFilter {
  /**
   * Leads that entered the funnel in `[from, to)` (epoch ms): an MQL when it became one
   * (`times.mqlAt`), a lead that never was an MQL when sales first decided on it (taken
   * direct to SQL, or a rejected outbound prospect; an import without dispositions at its
   * stage's stamp). A cohort by entry, not by decision date, so that a period's
   * conversion is about the MQLs marketing sent in that period; their verdicts are the
   * ones in force in the input, including those given after `to`.
   */
  range?: { from: number; to: number };
  /** The lead's owner exactly as stored (`lead.owner`). */
  owner?: string;
  /** The lead's source exactly as stored (`lead.source`). */
  source?: string;
}

/** How a lead reached sales: as an MQL marketing handed over, or directly (never an MQL). */
export type FunnelPath = 'mql' | 'direct';

/** Sales' verdict in force: accepted as SQL, rejected, or none yet (only an MQL can wait). */
export type Verdict = 'accepted' | 'rejected' | 'pending';

/**
 * What became of an accepted lead (issue 17, "After SQL"): the dates its opportunity opened
 * and its deal was won or lost. From the opportunity, won and lost records in force after
 * the acceptance (their `occurredAt`); a lead without such records (an import, a lead
 * accepted before they existed) takes the opportunity and the win from its stage times.
 * Empty for a lead that is not accepted.
 */
export interface Deal {
  from: 'disposition' | 'stage' | undefined;
  /** When the opportunity opened; a win without one recorded was an opportunity all the same. */
  opportunityAt: number | undefined;
  wonAt: number | undefined;
  lostAt: number | undefined;
  lostReason: LostReasonCode | undefined;
}

const NO_DEAL: Deal = {
  from: undefined,
  opportunityAt: undefined,
  wonAt: undefined,
  lostAt: undefined,
  lostReason: undefined,
};

/** A lead in the funnel, with the facts every figure reads. */
export interface CohortLead {
  lead: Lead;
  path: FunnelPath;
  /** When the lead entered the funnel: its MQL time, or a direct lead's first decision. */
  enteredAt: number;
  /** When the lead became an MQL; `undefined` on the direct path. */
  mqlAt: number | undefined;
  /**
   * Sales' verdict in force, an acceptance or a rejection (`verdictInForce`: withdrawals and
   * what they withdrew are ignored; the latest by sync's clock where there is one). An
   * opportunity, a win or a loss recorded since is in {@link deal}, never here.
   */
  decision: Disposition | undefined;
  /**
   * Where the verdict comes from: the decision in force, or for a lead decided outside
   * Handoff (a CRM import: no disposition, but a stage past `mql`) its stage.
   */
  verdictFrom: 'disposition' | 'stage' | undefined;
  verdict: Verdict;
  /** When the verdict was given (for a verdict read from the stage, that stage's stamp). */
  decidedAt: number | undefined;
  /** A rejection's reason; `null` when the verdict was read from the stage (not recorded). */
  reason: RejectionReasonCode | null | undefined;
  /** What a rejection did with the lead. */
  outcome: RejectionOutcome | undefined;
  /** A recycled lead's revisit date. */
  revisitAt: number | undefined;
  /** What became of an accepted lead: its opportunity, won or lost. */
  deal: Deal;
}

/**
 * An MQL still waiting for sales' verdict: the dashboard's "Waiting for a verdict" and the
 * popup's, one rule so the two counts agree.
 */
export function awaitsVerdict(c: Pick<CohortLead, 'path' | 'verdict'>): boolean {
  return c.path === 'mql' && c.verdict === 'pending';
}

const FUNNELS = new WeakMap<MetricsInput, CohortLead[]>();

/**
 * The leads of the funnel that pass `filter`, in lead order. A lead is in the funnel when
 * it was an MQL or sales decided on it; a lead that is neither (a prospect nobody has
 * judged) is in no figure. An MQL is a lead with `times.mqlAt`, or without one (an import)
 * in stage `mql` or with a decision on the `mql_handoff` route: it has been an MQL since
 * `createdAt` as far as we can know, as the SLA clock assumes. The verdict is the decision
 * in force; a lead without any disposition but with a stage past `mql` (an import) has
 * the verdict its stage implies (see {@link CohortLead.verdictFrom}).
 */
export function cohort(input: MetricsInput, filter: MetricsFilter = {}): CohortLead[] {
  const { range, owner, source } = filter;
  return funnelLeads(input).filter(
    (c) =>
      (range === undefined || (c.enteredAt >= range.from && c.enteredAt < range.to)) &&
      (owner === undefined || c.lead.owner === owner) &&
      (source === undefined || c.lead.source === source),
  );
}

/** The owners and sources the leads have, sorted: the choices of the dashboard's filters. */
export function filterOptions(input: Pick<MetricsInput, 'leads'>): { owners: string[]; sources: string[] } {
  const owners = new Set<string>();
  const sources = new Set<string>();
  for (const lead of input.leads) {
    if (lead.owner !== undefined) owners.add(lead.owner);
    if (lead.source !== undefined) sources.add(lead.source);
  }
  return { owners: [...owners].sort(), sources: [...sources].sort() };
}

function funnelLeads(input: MetricsInput): CohortLead[] {
  const cached = FUNNELS.get(input);
  if (cached) return cached;
  const histories = new Map<string, Disposition[]>();
  for (const d of input.dispositions) {
    const history = histories.get(d.leadId);
    if (history) history.push(d);
    else histories.set(d.leadId, [d]);
  }
  const result: CohortLead[] = [];
  for (const lead of input.leads) {
    const facts = cohortLead(lead, histories.get(lead.id) ?? [], input.clocks);
    if (facts) result.push(facts);
  }
  FUNNELS.set(input, result);
  return result;
}

type Verdicts = Pick<CohortLead, 'verdictFrom' | 'verdict' | 'decidedAt' | 'reason' | 'outcome' | 'revisitAt'>;

/**
 * One lead's funnel facts from its dispositions (any order), as {@link cohort} derives them;
 * `undefined` for a lead in no figure. The popup reads its MQLs through this too.
 */
export function cohortLead(
  lead: Lead,
  history: readonly Disposition[],
  clocks?: DecisionClocks,
): CohortLead | undefined {
  const decision = verdictInForce(history, clocks);
  const mqlAt =
    lead.times.mqlAt ??
    (lead.stage === 'mql' || history.some((d) => d.route === 'mql_handoff') ? lead.times.createdAt : undefined);
  // Judged in Handoff: an acceptance or a rejection was recorded (perhaps since withdrawn).
  const verdicts = history.filter((d) => !isAfterSql(d.decision));
  const judged = verdicts.some((d) => d.decision !== 'withdrawn');
  const verdict = judged ? verdictOf(decision) : verdictOfStage(lead, history, clocks);
  const enteredAt = mqlAt ?? (judged ? firstDecisionAt(verdicts) : verdict.decidedAt);
  if (enteredAt === undefined) return undefined;
  const deal = verdict.verdict === 'accepted' ? dealOf(lead, history, clocks) : NO_DEAL;
  return { lead, path: mqlAt === undefined ? 'direct' : 'mql', enteredAt, mqlAt, decision, ...verdict, deal };
}

/** {@link Deal} of an accepted lead: its records in force (`dealInForce`), else its stage times. */
function dealOf(lead: Lead, history: readonly Disposition[], clocks: DecisionClocks | undefined): Deal {
  const { opportunity, close } = dealInForce(history, clocks);
  if (opportunity === undefined && close === undefined) {
    const { opportunityAt, customerAt } = lead.times;
    if (opportunityAt === undefined && customerAt === undefined) return NO_DEAL;
    return { ...NO_DEAL, from: 'stage', opportunityAt: opportunityAt ?? customerAt, wonAt: customerAt };
  }
  const dated = (d: Disposition | undefined) => (d === undefined ? undefined : (d.occurredAt ?? d.decidedAt));
  const won = close?.decision === 'won' ? dated(close) : undefined;
  // A close recorded without an opportunity before it: the lead's own stamp, if it has one
  // (an opportunity imported from the CRM), else a win was an opportunity from its own date.
  const opportunityAt = dated(opportunity) ?? lead.times.opportunityAt ?? won;
  return {
    from: 'disposition',
    opportunityAt,
    wonAt: won,
    lostAt: close?.decision === 'lost' ? dated(close) : undefined,
    lostReason: close?.decision === 'lost' ? close.lostReason : undefined,
  };
}

const UNDECIDED: Verdicts = {
  verdictFrom: undefined,
  verdict: 'pending',
  decidedAt: undefined,
  reason: undefined,
  outcome: undefined,
  revisitAt: undefined,
};

function verdictOf(decision: Disposition | undefined): Verdicts {
  if (decision === undefined) return UNDECIDED;
  // Only acceptances and rejections are verdicts (`verdictInForce`).
  const outcome = decision.decision === 'rejected' ? decision.outcome : undefined;
  return {
    verdictFrom: 'disposition',
    verdict: decision.decision === 'accepted_sql' ? 'accepted' : 'rejected',
    decidedAt: decision.decidedAt,
    // The schema requires a reason on a rejection; `other` only guards a hand-built input.
    reason: decision.decision === 'rejected' ? (decision.reason ?? 'other') : undefined,
    outcome: outcome?.kind,
    revisitAt: outcome?.kind === 'recycled' ? outcome.revisitAt : undefined,
  };
}

/**
 * A lead with no verdict recorded was decided outside Handoff if its stage is past `mql` (CSV
 * and CRM imports carry stages, not decisions): counting it as undecided would drop every
 * imported SQL from the funnel. Its stage stamp dates the verdict; the reason is unknown. An
 * opportunity, a win or a loss recorded on it in Handoff says it was accepted, whatever stage
 * that left it in (a lost deal is recycled, and no rejection).
 */
function verdictOfStage(lead: Lead, history: readonly Disposition[], clocks: DecisionClocks | undefined): Verdicts {
  const { times } = lead;
  const { opportunity, close } = dealInForce(history, clocks);
  if (opportunity !== undefined || close !== undefined) {
    return { ...UNDECIDED, verdictFrom: 'stage', verdict: 'accepted', decidedAt: times.sqlAt };
  }
  switch (lead.stage) {
    case 'sql':
    case 'opportunity':
    case 'customer':
      return {
        ...UNDECIDED,
        verdictFrom: 'stage',
        verdict: 'accepted',
        decidedAt: times.sqlAt ?? times.opportunityAt ?? times.customerAt,
      };
    case 'recycled':
    case 'disqualified':
      return {
        verdictFrom: 'stage',
        verdict: 'rejected',
        decidedAt: lead.stage === 'recycled' ? times.recycledAt : times.disqualifiedAt,
        reason: null,
        outcome: lead.stage,
        revisitAt: lead.stage === 'recycled' ? lead.revisitAt : undefined,
      };
    default:
      return UNDECIDED;
  }
}

/** The earliest verdict that still stands or was superseded, not withdrawn (an undone click is no entry). */
function firstDecisionAt(history: readonly Disposition[]): number | undefined {
  const withdrawn = new Set(history.flatMap((d) => (d.decision === 'withdrawn' && d.withdraws ? [d.withdraws] : [])));
  let first: number | undefined;
  for (const d of history) {
    if (d.decision === 'withdrawn' || withdrawn.has(d.id)) continue;
    if (first === undefined || d.decidedAt < first) first = d.decidedAt;
  }
  return first;
}

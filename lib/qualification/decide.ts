import type { DecisionRequest, Disposition, DispositionInput, Handoff } from '../domain/disposition';
import type { LeadStage, Route } from '../domain/enums';
import type { RejectionReasonCode } from '../domain/reasons';
import type { Lead } from '../domain/lead';
import { STAGE_TIME_FIELD } from '../domain/lead';
import type { Qualification, SqlCriteria } from '../domain/qualification';
import { emptyQualification } from '../domain/qualification';
import { latestInForce } from '../domain/in-force';
import { rejectionReason } from '../domain/reasons';
import { AFTER_SQL_STAGE, recordAfterSql } from './after-sql';
import { DecisionError } from './errors';
import { evaluateSqlBar, type SqlBarResult } from './sql-bar';
import { canReopen, IllegalTransitionError, transition } from './stages';

const DAY = 24 * 60 * 60 * 1000;

export { DecisionError };

export interface DecideOptions {
  qualification: Qualification | undefined;
  criteria: SqlCriteria;
  /** The framework a lead without a checklist is judged on. */
  framework: Qualification['framework'];
  by: string;
  at: number;
  /**
   * The decision in force on the lead, if any: what comes after SQL (opportunity, won, lost)
   * carries its route.
   */
  current?: Pick<Disposition, 'route'> | undefined;
}

export interface DecisionResult {
  disposition: Omit<DispositionInput, 'id'>;
  lead: Lead;
  bar: SqlBarResult;
}

/**
 * The SQL decision as data: the disposition to append and the lead as it moves, both from
 * one request. Pure. Throws {@link DecisionError} for an acceptance below the written SQL bar
 * without an override note, and `IllegalTransitionError` (lib/qualification/stages.ts) for a
 * move the stage machine forbids (a customer, a missing route, an MQL accepted as "direct").
 * An acceptance with a handoff to an AE makes the AE the lead's owner (the SDR it came from
 * is kept in the handoff, so reopening gives it back). What became of an accepted lead
 * (opportunity, won, lost) is recorded by lib/qualification/after-sql.ts, with its rules.
 */
export function decide(lead: Lead, request: DecisionRequest, options: DecideOptions): DecisionResult {
  const qualification = options.qualification ?? emptyQualification(lead.id, options.framework, options.at);
  const bar = evaluateSqlBar(qualification, options.criteria);
  if (request.kind === 'opportunity' || request.kind === 'won' || request.kind === 'lost') {
    const route = options.current?.route ?? routeOf(lead);
    return { ...recordAfterSql(lead, request, { by: options.by, at: options.at, route }), bar };
  }
  const base = { leadId: lead.id, decidedBy: options.by, decidedAt: options.at, note: request.note?.trim() ?? '' };

  if (request.kind === 'accept') {
    const route = request.route ?? (lead.stage === 'mql' ? 'mql_handoff' : undefined);
    const overrideNote = request.overrideNote?.trim() ?? '';
    if (!bar.meets && overrideNote.length === 0) {
      throw new DecisionError(
        `Below the SQL bar (${bar.summary}). Accepting anyway needs an override with a note saying why.`,
      );
    }
    const moved = transition(lead, 'sql', route === undefined ? { at: options.at } : { at: options.at, route });
    const disposition: Omit<DispositionInput, 'id'> = {
      ...base,
      decision: 'accepted_sql',
      route: route ?? 'mql_handoff',
    };
    if (!bar.meets) disposition.override = { note: overrideNote };
    const handoff = handoffOf(request.handoff, lead);
    if (handoff) disposition.handoff = handoff;
    return { disposition, lead: handoff?.ae ? { ...moved, owner: handoff.ae.email } : moved, bar };
  }

  const { outcome } = request;
  const moved =
    outcome.kind === 'recycled'
      ? transition(lead, 'recycled', { at: options.at, revisitAt: outcome.revisitAt })
      : transition(lead, 'disqualified', { at: options.at });
  return {
    disposition: { ...base, decision: 'rejected', route: routeOf(lead), reason: request.reason, outcome },
    lead: moved,
    bar,
  };
}

/** The handoff as recorded: trimmed, empty parts left out, nothing at all when nothing was given. */
function handoffOf(given: Omit<Handoff, 'previousOwner'> | undefined, lead: Lead): Handoff | undefined {
  if (!given) return undefined;
  const note = given.note?.trim() ?? '';
  const handoff: Handoff = {
    ...(given.ae && { ae: given.ae }),
    ...(given.meetingAt !== undefined && { meetingAt: given.meetingAt }),
    ...(note && { note }),
  };
  if (given.ae && lead.owner !== undefined && lead.owner !== given.ae.email) handoff.previousOwner = lead.owner;
  return Object.keys(handoff).length > 0 ? handoff : undefined;
}

/** The route a lead was on, when no decision says: an MQL came through marketing's handoff; anything else went direct. */
function routeOf(lead: Lead): Route {
  return lead.stage === 'mql' || lead.times.mqlAt !== undefined ? 'mql_handoff' : 'direct_outbound';
}

/** What the decision form suggests for a reason: its default outcome, and a revisit date from now. */
export function suggestedOutcome(
  code: RejectionReasonCode,
  now: number,
): { kind: 'recycled'; revisitAt: number } | { kind: 'disqualified' } {
  const reason = rejectionReason(code);
  return reason.defaultOutcome === 'recycled'
    ? { kind: 'recycled', revisitAt: now + reason.revisitDays * DAY }
    : { kind: 'disqualified' };
}

/**
 * Undoing a decision: the withdrawal to append and the lead moved back. Only the decision's
 * own marks are reverted (its stage, the stage's timestamp, the revisit date), from `before`,
 * the lead as it was just before the decision; anything else that changed since (a first
 * touch, new fields) is kept from `current`.
 */
export function withdraw(
  current: Lead,
  before: Lead,
  decision: Pick<Disposition, 'id' | 'route' | 'handoff'>,
  options: { by: string; at: number },
): { disposition: Omit<DispositionInput, 'id'>; lead: Lead } {
  const field = STAGE_TIME_FIELD[current.stage];
  const times = { ...current.times };
  const previous = before.times[field];
  if (previous === undefined) delete times[field];
  else times[field] = previous;
  const lead: Lead = { ...current, stage: before.stage, times, updatedAt: options.at };
  if (before.revisitAt === undefined) delete lead.revisitAt;
  else lead.revisitAt = before.revisitAt;
  // The handoff's owner is the decision's mark too; an owner someone set since is kept.
  if (decision.handoff?.ae && current.owner === decision.handoff.ae.email) setOwner(lead, before.owner);
  return {
    disposition: {
      leadId: current.id,
      decision: 'withdrawn',
      route: decision.route,
      withdraws: decision.id,
      note: '',
      decidedBy: options.by,
      decidedAt: options.at,
    },
    lead,
  };
}

function setOwner(lead: Lead, owner: string | undefined): void {
  if (owner === undefined) delete lead.owner;
  else lead.owner = owner;
}

/** The stage each kind of decision puts a lead in. */
function stageMadeBy(decision: Disposition): LeadStage | undefined {
  if (decision.decision === 'accepted_sql') return 'sql';
  if (decision.decision === 'rejected') return decision.outcome?.kind;
  if (decision.decision === 'withdrawn') return undefined;
  return AFTER_SQL_STAGE[decision.decision];
}

/** A stage in a sentence: "is an SQL", "is recycled". */
const STAGE_WORDS: Record<LeadStage, string> = {
  lead: 'a lead',
  mql: 'an MQL',
  sql: 'an SQL',
  opportunity: 'an opportunity',
  customer: 'a customer',
  recycled: 'recycled',
  disqualified: 'disqualified',
};

/** Of these stages, the one the lead entered last at or before `at`, by its stage times. */
function lastEnteredBy(lead: Lead, at: number, stages: readonly LeadStage[]): LeadStage | undefined {
  let best: { stage: LeadStage; at: number } | undefined;
  for (const stage of stages) {
    const entered = lead.times[STAGE_TIME_FIELD[stage]];
    if (entered !== undefined && entered <= at && (best === undefined || entered > best.at))
      best = { stage, at: entered };
  }
  return best?.stage;
}

/**
 * Where a lead was before a decision, from the decision's route and the lead's stage times
 * (the lead as it was is long gone, unlike for an undo): an MQL accepted through marketing's
 * handoff goes back to MQL; a direct acceptance to where it was taken from (recycled or
 * disqualified by an earlier decision, which is then in force again, else a plain lead); a
 * rejection to the stage the lead entered last before it (MQL, SQL, opportunity, or lead);
 * an opportunity back to SQL; a win or a loss to the SQL or opportunity it closed.
 */
export function stageBeforeDecision(lead: Lead, decision: Disposition): LeadStage {
  if (decision.decision === 'accepted_sql') {
    if (decision.route === 'mql_handoff') return 'mql';
    return lastEnteredBy(lead, decision.decidedAt, ['recycled', 'disqualified']) ?? 'lead';
  }
  if (decision.decision === 'opportunity') return 'sql';
  if (decision.decision === 'won' || decision.decision === 'lost') {
    // Before the close's own date: its stamp is what the reopening removes.
    const closedAt = decision.occurredAt ?? decision.decidedAt;
    return lastEnteredBy(lead, closedAt, ['opportunity']) ?? 'sql';
  }
  return lastEnteredBy(lead, decision.decidedAt, ['mql', 'sql', 'opportunity']) ?? 'lead';
}

export interface ReopenOptions {
  by: string;
  at: number;
  /** Why, in the rep's words: required, it is the withdrawal's note. */
  note: string;
  /**
   * The decision in force once this one is withdrawn, if any: a lead going back to recycled
   * takes its revisit date from it.
   */
  previous?: Pick<Disposition, 'outcome'> | undefined;
}

/**
 * Reopening a decision in force, at any time after it (undo is only for the first seconds):
 * the withdrawal to append, with the rep's reason as its note, and the lead moved back to
 * where it was before the decision ({@link stageBeforeDecision}) by the stage machine's
 * moves back (`REOPEN_TRANSITIONS`). The decision's own marks go: its stage's time, the
 * revisit date, the AE as owner (the owner before the handoff comes back, unless someone
 * changed the owner since). Pure. Throws {@link DecisionError} without a reason, or when
 * the lead has moved on from the stage the decision put it in (an SQL that became an
 * opportunity): that is a new decision, not a reopening.
 */
export function reopen(
  lead: Lead,
  decision: Disposition,
  options: ReopenOptions,
): { disposition: Omit<DispositionInput, 'id'>; lead: Lead } {
  const note = options.note.trim();
  if (note.length === 0) throw new DecisionError('Say why you reopen the decision: the team reads it in the history.');
  const made = stageMadeBy(decision);
  if (made === undefined || decision.leadId !== lead.id) {
    throw new DecisionError('Only a decision on this lead (not a withdrawal) can be reopened.');
  }
  if (lead.stage !== made) {
    throw new DecisionError(
      `The lead is ${STAGE_WORDS[lead.stage]} now, no longer ${STAGE_WORDS[made]} as this decision left it: decide again instead of reopening.`,
    );
  }
  const to = stageBeforeDecision(lead, decision);
  if (!canReopen(lead.stage, to)) {
    throw new IllegalTransitionError(lead.stage, to, 'a reopened decision cannot take a lead there');
  }
  const times = { ...lead.times };
  delete times[STAGE_TIME_FIELD[made]];
  const moved: Lead = { ...lead, stage: to, times, updatedAt: options.at };
  delete moved.revisitAt;
  const outcome = options.previous?.outcome;
  if (to === 'recycled' && outcome?.kind === 'recycled') moved.revisitAt = outcome.revisitAt;
  const handoff = decision.handoff;
  if (handoff?.ae && lead.owner === handoff.ae.email) setOwner(moved, handoff.previousOwner);
  return {
    disposition: {
      leadId: lead.id,
      decision: 'withdrawn',
      route: decision.route,
      withdraws: decision.id,
      note,
      decidedBy: options.by,
      decidedAt: options.at,
    },
    lead: moved,
  };
}

/**
 * Team sync's clock of each decision that has one, by disposition id (lib/db/sync.ts keeps
 * them in `dispositionClocks`): hybrid logical clocks, which sort as text and begin with
 * their wall time as 13 digits of epoch ms (lib/replication/hlc.ts).
 */
export type DecisionClocks = ReadonlyMap<string, string>;

const NO_CLOCKS: DecisionClocks = new Map();

/**
 * Where a decision sits in time: its sync clock when it has one, otherwise its `decidedAt`
 * as the 13 digits a clock begins with. A decision without a clock (made while sync was
 * off) is so placed where turning sync on will stamp it (lib/db/outbox.ts `clockAt`: at
 * its own time), and a history with no clocks at all keeps its `decidedAt` order.
 */
const timeOf = (d: Disposition, clocks: DecisionClocks) => clocks.get(d.id) ?? String(d.decidedAt).padStart(13, '0');

/**
 * The decision in force from a lead's dispositions (any order): the latest that was not
 * withdrawn, or `undefined`. Withdrawals themselves are never in force. "Latest" is by
 * sync's clock where `clocks` has one, as on the server and every other browser of the
 * team (lib/replication/merge.ts `dispositionStandings`: two decisions made on different
 * browsers without seeing each other are ordered by clock, whatever their devices' wall
 * clocks said), and by `decidedAt` where not.
 */
export function decisionInForce(
  history: readonly Disposition[],
  clocks: DecisionClocks = NO_CLOCKS,
): Disposition | undefined {
  return latestInForce(
    history,
    (d) => d,
    (d) => timeOf(d, clocks),
  );
}

/**
 * Sales' verdict in force: {@link decisionInForce} among acceptances and rejections only, so
 * an opportunity, a win or a loss recorded since leaves the lead accepted (a lost deal was an
 * SQL all the same). What MQL-to-SQL conversion, the leads CSV's "Decision" and the SQL's
 * handoff read.
 */
export function verdictInForce(
  history: readonly Disposition[],
  clocks: DecisionClocks = NO_CLOCKS,
): Disposition | undefined {
  const verdicts = history.filter((d) => d.decision === 'accepted_sql' || d.decision === 'rejected');
  return decisionInForce(withTheirWithdrawals(history, verdicts), clocks);
}

/** What became of the SQL in force: its opportunity and its close (won or lost), when recorded. */
export interface DealInForce {
  /** The opportunity record in force, if one was recorded. */
  opportunity: Disposition | undefined;
  /** The win or loss in force (the later by the same clock, when both stand). */
  close: Disposition | undefined;
}

/**
 * The deal of a lead from its history (any order): the opportunity and the close in force
 * that came after the verdict in force (by sync's clock, else `decidedAt`, as
 * {@link decisionInForce}). A rejection in force means no deal: sales took the SQL back.
 * Records from before the verdict belong to an earlier turn (a lost deal recycled, an MQL
 * again, accepted again) and are not this deal's. With no verdict recorded at all (an SQL
 * imported from a CRM), every record in force counts.
 */
export function dealInForce(history: readonly Disposition[], clocks: DecisionClocks = NO_CLOCKS): DealInForce {
  const verdict = verdictInForce(history, clocks);
  if (verdict?.decision === 'rejected') return { opportunity: undefined, close: undefined };
  const after = verdict === undefined ? '' : timeOf(verdict, clocks);
  const since = history.filter((d) => d.decision === 'withdrawn' || timeOf(d, clocks) > after);
  const latest = (kinds: readonly Disposition['decision'][]) =>
    decisionInForce(
      withTheirWithdrawals(
        history,
        since.filter((d) => kinds.includes(d.decision)),
      ),
      clocks,
    );
  return { opportunity: latest(['opportunity']), close: latest(['won', 'lost']) };
}

/** `chosen` with the withdrawals in `history` that name one of them: what decides whether each still stands. */
function withTheirWithdrawals(history: readonly Disposition[], chosen: readonly Disposition[]): Disposition[] {
  const ids = new Set(chosen.map((d) => d.id));
  return [...chosen, ...history.filter((d) => d.decision === 'withdrawn' && d.withdraws && ids.has(d.withdraws))];
}

export type { DecisionRequest };

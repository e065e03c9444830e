import type { DecisionRequest, Disposition, DispositionInput } from '../domain/disposition';
import type { Route } from '../domain/enums';
import type { RejectionReasonCode } from '../domain/reasons';
import type { Lead } from '../domain/lead';
import { STAGE_TIME_FIELD } from '../domain/lead';
import type { Qualification, SqlCriteria } from '../domain/qualification';
import { emptyQualification } from '../domain/qualification';
import { latestInForce } from '../domain/in-force';
import { rejectionReason } from '../domain/reasons';
import { evaluateSqlBar, type SqlBarResult } from './sql-bar';
import { transition } from './stages';

const DAY = 24 * 60 * 60 * 1000;

export class DecisionError extends Error {
  override readonly name = 'DecisionError';
}

export interface DecideOptions {
  qualification: Qualification | undefined;
  criteria: SqlCriteria;
  /** The framework a lead without a checklist is judged on. */
  framework: Qualification['framework'];
  by: string;
  at: number;
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
 */
export function decide(lead: Lead, request: DecisionRequest, options: DecideOptions): DecisionResult {
  const qualification = options.qualification ?? emptyQualification(lead.id, options.framework, options.at);
  const bar = evaluateSqlBar(qualification, options.criteria);
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
    return { disposition, lead: moved, bar };
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

/** The route a rejected lead was on: an MQL came through marketing's handoff; anything else went direct. */
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
  decision: Pick<Disposition, 'id' | 'route'>,
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

export type { DecisionRequest };

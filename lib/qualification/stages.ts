import type { LeadStage, Route } from '../domain/enums';
import type { Lead } from '../domain/lead';
import { STAGE_TIME_FIELD } from '../domain/lead';

/**
 * The lead-stage state machine (DESIGN.md §1). `lead -> mql -> sql -> opportunity ->
 * customer`, with `recycled` (back to nurture) and `disqualified`. Direct-to-SQL is
 * `lead -> sql` (and `recycled -> sql`) on a direct route. Disqualified is not a dead
 * end because decisions can be changed: a change of mind is a new disposition. An SQL
 * may be won without an opportunity recorded first (`sql -> customer`: a small deal
 * closed on the first call); a lost deal goes back to nurture (`-> recycled`).
 */
export const TRANSITIONS: Readonly<Record<LeadStage, readonly LeadStage[]>> = {
  lead: ['mql', 'sql', 'recycled', 'disqualified'],
  mql: ['sql', 'recycled', 'disqualified'],
  sql: ['opportunity', 'customer', 'recycled', 'disqualified'],
  opportunity: ['customer', 'recycled', 'disqualified'],
  customer: [],
  recycled: ['mql', 'sql', 'disqualified'],
  disqualified: ['recycled', 'sql'],
};

/**
 * The moves back a reopened decision makes (lib/qualification/decide.ts `reopen`): from the
 * stage the decision put the lead in to the stage it was in before. Kept apart from
 * {@link TRANSITIONS}: `sql -> mql` or `recycled -> lead` is no step forward anyone takes,
 * only the taking back of a decision, with its withdrawal recorded next to it.
 */
export const REOPEN_TRANSITIONS: Readonly<Record<LeadStage, readonly LeadStage[]>> = {
  lead: [],
  mql: [],
  // An acceptance taken back: to MQL (marketing's handoff) or to where a direct one came from.
  sql: ['mql', 'lead', 'recycled', 'disqualified'],
  // What became of an SQL taken back (a win or an opportunity recorded by mistake): to where it was.
  opportunity: ['sql'],
  customer: ['sql', 'opportunity'],
  // A rejection (or a lost deal) taken back: to wherever the lead was rejected from.
  recycled: ['lead', 'mql', 'sql', 'opportunity'],
  disqualified: ['lead', 'mql', 'sql', 'opportunity'],
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly from: LeadStage,
    readonly to: LeadStage,
    reason: string,
  ) {
    super(`Cannot move a lead from "${from}" to "${to}": ${reason}`);
  }
}

export function canTransition(from: LeadStage, to: LeadStage): boolean {
  return TRANSITIONS[from].includes(to);
}

export function canReopen(from: LeadStage, to: LeadStage): boolean {
  return REOPEN_TRANSITIONS[from].includes(to);
}

/** The route an acceptance must name, given the stage the lead is accepted from. */
function checkRoute(from: LeadStage, route: Route | undefined): void {
  if (route === undefined) {
    throw new IllegalTransitionError(
      from,
      'sql',
      'an SQL needs a route (mql_handoff, direct_inbound or direct_outbound)',
    );
  }
  if (route === 'mql_handoff' && from !== 'mql') {
    throw new IllegalTransitionError(
      from,
      'sql',
      `route mql_handoff needs an MQL; a ${from} lead goes direct_inbound or direct_outbound`,
    );
  }
  if (route !== 'mql_handoff' && from === 'mql') {
    throw new IllegalTransitionError(from, 'sql', `an MQL accepted by sales is an mql_handoff, not ${route}`);
  }
}

export interface TransitionOptions {
  at: number;
  /** Required when moving to `sql`: how the lead got there. */
  route?: Route;
  /** Required when moving to `recycled`: when to look at the lead again. */
  revisitAt?: number;
}

/**
 * Moves a lead to another stage: returns a new lead with the stage and its timestamp
 * set (earlier stamps are kept: they are the lead's history). Throws
 * {@link IllegalTransitionError} naming both stages and what is allowed.
 */
export function transition(lead: Lead, to: LeadStage, options: TransitionOptions): Lead {
  const from = lead.stage;
  if (from === to) throw new IllegalTransitionError(from, to, `the lead is already ${to}`);
  if (!canTransition(from, to)) {
    const allowed = TRANSITIONS[from];
    throw new IllegalTransitionError(
      from,
      to,
      allowed.length > 0 ? `from ${from} a lead can go to ${allowed.join(', ')}` : `${from} is a final stage`,
    );
  }
  if (to === 'sql') checkRoute(from, options.route);
  if (to === 'recycled' && options.revisitAt === undefined) {
    throw new IllegalTransitionError(from, to, 'a recycled lead needs a revisit date');
  }
  if (options.at < lead.times.createdAt) {
    throw new IllegalTransitionError(from, to, 'the change cannot be dated before the lead was created');
  }

  const next: Lead = {
    ...lead,
    stage: to,
    times: { ...lead.times, [STAGE_TIME_FIELD[to]]: options.at },
    updatedAt: options.at,
  };
  if (to === 'recycled') next.revisitAt = options.revisitAt;
  else delete next.revisitAt;
  return next;
}

import type { AfterSqlRequest, DispositionInput } from '../domain/disposition';
import type { AfterSqlDecision, LeadStage, Route } from '../domain/enums';
import type { Lead } from '../domain/lead';
import { type LostReasonCode, lostReason } from '../domain/lost-reasons';
import { DecisionError } from './errors';
import { transition } from './stages';

const DAY = 24 * 60 * 60 * 1000;

/**
 * What can be recorded on a lead at this stage, after SQL: an SQL can become an opportunity,
 * be won or lost; an opportunity can be won or lost. Nothing before SQL or after the close
 * (a lost deal is back in nurture: it is decided on again like any recycled lead).
 */
export const AFTER_SQL_FROM: Readonly<Record<AfterSqlDecision, readonly LeadStage[]>> = {
  opportunity: ['sql'],
  won: ['sql', 'opportunity'],
  lost: ['sql', 'opportunity'],
};

/** The stage each record puts the lead in. */
export const AFTER_SQL_STAGE = {
  opportunity: 'opportunity',
  won: 'customer',
  lost: 'recycled',
} as const satisfies Record<AfterSqlDecision, LeadStage>;

/** The records a lead at `stage` can take, in the order the sidebar offers them. */
export function afterSqlChoices(stage: LeadStage): AfterSqlDecision[] {
  return (['opportunity', 'won', 'lost'] as const).filter((kind) => AFTER_SQL_FROM[kind].includes(stage));
}

/**
 * The earliest date a record on this lead may carry: the deal cannot have moved before the
 * lead became an SQL, nor be closed before its opportunity opened. `undefined` when the lead
 * has no stamp to go by (an imported SQL without `sqlAt`): then only its creation bounds it.
 */
export function afterSqlFloor(lead: Pick<Lead, 'stage' | 'times'>): number | undefined {
  const { sqlAt, opportunityAt } = lead.times;
  if (lead.stage === 'opportunity' && opportunityAt !== undefined) return Math.max(opportunityAt, sqlAt ?? 0);
  return sqlAt;
}

/** The revisit date the lost form suggests: the reason's usual wait, from when the deal was lost. */
export function suggestedLostRevisit(code: LostReasonCode, lostAt: number): number {
  return lostAt + lostReason(code).revisitDays * DAY;
}

export interface AfterSqlOptions {
  by: string;
  /** When it is recorded (`decidedAt`); also the date when the request gives none. */
  at: number;
  /** The route of the acceptance this follows, carried over so every row of the deal names it. */
  route: Route;
}

/**
 * What became of an accepted lead, as data: the disposition to append and the lead moved
 * (an opportunity: `opportunity`, `times.opportunityAt`; won: `customer`, `times.customerAt`;
 * lost: `recycled` with the revisit date, `times.recycledAt`), each stamp the date the rep
 * gave (`occurredAt`, by default now). Pure. Throws {@link DecisionError} in the rep's words
 * when the lead is not at a stage that takes it ({@link AFTER_SQL_FROM}), the date is in the
 * future or before the SQL (or the opportunity, for a close), a lost deal's revisit date is
 * not after the loss, or reason "other" has no note.
 */
export function recordAfterSql(
  lead: Lead,
  request: AfterSqlRequest,
  options: AfterSqlOptions,
): { disposition: Omit<DispositionInput, 'id'>; lead: Lead } {
  const { kind } = request;
  if (!AFTER_SQL_FROM[kind].includes(lead.stage)) {
    const allowed = AFTER_SQL_FROM[kind].map((stage) => (stage === 'sql' ? 'an SQL' : 'an opportunity')).join(' or ');
    throw new DecisionError(`${WHAT[kind]} is recorded on ${allowed}; this lead is ${STAGE_WORDS[lead.stage]}.`);
  }
  const occurredAt = request.occurredAt ?? options.at;
  if (occurredAt > options.at) throw new DecisionError(`${WHAT[kind]} cannot be dated in the future.`);
  const floor = afterSqlFloor(lead);
  if (floor !== undefined && occurredAt < floor) {
    const since = lead.stage === 'opportunity' ? 'the opportunity opened' : 'the lead became an SQL';
    throw new DecisionError(`${WHAT[kind]} cannot be dated before ${since}.`);
  }
  if (occurredAt < lead.times.createdAt) {
    throw new DecisionError(`${WHAT[kind]} cannot be dated before the lead was created.`);
  }
  const note = request.note?.trim() ?? '';
  const disposition: Omit<DispositionInput, 'id'> = {
    leadId: lead.id,
    decision: kind,
    route: options.route,
    note,
    occurredAt,
    decidedBy: options.by,
    decidedAt: options.at,
  };
  if (request.kind !== 'lost') {
    return { disposition, lead: transition(lead, AFTER_SQL_STAGE[kind], { at: occurredAt }) };
  }
  if (request.reason === 'other' && note.length === 0) {
    throw new DecisionError('Reason "Other" needs a note saying why the deal was lost.');
  }
  if (request.revisitAt <= occurredAt) {
    throw new DecisionError('The revisit date must come after the deal was lost.');
  }
  disposition.lostReason = request.reason;
  disposition.outcome = { kind: 'recycled', revisitAt: request.revisitAt };
  return {
    disposition,
    lead: transition(lead, 'recycled', { at: occurredAt, revisitAt: request.revisitAt }),
  };
}

const WHAT: Record<AfterSqlDecision, string> = {
  opportunity: 'An opportunity',
  won: 'A win',
  lost: 'A lost deal',
};

const STAGE_WORDS: Record<LeadStage, string> = {
  lead: 'a lead',
  mql: 'an MQL',
  sql: 'an SQL',
  opportunity: 'an opportunity',
  customer: 'a customer',
  recycled: 'recycled',
  disqualified: 'disqualified',
};

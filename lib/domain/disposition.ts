import * as z from 'zod';
import { ActorSchema, IdSchema, TimestampSchema, noteText, shortText } from './common';
import { AFTER_SQL_DECISIONS, type AfterSqlDecision, DECISIONS, ROUTES } from './enums';
import { EmailSchema } from './lead';
import { LOST_REASON_CODES } from './lost-reasons';
import { CriterionEntrySchema } from './qualification';
import { REJECTION_REASON_CODES } from './reasons';

export const DecisionSchema = z.enum(DECISIONS);
export const RouteSchema = z.enum(ROUTES);
export const RejectionReasonCodeSchema = z.enum(REJECTION_REASON_CODES, {
  error: (issue) => `Unknown rejection reason code ${JSON.stringify(issue.input)}`,
});

export const LostReasonCodeSchema = z.enum(LOST_REASON_CODES, {
  error: (issue) => `Unknown lost reason code ${JSON.stringify(issue.input)}`,
});

/** Whether a decision is one of what became of an accepted lead (opportunity, won, lost). */
export function isAfterSql(decision: string): decision is AfterSqlDecision {
  return (AFTER_SQL_DECISIONS as readonly string[]).includes(decision);
}

export const DispositionOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recycled'), revisitAt: TimestampSchema }),
  z.object({ kind: z.literal('disqualified') }),
]);

/** An account executive the team hands SQLs to (the settings' list: lib/domain/settings.ts). */
export const AccountExecutiveSchema = z.object({ name: shortText(), email: EmailSchema });
export type AccountExecutive = z.infer<typeof AccountExecutiveSchema>;

/**
 * The handoff that goes with an acceptance (the playbook's "assign it to an account
 * executive"): who takes the SQL, the meeting booked if there is one, and a note to sales.
 * Every part optional: a rep may accept before the AE is known ("Nobody yet").
 */
export const HandoffSchema = z.object({
  ae: AccountExecutiveSchema.optional(),
  meetingAt: TimestampSchema.optional(),
  note: noteText(2000).optional(),
  /**
   * Who owned the lead before it went to the AE: reopening the decision later gives it back
   * (lib/qualification/decide.ts `reopen`), when there is no `before` lead to undo from.
   */
  previousOwner: ActorSchema.optional(),
});
export type Handoff = z.infer<typeof HandoffSchema>;

/**
 * A decision on a lead. Append-only: a change of mind is a new disposition, the latest
 * is current (by `decidedAt`, or by sync's clock once the team syncs: lib/qualification
 * `decisionInForce`) and the history stays.
 */
export const DispositionSchema = z
  .object({
    id: IdSchema,
    leadId: IdSchema,
    decision: DecisionSchema,
    route: RouteSchema,
    reason: RejectionReasonCodeSchema.optional(),
    note: noteText().default(''),
    outcome: DispositionOutcomeSchema.optional(),
    /** For `withdrawn`: the id of the disposition the rep undid. */
    withdraws: IdSchema.optional(),
    /** Accepted below the SQL bar: the rep's explicit override, with why. */
    override: z.object({ note: noteText().min(1, 'An override needs a note saying why') }).optional(),
    /** For `accepted_sql`: who takes the SQL, the meeting, the note to sales. */
    handoff: HandoffSchema.optional(),
    /** For `lost`: why the deal was lost, from the standardized list (./lost-reasons.ts). */
    lostReason: LostReasonCodeSchema.optional(),
    /**
     * For `opportunity`, `won`, `lost`: when it happened in the deal, as the rep dated it (the
     * day the opportunity opened, the contract was signed). `decidedAt` stays when it was
     * recorded, which orders the history; this dates the stage (`times.opportunityAt`, ...).
     */
    occurredAt: TimestampSchema.optional(),
    decidedBy: ActorSchema,
    decidedAt: TimestampSchema,
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'withdrawn') {
      if (!d.withdraws) {
        ctx.addIssue({ code: 'custom', path: ['withdraws'], message: 'A withdrawal names the decision it undoes' });
      }
      if (d.reason || d.outcome || d.override || d.handoff || d.lostReason || d.occurredAt !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['decision'],
          message: 'A withdrawal carries no reason, outcome, override, handoff or date of its own',
        });
      }
      return;
    }
    if (d.withdraws) {
      ctx.addIssue({ code: 'custom', path: ['withdraws'], message: 'Only a withdrawal names a decision it undoes' });
    }
    if (isAfterSql(d.decision)) {
      checkAfterSql(d, ctx);
      return;
    }
    if (d.lostReason) {
      ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'Only a lost deal has a lost reason' });
    }
    if (d.occurredAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'A verdict is dated by decidedAt alone' });
    }
    if (d.decision === 'rejected') {
      if (!d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A rejection needs a reason' });
      if (!d.outcome) {
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'A rejection must recycle or disqualify the lead' });
      }
      if (d.reason === 'other' && d.note.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['note'], message: 'Reason "other" needs a note saying why' });
      }
      if (d.override) {
        ctx.addIssue({ code: 'custom', path: ['override'], message: 'Only an acceptance can override the SQL bar' });
      }
      if (d.handoff) {
        ctx.addIssue({ code: 'custom', path: ['handoff'], message: 'Only an acceptance hands the lead to sales' });
      }
    } else {
      if (d.reason)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'An acceptance has no rejection reason' });
      if (d.outcome)
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'An acceptance has no recycle outcome' });
    }
  });
export type Disposition = z.infer<typeof DispositionSchema>;
export type DispositionInput = z.input<typeof DispositionSchema>;

/**
 * An opportunity, a win or a loss: dated (`occurredAt`, not after it was recorded), without a
 * verdict's parts; a loss with its reason (a note for "other") and the lead recycled.
 */
function checkAfterSql(
  d: Pick<
    Disposition,
    'decision' | 'reason' | 'override' | 'handoff' | 'outcome' | 'lostReason' | 'note' | 'occurredAt' | 'decidedAt'
  >,
  ctx: z.RefinementCtx,
): void {
  if (d.occurredAt === undefined) {
    ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: `"${d.decision}" needs the date it happened` });
  } else if (d.occurredAt > d.decidedAt) {
    ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'It cannot have happened after it was recorded' });
  }
  if (d.reason || d.override || d.handoff) {
    ctx.addIssue({
      code: 'custom',
      path: ['decision'],
      message: `"${d.decision}" carries no rejection reason, override or handoff`,
    });
  }
  if (d.decision !== 'lost') {
    if (d.lostReason)
      ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'Only a lost deal has a lost reason' });
    if (d.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: `"${d.decision}" recycles nothing` });
    return;
  }
  if (!d.lostReason) ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'A lost deal needs a reason' });
  if (d.lostReason === 'other' && d.note.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'Reason "other" needs a note saying why' });
  }
  if (d.outcome?.kind !== 'recycled') {
    ctx.addIssue({
      code: 'custom',
      path: ['outcome'],
      message: 'A lost deal goes back to nurture: it needs a revisit date',
    });
  }
}

/**
 * What the rep chose in the decision form (lib/qualification/decide.ts turns it into a
 * disposition). `route` is needed unless the lead is an MQL; `overrideNote` only below the bar.
 */
export const DecisionRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('accept'),
    route: RouteSchema.optional(),
    overrideNote: noteText().optional(),
    note: noteText().optional(),
    /** Who takes the SQL, the meeting, the note to sales (`previousOwner` is filled in by decide()). */
    handoff: HandoffSchema.omit({ previousOwner: true }).optional(),
  }),
  z.object({
    kind: z.literal('reject'),
    reason: RejectionReasonCodeSchema,
    outcome: DispositionOutcomeSchema,
    note: noteText().optional(),
  }),
  // After SQL (lib/qualification/after-sql.ts): `occurredAt` defaults to the moment recorded.
  z.object({ kind: z.literal('opportunity'), occurredAt: TimestampSchema.optional(), note: noteText().optional() }),
  z.object({ kind: z.literal('won'), occurredAt: TimestampSchema.optional(), note: noteText().optional() }),
  z.object({
    kind: z.literal('lost'),
    reason: LostReasonCodeSchema,
    /** Back to nurture until this date. */
    revisitAt: TimestampSchema,
    occurredAt: TimestampSchema.optional(),
    note: noteText().optional(),
  }),
]);
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;
/** The rep's record of what became of an accepted lead. */
export type AfterSqlRequest = Extract<DecisionRequest, { kind: AfterSqlDecision }>;

/**
 * Adding someone who is not a lead and taking them straight to SQL in one action (an
 * outbound reply, a demo request): how they came, the evidence the rep already has per
 * criterion of the settings' framework, and an override note when that is below the bar.
 */
export const DirectToSqlRequestSchema = z.object({
  route: z.enum(['direct_outbound', 'direct_inbound']),
  criteria: z.record(z.string(), CriterionEntrySchema.pick({ status: true, evidence: true })).default({}),
  overrideNote: noteText().optional(),
  note: noteText().optional(),
  handoff: HandoffSchema.omit({ previousOwner: true }).optional(),
});
export type DirectToSqlRequest = z.input<typeof DirectToSqlRequestSchema>;

/** Reopening a decision in force, after the undo window too: the rep's reason is required. */
export const ReopenRequestSchema = z.object({
  note: noteText().min(1, 'Say why you reopen the decision: the team reads it in the history'),
});

import * as z from 'zod';
import { allowsOutcome, disallowedOutcomeMessage } from './activity-outcomes';
import { ActorSchema, IdSchema, noteText, shortText, TimestampSchema } from './common';
import { ACTIVITY_KINDS, ACTIVITY_OUTCOMES } from './enums';
import { CriterionStatusSchema } from './qualification';

// The table lives beside the schema; re-exported so `lib/domain` (index.ts) offers it with the schema.
export { ACTIVITY_OUTCOMES_BY_KIND, allowsOutcome, disallowedOutcomeMessage, outcomesFor } from './activity-outcomes';

/**
 * A touch as it may already be stored: any known kind with any known outcome. Data written
 * before the kind/outcome rule (IndexedDB, the team server, backups) was only checked for
 * that: this is the schema for reading it back (a pull, a restore, the list of a lead's touches),
 * showing such a touch as it was logged rather than refusing a whole pull page or backup over it.
 * Every write (log, bulk append, push) goes through {@link ActivitySchema}.
 */
export const StoredActivitySchema = z.object({
  id: IdSchema,
  leadId: IdSchema,
  kind: z.enum(ACTIVITY_KINDS),
  outcome: z.enum(ACTIVITY_OUTCOMES),
  durationSeconds: z
    .number()
    .int()
    .nonnegative()
    .max(24 * 3600)
    .optional(),
  notes: noteText().default(''),
  /** Checklist changes made during the touch, kept here as the evidence of when they were learnt. */
  criteriaUpdates: z
    .array(
      z.object({ criterion: z.string().min(1), status: CriterionStatusSchema, evidence: noteText(2000).default('') }),
    )
    .default([]),
  nextStep: z.object({ action: shortText(300), dueAt: TimestampSchema }).optional(),
  occurredAt: TimestampSchema,
  loggedBy: ActorSchema,
});

/**
 * A logged touch: above all the discovery call, with what it taught and what comes next. Its
 * outcome must be one its kind allows (`ACTIVITY_OUTCOMES_BY_KIND`); the refusal is on `outcome`.
 */
export const ActivitySchema = StoredActivitySchema.superRefine((activity, ctx) => {
  if (!allowsOutcome(activity.kind, activity.outcome)) {
    ctx.addIssue({
      code: 'custom',
      path: ['outcome'],
      message: disallowedOutcomeMessage(activity.kind, activity.outcome),
      input: activity.outcome,
    });
  }
});
export type Activity = z.infer<typeof ActivitySchema>;
export type ActivityInput = z.input<typeof ActivitySchema>;

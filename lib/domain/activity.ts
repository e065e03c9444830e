import * as z from 'zod';
import { ActorSchema, IdSchema, TimestampSchema, noteText, shortText } from './common';
import { ACTIVITY_KINDS, ACTIVITY_OUTCOMES } from './enums';
import { CriterionStatusSchema } from './qualification';

/** A logged touch: above all the discovery call, with what it taught and what comes next. */
export const ActivitySchema = z.object({
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
export type Activity = z.infer<typeof ActivitySchema>;
export type ActivityInput = z.input<typeof ActivitySchema>;

import type { ActivityKind, ActivityOutcome } from './enums';

/**
 * The outcomes each kind of touch can have, the usual one first (the call log offers them in
 * this order and starts on the first). One table for the form, the schema and anything that
 * generates touches: a call can go unanswered, an email cannot; a message is sent, a call is not.
 */
export const ACTIVITY_OUTCOMES_BY_KIND = {
  call: ['connected', 'no_answer', 'voicemail', 'meeting_booked', 'not_interested', 'wrong_contact'],
  email: ['sent', 'replied', 'meeting_booked', 'not_interested', 'wrong_contact'],
  linkedin_message: ['sent', 'replied', 'meeting_booked', 'not_interested', 'wrong_contact'],
  meeting: ['connected', 'meeting_booked', 'not_interested', 'no_answer'],
} as const satisfies Record<ActivityKind, readonly ActivityOutcome[]>;

/** The outcomes a touch of this kind can have, the usual one first. */
export function outcomesFor(kind: ActivityKind): readonly ActivityOutcome[] {
  return ACTIVITY_OUTCOMES_BY_KIND[kind];
}

/** Whether a touch of this kind can have this outcome. */
export function allowsOutcome(kind: ActivityKind, outcome: ActivityOutcome): boolean {
  return outcomesFor(kind).includes(outcome);
}

/** The refusal of a pair the table does not allow, naming both and what the kind allows. */
export function disallowedOutcomeMessage(kind: ActivityKind, outcome: ActivityOutcome): string {
  return `A touch of kind ${kind} cannot have the outcome ${outcome} (allowed: ${outcomesFor(kind).join(', ')})`;
}

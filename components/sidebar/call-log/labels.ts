import type { ActivityKind, ActivityOutcome } from '../../../lib/domain/enums';
import { FRAMEWORK_DEFINITIONS } from '../../../lib/domain/frameworks';

/** What the rep reads for each kind of touch; which outcomes a kind allows is lib/domain/activity-outcomes.ts. */
export const KIND_LABELS: Record<ActivityKind, string> = {
  call: 'Call',
  email: 'Email',
  linkedin_message: 'LinkedIn message',
  meeting: 'Meeting',
};

export const OUTCOME_LABELS: Record<ActivityOutcome, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  meeting_booked: 'Meeting booked',
  not_interested: 'Not interested',
  wrong_contact: 'Wrong contact',
  sent: 'Sent',
  replied: 'Replied',
};

/** A stored touch does not say its framework; criterion keys mean the same wherever they recur. */
export function criterionLabel(key: string): string {
  for (const framework of Object.values(FRAMEWORK_DEFINITIONS)) {
    const found = framework.criteria.find((c) => c.key === key);
    if (found) return found.label;
  }
  return key;
}

import type { LeadStage } from '../../lib/domain/enums';
import { STAGE_LABELS } from './labels';

/**
 * `IllegalTransitionError`'s message (lib/qualification/stages.ts), as it arrives from the
 * background: only its text crosses the message boundary, so it is recognised by its words.
 */
const ILLEGAL_MOVE = /^Cannot move a lead from "(\w+)" to "(\w+)": (.*)$/;

const stageLabel = (stage: string) => STAGE_LABELS[stage as LeadStage] ?? stage;

/**
 * A decision's failure in the rep's words, saying what to do next: the stage machine's
 * developer wording ("Cannot move a lead from ...") becomes a sentence; the domain's own
 * messages (the SQL bar, a reopen's reason) are written for the rep already and pass as they are.
 */
export function decisionErrorWords(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const illegal = ILLEGAL_MOVE.exec(message);
  if (!illegal) return message;
  const [, from = '', to = '', why = ''] = illegal;
  if (why.includes('cannot be dated before')) {
    return "This computer's clock reads earlier than when the lead was created: check the clock, then try again.";
  }
  if (why.startsWith('the lead is already')) {
    return `The lead is already ${stageLabel(to)}: someone decided it meanwhile. Check the history below.`;
  }
  return `A ${stageLabel(from)} lead cannot go to ${stageLabel(to)} this way. Reload the sidebar to see where the lead is now, then decide again.`;
}

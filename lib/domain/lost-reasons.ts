/**
 * The standardized reasons a deal is lost (issue 17, "After SQL"): the other half of the
 * feedback to marketing, after the rejection reasons (./reasons.ts). Codes are stable forever:
 * sync, exports and reports key on them. A lost lead goes back to nurture; `revisitDays` is
 * the look-again date the form suggests (a lost deal is rarely lost for good: a budget comes
 * back, a competitor's contract ends).
 */
export const LOST_REASONS = [
  {
    code: 'price',
    label: 'Price',
    description: 'They wanted it, but not at our price.',
    revisitDays: 180,
  },
  {
    code: 'budget',
    label: 'Budget cut or frozen',
    description: 'The money they had for it went away.',
    revisitDays: 180,
  },
  {
    code: 'competitor',
    label: 'Chose a competitor',
    description: 'They bought from someone else: revisit near their renewal.',
    revisitDays: 365,
  },
  {
    code: 'no_decision',
    label: 'No decision',
    description: 'They stayed with what they have; the project stalled.',
    revisitDays: 120,
  },
  {
    code: 'timing',
    label: 'Timing',
    description: 'Postponed to a later quarter (use their stated date).',
    revisitDays: 90,
  },
  {
    code: 'product_fit',
    label: 'Missing capability',
    description: 'Something they need that we do not do (yet).',
    revisitDays: 180,
  },
  {
    code: 'champion_left',
    label: 'Champion left',
    description: 'Our contact left or lost the project in a reorganisation.',
    revisitDays: 60,
  },
  {
    code: 'unresponsive',
    label: 'Went dark',
    description: 'Stopped answering in the middle of the deal.',
    revisitDays: 90,
  },
  {
    code: 'other',
    label: 'Other',
    description: 'None of the above: the note must say why.',
    revisitDays: 90,
  },
] as const;

export type LostReason = (typeof LOST_REASONS)[number];
export type LostReasonCode = LostReason['code'];
export const LOST_REASON_CODES = LOST_REASONS.map((r) => r.code) as [LostReasonCode, ...LostReasonCode[]];

const BY_CODE = new Map<string, LostReason>(LOST_REASONS.map((r) => [r.code, r]));

export function lostReason(code: LostReasonCode): LostReason {
  const reason = BY_CODE.get(code);
  if (!reason) throw new Error(`Unknown lost reason code "${code}"`);
  return reason;
}

/** The label a rep and marketing see for a lost reason. */
export function lostReasonLabel(code: LostReasonCode): string {
  return lostReason(code).label;
}

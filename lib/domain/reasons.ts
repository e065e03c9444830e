/**
 * The standardized rejection reasons (DESIGN.md §2). Codes are stable forever: sync,
 * exports and marketing's reports key on them. Labels can be renamed in settings.
 * `defaultOutcome` is what the decision form suggests; `revisitDays` the suggested
 * time before a recycled lead is looked at again.
 */
export const REJECTION_REASONS = [
  {
    code: 'no_budget',
    label: 'No budget',
    description: 'No money for this now, and no way to find it soon.',
    defaultOutcome: 'recycled',
    revisitDays: 180,
  },
  {
    code: 'no_authority',
    label: 'No authority',
    description: 'Cannot decide or influence, and will not introduce who can.',
    defaultOutcome: 'recycled',
    revisitDays: 90,
  },
  {
    code: 'no_need',
    label: 'No need',
    description: 'No problem we solve, or not one worth solving for them.',
    defaultOutcome: 'recycled',
    revisitDays: 180,
  },
  {
    code: 'bad_timing',
    label: 'Bad timing',
    description: 'Real interest, but not before a later date (use their stated timeline).',
    defaultOutcome: 'recycled',
    revisitDays: 90,
  },
  {
    code: 'wrong_persona',
    label: 'Wrong title / persona',
    description: 'Not a role we sell to; no buyer reached through them.',
    defaultOutcome: 'recycled',
    revisitDays: 180,
  },
  {
    code: 'company_not_fit',
    label: 'Company not a fit',
    description: 'Size, industry or region outside who we serve.',
    defaultOutcome: 'disqualified',
    revisitDays: 365,
  },
  {
    code: 'competitor',
    label: 'Competitor',
    description: 'Works for a competitor (research, not buying).',
    defaultOutcome: 'disqualified',
    revisitDays: 365,
  },
  {
    code: 'student_or_job_seeker',
    label: 'Student or job seeker',
    description: 'Looking to learn or to be hired, not to buy.',
    defaultOutcome: 'disqualified',
    revisitDays: 365,
  },
  {
    code: 'existing_customer',
    label: 'Existing customer',
    description: 'Already a customer: route to their account team.',
    defaultOutcome: 'disqualified',
    revisitDays: 365,
  },
  {
    code: 'duplicate',
    label: 'Duplicate',
    description: 'The same person is already a lead.',
    defaultOutcome: 'disqualified',
    revisitDays: 365,
  },
  {
    code: 'unresponsive',
    label: 'Unresponsive',
    description: 'No answer after the full outreach sequence.',
    defaultOutcome: 'recycled',
    revisitDays: 60,
  },
  {
    code: 'invalid_contact',
    label: 'Invalid contact',
    description: 'Fake name, bounced email or unreachable details.',
    defaultOutcome: 'disqualified',
    revisitDays: 365,
  },
  {
    code: 'other',
    label: 'Other',
    description: 'None of the above: the note must say why.',
    defaultOutcome: 'recycled',
    revisitDays: 90,
  },
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];
export type RejectionReasonCode = RejectionReason['code'];
export const REJECTION_REASON_CODES = REJECTION_REASONS.map((r) => r.code) as [
  RejectionReasonCode,
  ...RejectionReasonCode[],
];

const BY_CODE = new Map<string, RejectionReason>(REJECTION_REASONS.map((r) => [r.code, r]));

export function rejectionReason(code: RejectionReasonCode): RejectionReason {
  const reason = BY_CODE.get(code);
  if (!reason) throw new Error(`Unknown rejection reason code "${code}"`);
  return reason;
}

/** The label a rep sees: the team's renamed label if settings have one, else the default. */
export function reasonLabel(code: RejectionReasonCode, overrides: Partial<Record<string, string>> = {}): string {
  return overrides[code] ?? rejectionReason(code).label;
}

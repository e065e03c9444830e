/**
 * Every enumeration of the domain, as `as const` arrays: the zod enums and the
 * TypeScript unions are derived from these, so a value is spelled in one place.
 */

export const LEAD_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'individual_contributor', 'student'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const EVENT_TYPES = [
  'page_visit',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'email_opened',
  'email_clicked',
  'email_replied',
  'form_submitted',
  'demo_requested',
  'meeting_booked',
  'call_logged',
  'linkedin_viewed',
  'email_thread_viewed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Page categories a `page_visit` can carry; pricing and demo are the high-intent ones. */
export const PAGE_CATEGORIES = [
  'pricing',
  'demo',
  'features',
  'comparison',
  'case_study',
  'blog',
  'docs',
  'careers',
  'other',
] as const;
export type PageCategory = (typeof PAGE_CATEGORIES)[number];

/** Where an event came from: a CRM/marketing import, the team server, the rep's own browser, or the rep's hand. */
export const EVENT_ORIGINS = ['imported', 'synced', 'captured', 'manual', 'ingested'] as const;
export type EventOrigin = (typeof EVENT_ORIGINS)[number];

export const CRITERION_STATUSES = ['unknown', 'partial', 'confirmed', 'failed'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export const FRAMEWORKS = ['bant', 'meddic', 'champ'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/**
 * Sales' verdict on a lead: accepted as SQL or rejected. The latest one in force is the lead's
 * verdict (lib/qualification `verdictInForce`), whatever came after it on the deal.
 */
export const SQL_VERDICTS = ['accepted_sql', 'rejected'] as const;
export type SqlVerdict = (typeof SQL_VERDICTS)[number];

/**
 * What became of an accepted lead, recorded in Handoff like a verdict (issue 17, "After SQL"):
 * an opportunity opened, the deal won (the lead a customer) or lost (with a reason, back to
 * nurture). Append-only, undone by a withdrawal, synced as dispositions.
 */
export const AFTER_SQL_DECISIONS = ['opportunity', 'won', 'lost'] as const;
export type AfterSqlDecision = (typeof AFTER_SQL_DECISIONS)[number];

/** `withdrawn`: the rep undid a decision moments after making it (append-only: a new row says so). */
export const DECISIONS = [...SQL_VERDICTS, 'withdrawn', ...AFTER_SQL_DECISIONS] as const;
export type Decision = (typeof DECISIONS)[number];

export const ROUTES = ['mql_handoff', 'direct_inbound', 'direct_outbound'] as const;
export type Route = (typeof ROUTES)[number];

export const REJECTION_OUTCOMES = ['recycled', 'disqualified'] as const;
export type RejectionOutcome = (typeof REJECTION_OUTCOMES)[number];

export const ACTIVITY_KINDS = ['call', 'email', 'linkedin_message', 'meeting'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_OUTCOMES = [
  'connected',
  'no_answer',
  'voicemail',
  'meeting_booked',
  'not_interested',
  'wrong_contact',
  'sent',
  'replied',
] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

export const CRM_SYSTEMS = ['hubspot', 'salesforce', 'marketo'] as const;
export type CrmSystem = (typeof CRM_SYSTEMS)[number];

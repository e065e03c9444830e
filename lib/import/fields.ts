import type { CrmSystem, EventType, PageCategory } from '../domain/enums';

/**
 * What a CSV column can be imported as. A column maps to at most one field; a field to at
 * most one column, except those in {@link REPEATABLE_FIELDS}.
 */
export const IMPORT_FIELDS = [
  // Identity
  'email',
  'linkedinUrl',
  'hubspotId',
  'salesforceId',
  'marketoId',
  // Person
  'fullName',
  'firstName',
  'lastName',
  'title',
  'phone',
  'city',
  'region',
  'country',
  // Company
  'companyName',
  'companyDomain',
  'employees',
  'industry',
  // Funnel
  'source',
  'campaign',
  'owner',
  'stage',
  'createdAt',
  'mqlAt',
  'sqlAt',
  'opportunityAt',
  'customerAt',
  // A date column per engagement: the row records one event of that kind at that date
  'pricingVisitAt',
  'demoPageVisitAt',
  'contentDownloadAt',
  'webinarAttendedAt',
  'formSubmittedAt',
  'demoRequestedAt',
  'meetingBookedAt',
  'emailOpenedAt',
  'emailClickedAt',
  'emailRepliedAt',
  // An activity log: one event per row, its kind in a column
  'eventType',
  'eventAt',
  'eventDetail',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Several columns may feed these: every email column adds addresses; the first phone found wins. */
export const REPEATABLE_FIELDS: ReadonlySet<ImportField> = new Set(['email', 'phone']);

/** The fields that can find or create a lead; a mapping needs one of them. */
export const IDENTITY_FIELDS: readonly ImportField[] = [
  'email',
  'linkedinUrl',
  'hubspotId',
  'salesforceId',
  'marketoId',
];

export const CRM_ID_FIELDS = {
  hubspotId: 'hubspot',
  salesforceId: 'salesforce',
  marketoId: 'marketo',
} as const satisfies Partial<Record<ImportField, CrmSystem>>;

export const STAGE_DATE_FIELDS = {
  createdAt: 'createdAt',
  mqlAt: 'mqlAt',
  sqlAt: 'sqlAt',
  opportunityAt: 'opportunityAt',
  customerAt: 'customerAt',
} as const satisfies Partial<Record<ImportField, string>>;

/** The event each engagement date column records. */
export const EVENT_DATE_FIELDS = {
  pricingVisitAt: { type: 'page_visit', pageCategory: 'pricing' },
  demoPageVisitAt: { type: 'page_visit', pageCategory: 'demo' },
  contentDownloadAt: { type: 'content_download' },
  webinarAttendedAt: { type: 'webinar_attended' },
  formSubmittedAt: { type: 'form_submitted' },
  demoRequestedAt: { type: 'demo_requested' },
  meetingBookedAt: { type: 'meeting_booked' },
  emailOpenedAt: { type: 'email_opened' },
  emailClickedAt: { type: 'email_clicked' },
  emailRepliedAt: { type: 'email_replied' },
} as const satisfies Partial<Record<ImportField, { type: EventType; pageCategory?: PageCategory }>>;

/** Labels for the mapping step's field picker. */
export const FIELD_LABELS: Record<ImportField, string> = {
  email: 'Email',
  linkedinUrl: 'LinkedIn profile URL',
  hubspotId: 'HubSpot record ID',
  salesforceId: 'Salesforce lead ID',
  marketoId: 'Marketo lead ID',
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  title: 'Job title',
  phone: 'Phone',
  city: 'City',
  region: 'State / region',
  country: 'Country',
  companyName: 'Company name',
  companyDomain: 'Company domain or website',
  employees: 'Number of employees',
  industry: 'Industry',
  source: 'Lead source',
  campaign: 'Campaign',
  owner: 'Owner',
  stage: 'Stage / lifecycle / lead status',
  createdAt: 'Created date',
  mqlAt: 'Became MQL date',
  sqlAt: 'Became SQL date',
  opportunityAt: 'Became opportunity date',
  customerAt: 'Became customer date',
  pricingVisitAt: 'Pricing page visit date',
  demoPageVisitAt: 'Demo page visit date',
  contentDownloadAt: 'Content download date',
  webinarAttendedAt: 'Webinar attended date',
  formSubmittedAt: 'Form submission date',
  demoRequestedAt: 'Demo request date',
  meetingBookedAt: 'Meeting booked date',
  emailOpenedAt: 'Email opened date',
  emailClickedAt: 'Email clicked date',
  emailRepliedAt: 'Email replied date',
  eventType: 'Activity type (one event per row)',
  eventAt: 'Activity date',
  eventDetail: 'Activity detail (page URL, asset, form)',
};

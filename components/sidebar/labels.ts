import type {
  CriterionStatus,
  EventOrigin,
  EventType,
  LeadStage,
  PageCategory,
  Route,
  Seniority,
} from '../../lib/domain/enums';
import type { SiteKey } from '../../lib/sites/types';

/** Human labels for the domain's codes: the sidebar never shows a raw enum value. */
export const STAGE_LABELS: Record<LeadStage, string> = {
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
};

export const EVENT_LABELS: Record<EventType, string> = {
  page_visit: 'Page visit',
  content_download: 'Downloaded content',
  webinar_registered: 'Registered for a webinar',
  webinar_attended: 'Attended a webinar',
  email_opened: 'Opened an email',
  email_clicked: 'Clicked a link in an email',
  email_replied: 'Replied to an email',
  form_submitted: 'Submitted a form',
  demo_requested: 'Requested a demo',
  meeting_booked: 'Booked a meeting',
  call_logged: 'Call logged',
  linkedin_viewed: 'LinkedIn profile viewed',
  email_thread_viewed: 'Email thread viewed',
};

export const PAGE_CATEGORY_LABELS: Record<PageCategory, string> = {
  pricing: 'Pricing page',
  demo: 'Demo page',
  features: 'Features page',
  comparison: 'Comparison page',
  case_study: 'Case study',
  blog: 'Blog post',
  docs: 'Documentation',
  careers: 'Careers page',
  other: 'Other page',
};

export const ORIGIN_LABELS: Record<EventOrigin, string> = {
  imported: 'imported',
  synced: 'synced',
  captured: 'seen in this browser',
  manual: 'logged by hand',
  ingested: 'ingested',
};

export const SENIORITY_LABELS: Record<Seniority, string> = {
  c_level: 'C-level',
  vp: 'VP',
  director: 'Director',
  manager: 'Manager',
  individual_contributor: 'Individual contributor',
  student: 'Student',
};

/** The lead `source` a lead added from the sidebar gets, by the site it was found on. */
export const SITE_SOURCES: Record<SiteKey, string> = {
  linkedin: 'LinkedIn',
  gmail: 'Gmail',
  outlook: 'Outlook',
};

/** Lead fields a scoring rule can cite as evidence (`Evidence.field`). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  'company.employees': 'Employees',
  'company.industry': 'Industry',
  'company.country': 'Country',
  'company.domain': 'Company domain',
  'person.seniority': 'Seniority',
  'person.title': 'Title',
  'person.emails': 'Email',
};

/** "Page visit: Pricing page", "Requested a demo". */
export function eventLabel(event: { type: EventType; pageCategory?: PageCategory | undefined }): string {
  if (event.type === 'page_visit' && event.pageCategory) {
    return `${EVENT_LABELS.page_visit}: ${PAGE_CATEGORY_LABELS[event.pageCategory]}`;
  }
  return EVENT_LABELS[event.type];
}

export const ROUTE_LABELS: Record<Route, string> = {
  mql_handoff: 'MQL handoff',
  direct_inbound: 'Direct inbound (demo request, reply)',
  direct_outbound: 'Direct outbound (own prospecting)',
};

export const STATUS_LABELS: Record<CriterionStatus, string> = {
  unknown: 'Unknown',
  partial: 'Partial',
  confirmed: 'Confirmed',
  failed: 'Failed',
};

/** A buying signal by the sidebar's own names for events: "Pricing page ×3", "Requested a demo". */
export function intentLabel(intent: {
  type: EventType;
  pageCategory?: PageCategory | undefined;
  count?: number;
}): string {
  const name =
    intent.type === 'page_visit' && intent.pageCategory
      ? PAGE_CATEGORY_LABELS[intent.pageCategory]
      : EVENT_LABELS[intent.type];
  return intent.count !== undefined && intent.count > 1 ? `${name} ×${intent.count}` : name;
}

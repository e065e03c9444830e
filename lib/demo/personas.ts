import type { EventType, LeadStage, Seniority } from '../domain/enums';
import type { CrmSettings } from '../domain/crm';
import type { Lead } from '../domain/lead';

/**
 * Fixed people in every generated lead set (whatever the seed), so the demo always has
 * something to show and end-to-end tests can open a known lead. Tests should import
 * these constants rather than repeat the strings.
 */

/** Days, in the hours that persona offsets are written in. */
const D = 24;

/** The competitor domain of the default scoring model's `competitor` rule. */
export const COMPETITOR_DOMAIN = 'competitor.example';

/** The sales team at the (fictional) seller, Brightwave: lead owners. */
export const REPS = [
  'maya.chen@brightwave.example',
  'tom.okafor@brightwave.example',
  'lucia.fernandez@brightwave.example',
  'sam.patel@brightwave.example',
  'ingrid.holm@brightwave.example',
] as const;

/**
 * One scripted event: hours before `now`, type, then what it concerns (the page category
 * of a visit; the webinar, asset, sequence or form otherwise) and an email's step.
 * Tuples rather than objects: this ships in the extension bundle.
 */
export type PersonaEvent = readonly [hoursAgo: number, type: EventType, what?: string, step?: number];

export interface Persona {
  name: string;
  title: string;
  seniority?: Seniority;
  /** The one email, if the persona has one. */
  email?: string;
  /** Canonical LinkedIn URL, if any. */
  linkedinUrl?: string;
  company: Lead['company'];
  source: string;
  campaign?: string;
  stage: LeadStage;
  owner?: string;
  crmIds?: Lead['crmIds'];
  /**
   * Marketing's own score, as its tool posted it to the team server: the scoring system, the
   * figure, when (hours before `now`) and the model's name.
   */
  marketingScore?: { system: string; value: number; hoursAgo: number; model?: string };
  /** Stage times as hours before `now` (`createdAt` always). */
  hoursAgo: { createdAt: number } & Partial<Record<Exclude<keyof Lead['times'], 'createdAt'>, number>>;
  /**
   * Scripted history, most telling first: when a caller asks for fewer events than
   * this, the first ones are kept. Times must fall between `createdAt` and `now`.
   */
  history: readonly PersonaEvent[];
}

const NURTURE = 'Webinar Attendee Nurture';
const SCORING_WEBINAR = 'Lead Scoring That Sales Trusts';
const FORECAST_WEBINAR = 'Forecasting Without Spreadsheets';
const REPORT = 'MQL-to-SQL Benchmark Report 2026';

/**
 * The hot MQL: fits the ideal profile, visited pricing and demo pages, attended a
 * webinar and opened one sequence 4 times in the last month. Scores well above the
 * default threshold of 60 and waits for a first touch (MQL 4 hours ago), and asked for a
 * demo 35 minutes ago: a high-intent lead due within the hour, at the top of the queue.
 */
export const DANA_WHITFIELD = {
  name: 'Dana Whitfield',
  title: 'VP of Revenue Operations',
  seniority: 'vp',
  email: 'dana.whitfield@northwind-analytics.com',
  linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield/',
  company: {
    name: 'Northwind Analytics',
    domain: 'northwind-analytics.com',
    employees: 220,
    industry: 'Software',
    country: 'US',
  },
  source: 'Webinar',
  campaign: `Webinar: ${SCORING_WEBINAR}`,
  stage: 'mql',
  owner: REPS[0],
  crmIds: { hubspot: '51873402' },
  // HubSpot scored her over its MQL line on the demo-page visit; the hand-over followed.
  marketingScore: { system: 'hubspot', value: 82, hoursAgo: 5, model: 'HubSpot lead score' },
  hoursAgo: { createdAt: 40 * D, mqlAt: 4 },
  history: [
    // Asked for a demo 35 minutes ago: the one-hour tier's clock runs, ahead of her MQL day.
    [0.6, 'demo_requested', 'Request a demo'],
    [1 * D, 'page_visit', 'pricing'],
    [5, 'page_visit', 'demo'],
    [26 * D, 'webinar_attended', SCORING_WEBINAR],
    [24 * D, 'email_opened', NURTURE, 1],
    [20 * D, 'email_opened', NURTURE, 2],
    [16 * D, 'email_opened', NURTURE, 3],
    [12 * D, 'email_opened', NURTURE, 4],
    [33 * D, 'content_download', REPORT],
    [9 * D, 'page_visit', 'pricing'],
    [40 * D - 0.1, 'webinar_registered', SCORING_WEBINAR],
    [20 * D - 1, 'email_clicked', NURTURE, 2],
    [20 * D - 2, 'page_visit', 'features'],
    [1 * D - 0.2, 'page_visit', 'comparison'],
    [14 * D, 'page_visit', 'case_study'],
  ],
} as const satisfies Persona;

/** High engagement, but at a competitor: the competitor rule sinks the score. */
export const MARCUS_FELD = {
  name: 'Marcus Feld',
  title: 'Product Marketing Manager',
  seniority: 'manager',
  email: `marcus.feld@${COMPETITOR_DOMAIN}`,
  linkedinUrl: 'https://www.linkedin.com/in/marcus-feld-3c91e0/',
  company: { name: 'Rivalytics', domain: COMPETITOR_DOMAIN, employees: 140, industry: 'Software', country: 'US' },
  source: 'Webinar',
  campaign: `Webinar: ${FORECAST_WEBINAR}`,
  stage: 'lead',
  // Marketing's tool sees the engagement and not the competitor: beside our score, the gap shows.
  marketingScore: { system: 'hubspot', value: 64, hoursAgo: 6 * D, model: 'HubSpot lead score' },
  hoursAgo: { createdAt: 20 * D },
  history: [
    [13 * D, 'webinar_attended', FORECAST_WEBINAR],
    [6 * D, 'page_visit', 'pricing'],
    [6 * D - 1, 'page_visit', 'comparison'],
    [11 * D, 'content_download', 'Lead Scoring Playbook'],
    [20 * D - 0.1, 'webinar_registered', FORECAST_WEBINAR],
    [2 * D, 'page_visit', 'docs'],
  ],
} as const satisfies Persona;

/** A student reading about the field and looking at jobs: the student rule applies. */
export const ZOE_MUELLER = {
  name: 'Zoë Müller',
  title: 'Marketing Student',
  seniority: 'student',
  email: 'zoe.mueller@stud.hochschule-nordstadt.de',
  company: {
    name: 'Hochschule Nordstadt',
    domain: 'hochschule-nordstadt.de',
    employees: 900,
    industry: 'Education',
    country: 'DE',
  },
  source: 'Organic Search',
  campaign: 'SEO - Blog',
  stage: 'lead',
  hoursAgo: { createdAt: 12 * D },
  history: [
    [12 * D - 0.1, 'content_download', 'State of RevOps 2026'],
    [10 * D, 'page_visit', 'careers'],
    [9 * D, 'page_visit', 'blog'],
    [3 * D, 'page_visit', 'careers'],
  ],
} as const satisfies Persona;

/** A plausible buyer who gave only a Gmail address: the personal-email rule applies. */
export const JOSE_NUNEZ = {
  name: 'José Ñúñez',
  title: 'Operations Manager',
  seniority: 'manager',
  email: 'jose.nunez.ops@gmail.com',
  company: { name: 'Tierra Verde Logistics', country: 'MX' },
  source: 'Paid Social',
  campaign: 'LinkedIn Ads - Benchmark Report',
  stage: 'lead',
  owner: REPS[1],
  hoursAgo: { createdAt: 6 * D },
  history: [
    [6 * D - 0.1, 'content_download', REPORT],
    [2 * D, 'page_visit', 'pricing'],
    [5 * D, 'email_opened', 'Content Download Nurture', 1],
    [1 * D, 'email_opened', 'Content Download Nurture', 2],
  ],
} as const satisfies Persona;

/** An outbound prospect known only by LinkedIn, touched once, with no history yet. */
export const SIOBHAN_OCONNOR = {
  name: "Siobhán O'Connor",
  title: 'Director of Sales Operations',
  seniority: 'director',
  linkedinUrl: 'https://www.linkedin.com/in/siobhan-oconnor-7f3a21/',
  company: {
    name: 'Harbourview Insurance',
    domain: 'harbourview-insurance.co.uk',
    employees: 1400,
    industry: 'Insurance',
    country: 'GB',
  },
  source: 'Outbound',
  campaign: 'Outbound - Enterprise EMEA',
  stage: 'lead',
  owner: REPS[2],
  hoursAgo: { createdAt: 9 * D, firstTouchAt: 8 * D },
  history: [],
} as const satisfies Persona;

/**
 * The (fictional) CRM accounts the sample leads' ids live in: the demo and the end-to-end
 * tests save them in the options, so the sidebar links the sample CRM ids. Not part of
 * "Load sample data", which never changes a rep's settings.
 */
export const SAMPLE_CRM_SETTINGS = {
  hubspotPortalId: '4815162',
  salesforceInstanceUrl: 'https://brightwave.my.salesforce.com',
} as const satisfies CrmSettings;

/**
 * Who the demo's rep is: Maya, who owns Dana, so the queue opens on her own leads with Dana's
 * demo request at the top. Saved by the demo like the CRM accounts, never by "Load sample data".
 */
export const SAMPLE_REP = { name: 'Maya Chen', email: REPS[0] } as const;

/** Every persona, in a stable order. */
export const PERSONAS: readonly Persona[] = [DANA_WHITFIELD, MARCUS_FELD, ZOE_MUELLER, JOSE_NUNEZ, SIOBHAN_OCONNOR];

/** The persona a lead was generated from, matched by its email or LinkedIn URL. */
export function personaOf(lead: Pick<Lead, 'person'>): Persona | undefined {
  const { emails, linkedinUrl } = lead.person;
  return PERSONAS.find((p) =>
    p.email !== undefined ? emails.includes(p.email) : linkedinUrl !== undefined && linkedinUrl === p.linkedinUrl,
  );
}

/** Finds a persona's lead in a generated set; throws if it is missing (a broken fixture). */
export function findPersonaLead<L extends Pick<Lead, 'person'>>(leads: readonly L[], persona: Persona): L {
  const lead = leads.find((l) => personaOf(l) === persona);
  if (!lead) throw new Error(`Persona ${persona.name} is not in this lead set`);
  return lead;
}

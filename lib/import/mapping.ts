import * as z from 'zod';
import { EVENT_TYPES, type EventType, LEAD_STAGES, type LeadStage, PAGE_CATEGORIES } from '../domain/enums';
import { IDENTITY_FIELDS, IMPORT_FIELDS, type ImportField, REPEATABLE_FIELDS } from './fields';

export const ImportFieldSchema = z.enum(IMPORT_FIELDS);

const TimeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown IANA time zone');

/**
 * How the columns of a file become leads and events. Comes from the mapping step, or from
 * storage (a saved mapping per source), so it is parsed like any untrusted input.
 */
export const ImportMappingSchema = z
  .object({
    version: z.literal(1).default(1),
    /** Which preset it started from; informational (the UI shows it). */
    preset: z.enum(['hubspot', 'salesforce', 'marketo', 'custom']).default('custom'),
    /** Column (header text as in the file) -> field. Unmapped columns are ignored. */
    columns: z.array(z.object({ column: z.string().trim().min(1).max(300), field: ImportFieldSchema })).max(500),
    dates: z
      .object({
        /**
         * Day and month order of numeric dates such as 03/04/2026. `auto` decides from the
         * file's first rows (a 14/03 or a 03/14 settles it); with no evidence, US order for
         * comma files and day first for semicolon files (European Excel writes those).
         * Year-first (ISO) and dotted dates (14.03.2026) never need it.
         */
        order: z.enum(['auto', 'mdy', 'dmy']).default('auto'),
        /** The zone of dates written without an offset (CRMs export in the account's zone). */
        timeZone: TimeZoneSchema.default('UTC'),
      })
      .default({ order: 'auto', timeZone: 'UTC' }),
    /** Stage values of this source (HubSpot lifecycle, Salesforce lead status) -> stage; checked before the built-in names. */
    stageValues: z
      .array(z.object({ value: z.string().trim().min(1).max(200), stage: z.enum(LEAD_STAGES) }))
      .max(500)
      .default([]),
    /** Stage of a new lead whose row names none and has no stage dates. */
    defaultStage: z.enum(LEAD_STAGES).default('lead'),
    /** Activity types of an activity log -> event; checked before the built-in names. */
    eventValues: z
      .array(
        z.object({
          value: z.string().trim().min(1).max(200),
          type: z.enum(EVENT_TYPES),
          pageCategory: z.enum(PAGE_CATEGORIES).optional(),
        }),
      )
      .max(500)
      .default([]),
  })
  .superRefine((mapping, ctx) => {
    const columns = new Set<string>();
    const fields = new Map<ImportField, string>();
    mapping.columns.forEach(({ column, field }, index) => {
      if (columns.has(column)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'column'],
          message: `Column "${column}" is mapped twice`,
        });
      }
      columns.add(column);
      const other = fields.get(field);
      if (other !== undefined && !REPEATABLE_FIELDS.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'field'],
          message: `Columns "${other}" and "${column}" are both mapped to ${field}; map one`,
        });
      }
      if (other === undefined) fields.set(field, column);
    });
    if (!IDENTITY_FIELDS.some((field) => fields.has(field))) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns'],
        message: 'Map a column to email, LinkedIn URL or a CRM id: without one no row can be matched to a lead',
      });
    }
    if (fields.has('eventType') !== fields.has('eventAt')) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns'],
        message: 'An activity log needs both an activity type and an activity date column',
      });
    }
  });
export type ImportMapping = z.infer<typeof ImportMappingSchema>;
export type ImportMappingInput = z.input<typeof ImportMappingSchema>;

/**
 * The form header names and values are compared in: case, accents, spaces and punctuation
 * do not count, so "E-Mail Address", "email_address" and "Email address " are one name.
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Header names seen in the wild per field, in {@link normalizeName} form. Exact names only:
 * a fuzzy "contains email" would map "Email Opt Out" or "Last email open date" to the address.
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  email: [
    'email',
    'emailaddress',
    'mail',
    'workemail',
    'businessemail',
    'primaryemail',
    'contactemail',
    'emails',
    'emailadresse',
    'courriel',
    'additionalemailaddresses',
    'additionalemails',
  ],
  linkedinUrl: [
    'linkedin',
    'linkedinurl',
    'linkedinprofile',
    'linkedinprofileurl',
    'personlinkedinurl',
    'linkedinpublicprofileurl',
    'linkedinlink',
    'liurl',
  ],
  hubspotId: ['hubspotid', 'hubspotrecordid', 'hubspotcontactid', 'recordid', 'hsobjectid'],
  salesforceId: ['salesforceid', 'salesforceleadid', 'sfdcid', 'sfdcleadid', 'leadid18', 'salesforcecontactid'],
  marketoId: ['marketoid', 'marketoleadid', 'mktoid'],
  fullName: ['name', 'fullname', 'contactname', 'leadname', 'personname', 'contact'],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'vorname', 'prenom'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'nachname', 'nom'],
  title: ['title', 'jobtitle', 'position', 'role', 'jobrole', 'designation', 'positiontitle', 'berufsbezeichnung'],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'mobile',
    'mobilephone',
    'mobilephonenumber',
    'mobilenumber',
    'directphone',
    'workphone',
    'telefon',
  ],
  city: ['city', 'town', 'stadt', 'ort', 'ville'],
  region: ['state', 'region', 'stateregion', 'stateprovince', 'province', 'county', 'bundesland'],
  country: ['country', 'countryregion', 'countryname', 'land', 'pays'],
  companyName: [
    'company',
    'companyname',
    'companyaccount',
    'account',
    'accountname',
    'organization',
    'organisation',
    'employer',
    'firma',
    'unternehmen',
    'associatedcompany',
    'entreprise',
  ],
  companyDomain: [
    'domain',
    'companydomain',
    'companydomainname',
    'website',
    'websiteurl',
    'companywebsite',
    'webseite',
  ],
  employees: [
    'employees',
    'numberofemployees',
    'noofemployees',
    'employeecount',
    'companysize',
    'headcount',
    'numemployees',
    'mitarbeiter',
  ],
  industry: ['industry', 'sector', 'branche'],
  source: ['source', 'leadsource', 'originalsource', 'channel', 'acquisitionchannel'],
  campaign: [
    'campaign',
    'campaignname',
    'acquisitionprogram',
    'utmcampaign',
    'lasttouchconvertingcampaign',
    'firsttouchconvertingcampaign',
  ],
  owner: ['owner', 'contactowner', 'leadowner', 'accountowner', 'salesrep', 'assignedto', 'owneremail', 'sdr'],
  stage: ['stage', 'lifecyclestage', 'leadstatus', 'status', 'leadstage', 'funnelstage'],
  createdAt: [
    'createdate',
    'createdat',
    'created',
    'createddate',
    'datecreated',
    'creationdate',
    'createdon',
    'erstelltam',
  ],
  mqlAt: [
    'becameamarketingqualifiedleaddate',
    'mqldate',
    'mqlat',
    'dateofmql',
    'marketingqualifieddate',
    'becamemql',
    'mqlon',
  ],
  sqlAt: ['becameasalesqualifiedleaddate', 'sqldate', 'sqlat', 'becamesql'],
  opportunityAt: ['becameanopportunitydate', 'opportunitydate', 'becameopportunity', 'opportunityat'],
  customerAt: ['becameacustomerdate', 'customerdate', 'customersince', 'becamecustomer', 'customerat'],
  pricingVisitAt: [
    'lastpricingpagevisit',
    'pricingpagevisit',
    'lastpricingvisit',
    'pricingvisitdate',
    'lastpricingpageview',
    'pricingpageviewed',
  ],
  demoPageVisitAt: ['lastdemopagevisit', 'demopagevisit', 'demopageviewed'],
  contentDownloadAt: [
    'contentdownload',
    'lastcontentdownload',
    'contentdownloaddate',
    'lastdownload',
    'lastassetdownload',
  ],
  webinarAttendedAt: [
    'webinarattended',
    'webinarattendeddate',
    'attendedwebinar',
    'lastwebinarattended',
    'webinarattendance',
  ],
  formSubmittedAt: [
    'recentconversiondate',
    'lastformsubmission',
    'formsubmitted',
    'lastconversiondate',
    'lastformfill',
    'formsubmissiondate',
  ],
  demoRequestedAt: ['demorequested', 'demorequestdate', 'lastdemorequest', 'demorequestedat'],
  meetingBookedAt: ['meetingbooked', 'lastmeetingbooked', 'meetingbookeddate', 'lastmeetingbookeddate'],
  emailOpenedAt: ['lastmarketingemailopendate', 'lastemailopen', 'lastemailopened', 'lastemailopendate', 'emailopened'],
  emailClickedAt: [
    'lastmarketingemailclickdate',
    'lastemailclick',
    'lastemailclicked',
    'lastemailclickdate',
    'emailclicked',
  ],
  emailRepliedAt: [
    'recentsalesemailreplieddate',
    'lastemailreply',
    'lastemailreplied',
    'emailreplied',
    'lastreplydate',
  ],
  eventType: ['activitytype', 'eventtype', 'engagementtype', 'activity'],
  eventAt: ['activitydate', 'eventdate', 'occurredat', 'activitytimestamp', 'activitytime'],
  eventDetail: [
    'activitydetail',
    'primaryattributevalue',
    'detail',
    'details',
    'pageurl',
    'webpage',
    'assetname',
    'formname',
  ],
};

const FIELD_BY_NAME = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const name of SYNONYMS[field]) FIELD_BY_NAME.set(name, field);

/** The field a header name suggests on its own, if any. */
export function fieldForHeader(header: string): ImportField | undefined {
  return FIELD_BY_NAME.get(normalizeName(header));
}

/**
 * Column -> field pairs for a header: `preferred` (a preset's or a saved mapping's
 * choices, by exact header text or normalised name) first, then the synonyms. A field
 * already taken by an earlier column is left for the rep (unless several may feed it).
 */
export function suggestColumns(
  header: readonly string[],
  preferred: readonly { column: string; field: ImportField }[] = [],
): ImportMapping['columns'] {
  const byName = new Map(preferred.map(({ column, field }) => [normalizeName(column), field]));
  const columns = [...new Set(header.map((h) => h.trim()).filter((h) => h.length > 0))];
  const chosen = new Map<string, ImportField>();
  const taken = new Set<ImportField>();
  // Preferred choices first, so HubSpot's "Lifecycle Stage" gets `stage` even when its
  // "Lead Status" (a synonym of stage elsewhere) comes earlier in the file.
  for (const pass of [(c: string) => byName.get(normalizeName(c)), fieldForHeader]) {
    for (const column of columns) {
      if (chosen.has(column)) continue;
      const field = pass(column);
      if (field === undefined || (taken.has(field) && !REPEATABLE_FIELDS.has(field))) continue;
      taken.add(field);
      chosen.set(column, field);
    }
  }
  return columns.flatMap((column) => {
    const field = chosen.get(column);
    return field === undefined ? [] : [{ column, field }];
  });
}

/**
 * Stage names every source uses, whatever the preset: our own stage codes and the
 * unambiguous funnel words. Source-specific statuses ("Working - Contacted") live in the
 * presets' `stageValues`.
 */
const BUILT_IN_STAGES: Record<string, LeadStage> = {
  lead: 'lead',
  subscriber: 'lead',
  other: 'lead',
  new: 'lead',
  mql: 'mql',
  marketingqualifiedlead: 'mql',
  marketingqualified: 'mql',
  sql: 'sql',
  salesqualifiedlead: 'sql',
  salesqualified: 'sql',
  qualified: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
  evangelist: 'customer',
  recycled: 'recycled',
  nurture: 'recycled',
  nurturing: 'recycled',
  disqualified: 'disqualified',
  unqualified: 'disqualified',
};

/** The stage a CRM value means under `mapping`, or `undefined` when nothing says. */
export function stageFor(value: string, mapping: Pick<ImportMapping, 'stageValues'>): LeadStage | undefined {
  const key = normalizeName(value);
  return mapping.stageValues.find((entry) => normalizeName(entry.value) === key)?.stage ?? BUILT_IN_STAGES[key];
}

/**
 * Activity names of marketing automation logs (Marketo's activity types, HubSpot's
 * engagement names) and our own event codes -> event type.
 */
const BUILT_IN_EVENTS: Record<string, EventType> = {
  ...Object.fromEntries(EVENT_TYPES.map((type) => [normalizeName(type), type])),
  visitwebpage: 'page_visit',
  webpagevisit: 'page_visit',
  pageview: 'page_visit',
  pagevisit: 'page_visit',
  visit: 'page_visit',
  filloutform: 'form_submitted',
  formsubmission: 'form_submitted',
  formfill: 'form_submitted',
  conversion: 'form_submitted',
  openemail: 'email_opened',
  emailopen: 'email_opened',
  clickemail: 'email_clicked',
  clicklinkinemail: 'email_clicked',
  emailclick: 'email_clicked',
  emailreply: 'email_replied',
  replyemail: 'email_replied',
  attendwebinar: 'webinar_attended',
  webinarattended: 'webinar_attended',
  attendedwebinar: 'webinar_attended',
  registerforwebinar: 'webinar_registered',
  webinarregistration: 'webinar_registered',
  downloadcontent: 'content_download',
  contentdownload: 'content_download',
  download: 'content_download',
  requestdemo: 'demo_requested',
  demorequest: 'demo_requested',
  bookmeeting: 'meeting_booked',
  meetingbooked: 'meeting_booked',
};

/** The event type an activity value means under `mapping`, with its page category when the mapping says. */
export function eventTypeFor(
  value: string,
  mapping: Pick<ImportMapping, 'eventValues'>,
): { type: EventType; pageCategory?: ImportMapping['eventValues'][number]['pageCategory'] } | undefined {
  const key = normalizeName(value);
  const entry = mapping.eventValues.find((e) => normalizeName(e.value) === key);
  if (entry) return entry.pageCategory ? { type: entry.type, pageCategory: entry.pageCategory } : { type: entry.type };
  const type = BUILT_IN_EVENTS[key];
  return type && { type };
}

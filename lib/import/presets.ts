import type { LeadStage } from '../domain/enums';
import { describeIssues } from '../domain/validation';
import type { ImportField } from './fields';
import { type ImportMapping, ImportMappingSchema, normalizeName, suggestColumns } from './mapping';

export const PRESET_IDS = ['hubspot', 'salesforce', 'marketo'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface ImportPreset {
  id: PresetId;
  label: string;
  /** The export it reads, for the mapping step's hint. */
  description: string;
  /** Header text -> field, as the CRM writes its export's header (compared by normalised name). */
  columns: Readonly<Record<string, ImportField>>;
  /** A header is this preset's when it has one of these (the record id column)... */
  idColumns: readonly string[];
  /** ...and at least two of these. */
  signature: readonly string[];
  /** The CRM's own stage values; the built-in names (lib/import/mapping.ts) cover the rest. */
  stageValues: readonly { value: string; stage: LeadStage }[];
}

/**
 * HubSpot: Contacts > Export (all properties or the view's columns). Recent exports name the
 * id column "Record ID", older ones "Contact ID". Lifecycle stages come as labels
 * ("Marketing Qualified Lead"); the built-in stage names cover them and the internal values
 * ("marketingqualifiedlead"). "Lead Status" is HubSpot's sales status, not the funnel stage,
 * so it is left unmapped. Dates come as "2026-03-14 09:12" in the account's time zone.
 */
const HUBSPOT: ImportPreset = {
  id: 'hubspot',
  label: 'HubSpot contacts export',
  description: 'Contacts > Export, CSV',
  columns: {
    'Record ID': 'hubspotId',
    'Contact ID': 'hubspotId',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Email: 'email',
    'Additional email addresses': 'email',
    'Job Title': 'title',
    'Phone Number': 'phone',
    'Mobile Phone Number': 'phone',
    'Company Name': 'companyName',
    'Associated Company': 'companyName',
    'Website URL': 'companyDomain',
    'Company Domain Name': 'companyDomain',
    'Number of Employees': 'employees',
    Industry: 'industry',
    City: 'city',
    'State/Region': 'region',
    'Country/Region': 'country',
    Country: 'country',
    'Contact owner': 'owner',
    'Lifecycle Stage': 'stage',
    'Original Source': 'source',
    'Last Touch Converting Campaign': 'campaign',
    'First Touch Converting Campaign': 'campaign',
    'Create Date': 'createdAt',
    'Became a Marketing Qualified Lead Date': 'mqlAt',
    'Became a Sales Qualified Lead Date': 'sqlAt',
    'Became an Opportunity Date': 'opportunityAt',
    'Became a Customer Date': 'customerAt',
    'Recent Conversion Date': 'formSubmittedAt',
    'Last marketing email open date': 'emailOpenedAt',
    'Last marketing email click date': 'emailClickedAt',
    'Recent Sales Email Replied Date': 'emailRepliedAt',
  },
  idColumns: ['Record ID', 'Contact ID'],
  signature: [
    'Lifecycle Stage',
    'Create Date',
    'Contact owner',
    'Original Source',
    'Became a Marketing Qualified Lead Date',
    'Email',
  ],
  stageValues: [],
};

/**
 * Salesforce: a Leads report, Export > Details Only > CSV. Ids come as 15 characters
 * (normalised to the 18-character form on import); dates follow the exporting user's
 * locale ("3/14/2026, 9:12 AM" in en_US); the file may end with a footer ("Grand Totals",
 * "Confidential Information - Do Not Distribute", the copyright line), which is skipped.
 * Lead Status values are the standard picklist's, old ("Open - Not Contacted") and new ("Working").
 */
const SALESFORCE: ImportPreset = {
  id: 'salesforce',
  label: 'Salesforce leads report',
  description: 'Leads report > Export > Details Only, CSV',
  columns: {
    'Lead ID': 'salesforceId',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Title: 'title',
    'Company / Account': 'companyName',
    Company: 'companyName',
    Email: 'email',
    Phone: 'phone',
    Mobile: 'phone',
    'Lead Source': 'source',
    'Lead Status': 'stage',
    'Lead Owner': 'owner',
    'Create Date': 'createdAt',
    'Created Date': 'createdAt',
    Industry: 'industry',
    'No. of Employees': 'employees',
    City: 'city',
    'State/Province': 'region',
    Country: 'country',
    Website: 'companyDomain',
    'Campaign Name': 'campaign',
  },
  idColumns: ['Lead ID'],
  signature: ['Company / Account', 'Lead Status', 'Lead Source', 'Lead Owner', 'Create Date'],
  stageValues: [
    { value: 'Open - Not Contacted', stage: 'mql' },
    { value: 'Working - Contacted', stage: 'mql' },
    { value: 'Closed - Converted', stage: 'sql' },
    { value: 'Closed - Not Converted', stage: 'recycled' },
    { value: 'Working', stage: 'mql' },
    { value: 'Open', stage: 'mql' },
  ],
};

/**
 * Marketo: a smart list or static list, Export People > CSV, with the list view's columns.
 * Lead Status values are usually those synced from Salesforce.
 */
const MARKETO: ImportPreset = {
  id: 'marketo',
  label: 'Marketo lead list',
  description: 'Smart list / static list > Export People, CSV',
  columns: {
    Id: 'marketoId',
    'Marketo ID': 'marketoId',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    'Email Address': 'email',
    'Job Title': 'title',
    'Company Name': 'companyName',
    'Phone Number': 'phone',
    'Mobile Phone Number': 'phone',
    'Lead Source': 'source',
    'Lead Status': 'stage',
    'Lead Owner Email Address': 'owner',
    'Created At': 'createdAt',
    Industry: 'industry',
    'Number of Employees': 'employees',
    'Num Employees': 'employees',
    City: 'city',
    State: 'region',
    Country: 'country',
    Website: 'companyDomain',
    'Acquisition Program': 'campaign',
  },
  idColumns: ['Id', 'Marketo ID'],
  signature: ['Email Address', 'Created At', 'Updated At', 'Lead Status', 'Lead Score', 'Acquisition Program'],
  stageValues: [
    { value: 'Open', stage: 'mql' },
    { value: 'Working', stage: 'mql' },
    { value: 'Contacted', stage: 'mql' },
  ],
};

export const PRESETS: Readonly<Record<PresetId, ImportPreset>> = {
  hubspot: HUBSPOT,
  salesforce: SALESFORCE,
  marketo: MARKETO,
};

/** Which CRM exported a file, from its header; `undefined` for any other CSV. */
export function detectPreset(header: readonly string[]): PresetId | undefined {
  const names = new Set(header.map(normalizeName));
  let best: { id: PresetId; score: number } | undefined;
  for (const preset of Object.values(PRESETS)) {
    if (!preset.idColumns.some((c) => names.has(normalizeName(c)))) continue;
    const score = preset.signature.filter((c) => names.has(normalizeName(c))).length;
    if (score >= 2 && (!best || score > best.score)) best = { id: preset.id, score };
  }
  return best?.id;
}

export interface MappingSuggestion {
  mapping: ImportMapping;
  preset: PresetId | undefined;
  /** Header columns left unmapped, for the rep to map or leave. */
  unmapped: string[];
  /** Why the suggestion cannot be imported as is (e.g. no identity column); empty when it can. */
  problems: string[];
}

/**
 * A mapping for `header`, for the mapping step to show and the rep to adjust: the saved
 * mapping of this source first (its column choices, date settings and stage values), then
 * the preset's columns (detected from the header unless given), then header-name synonyms
 * (case, space and punctuation insensitive). Columns the saved mapping names but this file
 * lacks are dropped.
 */
export function suggestMapping(
  header: readonly string[],
  options: { preset?: PresetId | 'custom'; saved?: ImportMapping } = {},
): MappingSuggestion {
  const preset = options.preset === 'custom' ? undefined : (options.preset ?? detectPreset(header));
  const definition = preset ? PRESETS[preset] : undefined;
  const presetColumns = definition
    ? Object.entries(definition.columns).map(([column, field]) => ({ column, field }))
    : [];
  const columns = suggestColumns(header, [...(options.saved?.columns ?? []), ...presetColumns]);
  const draft = {
    ...options.saved,
    version: 1 as const,
    preset: preset ?? options.saved?.preset ?? 'custom',
    columns,
    stageValues: options.saved?.stageValues ?? [...(definition?.stageValues ?? [])],
  };
  const parsed = ImportMappingSchema.safeParse(draft);
  const mapped = new Set(columns.map((c) => c.column));
  return {
    mapping: parsed.success ? parsed.data : withDefaults(draft),
    preset,
    unmapped: header.map((h) => h.trim()).filter((h) => h.length > 0 && !mapped.has(h)),
    problems: parsed.success ? [] : describeIssues(parsed.error).map((i) => i.message),
  };
}

/** The draft with the schema's defaults, for a suggestion that does not validate yet. */
function withDefaults(draft: Partial<ImportMapping> & Pick<ImportMapping, 'columns'>): ImportMapping {
  return {
    version: 1,
    preset: draft.preset ?? 'custom',
    columns: draft.columns,
    dates: draft.dates ?? { order: 'auto', timeZone: 'UTC' },
    stageValues: draft.stageValues ?? [],
    defaultStage: draft.defaultStage ?? 'lead',
    eventValues: draft.eventValues ?? [],
  };
}

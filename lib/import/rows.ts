import type { ImportCandidate, ImportedEvent, ImportedLead, ImportIssue } from './merge';
import type { LeadStage } from '../domain/enums';
import { DomainSchema, EmailSchema, LinkedinUrlSchema } from '../domain/lead';
import { type DateContext, parseCrmDate } from './dates';
import {
  CRM_ID_FIELDS,
  EVENT_DATE_FIELDS,
  FIELD_LABELS,
  IDENTITY_FIELDS,
  type ImportField,
  STAGE_DATE_FIELDS,
} from './fields';
import { eventTypeFor, type ImportMapping, normalizeName, stageFor } from './mapping';
import {
  cleanCell,
  pageCategoryOf,
  parseEmployees,
  preview,
  resolveCountry,
  salesforceId18,
  splitEmails,
} from './values';

/** The mapping resolved against one file's header: for each field, the column indexes that feed it. */
export interface ColumnPlan {
  header: readonly string[];
  columns: Map<ImportField, number[]>;
  mapping: ImportMapping;
  /**
   * Country and stage cells already resolved in this file: a column of a few distinct values
   * repeated on every row, each resolved by name normalisation (`normalizeName`) and, for a
   * stage, against every mapped value.
   */
  resolved?: { countries: Map<string, string | undefined>; stages: Map<string, LeadStage | undefined> };
}

/** Thrown before anything is written when a file cannot be imported with its mapping at all. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly code: 'empty' | 'no_identity_column' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Resolves the mapping's columns against the header (by exact text, then by normalised
 * name, so a saved mapping survives "Email" becoming "E-mail"). Mapped columns missing from
 * the file are reported; if none of the identity columns is left, no row could be matched,
 * so the import stops here with {@link ImportFileError}.
 */
export function planColumns(
  header: readonly string[],
  mapping: ImportMapping,
): { plan: ColumnPlan; missing: string[] } {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  header.forEach((cell, index) => {
    const text = cell.trim();
    if (!exact.has(text)) exact.set(text, index);
    const name = normalizeName(text);
    if (!loose.has(name)) loose.set(name, index);
  });
  const columns = new Map<ImportField, number[]>();
  const missing: string[] = [];
  for (const { column, field } of mapping.columns) {
    const index = exact.get(column) ?? loose.get(normalizeName(column));
    if (index === undefined) {
      missing.push(column);
      continue;
    }
    columns.set(field, [...(columns.get(field) ?? []), index]);
  }
  if (!IDENTITY_FIELDS.some((field) => columns.has(field))) {
    const wanted = mapping.columns.filter((c) => IDENTITY_FIELDS.includes(c.field)).map((c) => `"${c.column}"`);
    throw new ImportFileError(
      'no_identity_column',
      wanted.length > 0
        ? `The file has no ${wanted.join(' or ')} column, so no row can be matched to a lead. Check the mapping.`
        : 'No column is mapped to email, LinkedIn URL or a CRM id, so no row can be matched to a lead.',
    );
  }
  return {
    plan: { header, columns, mapping, resolved: { countries: new Map(), stages: new Map() } },
    missing,
  };
}

/** `resolve(value)`, from `cache` when it has the value; a cache holds at most 1,000 (free text is not a column of codes). */
function remember<T>(cache: Map<string, T> | undefined, value: string, resolve: (value: string) => T): T {
  if (!cache) return resolve(value);
  if (cache.has(value)) return cache.get(value) as T;
  const result = resolve(value);
  if (cache.size < 1_000) cache.set(value, result);
  return result;
}

// Built once, not on every row.
const NO_COLUMNS: readonly number[] = [];
const CRM_ID_ENTRIES = Object.entries(CRM_ID_FIELDS) as [keyof typeof CRM_ID_FIELDS, string][];
const STAGE_DATE_ENTRIES = Object.entries(STAGE_DATE_FIELDS) as [
  keyof typeof STAGE_DATE_FIELDS,
  keyof ImportedLead['times'],
][];
const EVENT_DATE_ENTRIES = Object.entries(EVENT_DATE_FIELDS) as [
  keyof typeof EVENT_DATE_FIELDS,
  Pick<ImportedEvent, 'type' | 'pageCategory'>,
][];

export type RowResult =
  | { ok: true; candidate: ImportCandidate; warnings: ImportIssue[] }
  | { ok: false; issues: ImportIssue[] };

/** The most characters kept of a text field; longer values are cut, with a warning. */
const TEXT_LIMITS = {
  name: 200,
  title: 300,
  location: 200,
  companyName: 200,
  industry: 120,
  source: 120,
  campaign: 200,
  owner: 200,
} as const;

type Cell = { value: string; column: string };

/** One row's cells as the plan maps them, and what reading them found wrong. */
class RowReader {
  readonly issues: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  constructor(
    private readonly cells: readonly string[],
    readonly plan: ColumnPlan,
    private readonly dates: DateContext,
  ) {}

  columnName(index: number): string {
    return this.plan.header[index]?.trim() ?? `column ${index + 1}`;
  }

  /** The column indexes feeding `field` (none when unmapped). */
  indexes(field: ImportField): readonly number[] {
    return this.plan.columns.get(field) ?? NO_COLUMNS;
  }

  /** The cell at `index`, cleaned; undefined when blank. */
  cell(index: number): string | undefined {
    return cleanCell(this.cells[index]);
  }

  /** The first non-empty cell of a field, with the column it came from. */
  first(field: ImportField): Cell | undefined {
    for (const index of this.indexes(field)) {
      const value = this.cell(index);
      if (value !== undefined) return { value, column: this.columnName(index) };
    }
    return undefined;
  }

  /** A one-line text field: a line break kept inside a cell (an Excel Alt+Enter) becomes a space. */
  text(field: ImportField, limit: number): string | undefined {
    const found = this.first(field);
    if (!found) return undefined;
    const value = found.value.replace(/\s+/g, ' ');
    if (value.length <= limit) return value;
    this.warnings.push({
      code: 'text_truncated',
      message: `${found.column} is ${value.length} characters long; kept the first ${limit}`,
      column: found.column,
      value: preview(value),
    });
    return value.slice(0, limit).trim();
  }

  date(field: ImportField): number | undefined {
    const cell = this.first(field);
    if (!cell) return undefined;
    const at = parseCrmDate(cell.value, this.dates);
    if (at === undefined) {
      const example = this.dates.order === 'mdy' ? '03/14/2026' : '14/03/2026';
      this.refuse('invalid_date', cell, `is not a date (expected e.g. 2026-03-14, ${example} or 14.03.2026)`);
    }
    return at;
  }

  /** The row is refused: `<column> "<value>" <why>`. */
  refuse(code: string, cell: Cell, why: string): void {
    this.issues.push(issueOf(code, cell, why));
  }

  /** The value is dropped and the row kept: `<column> "<value>" <why>; imported without it`. */
  drop(code: string, cell: Cell, why: string): void {
    this.warnings.push(issueOf(code, cell, `${why}; imported without it`));
  }
}

const issueOf = (code: string, cell: Cell, why: string): ImportIssue => ({
  code,
  message: `${cell.column} "${preview(cell.value)}" ${why}`,
  column: cell.column,
  value: preview(cell.value),
});

/**
 * One data row as a lead (and its events), or the reasons it is refused. Refused: no email,
 * LinkedIn URL or CRM id; an invalid email; an invalid LinkedIn URL when it is the only
 * identity; a date that is not one; an activity row without a known type or a date. Kept
 * with a warning (the value is dropped or cut): a LinkedIn URL that is not a profile when
 * there is an email, an unknown country, an unreadable head count or domain, an unknown
 * stage value, a text over its limit. Every issue names the column and the value.
 */
export function readRow(cells: readonly string[], plan: ColumnPlan, ref: number, dates: DateContext): RowResult {
  const row = new RowReader(cells, plan, dates);
  const lead: ImportedLead = { person: { emails: [] }, company: {}, crmIds: {}, times: {} };
  readIdentity(row, lead);
  readPerson(row, lead);
  readCompany(row, lead);
  readFunnel(row, lead);
  const events = readEvents(row);
  if (row.issues.length > 0) return { ok: false, issues: row.issues };
  return { ok: true, candidate: { ref, lead, events }, warnings: row.warnings };
}

/** Emails (several per cell or column), the LinkedIn profile, CRM ids; refused when none is left. */
function readIdentity(row: RowReader, lead: ImportedLead): void {
  for (const index of row.indexes('email')) {
    const value = row.cell(index);
    if (value === undefined) continue;
    for (const part of splitEmails(value)) {
      const parsed = EmailSchema.safeParse(part);
      if (!parsed.success)
        row.refuse('invalid_email', { value: part, column: row.columnName(index) }, 'is not a valid email address');
      else if (!lead.person.emails.includes(parsed.data)) lead.person.emails.push(parsed.data);
    }
  }
  const linkedin = row.first('linkedinUrl');
  if (linkedin) {
    const parsed = LinkedinUrlSchema.safeParse(linkedin.value);
    const why = 'is not a LinkedIn profile URL (linkedin.com/in/...)';
    if (parsed.success) lead.person.linkedinUrl = parsed.data;
    // With an email the person is still identified; without one the URL was all there was.
    else if (lead.person.emails.length > 0) row.drop('invalid_linkedin', linkedin, why);
    else row.refuse('invalid_linkedin', linkedin, why);
  }
  for (const [field, system] of CRM_ID_ENTRIES) {
    const cell = row.first(field);
    if (!cell) continue;
    if (cell.value.length > 64 || /\s/.test(cell.value)) row.refuse('invalid_crm_id', cell, 'is not a record id');
    else
      lead.crmIds[system as keyof ImportedLead['crmIds']] =
        field === 'salesforceId' ? salesforceId18(cell.value) : cell.value;
  }
  const identified =
    lead.person.emails.length > 0 || lead.person.linkedinUrl !== undefined || Object.keys(lead.crmIds).length > 0;
  if (!identified && !row.issues.some((i) => i.code === 'invalid_email' || i.code === 'invalid_linkedin')) {
    const wanted = IDENTITY_FIELDS.flatMap((f) => row.indexes(f).map((index) => `"${row.columnName(index)}"`));
    row.issues.push({
      code: 'missing_identity',
      message: `No email, LinkedIn URL or CRM id (${wanted.join(', ')} empty): the row cannot be matched to a lead`,
    });
  }
}

/** Name (full, or first and last), title, phone, location. */
function readPerson(row: RowReader, lead: ImportedLead): void {
  const full = row.text('fullName', TEXT_LIMITS.name);
  const given = [row.text('firstName', TEXT_LIMITS.name), row.text('lastName', TEXT_LIMITS.name)]
    .filter(Boolean)
    .join(' ');
  const name = full ?? (given ? given.slice(0, TEXT_LIMITS.name) : undefined);
  if (name) lead.person.name = name;
  const title = row.text('title', TEXT_LIMITS.title);
  if (title) lead.person.title = title;
  const phone = row.first('phone');
  if (phone && phone.value.length <= 40) lead.person.phone = phone.value;
  else if (phone) {
    row.warnings.push({
      code: 'phone_invalid',
      message: `${phone.column} is too long for a phone number; imported without it`,
      column: phone.column,
      value: preview(phone.value),
    });
  }
  const city = row.text('city', 100);
  const region = row.text('region', 100);
  // A country alone goes to company.country only: as a location it would replace a
  // stored "Berlin, Germany" with "DE" on every re-import.
  if (city || region) {
    const country = row.first('country')?.value;
    lead.person.location = [city, region, country].filter(Boolean).join(', ').slice(0, TEXT_LIMITS.location);
  }
}

/** Company name, domain, head count, industry, country. */
function readCompany(row: RowReader, lead: ImportedLead): void {
  const companyName = row.text('companyName', TEXT_LIMITS.companyName);
  if (companyName) lead.company.name = companyName;
  const domain = row.first('companyDomain');
  if (domain) {
    const parsed = DomainSchema.safeParse(domain.value);
    if (parsed.success) lead.company.domain = parsed.data;
    else row.drop('domain_invalid', domain, 'is not a domain or website');
  }
  const employees = row.first('employees');
  if (employees) {
    const count = parseEmployees(employees.value);
    if (count !== undefined) lead.company.employees = count;
    else row.drop('employees_unreadable', employees, 'is not a number of employees');
  }
  const industry = row.text('industry', TEXT_LIMITS.industry);
  if (industry) lead.company.industry = industry;
  const country = row.first('country');
  if (country) {
    const code = remember(row.plan.resolved?.countries, country.value, resolveCountry);
    if (code) lead.company.country = code;
    else row.drop('country_unknown', country, 'is not a country Handoff knows');
  }
}

/** Source, campaign, owner, the CRM's stage and the stage dates. */
function readFunnel(row: RowReader, lead: ImportedLead): void {
  const source = row.text('source', TEXT_LIMITS.source);
  if (source) lead.source = source;
  const campaign = row.text('campaign', TEXT_LIMITS.campaign);
  if (campaign) lead.campaign = campaign;
  const owner = row.text('owner', TEXT_LIMITS.owner);
  if (owner) lead.owner = owner;
  const stage = row.first('stage');
  if (stage) {
    const { mapping } = row.plan;
    const mapped = remember(row.plan.resolved?.stages, stage.value, (value) => stageFor(value, mapping));
    if (mapped) lead.stage = mapped;
    else {
      row.warnings.push(
        issueOf('stage_unknown', stage, `is not mapped to a stage; a new lead starts as ${mapping.defaultStage}`),
      );
    }
  }
  for (const [field, key] of STAGE_DATE_ENTRIES) {
    const at = row.date(field);
    if (at !== undefined) lead.times[key] = at;
  }
}

/** The engagement a row records: a date column per kind ("last pricing page visit"), or an activity line. */
function readEvents(row: RowReader): ImportedEvent[] {
  const events: ImportedEvent[] = [];
  for (const [field, kind] of EVENT_DATE_ENTRIES) {
    const at = row.date(field);
    const column = row.first(field)?.column ?? FIELD_LABELS[field];
    if (at !== undefined) events.push({ ...kind, occurredAt: at, details: { importedFrom: column } });
  }
  if (row.plan.columns.has('eventType')) {
    const activity = readActivity(row);
    if (activity) events.push(activity);
  }
  return events;
}

/** An activity-log row: its type (as mapped), date and detail; refused without a known type or a date. */
function readActivity(row: RowReader): ImportedEvent | undefined {
  const typeCell = row.first('eventType');
  const at = row.date('eventAt');
  const detail = row.first('eventDetail');
  const kind = typeCell && eventTypeFor(typeCell.value, row.plan.mapping);
  const emptyColumn = (field: ImportField) => row.columnName(row.indexes(field)[0] ?? 0);
  if (!typeCell) {
    const column = emptyColumn('eventType');
    row.issues.push({ code: 'missing_value', message: `${column} is empty: no activity type`, column });
  } else if (!kind) {
    row.refuse('unknown_event_type', typeCell, 'is not an engagement Handoff tracks (map it in the activity types)');
  } else if (at === undefined && !row.first('eventAt')) {
    const column = emptyColumn('eventAt');
    row.issues.push({ code: 'missing_value', message: `${column} is empty: no activity date`, column });
  } else if (at !== undefined) {
    const pageCategory =
      kind.type === 'page_visit' ? (kind.pageCategory ?? pageCategoryOf(detail?.value ?? '')) : undefined;
    return {
      type: kind.type,
      ...(pageCategory ? { pageCategory } : {}),
      occurredAt: at,
      details: { activity: preview(typeCell.value, 200), ...(detail ? { detail: preview(detail.value, 2000) } : {}) },
    };
  }
  return undefined;
}

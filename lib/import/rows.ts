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

/**
 * One data row as a lead (and its events), or the reasons it is refused. Refused: no email,
 * LinkedIn URL or CRM id; an invalid email; an invalid LinkedIn URL when it is the only
 * identity; a date that is not one; an activity row without a known type or a date. Kept
 * with a warning (the value is dropped or cut): a LinkedIn URL that is not a profile when
 * there is an email, an unknown country, an unreadable head count or domain, an unknown
 * stage value, a text over its limit. Every issue names the column and the value.
 */
export function readRow(cells: readonly string[], plan: ColumnPlan, ref: number, dates: DateContext): RowResult {
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const { header, columns, mapping } = plan;
  const columnName = (index: number) => header[index]?.trim() ?? `column ${index + 1}`;

  /** The first non-empty cell of a field, with the column it came from. */
  const first = (field: ImportField): { value: string; column: string } | undefined => {
    for (const index of columns.get(field) ?? NO_COLUMNS) {
      const value = cleanCell(cells[index]);
      if (value !== undefined) return { value, column: columnName(index) };
    }
    return undefined;
  };
  /** A one-line text field: a line break kept inside a cell (an Excel Alt+Enter) becomes a space. */
  const text = (field: ImportField, limit: number): string | undefined => {
    const found = first(field);
    if (!found) return undefined;
    const cell = { ...found, value: found.value.replace(/\s+/g, ' ') };
    if (cell.value.length <= limit) return cell.value;
    warnings.push({
      code: 'text_truncated',
      message: `${cell.column} is ${cell.value.length} characters long; kept the first ${limit}`,
      column: cell.column,
      value: preview(cell.value),
    });
    return cell.value.slice(0, limit).trim();
  };
  const date = (field: ImportField): number | undefined => {
    const cell = first(field);
    if (!cell) return undefined;
    const at = parseCrmDate(cell.value, dates);
    if (at === undefined) {
      issues.push({
        code: 'invalid_date',
        message: `${cell.column} "${preview(cell.value)}" is not a date (expected e.g. 2026-03-14, ${dates.order === 'mdy' ? '03/14/2026' : '14/03/2026'} or 14.03.2026)`,
        column: cell.column,
        value: preview(cell.value),
      });
    }
    return at;
  };

  const lead: ImportedLead = { person: { emails: [] }, company: {}, crmIds: {}, times: {} };

  // Identity
  for (const index of columns.get('email') ?? []) {
    const value = cleanCell(cells[index]);
    if (value === undefined) continue;
    for (const part of splitEmails(value)) {
      const parsed = EmailSchema.safeParse(part);
      if (parsed.success) {
        if (!lead.person.emails.includes(parsed.data)) lead.person.emails.push(parsed.data);
      } else {
        issues.push({
          code: 'invalid_email',
          message: `${columnName(index)} "${preview(part)}" is not a valid email address`,
          column: columnName(index),
          value: preview(part),
        });
      }
    }
  }
  const linkedin = first('linkedinUrl');
  if (linkedin) {
    const parsed = LinkedinUrlSchema.safeParse(linkedin.value);
    if (parsed.success) lead.person.linkedinUrl = parsed.data;
    else {
      const issue = {
        code: 'invalid_linkedin',
        message: `${linkedin.column} "${preview(linkedin.value)}" is not a LinkedIn profile URL (linkedin.com/in/...)`,
        column: linkedin.column,
        value: preview(linkedin.value),
      };
      // With an email the person is still identified; without one the URL was all there was.
      if (lead.person.emails.length > 0) warnings.push({ ...issue, message: `${issue.message}; imported without it` });
      else issues.push(issue);
    }
  }
  for (const [field, system] of CRM_ID_ENTRIES) {
    const cell = first(field);
    if (!cell) continue;
    if (cell.value.length > 64 || /\s/.test(cell.value)) {
      issues.push({
        code: 'invalid_crm_id',
        message: `${cell.column} "${preview(cell.value)}" is not a record id`,
        column: cell.column,
        value: preview(cell.value),
      });
      continue;
    }
    lead.crmIds[system as keyof ImportedLead['crmIds']] =
      field === 'salesforceId' ? salesforceId18(cell.value) : cell.value;
  }
  const identified =
    lead.person.emails.length > 0 || lead.person.linkedinUrl !== undefined || Object.keys(lead.crmIds).length > 0;
  if (!identified && !issues.some((i) => i.code === 'invalid_email' || i.code === 'invalid_linkedin')) {
    const wanted = IDENTITY_FIELDS.flatMap((f) => (columns.get(f) ?? []).map(columnName));
    issues.push({
      code: 'missing_identity',
      message: `No email, LinkedIn URL or CRM id (${wanted.map((c) => `"${c}"`).join(', ')} empty): the row cannot be matched to a lead`,
    });
  }

  // Person
  const full = text('fullName', TEXT_LIMITS.name);
  const given = [text('firstName', TEXT_LIMITS.name), text('lastName', TEXT_LIMITS.name)].filter(Boolean).join(' ');
  const name = full ?? (given ? given.slice(0, TEXT_LIMITS.name) : undefined);
  if (name) lead.person.name = name;
  const title = text('title', TEXT_LIMITS.title);
  if (title) lead.person.title = title;
  const phone = first('phone');
  if (phone) {
    if (phone.value.length <= 40) lead.person.phone = phone.value;
    else
      warnings.push({
        code: 'phone_invalid',
        message: `${phone.column} is too long for a phone number; imported without it`,
        column: phone.column,
        value: preview(phone.value),
      });
  }
  const countryCell = first('country');
  const city = text('city', 100);
  const region = text('region', 100);
  // A country alone goes to company.country only: as a location it would replace a
  // stored "Berlin, Germany" with "DE" on every re-import.
  if (city || region) {
    lead.person.location = [city, region, countryCell?.value].filter(Boolean).join(', ').slice(0, TEXT_LIMITS.location);
  }

  // Company
  const companyName = text('companyName', TEXT_LIMITS.companyName);
  if (companyName) lead.company.name = companyName;
  const domain = first('companyDomain');
  if (domain) {
    const parsed = DomainSchema.safeParse(domain.value);
    if (parsed.success) lead.company.domain = parsed.data;
    else
      warnings.push({
        code: 'domain_invalid',
        message: `${domain.column} "${preview(domain.value)}" is not a domain or website; imported without it`,
        column: domain.column,
        value: preview(domain.value),
      });
  }
  const employees = first('employees');
  if (employees) {
    const count = parseEmployees(employees.value);
    if (count !== undefined) lead.company.employees = count;
    else
      warnings.push({
        code: 'employees_unreadable',
        message: `${employees.column} "${preview(employees.value)}" is not a number of employees; imported without it`,
        column: employees.column,
        value: preview(employees.value),
      });
  }
  const industry = text('industry', TEXT_LIMITS.industry);
  if (industry) lead.company.industry = industry;
  if (countryCell) {
    const code = remember(plan.resolved?.countries, countryCell.value, resolveCountry);
    if (code) lead.company.country = code;
    else
      warnings.push({
        code: 'country_unknown',
        message: `${countryCell.column} "${preview(countryCell.value)}" is not a country Handoff knows; imported without it`,
        column: countryCell.column,
        value: preview(countryCell.value),
      });
  }

  // Funnel
  const source = text('source', TEXT_LIMITS.source);
  if (source) lead.source = source;
  const campaign = text('campaign', TEXT_LIMITS.campaign);
  if (campaign) lead.campaign = campaign;
  const owner = text('owner', TEXT_LIMITS.owner);
  if (owner) lead.owner = owner;
  const stage = first('stage');
  if (stage) {
    const mapped = remember(plan.resolved?.stages, stage.value, (value) => stageFor(value, mapping));
    if (mapped) lead.stage = mapped;
    else
      warnings.push({
        code: 'stage_unknown',
        message: `${stage.column} "${preview(stage.value)}" is not mapped to a stage; a new lead starts as ${mapping.defaultStage}`,
        column: stage.column,
        value: preview(stage.value),
      });
  }
  for (const [field, key] of STAGE_DATE_ENTRIES) {
    const at = date(field);
    if (at !== undefined) lead.times[key] = at;
  }

  // Engagement
  const events: ImportedEvent[] = [];
  for (const [field, kind] of EVENT_DATE_ENTRIES) {
    const at = date(field);
    const column = first(field)?.column ?? FIELD_LABELS[field];
    if (at !== undefined) events.push({ ...kind, occurredAt: at, details: { importedFrom: column } });
  }
  if (columns.has('eventType')) {
    const typeCell = first('eventType');
    const at = date('eventAt');
    const detail = first('eventDetail');
    const kind = typeCell && eventTypeFor(typeCell.value, mapping);
    if (!typeCell) {
      const column = columnName(columns.get('eventType')?.[0] ?? 0);
      issues.push({ code: 'missing_value', message: `${column} is empty: no activity type`, column });
    } else if (!kind) {
      issues.push({
        code: 'unknown_event_type',
        message: `${typeCell.column} "${preview(typeCell.value)}" is not an engagement Handoff tracks (map it in the activity types)`,
        column: typeCell.column,
        value: preview(typeCell.value),
      });
    } else if (at === undefined && !first('eventAt')) {
      const column = columnName(columns.get('eventAt')?.[0] ?? 0);
      issues.push({ code: 'missing_value', message: `${column} is empty: no activity date`, column });
    } else if (at !== undefined) {
      const pageCategory =
        kind.type === 'page_visit' ? (kind.pageCategory ?? pageCategoryOf(detail?.value ?? '')) : undefined;
      events.push({
        type: kind.type,
        ...(pageCategory ? { pageCategory } : {}),
        occurredAt: at,
        details: { activity: preview(typeCell.value, 200), ...(detail ? { detail: preview(detail.value, 2000) } : {}) },
      });
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, candidate: { ref, lead, events }, warnings };
}

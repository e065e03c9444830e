import type { EventType, LeadStage } from '../../lib/domain/enums';
import {
  EVENT_DATE_FIELDS,
  FIELD_LABELS,
  IMPORT_FIELDS,
  type ImportField,
  STAGE_DATE_FIELDS,
} from '../../lib/import/fields';
import {
  eventTypeFor,
  type ImportMapping,
  ImportMappingSchema,
  normalizeName,
  stageFor,
} from '../../lib/import/mapping';
import { PRESETS, type PresetId } from '../../lib/import/presets';

/** The field picker's groups, in IMPORT_FIELDS order. */
export const FIELD_GROUPS: readonly { label: string; fields: readonly ImportField[] }[] = [
  { label: 'Identity (finds the lead)', fields: fieldsBetween('email', 'marketoId') },
  { label: 'Person', fields: fieldsBetween('fullName', 'country') },
  { label: 'Company', fields: fieldsBetween('companyName', 'industry') },
  { label: 'Funnel', fields: fieldsBetween('source', 'customerAt') },
  { label: 'Engagement (a date per kind)', fields: fieldsBetween('pricingVisitAt', 'emailRepliedAt') },
  { label: 'Activity log (one event per row)', fields: fieldsBetween('eventType', 'eventDetail') },
];

function fieldsBetween(first: ImportField, last: ImportField): ImportField[] {
  return IMPORT_FIELDS.slice(IMPORT_FIELDS.indexOf(first), IMPORT_FIELDS.indexOf(last) + 1);
}

const DATE_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>([
  ...(Object.keys(STAGE_DATE_FIELDS) as ImportField[]),
  ...(Object.keys(EVENT_DATE_FIELDS) as ImportField[]),
  'eventAt',
]);

/**
 * The columns of a header the rep can map: as the importer matches them (trimmed), each
 * name once. A blank header cell has no name to save a mapping under, so it is left out.
 */
export function mappableColumns(header: readonly string[]): string[] {
  return [...new Set(header.map((cell) => cell.trim()).filter((cell) => cell !== ''))];
}

export function fieldOf(mapping: Pick<ImportMapping, 'columns'>, column: string): ImportField | undefined {
  return mapping.columns.find((entry) => entry.column === column)?.field;
}

/**
 * The mapping with `column` imported as `field` (or not at all). A field another column
 * already feeds stays with it too: the check then names both, rather than the other select
 * changing behind the rep's back. Columns stay in the file's order.
 */
export function withColumnField(
  mapping: ImportMapping,
  columns: readonly string[],
  column: string,
  field: ImportField | undefined,
): ImportMapping {
  const chosen = new Map(mapping.columns.map((entry) => [entry.column, entry.field]));
  if (field === undefined) chosen.delete(column);
  else chosen.set(column, field);
  return {
    ...mapping,
    columns: columns.flatMap((name) => {
      const mapped = chosen.get(name);
      return mapped === undefined ? [] : [{ column: name, field: mapped }];
    }),
  };
}

export interface MappingCheck {
  /** Why the mapping cannot be imported, in words; empty when it can. */
  problems: string[];
  /** Per column, the problem its select is part of. */
  columnProblems: ReadonlyMap<string, string>;
  timeZoneProblem: string | undefined;
}

/** The mapping checked with the schema the importer applies, its problems said in the page's words. */
export function checkMapping(mapping: ImportMapping): MappingCheck {
  const parsed = ImportMappingSchema.safeParse(mapping);
  const problems: string[] = [];
  const columnProblems = new Map<string, string>();
  let timeZoneProblem: string | undefined;
  if (parsed.success) return { problems, columnProblems, timeZoneProblem };
  for (const issue of parsed.error.issues) {
    const [first, index, part] = issue.path;
    if (first === 'columns' && typeof index === 'number' && part === 'field') {
      // The schema names the field by its code ("title"); the page shows labels.
      const entry = mapping.columns[index];
      const other = mapping.columns.find((c) => c.field === entry?.field && c.column !== entry?.column);
      if (!entry || !other) {
        problems.push(issue.message);
        continue;
      }
      const message = `"${other.column}" and "${entry.column}" are both imported as ${FIELD_LABELS[entry.field]}: choose one`;
      problems.push(message);
      columnProblems.set(entry.column, message);
      if (!columnProblems.has(other.column)) columnProblems.set(other.column, message);
    } else if (first === 'dates' && index === 'timeZone') {
      timeZoneProblem = `"${mapping.dates.timeZone}" is not a time zone (use a name such as Europe/Berlin or America/New_York)`;
      problems.push(`Time zone: ${timeZoneProblem}`);
    } else {
      problems.push(issue.message);
    }
  }
  return { problems: [...new Set(problems)], columnProblems, timeZoneProblem };
}

/** Whether any mapped column holds dates (the date order and time zone then matter). */
export function usesDates(mapping: Pick<ImportMapping, 'columns'>): boolean {
  return mapping.columns.some((entry) => DATE_FIELDS.has(entry.field));
}

/** The distinct values of `column` in the sample rows, as the importer compares them (trimmed), in order. */
export function sampleValues(
  preview: { header: readonly string[]; rows: readonly (readonly string[])[] },
  column: string,
  limit = 50,
): string[] {
  const index = preview.header.findIndex((cell) => cell.trim() === column);
  if (index < 0) return [];
  const seen = new Map<string, string>();
  for (const row of preview.rows) {
    const value = row[index]?.trim() ?? '';
    if (value === '' || seen.has(normalizeName(value))) continue;
    seen.set(normalizeName(value), value);
    if (seen.size >= limit) break;
  }
  return [...seen.values()];
}

export interface ValueRow<T extends string> {
  value: string;
  /** What the value imports as now: the mapping's entry, else the built-in name. */
  current: T | undefined;
  /** What it would be without an entry of the mapping. */
  builtIn: T | undefined;
}

/** Stage values to show: the mapping's own entries, then the sample's other values. */
export function stageRows(mapping: ImportMapping, sample: readonly string[]): ValueRow<LeadStage>[] {
  return valueRows(
    mapping.stageValues.map((entry) => entry.value),
    sample,
    (value) => stageFor(value, mapping),
    (value) => stageFor(value, { stageValues: [] }),
  );
}

/** Activity types to show, as {@link stageRows}. */
export function eventRows(mapping: ImportMapping, sample: readonly string[]): ValueRow<EventType>[] {
  return valueRows(
    mapping.eventValues.map((entry) => entry.value),
    sample,
    (value) => eventTypeFor(value, mapping)?.type,
    (value) => eventTypeFor(value, { eventValues: [] })?.type,
  );
}

function valueRows<T extends string>(
  own: readonly string[],
  sample: readonly string[],
  current: (value: string) => T | undefined,
  builtIn: (value: string) => T | undefined,
): ValueRow<T>[] {
  const rows = new Map<string, ValueRow<T>>();
  for (const value of [...own, ...sample]) {
    const key = normalizeName(value);
    if (rows.has(key)) continue;
    rows.set(key, { value, current: current(value), builtIn: builtIn(value) });
  }
  return [...rows.values()];
}

/** The mapping with `value` imported as `stage`; an entry only where it differs from the built-in name. */
export function withStageValue(mapping: ImportMapping, value: string, stage: LeadStage | undefined): ImportMapping {
  const key = normalizeName(value);
  const rest = mapping.stageValues.filter((entry) => normalizeName(entry.value) !== key);
  const builtIn = stageFor(value, { stageValues: [] });
  return { ...mapping, stageValues: stage && stage !== builtIn ? [...rest, { value, stage }] : rest };
}

/** The mapping with activity `value` recorded as `type`, as {@link withStageValue}. */
export function withEventValue(mapping: ImportMapping, value: string, type: EventType | undefined): ImportMapping {
  const key = normalizeName(value);
  const previous = mapping.eventValues.find((entry) => normalizeName(entry.value) === key);
  const rest = mapping.eventValues.filter((entry) => normalizeName(entry.value) !== key);
  const builtIn = eventTypeFor(value, { eventValues: [] })?.type;
  if (!type || type === builtIn) return { ...mapping, eventValues: rest };
  // A page category the entry had (from storage) stays while its type does.
  const pageCategory = previous?.type === type ? previous.pageCategory : undefined;
  return { ...mapping, eventValues: [...rest, { value, type, ...(pageCategory ? { pageCategory } : {}) }] };
}

export interface SavedMapping {
  source: string;
  mapping: ImportMapping;
  updatedAt: number;
}

/**
 * The saved mapping made for files like this one: every column it maps is in the header
 * (compared as the importer compares them). Of several, the one mapping the most columns,
 * then the newest.
 */
export function matchSavedMapping(header: readonly string[], saved: readonly SavedMapping[]): SavedMapping | undefined {
  const names = new Set(header.map(normalizeName));
  let best: SavedMapping | undefined;
  for (const candidate of saved) {
    const columns = candidate.mapping.columns;
    if (columns.length === 0 || !columns.every((entry) => names.has(normalizeName(entry.column)))) continue;
    if (
      !best ||
      columns.length > best.mapping.columns.length ||
      (columns.length === best.mapping.columns.length && candidate.updatedAt > best.updatedAt)
    ) {
      best = candidate;
    }
  }
  return best;
}

/**
 * A saved mapping applied to a header as it was saved: its columns (renamed to the header's
 * own spelling, in the file's order) and nothing else. Not `suggestMapping(header, { saved })`,
 * which fills the columns the rep chose to leave out from the preset again.
 */
export function applySavedMapping(header: readonly string[], saved: ImportMapping): ImportMapping {
  const fields = new Map(saved.columns.map((entry) => [normalizeName(entry.column), entry.field]));
  const columns = mappableColumns(header).flatMap((column) => {
    const field = fields.get(normalizeName(column));
    if (field === undefined) return [];
    fields.delete(normalizeName(column));
    return [{ column, field }];
  });
  return { ...saved, columns };
}

/** The name a mapping is offered to be saved under: the CRM's export, or the file's name. */
export function defaultSourceName(preset: PresetId | undefined, fileName: string): string {
  if (preset) return PRESETS[preset].label;
  const base = fileName.replace(/\.[^.]*$/, '').trim();
  return (base || 'CSV import').slice(0, 100);
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'vertical bar' };

/** A delimiter in words ("semicolon"); an unusual one quoted. */
export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? `"${delimiter}"`;
}

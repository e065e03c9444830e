import type * as z from 'zod';
import { FRAMEWORK_DEFINITIONS } from '../../lib/domain/frameworks';
import { REJECTION_REASONS } from '../../lib/domain/reasons';
import { type Settings, SettingsSchema } from '../../lib/domain/settings';
import { describeIssues } from '../../lib/domain/validation';

/** One problem with the draft: the dotted settings path (as `ValidationError` gives it) and what is wrong. */
export interface Issue {
  path: string;
  message: string;
}

/** Every problem `SettingsSchema` finds in `draft`, with dotted paths; none when it is valid. */
export function settingsIssues(draft: unknown): Issue[] {
  const result = SettingsSchema.safeParse(draft);
  return result.success ? [] : describeIssues(result.error);
}

/** Issues of a zod error, path-joined: for the settings file. */
export function issuesOf(error: z.ZodError): Issue[] {
  return describeIssues(error);
}

/**
 * The element id of the control editing `path`: error links and "focus the first invalid
 * field" find fields by it. Dots become dashes; the rest of a path (codes, indexes) is
 * already id-safe.
 */
export function fieldId(path: string): string {
  return `field-${path.replaceAll('.', '-')}`;
}

/**
 * The first issue at `path` or below it: a list field shows the error of one of its items
 * (`companyDomains.2`), a rule row's params field the error of one keyword.
 */
export function errorAt(issues: readonly Issue[], path: string): string | undefined {
  const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
  return issue && humanMessage(issue.message);
}

/** Only the issue exactly at `path` (a rule as a whole, the rules list itself). */
export function errorExactlyAt(issues: readonly Issue[], path: string): string | undefined {
  const issue = issues.find((i) => i.path === path);
  return issue && humanMessage(issue.message);
}

/** Zod's generic wording, said the way a rep would understand it; our own messages pass unchanged. */
export function humanMessage(message: string): string {
  if (/^Invalid input: expected number, received (NaN|undefined|string)/.test(message)) return 'Enter a number';
  if (/^Invalid input: expected string, received undefined/.test(message)) return 'Required';
  if (/^Invalid input: expected int/.test(message)) return 'Enter a whole number';
  const small = /^Too small: expected (number|array|string) to (?:be|have) (>=?)(\d+)/.exec(message);
  if (small) {
    const [, kind, op, n] = small;
    if (kind === 'number') return op === '>=' ? `Must be at least ${n}` : `Must be above ${n}`;
    if (kind === 'array') return n === '1' ? 'Add at least one' : `Add at least ${n}`;
    return n === '1' ? 'Required' : `At least ${n} characters`;
  }
  const big = /^Too big: expected (number|array|string) to (?:be|have) <=(\d+)/.exec(message);
  if (big) {
    const [, kind, n] = big;
    if (kind === 'number') return `Must be at most ${n}`;
    if (kind === 'array') return `At most ${n} items`;
    return `Too long: at most ${n} characters`;
  }
  if (/^Invalid ISO date/.test(message)) return 'Not a date (YYYY-MM-DD)';
  const unknownKey = /^Unrecognized keys?: (.*)$/.exec(message);
  if (unknownKey) return `Unknown name ${unknownKey[1]}`;
  const option = /^Invalid option: expected one of (.*)$/.exec(message);
  if (option) return `Not one of the choices (${option[1]})`;
  return message;
}

const TOP_LABELS: Readonly<Record<string, string>> = {
  version: 'Settings version',
  framework: 'Qualification framework',
  'sqlCriteria.blockOnFailed': 'Failed criterion blocks acceptance',
  'sla.firstTouchBusinessHours': 'First touch within (business hours)',
  'sla.highIntentBusinessHours': 'High-intent first touch within (business hours)',
  'sla.verdictBusinessDays': 'Verdict within (business days)',
  'sla.calendar.timeZone': 'Time zone',
  'sla.calendar.workdays': 'Workdays',
  'sla.calendar.dayStart': 'Working day starts',
  'sla.calendar.dayEnd': 'Working day ends',
  'sla.calendar.holidays': 'Holidays',
  'rep.name': 'Your name',
  'rep.email': 'Your email',
  companyDomains: 'Company domains',
  captureEngagement: 'Captured engagement',
  captureTouches: 'Touches logged from the page',
  'crm.hubspotPortalId': 'HubSpot portal id',
  'crm.salesforceInstanceUrl': 'Salesforce address',
  'scoringModel.name': 'Model name',
  'scoringModel.id': 'Model id',
  'scoringModel.version': 'Model version',
  'scoringModel.threshold': 'MQL threshold',
  'scoringModel.decay.halfLifeDays': 'Decay half-life (days)',
  'scoringModel.mqlNeeds.fit': 'Fit points an MQL needs',
  'scoringModel.mqlNeeds.behavior': 'Behaviour points an MQL needs',
  'scoringModel.rules': 'Scoring rules',
};

export const RULE_FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'Id',
  label: 'Label',
  kind: 'Kind',
  points: 'Points',
  min: 'Minimum employees',
  max: 'Maximum employees',
  seniorities: 'Seniorities',
  keywords: 'Title keywords',
  industries: 'Industries',
  countries: 'Countries',
  domains: 'Competitor domains',
  eventType: 'Event',
  pageCategory: 'Page',
  minCount: 'At least (times)',
  withinDays: 'Within (days)',
  groupBy: 'Counted per',
};

/**
 * A settings path in words, for the save alert and the import error: "Scoring rule 4
 * (Visited the pricing page): Points". Unknown paths come back as they are, which still
 * names the field.
 */
export function describePath(path: string, settings?: Pick<Settings, 'scoringModel'>): string {
  const parts = path.split('.');
  const [top, second, third, fourth] = parts;
  if (top === 'scoringModel' && second === 'rules' && third !== undefined && /^\d+$/.test(third)) {
    const index = Number(third);
    const rule = settings?.scoringModel.rules[index];
    const name = rule?.label ? ` (${rule.label})` : '';
    const field = fourth === undefined ? '' : `: ${RULE_FIELD_LABELS[fourth] ?? fourth}`;
    return `Scoring rule ${index + 1}${name}${field}`;
  }
  for (let end = parts.length; end > 0; end -= 1) {
    const label = TOP_LABELS[parts.slice(0, end).join('.')];
    if (label) return label;
  }
  if (top === 'sqlCriteria' && second === 'requirements' && third !== undefined && third in FRAMEWORK_DEFINITIONS) {
    return `SQL bar (${FRAMEWORK_DEFINITIONS[third as keyof typeof FRAMEWORK_DEFINITIONS].label})`;
  }
  if (top === 'reasonLabels' && second !== undefined) {
    const reason = REJECTION_REASONS.find((r) => r.code === second);
    return reason ? `Label of rejection reason "${reason.label}" (${reason.code})` : `Rejection reason "${second}"`;
  }
  if (top === 'reasonLabels') return 'Rejection reason labels';
  return path || 'Settings';
}

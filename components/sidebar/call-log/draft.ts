import type { NewActivity } from '../../../lib/db';
import { allowsOutcome } from '../../../lib/domain/activity-outcomes';
import type { ActivityKind, ActivityOutcome, CriterionStatus } from '../../../lib/domain/enums';
import type { CriterionDefinition } from '../../../lib/domain/frameworks';
import type { ValidationError } from '../../../lib/domain/validation';
import { wallTimeToInstant } from '../../../lib/sla';
import { humanMessage } from '../lead-draft';

/**
 * The call log's form as typed, and what becomes of it: the checks the schema cannot make,
 * the touch to store, and the store's refusals mapped back onto fields. No React here.
 */

export const MAX_MINUTES = 24 * 60;

/** Only a conversation has a length worth logging. */
const TIMED: ReadonlySet<ActivityKind> = new Set(['call', 'meeting']);
export const isTimed = (kind: ActivityKind): boolean => TIMED.has(kind);

export interface Change {
  status: CriterionStatus | '';
  evidence: string;
}

export interface Draft {
  kind: ActivityKind;
  /** Empty until the rep picks one: a default would log a forgotten no-answer as "connected". */
  outcome: ActivityOutcome | '';
  minutes: string;
  notes: string;
  /** By criterion key; a missing entry or an empty status is "no change". */
  changes: Record<string, Change>;
  action: string;
  /** A `datetime-local` value, read in the rep's zone. */
  due: string;
}

/** A draft whose outcome is chosen: what {@link activityFromDraft} takes. */
export type ReadyDraft = Draft & { outcome: ActivityOutcome };

export const EMPTY_DRAFT: Draft = {
  kind: 'call',
  outcome: '',
  minutes: '',
  notes: '',
  changes: {},
  action: '',
  due: '',
};

/** Field keys: the fixed ones, and `status:<criterion>` / `evidence:<criterion>`. */
export type Errors = Partial<Record<string, string>>;

/** The fields folded behind "Add a next step". */
export const NEXT_STEP_FIELDS: ReadonlySet<string> = new Set(['action', 'due']);
/** Whether a field is one of the checklist changes, folded behind "Update the checklist". */
export const isChecklistField = (field: string): boolean => /^(status|evidence):/.test(field);

/** Each field's label, by field key, for the form and its error summary. */
export function fieldLabels(criteria: readonly CriterionDefinition[]): Record<string, string> {
  const labels: Record<string, string> = {
    kind: 'Kind',
    outcome: 'Outcome',
    minutes: 'Duration (minutes)',
    notes: 'Notes',
    action: 'Next step',
    due: 'Due',
  };
  for (const c of criteria) {
    labels[`status:${c.key}`] = c.label;
    labels[`evidence:${c.key}`] = `Evidence for ${c.label}`;
  }
  return labels;
}

/** The fields in form order: the error summary names them, and focus goes to the first, in this order. */
export function fieldOrder(criteria: readonly CriterionDefinition[]): string[] {
  return [
    'kind',
    'outcome',
    'minutes',
    'notes',
    ...criteria.flatMap((c) => [`status:${c.key}`, `evidence:${c.key}`]),
    'action',
    'due',
  ];
}

/** A new kind keeps the chosen outcome when it allows it; otherwise the rep chooses again. */
export function withKind(draft: Draft, kind: ActivityKind): Draft {
  const keep = draft.outcome !== '' && allowsOutcome(kind, draft.outcome);
  return { ...draft, kind, outcome: keep ? draft.outcome : '' };
}

/** The criteria given a new status, in form order. */
export function changedCriteria(draft: Draft, criteria: readonly CriterionDefinition[]): string[] {
  return criteria.map((c) => c.key).filter((key) => draft.changes[key]?.status);
}

/** Whether the next step holds anything typed (folded, it is still logged). */
export const hasNextStep = (draft: Draft): boolean => draft.action.trim() !== '' || draft.due !== '';

/** What the schema cannot say: no outcome chosen, a pair half filled, a duration that is not a number of minutes. */
export function checkDraft(draft: Draft, badMinutes: boolean): Errors {
  const errors: Errors = {};
  if (draft.outcome === '') errors.outcome = 'Choose how the touch went';
  const minutes = Number(draft.minutes);
  if (isTimed(draft.kind) && (badMinutes || (draft.minutes !== '' && !(minutes >= 0 && minutes <= MAX_MINUTES)))) {
    errors.minutes = `A number of minutes from 0 to ${MAX_MINUTES}, or empty`;
  }
  const hasAction = draft.action.trim() !== '';
  const hasDue = draft.due !== '';
  if (hasAction && !hasDue) errors.due = 'A next step needs a due date (or clear the next step)';
  if (hasDue && !hasAction) errors.action = 'Say what the next step is (or clear the due date)';
  return errors;
}

export interface Context {
  leadId: string;
  at: number;
  by: string;
  timeZone: string;
}

/** The touch to log; `changed` lists the criteria with a new status, in form order. */
export function activityFromDraft(draft: ReadyDraft, changed: readonly string[], ctx: Context): NewActivity {
  const timed = isTimed(draft.kind) && draft.minutes !== '';
  const action = draft.action.trim();
  return {
    leadId: ctx.leadId,
    kind: draft.kind,
    outcome: draft.outcome,
    ...(timed ? { durationSeconds: Math.round(Number(draft.minutes) * 60) } : {}),
    notes: draft.notes,
    criteriaUpdates: changed.map((key) => {
      const change = draft.changes[key] ?? { status: 'unknown', evidence: '' };
      return { criterion: key, status: change.status || 'unknown', evidence: change.evidence };
    }),
    ...(action !== '' && draft.due !== ''
      ? { nextStep: { action, dueAt: wallTimeToInstant(draft.due, ctx.timeZone) } }
      : {}),
    occurredAt: ctx.at,
    loggedBy: ctx.by,
  };
}

const PATH_FIELDS: Readonly<Record<string, string>> = {
  kind: 'kind',
  outcome: 'outcome',
  durationSeconds: 'minutes',
  notes: 'notes',
  nextStep: 'action',
  'nextStep.action': 'action',
  'nextStep.dueAt': 'due',
};

/** The schema's word on each field (the first issue per field), in the rep's terms. */
export function fieldErrors(error: ValidationError, draft: Draft, changed: readonly string[]): Errors {
  const errors: Errors = {};
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path, changed);
    if (field === undefined || errors[field] !== undefined) continue;
    errors[field] = humanMessage(issue.message, typedValue(draft, field));
  }
  return errors;
}

/**
 * `criteriaUpdates.<i>…` is the i-th changed criterion; `criteria.<key>…` comes from the
 * checklist the updates land on (through the background it arrives as an activity error).
 */
function fieldOfPath(path: string, changed: readonly string[]): string | undefined {
  const update = /^criteriaUpdates\.(\d+)(?:\.(\w+))?/.exec(path);
  if (update) {
    const key = changed[Number(update[1])];
    if (key === undefined) return undefined;
    return update[2] === 'evidence' ? `evidence:${key}` : `status:${key}`;
  }
  const criterion = /^criteria\.([^.]+)/.exec(path);
  if (criterion) return `status:${criterion[1]}`;
  return PATH_FIELDS[path];
}

/** What the rep typed in a field, so an empty one reads "Required" rather than the schema's words. */
export function typedValue(draft: Draft, field: string): string {
  const [kind, key = ''] = field.split(':');
  if (kind === 'status') return draft.changes[key]?.status ?? '';
  if (kind === 'evidence') return draft.changes[key]?.evidence ?? '';
  const value = draft[field as keyof Draft];
  return typeof value === 'string' ? value : '';
}

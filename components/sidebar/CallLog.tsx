import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import type { NewActivity } from '../../lib/db';
import type { Activity } from '../../lib/domain/activity';
import { allowsOutcome, outcomesFor } from '../../lib/domain/activity-outcomes';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivityOutcome,
  CRITERION_STATUSES,
  type CriterionStatus,
} from '../../lib/domain/enums';
import { FRAMEWORK_DEFINITIONS } from '../../lib/domain/frameworks';
import type { Lead } from '../../lib/domain/lead';
import { ValidationError } from '../../lib/domain/validation';
import { actorOf } from '../../lib/sidebar/data';
import { wallTimeToInstant } from '../../lib/sla';
import { useLive, useSidebarData } from './data';
import { formatDuration, useFormat } from './format';
import { STATUS_LABELS } from './labels';
import { humanMessage } from './lead-draft';
import { useNow } from './useNow';
import './call-log.css';

export interface CallLogProps {
  lead: Lead;
  now: () => number;
  /** The zone a typed due date is read in; by default the sidebar's display zone (`useFormat().timeZone`). */
  timeZone?: string;
}

const MAX_MINUTES = 24 * 60;

const KIND_LABELS: Record<ActivityKind, string> = {
  call: 'Call',
  email: 'Email',
  linkedin_message: 'LinkedIn message',
  meeting: 'Meeting',
};

const OUTCOME_LABELS: Record<ActivityOutcome, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  meeting_booked: 'Meeting booked',
  not_interested: 'Not interested',
  wrong_contact: 'Wrong contact',
  sent: 'Sent',
  replied: 'Replied',
};

/** Only a conversation has a length worth logging. */
const TIMED: ReadonlySet<ActivityKind> = new Set(['call', 'meeting']);

interface Change {
  status: CriterionStatus | '';
  evidence: string;
}

interface Draft {
  kind: ActivityKind;
  outcome: ActivityOutcome;
  minutes: string;
  notes: string;
  /** By criterion key; a missing entry or an empty status is "no change". */
  changes: Record<string, Change>;
  action: string;
  /** A `datetime-local` value, read in the rep's zone. */
  due: string;
}

const EMPTY_DRAFT: Draft = {
  kind: 'call',
  outcome: 'connected',
  minutes: '',
  notes: '',
  changes: {},
  action: '',
  due: '',
};

/** Field keys: the fixed ones, and `status:<criterion>` / `evidence:<criterion>`. */
type Errors = Partial<Record<string, string>>;
type Status = { kind: 'editing' } | { kind: 'saving' } | { kind: 'logged' } | { kind: 'failed'; message: string };

const PATH_FIELDS: Readonly<Record<string, string>> = {
  kind: 'kind',
  outcome: 'outcome',
  durationSeconds: 'minutes',
  notes: 'notes',
  nextStep: 'action',
  'nextStep.action': 'action',
  'nextStep.dueAt': 'due',
};

/**
 * The call log: a form to log a touch (above all the discovery call, with the checklist
 * changes it brought and the next step), and the lead's touches newest first. The
 * background stores the touch, its checklist changes and the first-touch time together;
 * the list and the current statuses update from the live data.
 */
export function CallLog({ lead, now, timeZone }: CallLogProps) {
  const id = useId();
  const data = useSidebarData();
  const format = useFormat();
  const time = useNow(now);
  const settings = useLive(['settings'], (d) => d.settings());
  const qualification = useLive(['qualification', lead.id], (d) => d.qualification(lead.id));
  const activities = useLive(['activities', lead.id], (d) => d.activities(lead.id));
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const controls = useRef<Partial<Record<string, HTMLElement | null>>>({});

  if (settings === undefined || qualification === undefined) {
    return (
      <section className="card call-log" aria-label="Call log" aria-busy="true">
        <p>Loading the call log…</p>
      </section>
    );
  }

  // Changes land on the stored checklist, in its framework; the settings' one starts a new checklist.
  const framework = FRAMEWORK_DEFINITIONS[qualification?.framework ?? settings.framework];
  const criteria = framework.criteria;
  const timed = TIMED.has(draft.kind);
  const loggedBy = actorOf(settings);
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
  const order = [
    'kind',
    'outcome',
    'minutes',
    'notes',
    ...criteria.flatMap((c) => [`status:${c.key}`, `evidence:${c.key}`]),
    'action',
    'due',
  ];

  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const updateChange = (key: string, patch: Partial<Change>) =>
    setDraft((current) => {
      const change = current.changes[key] ?? { status: '', evidence: '' };
      return { ...current, changes: { ...current.changes, [key]: { ...change, ...patch } } };
    });

  function refuse(found: Errors, fallback: string) {
    const invalid = order.filter((field) => found[field] !== undefined);
    setErrors(found);
    setStatus({
      kind: 'failed',
      message: invalid.length > 0 ? `Not logged. Check ${invalid.map((f) => labels[f]).join(', ')}.` : fallback,
    });
    const first = invalid[0];
    if (first) controls.current[first]?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status.kind === 'saving') return;
    const badMinutes = (controls.current.minutes as HTMLInputElement | null | undefined)?.validity.badInput ?? false;
    const found = checkDraft(draft, timed && badMinutes);
    if (Object.keys(found).length > 0) return refuse(found, 'Not logged.');
    const changed = criteria.map((c) => c.key).filter((key) => draft.changes[key]?.status);
    setStatus({ kind: 'saving' });
    try {
      await data.logActivity(
        activityFromDraft(draft, changed, {
          leadId: lead.id,
          at: now(),
          by: loggedBy,
          timeZone: timeZone ?? format.timeZone,
        }),
      );
      setDraft(EMPTY_DRAFT);
      setErrors({});
      setStatus({ kind: 'logged' });
    } catch (error) {
      if (error instanceof ValidationError) {
        refuse(fieldErrors(error, draft, changed), `Not logged: ${error.message}`);
      } else {
        setErrors({});
        setStatus({
          kind: 'failed',
          message: `Could not log the touch: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }

  function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  /** What every control gets: its id, its error state, what describes it, and a ref to focus it. */
  const control = (field: string, hint?: boolean) => {
    const described = [errors[field] !== undefined && `${id}-${field}-error`, hint && `${id}-${field}-hint`]
      .filter(Boolean)
      .join(' ');
    return {
      id: `${id}-${field}`,
      'aria-invalid': errors[field] !== undefined,
      'aria-describedby': described || undefined,
      ref: (element: HTMLElement | null) => {
        controls.current[field] = element;
      },
    };
  };
  const label = (field: string) => <label htmlFor={`${id}-${field}`}>{labels[field]}</label>;
  const fieldError = (field: string) =>
    errors[field] !== undefined && (
      <p id={`${id}-${field}-error`} className="field-error">
        {labels[field]}: {errors[field]}
      </p>
    );

  return (
    <section className="card call-log" aria-label="Call log">
      <form aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate>
        <h3 id={`${id}-heading`}>Log a touch</h3>
        <div className="call-log-row">
          <div className="field">
            {label('kind')}
            <select
              {...control('kind')}
              value={draft.kind}
              onChange={(e) => {
                const kind = e.target.value as ActivityKind;
                // Keep the chosen outcome when the new kind allows it, else the kind's usual one.
                const outcome = allowsOutcome(kind, draft.outcome) ? draft.outcome : outcomesFor(kind)[0];
                update({ kind, outcome: outcome ?? draft.outcome });
              }}
            >
              {ACTIVITY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            {fieldError('kind')}
          </div>
          <div className="field">
            {label('outcome')}
            <select
              {...control('outcome')}
              value={draft.outcome}
              onChange={(e) => update({ outcome: e.target.value as ActivityOutcome })}
            >
              {outcomesFor(draft.kind).map((outcome) => (
                <option key={outcome} value={outcome}>
                  {OUTCOME_LABELS[outcome]}
                </option>
              ))}
            </select>
            {fieldError('outcome')}
          </div>
        </div>
        {timed && (
          <div className="field">
            {label('minutes')}
            <input
              {...control('minutes')}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_MINUTES}
              step={1}
              value={draft.minutes}
              onChange={(e) => update({ minutes: e.target.value })}
            />
            {fieldError('minutes')}
          </div>
        )}
        <div className="field">
          {label('notes')}
          <textarea
            {...control('notes', true)}
            rows={4}
            value={draft.notes}
            onChange={(e) => update({ notes: e.target.value })}
            onKeyDown={submitOnCtrlEnter}
          />
          {fieldError('notes')}
          <p id={`${id}-notes-hint`} className="hint">
            Ctrl+Enter (⌘+Enter on a Mac) logs the touch.
          </p>
        </div>
        <fieldset className="call-log-criteria">
          <legend>Checklist updates made during this {draft.kind === 'call' ? 'call' : 'touch'}</legend>
          {criteria.map((criterion) => {
            const statusField = `status:${criterion.key}`;
            const evidenceField = `evidence:${criterion.key}`;
            const change = draft.changes[criterion.key];
            const current = qualification?.criteria[criterion.key]?.status ?? 'unknown';
            return (
              <div className="criterion-change" key={criterion.key}>
                <div className="field">
                  {label(statusField)}
                  <select
                    {...control(statusField)}
                    value={change?.status ?? ''}
                    onChange={(e) => updateChange(criterion.key, { status: e.target.value as CriterionStatus | '' })}
                  >
                    <option value="">No change (now {STATUS_LABELS[current].toLowerCase()})</option>
                    {CRITERION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                  {fieldError(statusField)}
                </div>
                {change?.status && (
                  <div className="field">
                    {label(evidenceField)}
                    <input
                      {...control(evidenceField)}
                      type="text"
                      autoComplete="off"
                      value={change.evidence}
                      onChange={(e) => updateChange(criterion.key, { evidence: e.target.value })}
                    />
                    {fieldError(evidenceField)}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
        <div className="field">
          {label('action')}
          <input
            {...control('action')}
            type="text"
            autoComplete="off"
            value={draft.action}
            onChange={(e) => update({ action: e.target.value })}
          />
          {fieldError('action')}
        </div>
        <div className="field">
          {label('due')}
          <input
            {...control('due', true)}
            type="datetime-local"
            value={draft.due}
            onChange={(e) => update({ due: e.target.value })}
          />
          {fieldError('due')}
          <p id={`${id}-due-hint`} className="hint">
            Give the next step and its due date together, or neither.
          </p>
        </div>
        {status.kind === 'failed' && (
          <p role="alert" className="error">
            {status.message}
          </p>
        )}
        <div className="call-log-actions">
          <button type="submit" aria-disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? 'Logging…' : 'Log touch'}
          </button>
          <p role="status" className="call-log-status">
            {status.kind === 'logged' ? 'Logged' : ''}
          </p>
        </div>
      </form>

      <h4 id={`${id}-touches`}>Touches</h4>
      {activities === undefined ? (
        <p aria-busy="true">Loading touches…</p>
      ) : activities.length === 0 ? (
        <p className="muted">No touches logged yet.</p>
      ) : (
        <ol className="touches" aria-labelledby={`${id}-touches`}>
          {activities.map((activity) => (
            <Touch key={activity.id} activity={activity} now={time} formatAt={format.dateTime} />
          ))}
        </ol>
      )}
    </section>
  );
}

interface TouchProps {
  activity: Activity;
  now: number;
  formatAt: (at: number) => string;
}

/** One logged touch; everything typed is rendered as text. */
function Touch({ activity, now, formatAt }: TouchProps) {
  const { nextStep } = activity;
  const overdue = nextStep !== undefined && nextStep.dueAt < now;
  return (
    <li className="touch">
      <p className="touch-head">
        <strong>{KIND_LABELS[activity.kind]}</strong> · {OUTCOME_LABELS[activity.outcome]}
        {activity.durationSeconds !== undefined && ` · ${formatDuration(activity.durationSeconds * 1000)}`}
      </p>
      <p className="touch-time">
        <time dateTime={new Date(activity.occurredAt).toISOString()}>{formatAt(activity.occurredAt)}</time>
      </p>
      {activity.notes !== '' && <p className="touch-notes">{activity.notes}</p>}
      {activity.criteriaUpdates.length > 0 && (
        <ul className="touch-updates" aria-label="Checklist updates">
          {activity.criteriaUpdates.map((u) => (
            <li key={u.criterion}>
              {criterionLabel(u.criterion)}: {STATUS_LABELS[u.status]}
              {u.evidence !== '' && ` (${u.evidence})`}
            </li>
          ))}
        </ul>
      )}
      {nextStep && (
        <p className={overdue ? 'next-step next-step-overdue' : 'next-step'}>
          Next step: {nextStep.action}, due {formatAt(nextStep.dueAt)}
          {overdue && <span className="badge badge-overdue">Overdue</span>}
        </p>
      )}
    </li>
  );
}

/** A stored touch does not say its framework; criterion keys mean the same wherever they recur. */
function criterionLabel(key: string): string {
  for (const framework of Object.values(FRAMEWORK_DEFINITIONS)) {
    const found = framework.criteria.find((c) => c.key === key);
    if (found) return found.label;
  }
  return key;
}

/** What the schema cannot say: a pair half filled, a duration that is not a number of minutes. */
function checkDraft(draft: Draft, badMinutes: boolean): Errors {
  const errors: Errors = {};
  const minutes = Number(draft.minutes);
  if (TIMED.has(draft.kind) && (badMinutes || (draft.minutes !== '' && !(minutes >= 0 && minutes <= MAX_MINUTES)))) {
    errors.minutes = `A number of minutes from 0 to ${MAX_MINUTES}, or empty`;
  }
  const hasAction = draft.action.trim() !== '';
  const hasDue = draft.due !== '';
  if (hasAction && !hasDue) errors.due = 'A next step needs a due date (or clear the next step)';
  if (hasDue && !hasAction) errors.action = 'Say what the next step is (or clear the due date)';
  return errors;
}

interface Context {
  leadId: string;
  at: number;
  by: string;
  timeZone: string;
}

/** The touch to log; `changed` lists the criteria with a new status, in form order. */
function activityFromDraft(draft: Draft, changed: readonly string[], ctx: Context): NewActivity {
  const timed = TIMED.has(draft.kind) && draft.minutes !== '';
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

/** The schema's word on each field (the first issue per field), in the rep's terms. */
function fieldErrors(error: ValidationError, draft: Draft, changed: readonly string[]): Errors {
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

function typedValue(draft: Draft, field: string): string {
  const [kind, key = ''] = field.split(':');
  if (kind === 'status') return draft.changes[key]?.status ?? '';
  if (kind === 'evidence') return draft.changes[key]?.evidence ?? '';
  const value = draft[field as keyof Draft];
  return typeof value === 'string' ? value : '';
}

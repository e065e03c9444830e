import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { outcomesFor } from '../../../lib/domain/activity-outcomes';
import { ACTIVITY_KINDS, type ActivityKind, type ActivityOutcome, CRITERION_STATUSES } from '../../../lib/domain/enums';
import type { CriterionDefinition } from '../../../lib/domain/frameworks';
import type { Qualification } from '../../../lib/domain/qualification';
import { ValidationError } from '../../../lib/domain/validation';
import { STATUS_LABELS } from '../labels';
import {
  type Change,
  changedCriteria,
  checkDraft,
  type Draft,
  EMPTY_DRAFT,
  type Errors,
  fieldErrors,
  fieldLabels,
  fieldOrder,
  hasNextStep,
  isChecklistField,
  isTimed,
  MAX_MINUTES,
  NEXT_STEP_FIELDS,
  type ReadyDraft,
  withKind,
} from './draft';
import { useFields } from './fields';
import { KIND_LABELS, OUTCOME_LABELS } from './labels';
import './touch-form.css';

export interface TouchFormProps {
  /** The criteria of the checklist the changes land on. */
  criteria: readonly CriterionDefinition[];
  /** The stored checklist, for each criterion's current status ("No change (now partial)"). */
  qualification: Qualification | null;
  /** Stores the touch built from a ready draft; a ValidationError is shown on its fields. */
  onLog: (draft: ReadyDraft, changed: readonly string[]) => Promise<unknown>;
}

type Status = { kind: 'editing' } | { kind: 'saving' } | { kind: 'logged' } | { kind: 'failed'; message: string };

/**
 * "Log a touch", compact: kind, outcome (chosen, never defaulted), duration for a
 * conversation, notes. The checklist changes and the next step fold behind one toggle each;
 * folded, what they hold is still logged, and the toggle says so.
 */
export function TouchForm({ criteria, qualification, onLog }: TouchFormProps) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const [checklistOpen, setChecklistOpen] = useState(false);
  const [nextStepOpen, setNextStepOpen] = useState(false);
  const labels = fieldLabels(criteria);
  const fields = useFields(labels, errors);
  const { id, control, label, error, hint } = fields;
  const timed = isTimed(draft.kind);
  const changed = changedCriteria(draft, criteria);

  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const updateChange = (key: string, patch: Partial<Change>) =>
    setDraft((current) => {
      const change = current.changes[key] ?? { status: '', evidence: '' };
      return { ...current, changes: { ...current.changes, [key]: { ...change, ...patch } } };
    });

  function refuse(found: Errors, fallback: string) {
    const invalid = fieldOrder(criteria).filter((field) => found[field] !== undefined);
    setErrors(found);
    setStatus({
      kind: 'failed',
      message: invalid.length > 0 ? `Not logged. Check ${invalid.map((f) => labels[f]).join(', ')}.` : fallback,
    });
    // A refused field is never left folded away.
    if (invalid.some(isChecklistField)) setChecklistOpen(true);
    if (invalid.some((f) => NEXT_STEP_FIELDS.has(f))) setNextStepOpen(true);
    const first = invalid[0];
    if (first) fields.focus(first);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status.kind === 'saving') return;
    const badMinutes = (fields.element('minutes') as HTMLInputElement | null | undefined)?.validity.badInput ?? false;
    const found = checkDraft(draft, timed && badMinutes);
    const { outcome } = draft;
    if (outcome === '' || Object.keys(found).length > 0) return refuse(found, 'Not logged.');
    setStatus({ kind: 'saving' });
    try {
      await onLog({ ...draft, outcome }, changed);
      setDraft(EMPTY_DRAFT);
      setErrors({});
      setStatus({ kind: 'logged' });
    } catch (e) {
      if (e instanceof ValidationError) {
        refuse(fieldErrors(e, draft, changed), `Not logged: ${e.message}`);
      } else {
        setErrors({});
        setStatus({
          kind: 'failed',
          message: `Could not log the touch: ${e instanceof Error ? e.message : String(e)}`,
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

  const checklistId = `${id}-checklist`;
  const nextStepId = `${id}-next-step`;
  return (
    <form className="touch-form" aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate>
      <h3 id={`${id}-heading`}>Log a touch</h3>
      <div className="call-log-row">
        <div className="field">
          {label('kind')}
          <select
            {...control('kind')}
            value={draft.kind}
            onChange={(e) => setDraft((current) => withKind(current, e.target.value as ActivityKind))}
          >
            {ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
          {error('kind')}
        </div>
        <div className="field">
          {label('outcome')}
          <select
            {...control('outcome')}
            value={draft.outcome}
            onChange={(e) => update({ outcome: e.target.value as ActivityOutcome })}
          >
            <option value="" disabled>
              Choose an outcome
            </option>
            {outcomesFor(draft.kind).map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </select>
          {error('outcome')}
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
          {error('minutes')}
        </div>
      )}
      <div className="field">
        {label('notes')}
        <textarea
          {...control('notes', true)}
          rows={3}
          value={draft.notes}
          onChange={(e) => update({ notes: e.target.value })}
          onKeyDown={submitOnCtrlEnter}
        />
        {error('notes')}
        {hint('notes', 'Ctrl+Enter (⌘+Enter on a Mac) logs the touch.')}
      </div>

      <button
        type="button"
        className="touch-form-toggle"
        aria-expanded={checklistOpen}
        aria-controls={checklistId}
        onClick={() => setChecklistOpen(!checklistOpen)}
      >
        Update the checklist ({criteria.length}){changed.length > 0 && ` · ${count(changed.length, 'change')}`}
      </button>
      <div id={checklistId} hidden={!checklistOpen}>
        {checklistOpen && (
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
                      onChange={(e) => updateChange(criterion.key, { status: e.target.value as Change['status'] })}
                    >
                      <option value="">No change (now {STATUS_LABELS[current].toLowerCase()})</option>
                      {CRITERION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {STATUS_LABELS[s]}
                        </option>
                      ))}
                    </select>
                    {error(statusField)}
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
                      {error(evidenceField)}
                    </div>
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
      </div>

      <button
        type="button"
        className="touch-form-toggle"
        aria-expanded={nextStepOpen}
        aria-controls={nextStepId}
        onClick={() => setNextStepOpen(!nextStepOpen)}
      >
        Add a next step{hasNextStep(draft) && ' · filled in'}
      </button>
      <div id={nextStepId} hidden={!nextStepOpen}>
        {nextStepOpen && (
          <>
            <div className="call-log-row">
              <div className="field">
                {label('action')}
                <input
                  {...control('action')}
                  type="text"
                  autoComplete="off"
                  value={draft.action}
                  onChange={(e) => update({ action: e.target.value })}
                />
                {error('action')}
              </div>
              <div className="field">
                {label('due')}
                <input
                  {...control('due', true)}
                  type="datetime-local"
                  value={draft.due}
                  onChange={(e) => update({ due: e.target.value })}
                />
                {error('due')}
              </div>
            </div>
            {hint('due', 'Give the next step and its due date together, or neither.')}
          </>
        )}
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
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

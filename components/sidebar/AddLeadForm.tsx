import { type FormEvent, useId, useRef, useState } from 'react';
import type { Lead } from '../../lib/domain/lead';
import { ValidationError } from '../../lib/domain/validation';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import { readFrom } from '../../lib/sidebar/correction';
import type { PageIdentity, ReadField } from '../../lib/sites/types';
import { useLive, useSidebarData } from './data';
import { decisionErrorWords } from './decision-errors';
import {
  DirectToSqlFields,
  type DirectToSqlDraft,
  directToSqlRequest,
  EMPTY_DIRECT_TO_SQL,
  handoffProblem,
  meetsBar,
} from './DirectToSqlFields';
import { useFormat } from './format';
import { SITE_SOURCES } from './labels';
import { type SeenOptions, useSeen } from './useSeen';
import {
  DRAFT_FIELDS,
  DRAFT_LABELS,
  type Draft,
  type DraftField,
  draftFromIdentity,
  fieldOfPath,
  humanMessage,
  leadFromDraft,
  splitEmails,
} from './lead-draft';

export interface AddLeadFormProps {
  identity: PageIdentity;
  /** Called with the new lead, and with the decision when it was taken straight to SQL (for undo). */
  onCreated: (lead: Lead, decided?: DecisionRecorded) => void;
  /** How the sidebar tells it is seen (components/sidebar/useSeen.ts); tests pass a fake observer. */
  seen?: SeenOptions;
}

/** The page field each form field is pre-filled from: its tooltip says how the page was read. */
const READ_AS: Partial<Record<DraftField, ReadField>> = {
  name: 'name',
  emails: 'emails',
  linkedinUrl: 'linkedinUrl',
  title: 'title',
  company: 'company',
  location: 'location',
};

const HINTS: Partial<Record<DraftField, string>> = {
  emails: 'Separate several with commas. A lead needs an email or a LinkedIn URL.',
  domain: 'Guessed from a work email; used for scoring.',
};

type Errors = Partial<Record<DraftField, string>>;
type Status = { kind: 'editing' } | { kind: 'saving' } | { kind: 'failed'; message: string };

/**
 * The outbound path: the rep adds the person on the page as a lead. Pre-filled from the page,
 * every field editable, validated by the domain's `LeadSchema` when saved (through the
 * repository), with each problem shown next to its field. Nothing is written until the rep
 * presses the button. "Take straight to SQL" makes it one action for an outbound reply or a
 * demo request: the lead, the evidence so far and the acceptance are written together.
 */
export function AddLeadForm({ identity, onCreated, seen }: AddLeadFormProps) {
  const id = useId();
  const data = useSidebarData();
  const [prefilled] = useState<Draft>(() => draftFromIdentity(identity));
  const [draft, setDraft] = useState<Draft>(prefilled);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const [toSql, setToSql] = useState(false);
  const [sql, setSql] = useState<DirectToSqlDraft>(EMPTY_DIRECT_TO_SQL);
  const [overrideError, setOverrideError] = useState<string>();
  const [meetingError, setMeetingError] = useState<string>();
  const format = useFormat();
  const settings = useLive(['settings'], (d) => d.settings());
  const inputs = useRef<Partial<Record<DraftField, HTMLInputElement | null>>>({});
  const overrideInput = useRef<HTMLTextAreaElement>(null);
  // Taking someone straight to SQL is a decision: like Decision's, it acts at once only on a
  // sidebar the rep can be seen to see, else after a confirmation (issue 14, finding 5).
  const guard = useSeen<'take'>(seen);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status.kind === 'saving' || settings === undefined) return;
    if (toSql && !meetsBar(sql, settings) && !sql.override.trim()) {
      setOverrideError('Below the SQL bar: say why you take them to SQL anyway.');
      setStatus({ kind: 'failed', message: 'Not saved. The override needs a note.' });
      overrideInput.current?.focus();
      return;
    }
    setOverrideError(undefined);
    const meetingProblem = toSql ? handoffProblem(sql, settings, format.timeZone) : undefined;
    setMeetingError(meetingProblem);
    if (meetingProblem) {
      setStatus({ kind: 'failed', message: 'Not saved. Check the meeting time.' });
      return;
    }
    if (toSql && !guard.ask('take')) return;
    await save();
  }

  async function save() {
    if (settings === undefined) return;
    setStatus({ kind: 'saving' });
    try {
      // The rep who adds a lead from their own prospecting owns it.
      const owner = settings.rep.email ?? (settings.rep.name || undefined);
      const input = leadFromDraft(draft, identity.site, owner);
      if (toSql) {
        const { stage: _stage, ...person } = input;
        const decided = await data.addAsSql(person, directToSqlRequest(sql, settings, format.timeZone));
        finish();
        onCreated(decided.lead, decided);
      } else {
        const lead = await data.createLead(input);
        finish();
        onCreated(lead);
      }
    } catch (error) {
      if (error instanceof ValidationError && error.what === 'lead') {
        const found = fieldErrors(error, draft);
        const invalid = DRAFT_FIELDS.filter((field) => found[field] !== undefined);
        setErrors(found);
        setStatus({
          kind: 'failed',
          message:
            invalid.length > 0
              ? `Not saved. Check ${invalid.map((field) => DRAFT_LABELS[field]).join(', ')}.`
              : `Not saved: ${error.message}`,
        });
        const first = invalid[0];
        if (first) inputs.current[first]?.focus();
      } else {
        setErrors({});
        setStatus({
          kind: 'failed',
          message: `Could not save the lead: ${decisionErrorWords(error)}`,
        });
      }
    }
  }

  function finish() {
    setErrors({});
    setStatus({ kind: 'editing' });
  }

  const below = toSql && settings !== undefined && !meetsBar(sql, settings);
  const label = !toSql ? 'Add as lead' : below ? 'Add and take to SQL with override' : 'Add and take to SQL';

  return (
    <form className="add-lead" aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate ref={guard.ref}>
      <h3 id={`${id}-heading`}>Add as lead</h3>
      <p className="muted small">
        Source: {SITE_SOURCES[identity.site]} · Stage: Lead. Nothing is saved until you add it.
      </p>
      {DRAFT_FIELDS.map((field) => {
        const inputId = `${id}-${field}`;
        const error = errors[field];
        const hint = HINTS[field];
        const described = [error && `${inputId}-error`, hint && `${inputId}-hint`].filter(Boolean).join(' ');
        // How the page was read, while the field still holds what was read: the rep can tell a
        // layout reading from a title's guess.
        const read = READ_AS[field];
        const how =
          read && draft[field] !== '' && draft[field] === prefilled[field] ? readFrom(identity, read) : undefined;
        return (
          <div className="field" key={field}>
            <label htmlFor={inputId}>{DRAFT_LABELS[field]}</label>
            <input
              id={inputId}
              ref={(element) => {
                inputs.current[field] = element;
              }}
              name={field}
              type="text"
              inputMode={field === 'emails' ? 'email' : field === 'linkedinUrl' ? 'url' : undefined}
              autoComplete="off"
              spellCheck={false}
              value={draft[field]}
              title={how}
              aria-invalid={error !== undefined}
              aria-describedby={described || undefined}
              onChange={(e) => setDraft((current) => ({ ...current, [field]: e.target.value }))}
            />
            {error && (
              <p id={`${inputId}-error`} className="field-error">
                {DRAFT_LABELS[field]}: {error}
              </p>
            )}
            {hint && (
              <p id={`${inputId}-hint`} className="hint">
                {hint}
              </p>
            )}
          </div>
        );
      })}
      <label className="checkbox">
        <input type="checkbox" checked={toSql} onChange={(e) => setToSql(e.target.checked)} /> Take straight to SQL (no
        MQL stage: an outbound reply, a demo request)
      </label>
      {toSql && settings && (
        <DirectToSqlFields
          id={`${id}-sql`}
          settings={settings}
          draft={sql}
          onChange={setSql}
          overrideError={overrideError}
          meetingError={meetingError}
          overrideRef={overrideInput}
        />
      )}
      {status.kind === 'failed' && (
        <p role="alert" className="error">
          {status.message}
        </p>
      )}
      {guard.pending && (
        <div role="alertdialog" aria-labelledby={`${id}-held`} className="notice">
          <p id={`${id}-held`}>
            {guard.reason === 'covered'
              ? 'The page was covering or fading this sidebar when you clicked.'
              : 'This browser cannot tell whether the page covers this sidebar.'}{' '}
            Add them and take them to SQL?
          </p>
          <button
            type="button"
            disabled={!guard.armed}
            onClick={() => {
              if (guard.confirm()) void save();
            }}
          >
            Yes, add and take to SQL
          </button>{' '}
          <button type="button" className="secondary" onClick={guard.cancel}>
            Cancel
          </button>
        </div>
      )}
      <button type="submit" aria-disabled={status.kind === 'saving' || settings === undefined}>
        {status.kind === 'saving' ? 'Adding…' : label}
      </button>
    </form>
  );
}

/** One message per field (the first issue), naming the offending email when there are several. */
function fieldErrors(error: ValidationError, draft: Draft): Errors {
  const errors: Errors = {};
  const emails = splitEmails(draft.emails);
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path);
    if (field === undefined || errors[field] !== undefined) continue;
    const emailIndex = /^person\.emails\.(\d+)$/.exec(issue.path)?.[1];
    const email = emailIndex === undefined ? undefined : emails[Number(emailIndex)];
    const message = humanMessage(issue.message, draft[field]);
    errors[field] = email === undefined ? message : `"${email}": ${message}`;
  }
  return errors;
}

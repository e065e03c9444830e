import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { DecisionEntry } from '../../lib/db';
import { type DecisionRequest, type Disposition, isAfterSql } from '../../lib/domain/disposition';
import type { AfterSqlDecision, Route } from '../../lib/domain/enums';
import type { Lead } from '../../lib/domain/lead';
import { emptyQualification } from '../../lib/domain/qualification';
import { REJECTION_REASONS, type RejectionReasonCode, reasonLabel } from '../../lib/domain/reasons';
import type { Settings } from '../../lib/domain/settings';
import { AFTER_SQL_STAGE, afterSqlChoices } from '../../lib/qualification/after-sql';
import { suggestedOutcome } from '../../lib/qualification/decide';
import { evaluateSqlBar } from '../../lib/qualification/sql-bar';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import { AFTER_SQL_ACTIONS, AfterSqlForm, describeAfterSql } from './AfterSql';
import { useLive, useSidebarData } from './data';
import { decisionErrorWords } from './decision-errors';
import { type Formatter, useFormat } from './format';
import { describeHandoff, EMPTY_HANDOFF, HandoffFields, handoffRequest } from './HandoffFields';
import { ROUTE_LABELS, STAGE_LABELS } from './labels';
import { ReopenForm } from './ReopenForm';
import { type SeenGuard, type SeenOptions, useSeen } from './useSeen';
import './decision.css';

/** How long "Undo" stays offered after a decision. */
export const UNDO_MS = 8_000;

const DAY = 24 * 60 * 60 * 1000;

export interface DecisionProps {
  lead: Lead;
  now: () => number;
  /** How long Undo stays offered; tests shorten it. */
  undoMs?: number;
  /** A decision made just before this view appeared (a lead added straight to SQL): Undo is offered for it. */
  justDecided?: DecisionRecorded | undefined;
  /** Ids the keyboard shortcuts act on (Alt+A, Alt+R, Alt+Z). */
  acceptId?: string;
  rejectId?: string;
  undoId?: string;
  /** How the sidebar tells it is seen (components/sidebar/useSeen.ts); tests pass a fake observer. */
  seen?: SeenOptions;
  /**
   * The lead view's action bar (sticky at the top): the decision's buttons and its Undo are
   * drawn there, so the next action is on the first screen whatever is open; the forms they
   * open stay in this section. Without one (tests, other hosts) they stay here.
   */
  actionsSlot?: HTMLElement | null;
  /** A button of the bar opened a form here: the view opens this section and brings it into view. */
  onOpenForm?: () => void;
}

/** A decision, an undo or a reopening clicked while the sidebar may not have been seen: it waits for confirmation. */
type Held = { kind: 'decide'; request: DecisionRequest } | { kind: 'undo' } | { kind: 'reopen'; note: string };

type Mode =
  | { kind: 'idle' }
  | { kind: 'accepting' }
  | { kind: 'rejecting' }
  | { kind: 'reopening' }
  | { kind: 'afterSql'; record: AfterSqlDecision };

/** Stages a lead can be accepted from without an MQL: the direct-to-SQL path. */
const DIRECT_FROM = new Set<Lead['stage']>(['lead', 'recycled', 'disqualified']);

/**
 * The decision: accept as SQL (through the written bar, or with an override and a note, and
 * the handoff to an AE) or reject with a standardized reason and recycle or disqualify; on an
 * SQL, what became of it (opportunity, won, lost: ./AfterSql.tsx), recorded the same way.
 * Every decision is appended; the history stays visible, the latest can be undone for a few
 * seconds, and the one in force can be reopened later, with a reason. The decision
 * in force and any conflict (two decisions made on different browsers without seeing each
 * other) are as team sync judges them (lib/db/dispositions.ts), so the sidebar agrees
 * with the server and the team.
 */
export function Decision({
  lead,
  now,
  undoMs = UNDO_MS,
  justDecided,
  acceptId,
  rejectId,
  undoId,
  seen,
  actionsSlot,
  onOpenForm,
}: DecisionProps) {
  const data = useSidebarData();
  const settings = useLive(['settings'], (d) => d.settings());
  const qualification = useLive(['qualification', lead.id], (d) => d.qualification(lead.id));
  const entries = useLive(['dispositions', lead.id], (d) => d.dispositions(lead.id));
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [undoable, setUndoable] = useState<DecisionRecorded | null>(justDecided ?? null);
  // A decision on a teammate's lead waits here until the rep says it is theirs to make.
  const [othersLead, setOthersLead] = useState<DecisionRequest | null>(null);
  const headingId = useId();
  const guard = useSeen<Held>(seen);
  const format = useFormat();

  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), undoMs);
    return () => clearTimeout(timer);
  }, [undoable, undoMs]);

  if (settings === undefined || qualification === undefined || entries === undefined) {
    return <p aria-busy="true">Loading the decision…</p>;
  }

  /** In the action bar when the view has one, else in place. */
  const inBar = (node: ReactNode) => (actionsSlot ? createPortal(node, actionsSlot) : node);
  function open(kind: Exclude<Mode['kind'], 'afterSql'>) {
    setMode({ kind } as Mode);
    onOpenForm?.();
  }
  function openAfterSql(record: AfterSqlDecision) {
    setMode({ kind: 'afterSql', record });
    onOpenForm?.();
  }
  const describe = (d: Disposition) => describeDecision(d, settings, format);

  const bar = evaluateSqlBar(qualification ?? emptyQualification(lead.id, settings.framework, 0), settings.sqlCriteria);
  // Undone already (here, or before this view was shown again): nothing left to undo.
  const offered =
    undoable && !entries.some(({ disposition: d }) => d.withdraws === undoable.disposition.id) ? undoable : null;
  const canAccept = lead.stage === 'mql' || DIRECT_FROM.has(lead.stage);
  const canReject = lead.stage !== 'customer' && lead.stage !== 'recycled' && lead.stage !== 'disqualified';
  // After SQL: the opportunity, the win, the loss (lib/qualification/after-sql.ts).
  const afterSql = afterSqlChoices(lead.stage);
  // The decision in force can be reopened while the lead is where it left it (not once an SQL
  // became an opportunity); while Undo is offered, Undo is the way back.
  const inForce = entries.find((e) => e.inForce)?.disposition;
  const reopenable = inForce && !offered && stageLeftBy(inForce) === lead.stage ? inForce : undefined;

  async function run(request: DecisionRequest) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const recorded = await data.decide(lead.id, request);
      setMode({ kind: 'idle' });
      setUndoable(recorded);
    } catch (e) {
      setError(decisionErrorWords(e));
    } finally {
      setBusy(false);
    }
  }

  async function reopen(note: string) {
    if (!reopenable || busy) return;
    setBusy(true);
    setError(null);
    try {
      await data.reopen(lead.id, reopenable.id, note);
      setMode({ kind: 'idle' });
    } catch (e) {
      setError(decisionErrorWords(e));
    } finally {
      setBusy(false);
    }
  }

  // Someone else's lead (by the owner and the rep's own email): asked first, so two reps do not both decide.
  const me = settings.rep.email;
  const owner = lead.owner && me && lead.owner.toLowerCase() !== me.toLowerCase() ? lead.owner : undefined;

  // A click that acts goes through the guard: at once where the sidebar is seen, else after a confirmation.
  function decide(request: DecisionRequest) {
    if (owner) {
      setOthersLead(request);
      return;
    }
    if (guard.ask({ kind: 'decide', request })) void run(request);
  }
  function decideForOthers() {
    const request = othersLead;
    setOthersLead(null);
    if (request && guard.ask({ kind: 'decide', request })) void run(request);
  }
  function askUndo() {
    if (guard.ask({ kind: 'undo' })) void undo();
  }
  function askReopen(note: string) {
    if (guard.ask({ kind: 'reopen', note })) void reopen(note);
  }
  function confirmHeld() {
    const held = guard.confirm();
    if (held?.kind === 'decide') void run(held.request);
    else if (held?.kind === 'undo') void undo();
    else if (held?.kind === 'reopen') void reopen(held.note);
  }

  async function undo() {
    if (!offered || busy) return;
    setBusy(true);
    try {
      await data.undo(offered.disposition.id, offered.before);
      setUndoable(null);
      setError(null);
    } catch (e) {
      setError(decisionErrorWords(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card decision" aria-labelledby={headingId}>
      <h3 id={headingId}>Decision</h3>
      <p className="muted">
        {STAGE_LABELS[lead.stage]} · {bar.summary}
      </p>

      {mode.kind === 'idle' &&
        inBar(
          <div className="decision-actions">
            {canAccept && (
              <button
                type="button"
                id={acceptId}
                onClick={() => open('accepting')}
                title={`${lead.stage === 'mql' ? 'Accept as SQL' : 'Take to SQL without the MQL stage'} (Alt+A)`}
                aria-keyshortcuts="Alt+A"
              >
                {lead.stage === 'mql' ? 'Accept as SQL' : 'Direct to SQL'}
              </button>
            )}
            {canReject && (
              <button
                type="button"
                id={rejectId}
                className="secondary"
                onClick={() => open('rejecting')}
                title="Reject with a reason, recycle or disqualify (Alt+R)"
                aria-keyshortcuts="Alt+R"
              >
                Reject
              </button>
            )}
            {afterSql.map((record) => (
              <button
                key={record}
                type="button"
                className={record === 'won' ? undefined : 'secondary'}
                onClick={() => openAfterSql(record)}
                title={AFTER_SQL_ACTIONS[record].title}
              >
                {AFTER_SQL_ACTIONS[record].label}
              </button>
            ))}
            {reopenable && (
              <button
                type="button"
                className="secondary"
                onClick={() => open('reopening')}
                title={`Take back "${describe(reopenable)}", with a reason; it stays in the history`}
              >
                Reopen decision
              </button>
            )}
            {!canAccept && !canReject && afterSql.length === 0 && !reopenable && (
              <p className="muted">No decision to make at this stage.</p>
            )}
          </div>,
        )}
      {mode.kind !== 'idle' && actionsSlot && inBar(<p className="muted small">Deciding below…</p>)}
      {mode.kind === 'accepting' && (
        <AcceptForm
          lead={lead}
          settings={settings}
          meets={bar.meets}
          summary={bar.summary}
          busy={busy}
          onSubmit={decide}
          onCancel={() => setMode({ kind: 'idle' })}
          actionsRef={guard.ref}
        />
      )}
      {mode.kind === 'rejecting' && (
        <RejectForm
          settings={settings}
          now={now}
          busy={busy}
          onSubmit={decide}
          onCancel={() => setMode({ kind: 'idle' })}
          actionsRef={guard.ref}
        />
      )}
      {mode.kind === 'afterSql' && (
        <AfterSqlForm
          key={mode.record}
          kind={mode.record}
          lead={lead}
          now={now}
          busy={busy}
          onSubmit={decide}
          onCancel={() => setMode({ kind: 'idle' })}
          actionsRef={guard.ref}
        />
      )}
      {mode.kind === 'reopening' && reopenable && (
        <ReopenForm
          lead={lead}
          decision={reopenable}
          described={describe(reopenable)}
          busy={busy}
          onSubmit={askReopen}
          onCancel={() => setMode({ kind: 'idle' })}
          actionsRef={guard.ref}
        />
      )}
      {othersLead && owner && (
        <div role="alertdialog" aria-labelledby={`${headingId}-owner`} className="notice">
          <p id={`${headingId}-owner`}>
            This is {owner}'s lead. Record this decision on it anyway? They will see it in their queue and history.
          </p>
          <div className="decision-actions">
            <button type="button" onClick={decideForOthers}>
              Yes, record it
            </button>
            <button type="button" className="secondary" onClick={() => setOthersLead(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {guard.pending && (
        <div role="alertdialog" aria-labelledby={`${headingId}-held`} className="notice">
          <p id={`${headingId}-held`}>
            {guard.reason === 'covered'
              ? 'The page was covering or fading this sidebar when you clicked.'
              : 'This browser cannot tell whether the page covers this sidebar.'}{' '}
            {HELD_QUESTIONS[guard.pending.kind]}
          </p>
          <div className="decision-actions">
            <button type="button" disabled={!guard.armed} onClick={confirmHeld}>
              {HELD_ANSWERS[guard.pending.kind]}
            </button>
            <button type="button" className="secondary" onClick={guard.cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {inBar(
        // Guarded where it is clicked: the undo row, while no form is open (one area at a time).
        <div role="status" className="undo" ref={mode.kind === 'idle' ? guard.ref : undefined}>
          {offered && (
            <>
              <span>{describe(offered.disposition)} recorded.</span>{' '}
              <button
                type="button"
                id={undoId}
                className="secondary"
                onClick={askUndo}
                aria-keyshortcuts="Alt+Z"
                title="Undo (Alt+Z)"
              >
                Undo
              </button>
            </>
          )}
        </div>,
      )}

      <DecisionHistory entries={entries} settings={settings} />
    </section>
  );
}

const HELD_QUESTIONS: Record<Held['kind'], string> = {
  decide: 'Record this decision?',
  undo: 'Undo the decision?',
  reopen: 'Reopen the decision?',
};
const HELD_ANSWERS: Record<Held['kind'], string> = {
  decide: 'Yes, record it',
  undo: 'Yes, undo it',
  reopen: 'Yes, reopen it',
};

/** The stage a decision leaves the lead in: reopening applies while the lead is still there. */
function stageLeftBy(d: Disposition): Lead['stage'] | undefined {
  if (d.decision === 'accepted_sql') return 'sql';
  if (isAfterSql(d.decision)) return AFTER_SQL_STAGE[d.decision];
  return d.decision === 'rejected' ? d.outcome?.kind : undefined;
}

interface AcceptFormProps {
  lead: Lead;
  settings: Settings;
  meets: boolean;
  summary: string;
  busy: boolean;
  onSubmit: (request: DecisionRequest) => void;
  onCancel: () => void;
  /** Where the decision's guard looks (useSeen): the row of buttons the rep clicks. */
  actionsRef?: SeenGuard<unknown>['ref'];
}

function AcceptForm({ lead, settings, meets, summary, busy, onSubmit, onCancel, actionsRef }: AcceptFormProps) {
  const id = useId();
  const format = useFormat();
  const direct = lead.stage !== 'mql';
  const [route, setRoute] = useState<Route>('direct_outbound');
  const [override, setOverride] = useState('');
  const [note, setNote] = useState('');
  const [handoff, setHandoff] = useState(EMPTY_HANDOFF);
  const [meetingError, setMeetingError] = useState<string>();
  const first = useRef<HTMLSelectElement & HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const given = handoffRequest(handoff, settings, format.timeZone);
    if (!given.ok) return setMeetingError(given.message);
    setMeetingError(undefined);
    onSubmit({
      kind: 'accept',
      ...(direct ? { route } : {}),
      ...(meets ? {} : { overrideNote: override }),
      note,
      ...(given.handoff ? { handoff: given.handoff } : {}),
    });
  }

  return (
    <form className="decision-form" onSubmit={submit} aria-label={direct ? 'Direct to SQL' : 'Accept as SQL'}>
      {direct && (
        <>
          <label htmlFor={`${id}-route`}>How this lead reached SQL</label>
          <select id={`${id}-route`} ref={first} value={route} onChange={(e) => setRoute(e.target.value as Route)}>
            {(['direct_outbound', 'direct_inbound'] as const).map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABELS[r]}
              </option>
            ))}
          </select>
        </>
      )}
      {!meets && (
        <>
          <p className="warning">Below the SQL bar: {summary}.</p>
          <label htmlFor={`${id}-override`}>Override: why accept anyway (required)</label>
          <textarea
            id={`${id}-override`}
            ref={direct ? undefined : first}
            value={override}
            onChange={(e) => setOverride(e.target.value)}
            required
            rows={2}
          />
        </>
      )}
      <HandoffFields
        id={`${id}-handoff`}
        settings={settings}
        draft={handoff}
        onChange={(next) => {
          setHandoff(next);
          setMeetingError(undefined);
        }}
        meetingError={meetingError}
      />
      <label htmlFor={`${id}-note`}>Note on the decision (optional)</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <div className="decision-actions" ref={actionsRef}>
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : meets ? 'Confirm: accept as SQL' : 'Accept with override'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface RejectFormProps {
  settings: Settings;
  now: () => number;
  busy: boolean;
  onSubmit: (request: DecisionRequest) => void;
  onCancel: () => void;
  /** Where the decision's guard looks (useSeen): the row of buttons the rep clicks. */
  actionsRef?: SeenGuard<unknown>['ref'];
}

/** `YYYY-MM-DD` of a time in UTC, for a date input (revisit dates are days, not instants). */
const toDateInput = (at: number) => new Date(at).toISOString().slice(0, 10);

function RejectForm({ settings, now, busy, onSubmit, onCancel, actionsRef }: RejectFormProps) {
  const id = useId();
  const [reason, setReason] = useState<RejectionReasonCode | ''>('');
  const [outcome, setOutcome] = useState<'recycled' | 'disqualified'>('recycled');
  const [revisit, setRevisit] = useState(() => toDateInput(now() + 90 * DAY));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  function pick(code: RejectionReasonCode | '') {
    setReason(code);
    if (!code) return;
    // The reason suggests its outcome and revisit date; the rep can still change both.
    const suggested = suggestedOutcome(code, now());
    setOutcome(suggested.kind);
    if (suggested.kind === 'recycled') setRevisit(toDateInput(suggested.revisitAt));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) return setProblem('Pick a reason: marketing learns from it.');
    if (reason === 'other' && !note.trim()) return setProblem('Reason "Other" needs a note saying why.');
    const revisitAt = Date.parse(`${revisit}T09:00:00Z`);
    if (outcome === 'recycled' && !(revisitAt > now())) return setProblem('The revisit date must be in the future.');
    setProblem(null);
    onSubmit({
      kind: 'reject',
      reason,
      outcome: outcome === 'recycled' ? { kind: 'recycled', revisitAt } : { kind: 'disqualified' },
      note,
    });
  }

  const chosen = REJECTION_REASONS.find((r) => r.code === reason);
  return (
    <form className="decision-form" onSubmit={submit} aria-label="Reject">
      <label htmlFor={`${id}-reason`}>Reason</label>
      <select
        id={`${id}-reason`}
        ref={first}
        value={reason}
        onChange={(e) => pick(e.target.value as RejectionReasonCode | '')}
        aria-describedby={chosen ? `${id}-reason-help` : undefined}
      >
        <option value="">Choose a reason…</option>
        {REJECTION_REASONS.map((r) => (
          <option key={r.code} value={r.code}>
            {reasonLabel(r.code, settings.reasonLabels)}
          </option>
        ))}
      </select>
      {chosen && (
        <p id={`${id}-reason-help`} className="muted">
          {chosen.description}
        </p>
      )}
      <fieldset>
        <legend>Then</legend>
        <label>
          <input
            type="radio"
            name={`${id}-outcome`}
            checked={outcome === 'recycled'}
            onChange={() => setOutcome('recycled')}
          />{' '}
          Recycle to marketing, revisit on
        </label>
        <input
          type="date"
          aria-label="Revisit on"
          value={revisit}
          disabled={outcome !== 'recycled'}
          onChange={(e) => setRevisit(e.target.value)}
        />
        <label>
          <input
            type="radio"
            name={`${id}-outcome`}
            checked={outcome === 'disqualified'}
            onChange={() => setOutcome('disqualified')}
          />{' '}
          Disqualify
        </label>
      </fieldset>
      <label htmlFor={`${id}-note`}>Note{reason === 'other' ? ' (required)' : ' (optional)'}</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="decision-actions" ref={actionsRef}>
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Confirm rejection'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One line for a decision: what, why, and what happens next. */
function describeDecision(d: Disposition, settings: Settings, format: Pick<Formatter, 'date'>): string {
  if (isAfterSql(d.decision)) return describeAfterSql(d, format);
  if (d.decision === 'accepted_sql') {
    const to = d.handoff?.ae ? `, handed to ${d.handoff.ae.name}` : '';
    return `Accepted as SQL (${ROUTE_LABELS[d.route]})${d.override ? ', override' : ''}${to}`;
  }
  // A withdrawal with a reason is a reopening (an undo has none).
  if (d.decision === 'withdrawn') return d.note ? 'Reopened' : 'Undone';
  const reason = d.reason ? reasonLabel(d.reason, settings.reasonLabels) : 'no reason';
  return `Rejected: ${reason}, ${d.outcome?.kind === 'disqualified' ? 'disqualified' : 'recycled'}`;
}

/** Under a withdrawal: what it took back, and for a reopening why. */
function withdrawnLine(
  target: Disposition | undefined,
  d: Disposition,
  settings: Settings,
  format: Pick<Formatter, 'date'>,
): string {
  const what = target ? `"${describeDecision(target, settings, format)}"` : 'an earlier decision';
  return d.note ? `Took back ${what}: ${d.note}` : `Took back ${what}.`;
}

interface HistoryProps {
  entries: readonly DecisionEntry[];
  settings: Settings;
}

function DecisionHistory({ entries, settings }: HistoryProps) {
  const format = useFormat();
  const headingId = useId();
  if (entries.length === 0) return <p className="muted">No decision yet.</p>;
  // Each withdrawn decision's withdrawal: an undo, or a reopening with its reason.
  const withdrawals = new Map(
    entries.flatMap(({ disposition: d }) => (d.withdraws ? [[d.withdraws, d] as const] : [])),
  );
  const byId = new Map(entries.map(({ disposition: d }) => [d.id, d]));
  const conflicted = entries.some((e) => e.conflictsWith.length > 0);
  return (
    <>
      <h4 id={headingId}>History</h4>
      {conflicted && (
        <p className="notice small">
          Decisions on this lead were made at the same time on different browsers, neither seeing the other. All are
          kept and the later one by sync's clock is in force. Check it is the right one: if not, decide again.
        </p>
      )}
      <ol className="decision-history" aria-labelledby={headingId}>
        {entries.map(({ disposition: d, inForce, conflictsWith }) => (
          <li key={d.id} className={withdrawals.has(d.id) ? 'withdrawn' : undefined}>
            <span>{describeDecision(d, settings, format)}</span>
            {inForce && <span className="badge">In force</span>}
            {withdrawals.has(d.id) && (
              <span className="badge">{withdrawals.get(d.id)?.note ? 'Reopened' : 'Undone'}</span>
            )}
            <span className="muted">
              {' '}
              · {d.decidedBy} ·{' '}
              <time dateTime={new Date(d.decidedAt).toISOString()}>{format.dateTime(d.decidedAt)}</time>
            </span>
            {d.outcome?.kind === 'recycled' && (
              <span className="muted"> · revisit {format.date(d.outcome.revisitAt)}</span>
            )}
            {conflictsWith.length > 0 && (
              <p className="conflict">
                <strong>Conflict:</strong> decided on another browser at the same time as{' '}
                {conflictsWith.flatMap((id, i) => {
                  const other = byId.get(id);
                  if (!other) return [];
                  return [
                    <span key={id}>
                      {i > 0 && ' and '}"{describeDecision(other, settings, format)}" by {other.decidedBy} (
                      <time dateTime={new Date(other.decidedAt).toISOString()}>{format.dateTime(other.decidedAt)}</time>
                      )
                    </span>,
                  ];
                })}
                ; neither saw the other.{' '}
                {inForce ? "This one is the later by sync's clock, so it is in force." : 'The later one is in force.'}
              </p>
            )}
            {d.override && <p className="muted">Override: {d.override.note}</p>}
            {d.handoff && <p className="handoff-line">{describeHandoff(d.handoff, format)}</p>}
            {d.decision === 'withdrawn' && d.withdraws && (
              <p className="muted">{withdrawnLine(byId.get(d.withdraws), d, settings, format)}</p>
            )}
            {d.note && d.decision !== 'withdrawn' && <p>{d.note}</p>}
            {withdrawals.get(d.id)?.note && <p className="muted">Reopened: {withdrawals.get(d.id)?.note}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { AfterSqlRequest, Disposition } from '../../lib/domain/disposition';
import type { AfterSqlDecision } from '../../lib/domain/enums';
import type { Lead } from '../../lib/domain/lead';
import { LOST_REASONS, type LostReasonCode, lostReasonLabel } from '../../lib/domain/lost-reasons';
import { afterSqlFloor, suggestedLostRevisit } from '../../lib/qualification/after-sql';
import { localDate, wallTimeToInstant } from '../../lib/sla/business-hours';
import { type Formatter, useFormat } from './format';
import type { SeenGuard } from './useSeen';

const DAY = 24 * 60 * 60 * 1000;

/** The action bar's buttons after SQL, and each form's name. */
export const AFTER_SQL_ACTIONS: Record<AfterSqlDecision, { label: string; title: string }> = {
  opportunity: { label: 'Opportunity created', title: 'Record that an opportunity was opened for this SQL, and when' },
  won: { label: 'Won', title: 'Record the deal as won, and when: the lead becomes a customer' },
  lost: { label: 'Lost', title: 'Record the deal as lost, with a reason: the lead goes back to nurture' },
};

/**
 * The instant a day the rep picked stands for, in the sidebar's zone: today is now (the
 * usual case, to the minute); an earlier day is its noon, or the floor itself when the floor
 * falls later that same day (an SQL accepted at 15:00 and won that afternoon). `undefined`
 * for a day that is no date or lies ahead.
 */
export function dealDayInstant(
  day: string,
  { now, timeZone, floor }: { now: number; timeZone: string; floor: number | undefined },
): number | undefined {
  const today = localDate(now, timeZone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > today) return undefined;
  if (day === today) return now;
  const noon = wallTimeToInstant(`${day}T12:00`, timeZone);
  if (Number.isNaN(noon)) return undefined;
  return floor !== undefined && localDate(floor, timeZone) === day ? Math.max(noon, floor) : noon;
}

/** One line for an opportunity, a win or a loss, with the day it happened: the history's and the undo's words. */
export function describeAfterSql(d: Disposition, format: Pick<Formatter, 'date'>): string {
  const on = d.occurredAt === undefined ? '' : ` on ${format.date(d.occurredAt)}`;
  if (d.decision === 'opportunity') return `Opportunity created${on}`;
  if (d.decision === 'won') return `Won${on}`;
  const reason = d.lostReason ? lostReasonLabel(d.lostReason) : 'no reason';
  return `Lost${on}: ${reason}, back to nurture`;
}

export interface AfterSqlFormProps {
  kind: AfterSqlDecision;
  lead: Lead;
  now: () => number;
  busy: boolean;
  onSubmit: (request: AfterSqlRequest) => void;
  onCancel: () => void;
  /** Where the decision's guard looks (useSeen): the row of buttons the rep clicks. */
  actionsRef?: SeenGuard<unknown>['ref'];
}

/**
 * What became of an accepted lead (issue 17, "After SQL"): an opportunity opened, the deal
 * won, or lost with a standardized reason and a date to look at it again. Each dated (today by
 * default; an earlier day when the rep records it late, never before the SQL or before the
 * opportunity it closes). Appended like a decision: the sidebar offers Undo for 8 seconds.
 */
export function AfterSqlForm({ kind, lead, now, busy, onSubmit, onCancel, actionsRef }: AfterSqlFormProps) {
  const id = useId();
  const format = useFormat();
  const floor = afterSqlFloor(lead) ?? lead.times.createdAt;
  const today = localDate(now(), format.timeZone);
  const [day, setDay] = useState(today);
  const [reason, setReason] = useState<LostReasonCode | ''>('');
  const [revisit, setRevisit] = useState(() => localDate(now() + 180 * DAY, format.timeZone));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const name = AFTER_SQL_ACTIONS[kind].label;
  const dateLabel = kind === 'opportunity' ? 'Opened on' : kind === 'won' ? 'Won on' : 'Lost on';

  function pick(code: LostReasonCode | '') {
    setReason(code);
    // The reason suggests when to look again, from the day it was lost; the rep can change it.
    const lostAt = dealDayInstant(day, { now: now(), timeZone: format.timeZone, floor }) ?? now();
    if (code) setRevisit(localDate(suggestedLostRevisit(code, lostAt), format.timeZone));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = now();
    const occurredAt = dealDayInstant(day, { now: at, timeZone: format.timeZone, floor });
    if (occurredAt === undefined) return setProblem('Pick a day that is today or earlier.');
    if (occurredAt < floor) {
      const since = lead.stage === 'opportunity' ? 'the opportunity opened' : 'the lead became an SQL';
      return setProblem(`Pick ${format.date(floor)} or later: ${since} then.`);
    }
    const common = { occurredAt, ...(note.trim() ? { note } : {}) };
    if (kind !== 'lost') {
      setProblem(null);
      return onSubmit({ kind, ...common });
    }
    if (!reason) return setProblem('Pick why the deal was lost: marketing learns from it.');
    if (reason === 'other' && !note.trim()) return setProblem('Reason "Other" needs a note saying why.');
    const revisitAt = wallTimeToInstant(`${revisit}T09:00`, format.timeZone);
    if (!(revisitAt > at)) return setProblem('The revisit date must be in the future.');
    setProblem(null);
    onSubmit({ kind: 'lost', reason, revisitAt, ...common });
  }

  const chosen = LOST_REASONS.find((r) => r.code === reason);
  return (
    <form className="decision-form" onSubmit={submit} aria-label={name} noValidate>
      {kind === 'lost' && (
        <>
          <label htmlFor={`${id}-reason`}>Why it was lost</label>
          <select
            id={`${id}-reason`}
            ref={first}
            value={reason}
            onChange={(e) => pick(e.target.value as LostReasonCode | '')}
            aria-describedby={chosen ? `${id}-reason-help` : undefined}
          >
            <option value="">Choose a reason…</option>
            {LOST_REASONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
          {chosen && (
            <p id={`${id}-reason-help`} className="muted">
              {chosen.description}
            </p>
          )}
        </>
      )}
      <label htmlFor={`${id}-day`}>
        {dateLabel} ({format.timeZone})
      </label>
      <input
        id={`${id}-day`}
        ref={kind === 'lost' ? undefined : first}
        type="date"
        value={day}
        min={localDate(floor, format.timeZone)}
        max={today}
        required
        onChange={(e) => setDay(e.target.value)}
      />
      {kind === 'lost' && (
        <>
          <label htmlFor={`${id}-revisit`}>Back to nurture: revisit on</label>
          <input
            id={`${id}-revisit`}
            type="date"
            value={revisit}
            required
            onChange={(e) => setRevisit(e.target.value)}
          />
        </>
      )}
      <label htmlFor={`${id}-note`}>Note{kind === 'lost' && reason === 'other' ? ' (required)' : ' (optional)'}</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="decision-actions" ref={actionsRef}>
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : `Confirm: ${name.toLowerCase()}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Disposition } from '../../lib/domain/disposition';
import type { Lead } from '../../lib/domain/lead';
import { stageBeforeDecision } from '../../lib/qualification/decide';
import { STAGE_LABELS } from './labels';
import type { SeenGuard } from './useSeen';

export interface ReopenFormProps {
  lead: Lead;
  /** The decision in force, which reopening withdraws. */
  decision: Disposition;
  /** What the decision is, in the history's words. */
  described: string;
  busy: boolean;
  onSubmit: (note: string) => void;
  onCancel: () => void;
  /** Where the decision's guard looks (useSeen): the row of buttons the rep clicks. */
  actionsRef?: SeenGuard<unknown>['ref'];
}

/**
 * Reopening the decision in force after the undo window: the rep says why (required: the
 * team reads it next to the withdrawal in the history) and sees where the lead goes back to
 * before confirming. Nothing is deleted: the decision stays in the history, marked reopened.
 */
export function ReopenForm({ lead, decision, described, busy, onSubmit, onCancel, actionsRef }: ReopenFormProps) {
  const id = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const back = STAGE_LABELS[stageBeforeDecision(lead, decision)];
  const aeBack = decision.handoff?.ae && lead.owner === decision.handoff.ae.email;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setProblem('Say why you reopen it: the team reads it in the history.');
      input.current?.focus();
      return;
    }
    setProblem(null);
    onSubmit(note);
  }

  return (
    <form className="decision-form" onSubmit={submit} aria-label="Reopen the decision" noValidate>
      <p>
        Reopen “{described}”: the lead goes back to {back}
        {aeBack ? `, and back from ${decision.handoff?.ae?.name} to its owner before the handoff` : ''}. The decision
        stays in the history, marked reopened.
      </p>
      <label htmlFor={`${id}-why`}>Why reopen it (required)</label>
      <textarea
        id={`${id}-why`}
        ref={input}
        rows={2}
        value={note}
        required
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-why-error` : undefined}
        onChange={(e) => setNote(e.target.value)}
      />
      {problem && (
        <p id={`${id}-why-error`} className="field-error">
          {problem}
        </p>
      )}
      <div className="decision-actions" ref={actionsRef}>
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : `Confirm: reopen, back to ${back}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

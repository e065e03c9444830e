import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Lead } from '../../lib/domain/lead';
import { ValidationError } from '../../lib/domain/validation';
import { PageSnapshotOffer } from './page-actions';
import { SearchBox } from './SearchBox';

export interface WrongPersonProps {
  /** The lead the rep just said this page is not, by name, for the confirmation line. */
  notName?: string | undefined;
  /** The page's reading, to start the correction from. */
  name?: string | undefined;
  email?: string | undefined;
  search: (query: string) => Promise<readonly Lead[]>;
  /** Leads the page may not be (already marked wrong): left out of the search. */
  excluded: ReadonlySet<string>;
  /** Whether the correction can be remembered for this page (it has an id of its own). */
  remembered: boolean;
  onPick: (lead: Lead) => Promise<void>;
  onCorrect: (person: { name?: string; email?: string }) => Promise<void>;
  /** Puts things back as they were before "Wrong person?". */
  onUndo: () => void;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; message: string };

/**
 * "Wrong person?": the rep says who this page really is, either a lead found by search or a
 * corrected name and email (someone to add). The answer is remembered for the page and wins
 * over the page's reading from then on.
 */
export function WrongPerson(props: WrongPersonProps) {
  const { notName, search, excluded, remembered, onPick, onCorrect, onUndo } = props;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [name, setName] = useState(props.name ?? '');
  const [email, setEmail] = useState(props.email ?? '');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  // Keyboard and screen-reader users land on the question, not on a vanished button.
  useEffect(() => heading.current?.focus(), []);

  async function run(write: () => Promise<void>) {
    setStatus({ kind: 'saving' });
    try {
      await write();
    } catch (error) {
      // A refused correction names its fields; the rep needs the words, not the paths.
      const message =
        error instanceof ValidationError
          ? error.issues.map((issue) => issue.message).join('; ')
          : error instanceof Error
            ? error.message
            : String(error);
      setStatus({ kind: 'failed', message });
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const person = {
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    if (!person.name && !person.email) {
      setStatus({ kind: 'failed', message: 'Give a name or an email.' });
      return;
    }
    void run(() => onCorrect(person));
  }

  const filtered = async (query: string) => (await search(query)).filter((lead) => !excluded.has(lead.id));

  return (
    <section className="card wrong-person" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        Who is this?
      </h2>
      <p role="status">
        {notName ? `Not ${notName}: nothing more will be recorded on that lead from this page. ` : ''}
        <button type="button" className="secondary small" onClick={onUndo}>
          {notName ? 'Undo' : 'Cancel'}
        </button>
      </p>
      {!remembered && (
        <p className="hint">This page has no address of its own, so the correction lasts until you leave it.</p>
      )}
      <h3>Find the right lead</h3>
      <SearchBox search={filtered} onSelect={(lead) => void run(() => onPick(lead))} label="Search leads" />
      <h3>Or correct the details</h3>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="off"
          />
        </div>
        <button type="submit" disabled={status.kind === 'saving'}>
          Use these details
        </button>
      </form>
      {status.kind === 'saving' && (
        <p role="status" aria-busy="true">
          Saving the correction…
        </p>
      )}
      {status.kind === 'failed' && (
        <p role="alert" className="field-error">
          Not saved: {status.message}
        </p>
      )}
      <h3>Help fix the reading</h3>
      <PageSnapshotOffer />
    </section>
  );
}

import { useState } from 'react';
import { normalizeEmail } from '../../lib/domain/identity';
import type { PageIdentity, ThreadParticipant } from '../../lib/sites/types';

/** How many people the switcher names before "+N". */
const FIRST = 3;

/**
 * Everyone outside on the page's thread, the person the page was read as first, each once; an
 * empty list when there is nobody else (a LinkedIn profile, a thread with one outsider).
 */
export function threadPeople(identity: PageIdentity): ThreadParticipant[] {
  const [email] = identity.emails;
  if (!email || !identity.participants) return [];
  const first: ThreadParticipant = { email, ...(identity.name ? { name: identity.name } : {}) };
  if (identity.readBy) first.readBy = { name: identity.readBy.name, emails: identity.readBy.emails };
  const seen = new Set([normalizeEmail(email)]);
  const others = identity.participants.filter((p) => {
    const key = normalizeEmail(p.email);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return others.length > 0 ? [first, ...others] : [];
}

export interface ParticipantsProps {
  /** The thread's outsiders, the page's person first (`threadPeople`). */
  people: readonly ThreadParticipant[];
  /** The address of the one shown. */
  current: string;
  onSelect: (person: ThreadParticipant) => void;
}

/**
 * "On this thread: Dana Whitfield · Tom Becker · +2": which of the thread's people the sidebar
 * shows, as buttons (the shown one pressed). A view choice, not a correction of the reading.
 * Page text, rendered as text.
 */
export function Participants({ people, current, onSelect }: ParticipantsProps) {
  const [all, setAll] = useState(false);
  const key = normalizeEmail(current);
  const isCurrent = (p: ThreadParticipant) => normalizeEmail(p.email) === key;
  // The shown person stays in view even when they are past the first few.
  const shown = all ? people : people.filter((p, i) => i < FIRST || isCurrent(p));
  const hidden = people.length - shown.length;
  return (
    <fieldset className="thread-people">
      <legend className="thread-people-label">On this thread:</legend>
      <ul>
        {shown.map((p) => (
          <li key={p.email}>
            <button
              type="button"
              className="secondary small"
              aria-pressed={isCurrent(p)}
              title={p.name ? p.email : undefined}
              onClick={() => onSelect(p)}
            >
              {p.name ?? p.email}
            </button>
          </li>
        ))}
        {hidden > 0 && (
          <li>
            <button
              type="button"
              className="secondary small"
              aria-label={`Show ${hidden} more on this thread`}
              onClick={() => setAll(true)}
            >
              +{hidden}
            </button>
          </li>
        )}
      </ul>
    </fieldset>
  );
}

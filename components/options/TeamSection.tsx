import { useId, useRef, useState } from 'react';
import { type AccountExecutive, AccountExecutiveSchema } from '../../lib/domain/disposition';
import { errorAt, errorExactlyAt, fieldId } from './issues';
import type { SectionProps } from './section';

type NewAeErrors = Partial<Record<keyof AccountExecutive, string>>;

/**
 * An account executive as the schema will store it, or the problem of each field in words
 * (the email lower-cased and trimmed, as `EmailSchema` does; one already listed is refused).
 */
export function parseAccountExecutive(
  name: string,
  email: string,
  existing: readonly AccountExecutive[],
): { ok: true; value: AccountExecutive } | { ok: false; errors: NewAeErrors } {
  const parsed = AccountExecutiveSchema.safeParse({ name, email });
  if (!parsed.success) {
    const errors: NewAeErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof AccountExecutive;
      errors[field] ??=
        field === 'name'
          ? 'Type the AE’s name as the team knows it'
          : `"${email.trim()}" is not an email address (like alex@yourcompany.com)`;
    }
    return { ok: false, errors };
  }
  if (existing.some((ae) => ae.email === parsed.data.email)) {
    return { ok: false, errors: { email: `${parsed.data.email} is already in the list` } };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The account executives SQLs are handed to: the sidebar offers them when a lead is
 * accepted, and the one chosen becomes the lead's owner. Kept by hand here; with team sync
 * on, the team's reps could fill it (not built yet). Removing one offers Undo.
 */
export function TeamSection({ draft, issues, update, replace }: SectionProps) {
  const id = useId();
  const team = draft.accountExecutives;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<NewAeErrors>({});
  const nameInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const listId = fieldId('accountExecutives');

  function add(event: { preventDefault(): void }) {
    event.preventDefault();
    const parsed = parseAccountExecutive(name, email, team);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      (parsed.errors.name ? nameInput : emailInput).current?.focus();
      return;
    }
    setErrors({});
    setName('');
    setEmail('');
    update((d) => ({ ...d, accountExecutives: [...d.accountExecutives, parsed.value] }));
    nameInput.current?.focus();
  }

  const listError = errorExactlyAt(issues, 'accountExecutives');
  return (
    <>
      <p className="hint">
        When a rep accepts a lead as SQL, the sidebar asks which of them takes it; the one chosen becomes the lead’s
        owner, and the handoff (meeting, note to sales) is kept with the decision. With team sync on, the team’s reps
        will be offered here too (not yet).
      </p>
      {team.length === 0 ? (
        <p className="muted small" id={listId} tabIndex={-1}>
          No account executives yet. Reps can still accept a lead and hand it to “Nobody yet”.
        </p>
      ) : (
        <ul className="item-list" id={listId} tabIndex={-1} aria-label="Account executives">
          {team.map((ae, index) => {
            const itemError = errorAt(issues, `accountExecutives.${index}`);
            const itemId = fieldId(`accountExecutives.${index}`);
            return (
              // Emails repeat in bad data (an older release's list); the index keeps keys unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <li key={`${index}-${ae.email}`}>
                <span
                  id={itemId}
                  tabIndex={-1}
                  aria-invalid={itemError !== undefined || undefined}
                  aria-describedby={itemError ? `${itemId}-error` : undefined}
                >
                  {ae.name} ({ae.email})
                </span>{' '}
                <button
                  type="button"
                  className="secondary small-button"
                  aria-label={`Remove ${ae.name}`}
                  onClick={() =>
                    replace(
                      { accountExecutives: team.filter((_, i) => i !== index) },
                      `${ae.name} removed from the account executives.`,
                    )
                  }
                >
                  Remove
                </button>
                {itemError && (
                  <span id={`${itemId}-error`} className="field-error">
                    {' '}
                    {itemError}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {listError && <p className="field-error">{listError}</p>}
      {/* Not a <form>: the page's own form semantics (Ctrl+S, the save bar) stay the one save. */}
      <fieldset className="ae-add">
        <legend>Add an account executive</legend>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            ref={nameInput}
            type="text"
            value={name}
            maxLength={200}
            autoComplete="off"
            aria-invalid={errors.name !== undefined}
            aria-describedby={errors.name ? `${id}-name-error` : undefined}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && add(e)}
          />
          {errors.name && (
            <p id={`${id}-name-error`} className="field-error">
              {errors.name}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>Work email</label>
          <input
            id={`${id}-email`}
            ref={emailInput}
            type="email"
            value={email}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.email !== undefined}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
            onChange={(e) => setEmail(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && add(e)}
          />
          {errors.email && (
            <p id={`${id}-email-error`} className="field-error">
              {errors.email}
            </p>
          )}
        </div>
        <button type="button" className="secondary" onClick={add}>
          Add account executive
        </button>
      </fieldset>
    </>
  );
}

import { useEffect, useId, useRef } from 'react';
import type { Errors } from './draft';

/**
 * What every field of the touch form gets: its id, its error state, what describes it, a
 * ref, its label and its error line. `focus` also reaches a field that is folded away: it is
 * focused once its fold opens and it is rendered.
 */
export function useFields(labels: Readonly<Record<string, string>>, errors: Errors) {
  const id = useId();
  const elements = useRef<Partial<Record<string, HTMLElement | null>>>({});
  const pending = useRef<string | null>(null);

  useEffect(() => {
    const field = pending.current;
    const element = field === null ? undefined : elements.current[field];
    if (!element) return;
    pending.current = null;
    element.focus();
  });

  return {
    id,
    control(field: string, hint?: boolean) {
      const described = [errors[field] !== undefined && `${id}-${field}-error`, hint && `${id}-${field}-hint`]
        .filter(Boolean)
        .join(' ');
      return {
        id: `${id}-${field}`,
        'aria-invalid': errors[field] !== undefined,
        'aria-describedby': described || undefined,
        ref: (element: HTMLElement | null) => {
          elements.current[field] = element;
        },
      };
    },
    label: (field: string) => <label htmlFor={`${id}-${field}`}>{labels[field]}</label>,
    error: (field: string) =>
      errors[field] !== undefined && (
        <p id={`${id}-${field}-error`} className="field-error">
          {labels[field]}: {errors[field]}
        </p>
      ),
    hint: (field: string, text: string) => (
      <p id={`${id}-${field}-hint`} className="hint">
        {text}
      </p>
    ),
    element: (field: string): HTMLElement | null | undefined => elements.current[field],
    focus(field: string) {
      const element = elements.current[field];
      if (element) element.focus();
      else pending.current = field;
    },
  };
}

import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { numberFromInput, numberToInput } from './draft';
import { errorAt, fieldId, type Issue } from './issues';

/** What a control needs to be labelled, described and marked invalid. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  /** The settings path the control edits: its id and its error come from it. */
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The problem to show; usually `errorAt(issues, path)`. */
  error?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled control with its hint and error below it, tied together the way the sidebar's
 * forms are: the error is in words next to the field, named by `aria-describedby`, and the
 * control says `aria-invalid`.
 */
export function Field({ path, label, hint, error, className, children }: FieldProps) {
  const id = fieldId(path);
  const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': described })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface BaseInputProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  issues: readonly Issue[];
  className?: string;
}

export function TextField({
  value,
  onChange,
  type = 'text',
  maxLength,
  placeholder,
  autoComplete = 'off',
  ...base
}: BaseInputProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'time';
  maxLength?: number;
  placeholder?: string;
  autoComplete?: string;
}) {
  return (
    <Field {...base} error={errorAt(base.issues, base.path)}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={value}
          maxLength={maxLength}
          placeholder={placeholder}
          autoComplete={autoComplete}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * A number input. A required number left blank becomes `NaN` in the draft (the schema then
 * says what is missing); an optional one becomes `undefined`.
 */
export function NumberField({
  value,
  onChange,
  optional = false,
  min,
  max,
  step = 1,
  ...base
}: BaseInputProps & {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  optional?: boolean;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <Field
      {...base}
      className={base.className ? `number ${base.className}` : 'number'}
      error={errorAt(base.issues, base.path)}
    >
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode={step < 1 ? 'decimal' : 'numeric'}
          min={min}
          max={max}
          step={step}
          value={numberToInput(value)}
          onChange={(e) => onChange(optional ? numberFromInput(e.target.value, true) : numberFromInput(e.target.value))}
        />
      )}
    </Field>
  );
}

/** `"a, b ,, c"` as `['a', 'b', 'c']`. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A short list typed as comma-separated text (keywords, countries). The text is kept as
 * typed, so a trailing comma or space survives while typing; it is rewritten only when the
 * list changes from outside (a reset, an import, the schema's lower-casing on save).
 */
export function ListTextField({
  value,
  onChange,
  ...base
}: BaseInputProps & { value: readonly string[]; onChange: (value: string[]) => void }) {
  const [text, setText] = useState(() => value.join(', '));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!sameList(splitList(text), value)) setText(value.join(', '));
  }
  return (
    <Field {...base} error={errorAt(base.issues, base.path)}>
      {(control) => (
        <input
          {...control}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange(splitList(e.target.value));
          }}
        />
      )}
    </Field>
  );
}

export type ParsedItem = { ok: true; value: string } | { ok: false; message: string };

/**
 * A list edited one item at a time (company domains, holidays): each item with a Remove
 * button, and an input with an Add button (Enter adds too). An item is checked when it is
 * added, so the list only ever holds what the schema accepts; items that arrive otherwise
 * (an older release) still show their error next to them.
 */
export function ItemListField({
  path,
  label,
  hint,
  issues,
  items,
  onChange,
  parse,
  inputType = 'text',
  addLabel,
  itemLabel = (item) => item,
  emptyText,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  issues: readonly Issue[];
  items: readonly string[];
  onChange: (items: string[]) => void;
  parse: (text: string, items: readonly string[]) => ParsedItem;
  inputType?: 'text' | 'date';
  addLabel: string;
  itemLabel?: (item: string) => string;
  emptyText: string;
}) {
  const id = fieldId(path);
  const [text, setText] = useState('');
  const [addError, setAddError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const listError = issues.find((i) => i.path === path)?.message;
  const error = addError ?? (listError && errorAt(issues, path));

  function add() {
    const parsed = parse(text, items);
    if (!parsed.ok) {
      setAddError(parsed.message);
      input.current?.focus();
      return;
    }
    setAddError(undefined);
    setText('');
    onChange([...items, parsed.value]);
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  }

  const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="item-list">
      <legend>{label}</legend>
      {items.length === 0 ? (
        <p className="muted small">{emptyText}</p>
      ) : (
        <ul>
          {items.map((item, index) => {
            const itemError = errorAt(issues, `${path}.${index}`);
            const itemId = fieldId(`${path}.${index}`);
            return (
              // Items are plain strings and may repeat in bad data; the index keeps keys unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <li key={`${index}-${item}`}>
                <span
                  id={itemId}
                  tabIndex={-1}
                  aria-invalid={itemError !== undefined || undefined}
                  aria-describedby={itemError ? `${itemId}-error` : undefined}
                >
                  {itemLabel(item)}
                </span>{' '}
                <button
                  type="button"
                  className="secondary small-button"
                  aria-label={`Remove ${itemLabel(item)}`}
                  onClick={() => {
                    onChange(items.filter((_, i) => i !== index));
                    input.current?.focus();
                  }}
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
      <div className="add-row">
        <label htmlFor={id} className="visually-hidden">
          {addLabel}
        </label>
        <input
          ref={input}
          id={id}
          type={inputType}
          value={text}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== undefined}
          aria-describedby={described}
          onChange={(e) => {
            setText(e.target.value);
            setAddError(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="secondary" onClick={add}>
          {addLabel}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </fieldset>
  );
}

/**
 * Checkboxes that edit one list (workdays, seniorities). The group takes the field id so an
 * error link can reach it; each box says `aria-invalid` so "focus the first problem" lands
 * on the first box.
 */
export function CheckboxGroupField<T extends string | number>({
  path,
  legend,
  hint,
  issues,
  options,
  value,
  onChange,
  sort,
}: {
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  issues: readonly Issue[];
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  /** How the list is stored; the options' order unless given. */
  sort?: (a: T, b: T) => number;
}) {
  const id = fieldId(path);
  const error = errorAt(issues, path);
  const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} tabIndex={-1} className="checkbox-group" aria-describedby={described}>
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {options.map((option) => (
          <label key={String(option.value)} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(option.value)}
              aria-invalid={error !== undefined || undefined}
              onChange={(e) => {
                const next = e.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value);
                // A stable order, so ticking and unticking a box again is no change.
                onChange(sort ? next.sort(sort) : options.map((o) => o.value).filter((v) => next.includes(v)));
              }}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </fieldset>
  );
}

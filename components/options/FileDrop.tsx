import { type ChangeEvent, type DragEvent, type ReactNode, useId, useState } from 'react';

export interface FileDropProps {
  label: string;
  accept: string;
  hint?: ReactNode;
  disabled?: boolean;
  onFile: (file: File) => void;
}

/**
 * A file input that also takes a file dropped anywhere on its box. The input stays the
 * real control (keyboard, screen readers, Playwright's `setInputFiles`); dropping is a
 * shortcut for the mouse.
 */
export function FileDrop({ label, accept, hint, disabled = false, onFile }: FileDropProps) {
  const id = useId();
  const [over, setOver] = useState(false);

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (a re-import, a fixed file) is a change too.
    event.target.value = '';
    if (file) onFile(file);
  }

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (disabled || !Array.from(event.dataTransfer?.types ?? []).includes('Files')) return;
    // Without this the browser opens the dropped file in place of the page.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const file = event.dataTransfer?.files?.[0];
    if (file) onFile(file);
  }

  return (
    // Dropping is a shortcut for the mouse; the file input inside is the control for everyone else.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above.
    <div
      className={over ? 'file-drop over' : 'file-drop'}
      data-testid="file-drop"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={onChange}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

import { useEffect } from 'react';
import { flushSync } from 'react-dom';

/** The sidebar's keys: Alt plus a letter, read by physical key so every layout (and macOS Option) works. */
export const SHORTCUTS = [
  { code: 'KeyA', keys: 'Alt+A', does: 'Accept as SQL (or direct to SQL)', target: 'accept' },
  { code: 'KeyR', keys: 'Alt+R', does: 'Reject with a reason', target: 'reject' },
  { code: 'KeyZ', keys: 'Alt+Z', does: 'Undo the decision just made', target: 'undo' },
  { code: 'KeyC', keys: 'Alt+C', does: 'Go to the checklist', target: 'checklist' },
  { code: 'KeyL', keys: 'Alt+L', does: 'Log a call', target: 'call-log' },
] as const;

export type ShortcutTarget = (typeof SHORTCUTS)[number]['target'];

/** The element id a shortcut acts on, unique per lead view. */
export const shortcutId = (scope: string, target: ShortcutTarget) => `${scope}-${target}`;

/**
 * Alt+letter shortcuts inside the sidebar document: a button target is clicked, anything
 * else (a section, a field) is focused. Keys pressed in the page itself never reach the
 * sidebar frame; the browser-wide Alt+Shift+H toggles it (manifest `commands`).
 */
export function useShortcuts(scope: string, doc: Document = document): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const shortcut = SHORTCUTS.find((s) => s.code === event.code);
      if (!shortcut) return;
      // A shortcut key never types, target or not: on a Mac Option+A is "å", and a key that
      // types into the notes only when the accept button happens to be gone is worse than one
      // that never does.
      event.preventDefault();
      const target = doc.getElementById(shortcutId(scope, shortcut.target));
      if (!target) return;
      if (target instanceof HTMLButtonElement) clickAndFollow(target, doc);
      else {
        const field = target.matches('input, select, textarea, button, [tabindex]')
          ? target
          : target.querySelector<HTMLElement>('input, select, textarea, button');
        (field ?? target).focus();
      }
    };
    doc.addEventListener('keydown', onKey);
    return () => doc.removeEventListener('keydown', onKey);
  }, [scope, doc]);
}

/**
 * Clicks a button that may open a form, and takes focus into that form. A form that focuses
 * its first field itself keeps it; one with nothing to fill (accepting a lead that meets the
 * bar: only an optional note) would leave focus where the key was pressed, so Enter typed a
 * new line in the call log's notes instead of confirming. Then its submit button gets focus.
 */
function clickAndFollow(button: HTMLButtonElement, doc: Document): void {
  const area = button.closest('section') ?? doc.body;
  const before = new Set(area.querySelectorAll('form'));
  // Synchronously, so the opened form and its own focus effect are in place before we look.
  flushSync(() => button.click());
  const opened = [...area.querySelectorAll('form')].find((form) => !before.has(form));
  if (!opened || opened.contains(doc.activeElement)) return;
  opened.querySelector<HTMLElement>('button[type="submit"], button:not([type])')?.focus();
}

import { useEffect } from 'react';

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
      const target = doc.getElementById(shortcutId(scope, shortcut.target));
      if (!target) return;
      event.preventDefault();
      if (target instanceof HTMLButtonElement) target.click();
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

import { useEffect, useState } from 'react';
import type { Alerts } from '../../lib/domain/settings';
import { fieldId } from './issues';
import type { OptionalPermission, SectionProps } from './section';

interface PermissionsLike {
  request(p: { permissions: string[] }): Promise<boolean>;
  remove(p: { permissions: string[] }): Promise<boolean>;
  contains(p: { permissions: string[] }): Promise<boolean>;
}

/** The extension's `notifications` permission, looked up when used (jsdom has no extension API). */
export const NOTIFICATION_PERMISSION: OptionalPermission = (() => {
  const api = (): PermissionsLike => {
    const scope = globalThis as {
      browser?: { permissions?: PermissionsLike };
      chrome?: { permissions?: PermissionsLike };
    };
    const permissions = scope.browser?.permissions ?? scope.chrome?.permissions;
    if (!permissions) throw new Error('This page is not running in the extension');
    return permissions;
  };
  const of = { permissions: ['notifications'] };
  // Async, so a missing API is a rejected promise the section handles, never a throw in render.
  return {
    request: async () => api().request(of),
    remove: async () => api().remove(of),
    contains: async () => api().contains(of),
  };
})();

const KINDS: readonly { key: keyof Alerts; label: string; hint: string }[] = [
  {
    key: 'newMql',
    label: 'A new MQL or high-intent request is assigned to me',
    hint: 'Leads whose owner is your email (You and your company), in the day they came in.',
  },
  {
    key: 'slaDueSoon',
    label: 'A first touch is due within 15 minutes',
    hint: 'For your leads and unassigned ones.',
  },
  { key: 'revisitsDue', label: 'Revisits are due today', hint: 'Once a day, for recycled leads whose date has come.' },
];

/**
 * The toolbar badge (always on: how many leads need you now) and the opt-in notifications.
 * Turning the first one on asks for the browser's permission inside the click (the browsers
 * show the prompt only then); turning the last one off gives it back. A refused permission
 * leaves the box unticked and says why.
 */
export function AlertsSection({ draft, update, context }: SectionProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [granted, setGranted] = useState<boolean | null>(null);
  const permission = context.notificationPermission;
  const anyOn = Object.values(draft.alerts).some(Boolean);

  useEffect(() => {
    let live = true;
    permission
      .contains()
      .then((held) => live && setGranted(held))
      .catch(() => live && setGranted(false));
    return () => {
      live = false;
    };
  }, [permission]);

  async function toggle(key: keyof Alerts, on: boolean) {
    setProblem(null);
    const next = { ...draft.alerts, [key]: on };
    if (on) {
      // First, before anything else is awaited: Firefox prompts only while the click is handled.
      let ok = false;
      try {
        ok = await permission.request();
      } catch (error) {
        setProblem(
          `The browser did not ask for the permission: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
      setGranted(ok);
      if (!ok) {
        setProblem('Notifications need your permission. Nothing was turned on.');
        return;
      }
    } else if (!Object.values(next).some(Boolean)) {
      await permission.remove().catch(() => false);
      setGranted(false);
    }
    update((d) => ({ ...d, alerts: { ...d.alerts, [key]: on } }));
  }

  return (
    <>
      <p className="hint">
        The toolbar button always shows how many leads need you now: a first touch or a verdict overdue or due within
        the hour, or a next step due. Notifications are extra, each off until you turn it on, and quiet outside your
        business hours; a click opens the lead's LinkedIn page or the queue.
      </p>
      <fieldset>
        <legend>Notify me when</legend>
        {KINDS.map(({ key, label, hint }) => {
          const id = fieldId(`alerts.${key}`);
          return (
            <div className="field" key={key}>
              <label className="checkbox">
                <input
                  id={id}
                  type="checkbox"
                  checked={draft.alerts[key]}
                  aria-describedby={`${id}-hint`}
                  onChange={(e) => void toggle(key, e.target.checked)}
                />{' '}
                {label}
              </label>
              <p id={`${id}-hint`} className="hint">
                {hint}
              </p>
            </div>
          );
        })}
      </fieldset>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      {anyOn && granted === false && !problem && (
        <p role="status" className="hint">
          The browser's permission is missing: turn a notification off and on again to ask for it.
        </p>
      )}
    </>
  );
}

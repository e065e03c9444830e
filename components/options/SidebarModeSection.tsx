import type { SidebarMode, SidebarModes } from '../../lib/domain/settings';
import { Field } from './fields';
import { errorAt } from './issues';
import type { SectionProps } from './section';

const SITES: readonly { key: keyof SidebarModes; label: string }[] = [
  { key: 'linkedin', label: 'LinkedIn' },
  { key: 'gmail', label: 'Gmail' },
  { key: 'outlook', label: 'Outlook' },
];

const MODE_LABELS: Record<SidebarMode, string> = {
  panel: "In the browser's side panel",
  frame: 'Beside the page',
};

/**
 * Where the sidebar shows, per site: the browser's own side panel (nothing added to the page)
 * or a frame beside the page. Open tabs follow a change once it is saved.
 */
export function SidebarModeSection({ draft, update, issues }: SectionProps) {
  return (
    <>
      <p className="hint">
        The side panel stays open beside every tab and shows whoever is on the one in front; on LinkedIn it is the
        default because LinkedIn's user agreement forbids overlaying or modifying its pages, and accounts get restricted
        for it. Alt+Shift+H opens the side panel, or shows and collapses the sidebar beside the page.
      </p>
      {SITES.map(({ key, label }) => (
        <Field key={key} path={`sidebarMode.${key}`} label={label} error={errorAt(issues, `sidebarMode.${key}`)}>
          {(control) => (
            <select
              {...control}
              value={draft.sidebarMode[key]}
              onChange={(e) =>
                update((d) => ({ ...d, sidebarMode: { ...d.sidebarMode, [key]: e.target.value as SidebarMode } }))
              }
            >
              {(Object.keys(MODE_LABELS) as SidebarMode[]).map((mode) => (
                <option key={mode} value={mode}>
                  {MODE_LABELS[mode]}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
    </>
  );
}

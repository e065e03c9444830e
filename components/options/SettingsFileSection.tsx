import { type ChangeEvent, useId, useRef, useState } from 'react';
import { FRAMEWORK_DEFINITIONS } from '../../lib/domain/frameworks';
import type { Settings } from '../../lib/domain/settings';
import { differs, pick, type SettingsDraft, type SettingsKey, stableJson } from './draft';
import { describePath, humanMessage, type Issue } from './issues';
import { SETTINGS_GROUPS, type SectionProps, type SettingsGroup } from './section';
import { parseSettingsFile, readSettingsFile, settingsFileName, settingsToFile } from './settings-file';

const GROUPS: readonly SettingsGroup[] = Object.values(SETTINGS_GROUPS);
const ALL_KEYS: readonly SettingsKey[] = GROUPS.flatMap((g) => g.keys);
/** How many of a refused file's problems are listed; the rest are counted. */
const SHOWN_ISSUES = 8;

export interface GroupChange {
  group: SettingsGroup;
  details: string[];
}

/** What taking `next` would change in `current`, group by group, in words. */
export function describeChanges(current: SettingsDraft, next: Settings): GroupChange[] {
  const changes: GroupChange[] = [];
  for (const group of GROUPS) {
    if (!differs(current, next, group.keys)) continue;
    changes.push({ group, details: detailsOf(group.id, current, next) });
  }
  return changes;
}

function detailsOf(id: string, current: SettingsDraft, next: Settings): string[] {
  const details: string[] = [];
  const change = (what: string, a: unknown, b: unknown) => {
    if (stableJson(a) !== stableJson(b)) details.push(`${what}: ${String(a)} → ${String(b)}`);
  };
  switch (id) {
    case 'scoring': {
      const [a, b] = [current.scoringModel, next.scoringModel];
      change('Model', `${a.name} (version ${a.version})`, `${b.name} (version ${b.version})`);
      change('MQL threshold', a.threshold, b.threshold);
      change('Rules', a.rules.length, b.rules.length);
      if (a.rules.length === b.rules.length && stableJson(a.rules) !== stableJson(b.rules)) {
        details.push('Rules: edited');
      }
      change(
        'Decay half-life',
        a.decay ? `${a.decay.halfLifeDays} days` : 'none',
        b.decay ? `${b.decay.halfLifeDays} days` : 'none',
      );
      change(
        'MQL needs fit and behaviour',
        a.mqlNeeds ? `${a.mqlNeeds.fit} fit + ${a.mqlNeeds.behavior} behaviour` : 'off',
        b.mqlNeeds ? `${b.mqlNeeds.fit} fit + ${b.mqlNeeds.behavior} behaviour` : 'off',
      );
      break;
    }
    case 'qualification':
      change('Framework', FRAMEWORK_DEFINITIONS[current.framework].label, FRAMEWORK_DEFINITIONS[next.framework].label);
      if (stableJson(current.sqlCriteria) !== stableJson(next.sqlCriteria)) details.push('SQL bar: changed');
      break;
    case 'reasons': {
      const codes = new Set([...Object.keys(current.reasonLabels), ...Object.keys(next.reasonLabels)]);
      const renamed = [...codes].filter(
        (code) =>
          current.reasonLabels[code as keyof Settings['reasonLabels']] !==
          next.reasonLabels[code as keyof Settings['reasonLabels']],
      );
      details.push(`Labels of ${renamed.join(', ')}`);
      break;
    }
    case 'sla':
      change('First touch within', `${current.sla.firstTouchBusinessHours} h`, `${next.sla.firstTouchBusinessHours} h`);
      change(
        'High-intent first touch within',
        `${current.sla.highIntentBusinessHours} h`,
        `${next.sla.highIntentBusinessHours} h`,
      );
      change('Verdict within', `${current.sla.verdictBusinessDays} d`, `${next.sla.verdictBusinessDays} d`);
      change('Time zone', current.sla.calendar.timeZone, next.sla.calendar.timeZone);
      change(
        'Hours',
        `${current.sla.calendar.dayStart}-${current.sla.calendar.dayEnd}`,
        `${next.sla.calendar.dayStart}-${next.sla.calendar.dayEnd}`,
      );
      if (stableJson(current.sla.calendar.workdays) !== stableJson(next.sla.calendar.workdays)) {
        details.push('Workdays: changed');
      }
      change('Holidays', current.sla.calendar.holidays.length, next.sla.calendar.holidays.length);
      break;
    case 'identity':
      change('Name', current.rep.name || '(none)', next.rep.name || '(none)');
      change('Email', current.rep.email ?? '(none)', next.rep.email ?? '(none)');
      change(
        'Company domains',
        current.companyDomains.join(', ') || '(none)',
        next.companyDomains.join(', ') || '(none)',
      );
      break;
    case 'capture':
      change('Captured engagement', current.captureEngagement ? 'on' : 'off', next.captureEngagement ? 'on' : 'off');
      change('Touches logged from the page', current.captureTouches ? 'on' : 'off', next.captureTouches ? 'on' : 'off');
      break;
  }
  return details;
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'refused'; fileName: string; message: string; issues: readonly Issue[] }
  | { kind: 'same'; fileName: string }
  | {
      kind: 'review';
      fileName: string;
      settings: Settings;
      changes: GroupChange[];
      chosen: Readonly<Record<string, boolean>>;
    };

/**
 * Settings as a JSON file: export the saved settings (to back them up or share a model with
 * the team), import a file into the draft. An import is refused whole, naming what is wrong,
 * when the file is not valid; otherwise it lists what would change, group by group, and applies
 * the groups the rep keeps ticked to the draft, with Undo. The rep then reviews and saves.
 */
export function SettingsFileSection({ draft, saved, replace, context }: SectionProps) {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [exported, setExported] = useState<string>();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const unsaved = differs(draft, saved, ALL_KEYS);

  function exportSettings() {
    const now = context.now();
    const name = settingsFileName(now);
    context.download(name, settingsToFile(saved, now));
    setExported(name);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so picking the same file again (after fixing it) is a change too.
    event.target.value = '';
    if (!file) return;
    setState({ kind: 'reading' });
    let text: string;
    try {
      text = await readSettingsFile(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setState({ kind: 'refused', fileName: file.name, message, issues: [] });
      return;
    }
    const result = parseSettingsFile(text);
    if (!result.ok) {
      setState({ kind: 'refused', fileName: file.name, message: result.message, issues: result.issues });
      return;
    }
    const changes = describeChanges(draft, result.settings);
    if (changes.length === 0) {
      setState({ kind: 'same', fileName: file.name });
      return;
    }
    // A shared team file carries the sender's name and email: the rep's own stay unless they tick them.
    const ownIdentity = draft.rep.name !== '' || draft.rep.email !== undefined;
    const chosen = Object.fromEntries(
      changes.map(({ group }) => [group.id, !(group.id === SETTINGS_GROUPS.identity.id && ownIdentity)]),
    );
    setState({ kind: 'review', fileName: file.name, settings: result.settings, changes, chosen });
  }

  function apply() {
    if (state.kind !== 'review') return;
    const groups = state.changes.filter(({ group }) => state.chosen[group.id]).map(({ group }) => group);
    if (groups.length === 0) return;
    const patch = pick(
      state.settings,
      groups.flatMap((g) => g.keys),
    );
    replace(
      patch,
      `Applied ${groups.map((g) => g.title).join(', ')} from ${state.fileName} to the draft. Review, then save.`,
    );
    setState({ kind: 'idle' });
  }

  return (
    <>
      <p className="muted small">
        Back up your settings, or share a scoring model and SQL bar with your team, as a JSON file.
      </p>
      <div className="row">
        <button type="button" className="secondary" onClick={exportSettings}>
          Export settings
        </button>
        <span className="hint" role="status">
          {exported
            ? `Exported ${exported}.`
            : unsaved
              ? 'Exports the saved settings: save first to include your unsaved changes.'
              : ''}
        </span>
      </div>
      <div className="field">
        <label htmlFor={inputId}>Import settings from a file</label>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept="application/json,.json"
          aria-describedby={`${inputId}-hint`}
          onChange={onFile}
        />
        <p id={`${inputId}-hint`} className="hint">
          Nothing is saved by importing: the file's settings go into the draft, for you to review and save.
        </p>
      </div>
      {state.kind === 'reading' && <p role="status">Reading the file…</p>}
      {state.kind === 'refused' && (
        <div role="alert" className="import-refused">
          <p className="error">
            Not imported: {state.fileName}. {state.message} Nothing was changed.
          </p>
          {state.issues.length > 0 && (
            <ul>
              {state.issues.slice(0, SHOWN_ISSUES).map((issue) => (
                <li key={`${issue.path}: ${issue.message}`}>
                  {describePath(issue.path)}: {humanMessage(issue.message)}
                </li>
              ))}
              {state.issues.length > SHOWN_ISSUES && <li>and {state.issues.length - SHOWN_ISSUES} more</li>}
            </ul>
          )}
        </div>
      )}
      {state.kind === 'same' && (
        <p role="status">{state.fileName} holds the same settings as the page: nothing to change.</p>
      )}
      {state.kind === 'review' && (
        <fieldset className="import-review">
          <legend>Import {state.fileName}: what would change</legend>
          {state.changes.map(({ group, details }) => (
            <div key={group.id} className="import-change">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={state.chosen[group.id] ?? false}
                  onChange={(e) => setState({ ...state, chosen: { ...state.chosen, [group.id]: e.target.checked } })}
                />{' '}
                {group.title}
              </label>
              {details.length > 0 && (
                <ul className="small">
                  {details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={apply} disabled={!state.changes.some(({ group }) => state.chosen[group.id])}>
              Apply to the draft
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setState({ kind: 'idle' });
                fileInput.current?.focus();
              }}
            >
              Cancel import
            </button>
          </div>
        </fieldset>
      )}
    </>
  );
}

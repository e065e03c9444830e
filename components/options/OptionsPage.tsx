import { liveQuery } from 'dexie';
import { type ComponentType, memo, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Repositories } from '../../lib/db';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/domain/settings';
import { ValidationError } from '../../lib/domain/validation';
import type { PreviewReader } from '../../lib/scoring/preview-run';
import { AlertsSection, NOTIFICATION_PERMISSION } from './AlertsSection';
import { CaptureSection } from './CaptureSection';
import { CrmSection } from './CrmSection';
import { differs, pick, type SettingsDraft, type SettingsKey, stableJson, withModelVersion } from './draft';
import { ExportSection } from './ExportSection';
import { describePath, fieldId, humanMessage, type Issue, settingsIssues } from './issues';
import { IdentitySection } from './IdentitySection';
import { ImportSection } from './ImportSection';
import { repositoryPreviewReader } from './preview-reader';
import { QualificationSection } from './QualificationSection';
import { ReasonsSection } from './ReasonsSection';
import { ScoringSection } from './ScoringSection';
import { type OptionalPermission, type OptionsContext, SETTINGS_GROUPS, type SectionProps } from './section';
import { SettingsFileSection } from './SettingsFileSection';
import { SidebarModeSection } from './SidebarModeSection';
import { downloadFile } from './settings-file';
import { SlaSection } from './SlaSection';
import { SyncSection } from './SyncSection';
import { TeamSection } from './TeamSection';
import './options.css';

/** One section of the page: its anchor, its title, the settings it owns, and its editor. */
export interface OptionsSectionDefinition {
  id: string;
  title: string;
  /** What "Reset to defaults" restores and "Unsaved" compares; none for sections that hold no settings. */
  keys: readonly SettingsKey[];
  Component: ComponentType<SectionProps>;
}

/**
 * The page's sections, in page and nav order. A new section is one entry here (with `keys: []`
 * unless it owns settings): the nav, the frame and the save bar follow.
 */
export const OPTIONS_SECTIONS: readonly OptionsSectionDefinition[] = [
  // Who the rep is comes first: every decision and call is signed with it (issue 15).
  { ...SETTINGS_GROUPS.identity, Component: IdentitySection },
  // Next to "You": who the rep hands SQLs to.
  { ...SETTINGS_GROUPS.team, Component: TeamSection },
  // Next to the team: where the sidebar links a lead's CRM record.
  { ...SETTINGS_GROUPS.crm, Component: CrmSection },
  { ...SETTINGS_GROUPS.scoring, Component: ScoringSection },
  { ...SETTINGS_GROUPS.qualification, Component: QualificationSection },
  { ...SETTINGS_GROUPS.reasons, Component: ReasonsSection },
  { ...SETTINGS_GROUPS.sla, Component: SlaSection },
  { ...SETTINGS_GROUPS.alerts, Component: AlertsSection },
  { ...SETTINGS_GROUPS.capture, Component: CaptureSection },
  { ...SETTINGS_GROUPS.sidebarMode, Component: SidebarModeSection },
  { id: 'settings-file', title: 'Back up and share settings', keys: [], Component: SettingsFileSection },
  { id: 'import', title: 'Import leads from CSV', keys: [], Component: ImportSection },
  { id: 'export', title: 'Export and back up data', keys: [], Component: ExportSection },
  { id: 'sync', title: 'Team sync', keys: [], Component: SyncSection },
];

const ALL_KEYS: readonly SettingsKey[] = [...new Set(OPTIONS_SECTIONS.flatMap((s) => s.keys))];
const NO_ISSUES: readonly Issue[] = [];

type SectionBodyProps = SectionProps & Pick<OptionsSectionDefinition, 'Component' | 'keys'>;

/**
 * A section's editor, re-rendered only when its own settings (or the page's shared props)
 * change: typing in one field does not re-render the other sections. Edits keep the
 * references of untouched settings, so comparing references is enough. A section that owns
 * no settings (the file section) reads the whole draft.
 */
const SectionBody = memo(
  function SectionBody({ Component, keys: _keys, ...props }: SectionBodyProps) {
    return <Component {...props} />;
  },
  (a, b) =>
    a.Component === b.Component &&
    a.saved === b.saved &&
    a.issues === b.issues &&
    a.update === b.update &&
    a.replace === b.replace &&
    a.context === b.context &&
    (a.keys.length === 0 ? a.draft === b.draft : a.keys.every((key) => a.draft[key] === b.draft[key])),
);

export interface OptionsPageProps {
  repos: Repositories;
  now?: () => number;
  /** Offers a file for download (text, or a Blob the exports build); a Blob link by default. */
  download?: (name: string, content: string | Blob) => void;
  /** Where the MQL preview reads leads; the repositories by default. */
  previewReader?: PreviewReader;
  previewChunkSize?: number;
  previewSettleMs?: number;
  /** The `notifications` permission; the extension's own by default. */
  notificationPermission?: OptionalPermission;
}

type Status =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

interface State {
  phase: 'loading' | 'ready';
  saved: Settings;
  draft: SettingsDraft;
  status: Status;
  /** After a refused save, problems are shown and kept current as the rep fixes them. */
  showIssues: boolean;
  /** The last replacement (reset, removal, import, discard) and what it replaced. */
  undo: { message: string; previous: Partial<Settings> } | null;
  /** Stored settings could not be read (written by another release?); defaults are shown. */
  unreadable: string | null;
  /** The stored settings changed elsewhere while this draft had unsaved edits. */
  changedElsewhere: boolean;
  /** Bumped to ask for focus on the first invalid field once it is rendered. */
  focusRequest: number;
}

type Action =
  | { type: 'stored'; settings: Settings }
  | { type: 'unreadable'; message: string }
  | { type: 'edit'; change: (draft: SettingsDraft) => SettingsDraft }
  | { type: 'replace'; patch: Partial<Settings>; message: string }
  | { type: 'undo' }
  | { type: 'dismissUndo' }
  | { type: 'saving' }
  /** `sent`: the draft the save was made from; edits made while it was written are kept. */
  | { type: 'saved'; settings: Settings; sent: SettingsDraft }
  | { type: 'invalid' }
  | { type: 'failed'; message: string };

const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'stored': {
      // The draft shares the stored objects until edited: every edit replaces what it changes
      // (never mutates), and unchanged settings compare by reference.
      if (state.phase === 'loading') {
        return { ...state, phase: 'ready', saved: action.settings, draft: action.settings };
      }
      if (same(action.settings, state.saved)) return state;
      // Our own save echoing back, or a draft without edits: take the stored settings as they are.
      if (state.status.kind === 'saving') return { ...state, saved: action.settings };
      if (same(state.draft, state.saved)) {
        return { ...state, saved: action.settings, draft: action.settings };
      }
      return { ...state, saved: action.settings, changedElsewhere: true };
    }
    case 'unreadable':
      return { ...state, phase: 'ready', unreadable: action.message };
    case 'edit': {
      const draft = action.change(state.draft);
      // Undo puts back whole settings; once the rep edits those again, it would throw that edit away.
      const undo =
        state.undo &&
        Object.keys(state.undo.previous).some((key) => draft[key as SettingsKey] !== state.draft[key as SettingsKey])
          ? null
          : state.undo;
      return { ...state, draft, undo, status: editing(state.status) };
    }
    case 'replace': {
      const keys = Object.keys(action.patch) as SettingsKey[];
      const previous = pick(state.draft, keys);
      return {
        ...state,
        draft: { ...state.draft, ...structuredClone(action.patch) },
        undo: { message: action.message, previous },
        status: editing(state.status),
      };
    }
    case 'undo':
      if (!state.undo) return state;
      return { ...state, draft: { ...state.draft, ...state.undo.previous }, undo: null, status: editing(state.status) };
    case 'dismissUndo':
      return { ...state, undo: null };
    case 'saving':
      return { ...state, status: { kind: 'saving' } };
    case 'saved':
      return {
        ...state,
        saved: action.settings,
        draft: state.draft === action.sent ? action.settings : state.draft,
        status: { kind: 'saved' },
        showIssues: false,
        unreadable: null,
        changedElsewhere: false,
      };
    case 'invalid':
      return { ...state, status: { kind: 'invalid' }, showIssues: true, focusRequest: state.focusRequest + 1 };
    case 'failed':
      return { ...state, status: { kind: 'failed', message: action.message } };
  }
}

/** "Saved" and "Not saved" describe the last attempt; an edit after it makes them stale. */
function editing(status: Status): Status {
  return status.kind === 'saved' || status.kind === 'failed' ? { kind: 'editing' } : status;
}

const INITIAL: State = {
  phase: 'loading',
  saved: DEFAULT_SETTINGS,
  draft: DEFAULT_SETTINGS,
  status: { kind: 'editing' },
  showIssues: false,
  undo: null,
  unreadable: null,
  changedElsewhere: false,
  focusRequest: 0,
};

/**
 * The options page: every setting in sections, edited as one draft. Save validates the whole
 * draft through the repository (`SettingsSchema`); when it is refused nothing is written and
 * each problem shows next to its field, listed at the top with links. Unsaved changes are
 * marked per section and guarded on leaving the page; resets, removals and imports offer Undo.
 */
export function OptionsPage({
  repos,
  now = Date.now,
  download = downloadFile,
  previewReader,
  previewChunkSize,
  previewSettleMs,
  notificationPermission = NOTIFICATION_PERMISSION,
}: OptionsPageProps) {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const { draft, saved, status } = state;
  const main = useRef<HTMLElement>(null);

  // The stored settings, live: another tab's save reaches this page (Dexie's liveQuery).
  useEffect(() => {
    const subscription = liveQuery(() => repos.settings.get()).subscribe({
      next: (settings) => dispatch({ type: 'stored', settings }),
      error: (error: unknown) =>
        dispatch({ type: 'unreadable', message: error instanceof Error ? error.message : String(error) }),
    });
    return () => subscription.unsubscribe();
  }, [repos]);

  // Which settings differ from the stored ones; references first, the deep comparison only for edited ones.
  const changed = useMemo(
    () => new Set(ALL_KEYS.filter((key) => draft[key] !== saved[key] && differs(draft, saved, [key]))),
    [draft, saved],
  );
  const dirty = state.phase === 'ready' && changed.size > 0;
  const issues = useMemo(() => (state.showIssues ? settingsIssues(draft) : NO_ISSUES), [state.showIssues, draft]);

  // Leaving with unsaved changes asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // After a refused save, the first field with a problem takes the focus.
  useEffect(() => {
    if (state.focusRequest === 0) return;
    const first = main.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
    // Centred: at the edge it would sit under the sticky save bar. (jsdom has no scrollIntoView.)
    first?.scrollIntoView?.({ block: 'center' });
  }, [state.focusRequest]);

  const save = useCallback(async () => {
    if (state.phase !== 'ready' || status.kind === 'saving') return;
    dispatch({ type: 'saving' });
    try {
      const stored = await repos.settings.save(withModelVersion(draft, saved));
      dispatch({ type: 'saved', settings: stored, sent: draft });
    } catch (error) {
      if (error instanceof ValidationError) dispatch({ type: 'invalid' });
      else dispatch({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, [repos, draft, saved, state.phase, status.kind]);

  // Ctrl+S / Cmd+S saves, as in any editor, instead of saving the page as HTML.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [save]);

  const update = useCallback((change: (d: SettingsDraft) => SettingsDraft) => dispatch({ type: 'edit', change }), []);
  const replace = useCallback(
    (patch: Partial<Settings>, message: string) => dispatch({ type: 'replace', patch, message }),
    [],
  );
  const reader = useMemo(() => previewReader ?? repositoryPreviewReader(repos), [previewReader, repos]);
  const context: OptionsContext = useMemo(
    () => ({ repos, now, download, previewReader: reader, previewChunkSize, previewSettleMs, notificationPermission }),
    [repos, now, download, reader, previewChunkSize, previewSettleMs, notificationPermission],
  );

  if (state.phase === 'loading') {
    return (
      <main className="options" aria-busy="true">
        <p>Loading settings…</p>
      </main>
    );
  }

  const invalidCount = state.showIssues ? issues.length : 0;

  return (
    <div className="options-layout">
      <nav className="options-nav" aria-label="Settings sections">
        <p className="options-brand">Handoff settings</p>
        <ul>
          {OPTIONS_SECTIONS.map((section) => {
            const sectionChanged = section.keys.some((key) => changed.has(key));
            return (
              <li key={section.id}>
                <a href={`#${section.id}`}>
                  {section.title}
                  {sectionChanged && (
                    <span className="unsaved-dot" title="Unsaved changes">
                      {' '}
                      •<span className="visually-hidden"> (unsaved changes)</span>
                    </span>
                  )}
                </a>
              </li>
            );
          })}
        </ul>
        {/* Shipped in the package (public/privacy.html); a new tab keeps an unsaved draft here. */}
        <p>
          <a href="/privacy.html" target="_blank" rel="noopener">
            Privacy policy
          </a>
        </p>
        {/* The first-run page (entrypoints/welcome), again: what is kept where, the sample data. */}
        <p>
          <a href="/welcome.html" target="_blank" rel="noopener">
            Show the welcome page
          </a>
        </p>
      </nav>
      <main className="options" ref={main} aria-labelledby="options-title">
        <header className="save-bar">
          <h1 id="options-title">Settings</h1>
          <p className="save-state" role="status">
            {saveStateText(status, dirty)}
          </p>
          <button type="button" onClick={() => void save()} aria-disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? 'Saving…' : 'Save settings'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!dirty}
            onClick={() => replace(pick(saved, ALL_KEYS), 'Unsaved changes discarded.')}
          >
            Discard changes
          </button>
        </header>

        {state.unreadable && (
          <p role="alert" className="error">
            The stored settings could not be read ({state.unreadable}). The page shows the defaults; saving replaces the
            stored settings.
          </p>
        )}
        {state.changedElsewhere && dirty && (
          <p role="alert" className="notice">
            The settings were saved in another window while you edited here. Saving keeps your version; Discard changes
            shows theirs.
          </p>
        )}
        {status.kind === 'failed' && (
          <p role="alert" className="error">
            Could not save the settings: {status.message}. Your changes are still here; try again.
          </p>
        )}
        {status.kind === 'invalid' && (
          <div role="alert" className="save-problems">
            {invalidCount === 0 ? (
              <p>All problems are fixed: save again.</p>
            ) : (
              <>
                <p className="error">
                  Not saved: {invalidCount === 1 ? '1 setting needs' : `${invalidCount} settings need`} fixing. Nothing
                  was changed.
                </p>
                <ul>
                  {issues.map((issue) => (
                    <li key={`${issue.path}: ${issue.message}`}>
                      <a
                        href={`#${fieldId(issue.path)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          focusField(issue.path);
                        }}
                      >
                        {describePath(issue.path, draft)}
                      </a>
                      : {humanMessage(issue.message)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {state.undo && (
          <p className="undo-notice" role="status">
            {state.undo.message}{' '}
            <button type="button" className="secondary" onClick={() => dispatch({ type: 'undo' })}>
              Undo
            </button>{' '}
            <button
              type="button"
              className="secondary"
              aria-label="Dismiss"
              onClick={() => dispatch({ type: 'dismissUndo' })}
            >
              ×
            </button>
          </p>
        )}

        {OPTIONS_SECTIONS.map(({ id, title, keys, Component }) => {
          const sectionChanged = keys.some((key) => changed.has(key));
          const atDefaults = keys.length > 0 && !differs(draft, DEFAULT_SETTINGS, keys);
          return (
            <section key={id} id={id} className="options-section" aria-labelledby={`${id}-title`}>
              <div className="section-head">
                <h2 id={`${id}-title`}>{title}</h2>
                {sectionChanged && <span className="badge unsaved">Unsaved</span>}
                {keys.length > 0 && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={atDefaults}
                    onClick={() => replace(pick(DEFAULT_SETTINGS, keys), `${title}: reset to defaults.`)}
                  >
                    Reset to defaults<span className="visually-hidden"> ({title})</span>
                  </button>
                )}
              </div>
              <SectionBody
                Component={Component}
                keys={keys}
                draft={draft}
                saved={saved}
                issues={issues}
                update={update}
                replace={replace}
                context={context}
              />
            </section>
          );
        })}
      </main>
    </div>
  );
}

function saveStateText(status: Status, dirty: boolean): string {
  if (status.kind === 'saving') return 'Saving…';
  if (dirty) return 'Unsaved changes';
  if (status.kind === 'saved') return 'Saved.';
  return 'All changes saved';
}

/**
 * Focuses the control of a problem's path, or of the nearest field above it (an item's
 * problem lands on its list) when the exact path has no control of its own.
 */
function focusField(path: string): void {
  const parts = path.split('.');
  for (let end = parts.length; end > 0; end -= 1) {
    const element = document.getElementById(fieldId(parts.slice(0, end).join('.')));
    if (element) {
      element.focus();
      element.scrollIntoView?.({ block: 'center' });
      return;
    }
  }
}

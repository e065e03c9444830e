import { liveQuery } from 'dexie';
import { type FormEvent, memo, useEffect, useId, useState } from 'react';
import type { Repositories, SyncErrorInfo, SyncStatus } from '../../lib/db';
import type { SyncControl } from '../../lib/sync/control';
import { remoteSyncControl } from '../../lib/sync/remote';
import {
  hostPermission,
  isDeclared,
  SYNC_DATA_COLLECTION,
  ServerUrlSchema,
  UNDECLARED_MESSAGE,
} from '../../lib/sync/server-url';
import type { SectionProps } from './section';

/**
 * Asking for and giving back the server's host permission (`browser.permissions` in the
 * extension; on Firefox with sync's data-collection consent: {@link extensionPermissions}).
 */
export interface HostPermissions {
  /** Must be called inside the rep's click: browsers show the prompt only during a user gesture. */
  request(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<unknown>;
  /** Whether the manifest offers `origin` at all (an undeclared one cannot be asked for); all when absent. */
  declares?(origin: string): boolean;
}

export interface SyncPanelProps {
  repos: Repositories;
  control: SyncControl;
  permissions: HostPermissions;
  /** Formats a time for the rep; the browser's locale by default. */
  formatTime?: (at: number) => string;
}

const defaultFormat = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What `permissions.request` and `remove` take here: origins, and on Firefox the data-collection categories. */
export interface PermissionsRequest {
  origins: string[];
  data_collection?: string[];
}

/** The part of `browser.permissions` the section uses (promise-based in Chrome MV3 and Firefox alike). */
export interface PermissionsApi {
  request(permissions: PermissionsRequest): Promise<boolean>;
  remove(permissions: PermissionsRequest): Promise<boolean>;
}

/** The part of the extension API the section uses. */
interface ExtensionApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    getManifest(): { host_permissions?: string[]; optional_host_permissions?: string[] };
  };
  permissions: PermissionsApi;
}

/**
 * The extension API, looked up when used rather than imported from wxt/browser: that
 * module does not load in the component tests' jsdom, and the options page's other
 * sections render there.
 */
function extensionApi(): ExtensionApi {
  const scope = globalThis as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = scope.browser ?? scope.chrome;
  if (!api?.permissions) throw new Error('This page is not running in the extension');
  return api;
}

/**
 * Sync's permissions over the extension API: the server's origin and, when
 * `dataCollection` names categories, Firefox's data-collection consent for them in the
 * same request (one prompt, inside the rep's click) and the same removal. Only Firefox
 * knows the key (140+, where the manifest declares the categories optional); Chrome
 * refuses a request with a key it does not know, so its build passes none.
 */
export function extensionPermissions(api: () => PermissionsApi, dataCollection: readonly string[]): HostPermissions {
  const of = (origins: string[]): PermissionsRequest =>
    dataCollection.length > 0 ? { origins, data_collection: [...dataCollection] } : { origins };
  return {
    request: (origins) => api().request(of(origins)),
    remove: (origins) => api().remove(of(origins)),
  };
}

/**
 * The options page's sync section as the extension wires it: commands go to the background
 * (the one place syncs run), the permission prompt comes from this page (it needs the
 * rep's click). Wired here rather than through the page's props, which other sections share.
 */
export function SyncSection({ context }: SectionProps) {
  const [wiring] = useState(() => ({
    control: remoteSyncControl((message) => extensionApi().runtime.sendMessage(message)),
    permissions: {
      ...extensionPermissions(() => extensionApi().permissions, import.meta.env.FIREFOX ? SYNC_DATA_COLLECTION : []),
      declares: (origin: string) => {
        const manifest = extensionApi().runtime.getManifest();
        return isDeclared(origin, [
          ...(manifest.optional_host_permissions ?? []),
          ...(manifest.host_permissions ?? []),
        ]);
      },
    },
  }));
  return <StablePanel repos={context.repos} control={wiring.control} permissions={wiring.permissions} />;
}

// The page re-renders sections without settings on every edit of the draft; this one needs none of it.
const StablePanel = memo(function StablePanel(props: SyncPanelProps) {
  return <SyncPanel {...props} />;
});

type Busy = 'turning-on' | 'turning-off' | 'syncing' | null;

/**
 * Team sync: off by default. Turning it on asks for the server's host permission (only
 * that origin), checks the address and token with the server and shows the team and rep
 * it answered with; then every change is queued and sent in the background. Shows what is
 * not sent yet, the last sync, the last problem in words, and the changes the server
 * refused for good. The token is sent to the background once and never shown again.
 */
export function SyncPanel({ repos, control, permissions, formatTime = defaultFormat }: SyncPanelProps) {
  const ids = { url: useId(), token: useId(), problem: useId(), hint: useId() };
  const [status, setStatus] = useState<SyncStatus>();
  const [serverUrl, setServerUrl] = useState<string>();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<{ field: 'url' | 'token' | null; message: string } | null>(null);
  const [ran, setRan] = useState<string | null>(null);
  const [conflictLeads, setConflictLeads] = useState<{ id: string; name: string }[]>([]);

  // The stored status, live: the background's syncs update it (Dexie's cross-context liveQuery).
  useEffect(() => {
    const subscription = liveQuery(() => repos.sync.status()).subscribe({ next: setStatus });
    return () => subscription.unsubscribe();
  }, [repos]);

  const conflicts = status?.conflicts ?? [];
  const conflictKey = conflicts.join(',');
  useEffect(() => {
    let stale = false;
    void Promise.all(
      conflictKey
        .split(',')
        .filter(Boolean)
        .map((id) => repos.leads.get(id)),
    ).then((leads) => {
      if (!stale) setConflictLeads(leads.flatMap((lead) => (lead ? [{ id: lead.id, name: lead.person.name }] : [])));
    });
    return () => {
      stale = true;
    };
  }, [repos, conflictKey]);

  if (!status) return <p aria-busy="true">Reading the sync status…</p>;
  const shownUrl = serverUrl ?? status.serverUrl ?? '';

  async function turnOn(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    // While on (a refused token being replaced), the address stays the one in use.
    const wasOn = status?.enabled === true;
    const url = ServerUrlSchema.safeParse(wasOn ? (status?.serverUrl ?? '') : shownUrl);
    if (!url.success) {
      setProblem({ field: 'url', message: url.error.issues[0]?.message ?? 'Not a valid address' });
      return;
    }
    if (token.trim() === '') {
      setProblem({ field: 'token', message: 'Paste the token your admin gave you' });
      return;
    }
    const origins = [hostPermission(url.data)];
    if (permissions.declares && !origins.every((origin) => permissions.declares?.(origin))) {
      setProblem({ field: 'url', message: UNDECLARED_MESSAGE });
      return;
    }
    // First, before anything else is awaited: Firefox shows the prompt only while the click is being handled.
    let granted = false;
    try {
      granted = await permissions.request(origins);
    } catch (error) {
      setProblem({ field: null, message: `The browser did not ask for the permission: ${messageOf(error)}` });
      return;
    }
    if (!granted) {
      setProblem({
        field: null,
        message: `Sync needs your permission to reach ${new URL(url.data).host}. Nothing was turned on.`,
      });
      return;
    }
    setBusy('turning-on');
    try {
      const result = await control.turnOn({ serverUrl: url.data, token });
      if (result.ok) {
        setToken('');
        setServerUrl(undefined);
      } else {
        // Sync stays off: give the permission back (while on, the server still needs it).
        if (!wasOn) await permissions.remove(origins).catch(() => {});
        setProblem({
          field:
            result.problem === 'url' || result.problem === 'unreachable'
              ? 'url'
              : result.problem === 'token'
                ? 'token'
                : null,
          message: result.message,
        });
      }
    } catch (error) {
      setProblem({ field: null, message: messageOf(error) });
    } finally {
      setBusy(null);
    }
  }

  async function turnOff() {
    if (busy) return;
    setBusy('turning-off');
    setProblem(null);
    setRan(null);
    try {
      await control.turnOff();
      if (status?.serverUrl) await permissions.remove([hostPermission(status.serverUrl)]).catch(() => {});
    } catch (error) {
      setProblem({ field: null, message: messageOf(error) });
    } finally {
      setBusy(null);
    }
  }

  async function syncNow() {
    if (busy) return;
    setBusy('syncing');
    setRan(null);
    try {
      const run = await control.syncNow();
      setRan(
        run.status === 'ok' ? 'Synced.' : run.status === 'off' ? 'Sync is off.' : 'Sync did not finish (see below).',
      );
    } catch (error) {
      setRan(messageOf(error));
    } finally {
      setBusy(null);
    }
  }

  const problemFor = (field: 'url' | 'token') => (problem?.field === field ? problem.message : undefined);
  const tokenField = (label: string) => (
    <div className="field">
      <label htmlFor={ids.token}>{label}</label>
      <input
        id={ids.token}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-invalid={problemFor('token') !== undefined}
        aria-describedby={problemFor('token') ? `${ids.token}-error` : undefined}
      />
      {problemFor('token') && (
        <p id={`${ids.token}-error`} className="field-error">
          {problemFor('token')}
        </p>
      )}
    </div>
  );

  return (
    <div className="sync-section">
      <p role="status" className="sync-state">
        {status.enabled ? (
          <>
            On: team <strong>{status.team?.name}</strong>, as <strong>{status.rep}</strong>, with {status.serverUrl}.
          </>
        ) : (
          'Off. Everything stays in this browser.'
        )}
      </p>

      {status.enabled ? (
        <>
          <dl className="sync-figures">
            <dt>Not sent yet</dt>
            <dd>{status.unsynced === 1 ? '1 change' : `${status.unsynced} changes`}</dd>
            <dt>Last synced</dt>
            <dd>{status.lastSyncAt === undefined ? 'Not yet' : formatTime(status.lastSyncAt)}</dd>
          </dl>
          {status.error && (
            <p role="alert" className="error">
              {errorInWords(status.error, status.nextAttemptAt, formatTime)}
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => void syncNow()} aria-disabled={busy !== null}>
              {busy === 'syncing' ? 'Syncing…' : 'Sync now'}
            </button>
            <button type="button" className="secondary" onClick={() => void turnOff()} aria-disabled={busy !== null}>
              {busy === 'turning-off' ? 'Turning off…' : 'Turn off'}
            </button>
          </div>
          {ran && <p className="hint">{ran}</p>}
          {status.error?.kind === 'unauthorized' && (
            <form onSubmit={(event) => void turnOn(event)} noValidate>
              {tokenField('New token')}
              <p className="hint">Nothing waiting to be sent is lost: it goes with the new token.</p>
              <button type="submit" aria-disabled={busy !== null}>
                {busy === 'turning-on' ? 'Checking…' : 'Use this token'}
              </button>
            </form>
          )}
        </>
      ) : (
        <form onSubmit={(event) => void turnOn(event)} noValidate>
          <p id={ids.hint} className="hint">
            Sync shares your leads, checklists and decisions with your team's Handoff server, and theirs with you.
            Turning it on asks your browser for permission to reach that server only, and sends what this browser holds.
          </p>
          <div className="field">
            <label htmlFor={ids.url}>Server address</label>
            <input
              id={ids.url}
              type="url"
              inputMode="url"
              autoComplete="url"
              placeholder="https://sync.example.com"
              value={shownUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              aria-invalid={problemFor('url') !== undefined}
              aria-describedby={problemFor('url') ? `${ids.url}-error` : undefined}
            />
            {problemFor('url') && (
              <p id={`${ids.url}-error`} className="field-error">
                {problemFor('url')}
              </p>
            )}
          </div>
          {tokenField('Token')}
          <button type="submit" aria-disabled={busy !== null}>
            {busy === 'turning-on' ? 'Turning on…' : 'Turn on sync'}
          </button>
        </form>
      )}
      {problem?.field === null && (
        <p role="alert" className="error">
          {problem.message}
        </p>
      )}

      {conflicts.length > 0 && (
        <div className="notice">
          <p>
            {conflicts.length === 1 ? 'One lead has' : `${conflicts.length} leads have`} decisions made by two people
            without seeing each other. Both are kept; the later one counts. Look at:
          </p>
          <ul>
            {conflictLeads.map((lead) => (
              <li key={lead.id}>{lead.name}</li>
            ))}
          </ul>
        </div>
      )}

      {status.rejected.length > 0 && (
        <div className="sync-rejected">
          <h3>Changes the server refused</h3>
          <p className="hint">
            These were not sent and will not be: the server's copy is shown instead. Redo them by hand if they still
            matter.
          </p>
          <ul>
            {status.rejected.map((item) => (
              <li key={item.changeId}>
                {describeChange(item.table)} ({formatTime(item.at)}):{' '}
                {item.issues
                  .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
                  .join('; ')}
              </li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => void repos.sync.clearRejected()}>
            Clear this list
          </button>
        </div>
      )}
    </div>
  );
}

const CHANGE_WORDS: Record<string, string> = {
  leads: 'A lead edit',
  qualifications: 'A checklist edit',
  events: 'An engagement event',
  dispositions: 'A decision',
  activities: 'A logged touch',
};

function describeChange(table: string): string {
  return CHANGE_WORDS[table] ?? 'A change';
}

/** The last failure in words, with what happens next. */
export function errorInWords(
  error: SyncErrorInfo,
  nextAttemptAt: number | undefined,
  formatTime: (at: number) => string,
): string {
  const next = nextAttemptAt === undefined ? '' : ` Handoff tries again by itself at ${formatTime(nextAttemptAt)}.`;
  switch (error.kind) {
    case 'unauthorized':
      return 'The server refused the token (revoked or mistyped). Sync is paused until you turn it on with a token that works.';
    case 'network':
      return `Could not reach the sync server (offline, or the server is down).${next}`;
    case 'rate_limited':
      return `The server asked Handoff to slow down.${next}`;
    case 'server':
      return `The sync server had a problem: ${error.message}.${next}`;
    case 'refused':
      return `${error.message}.${next}`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

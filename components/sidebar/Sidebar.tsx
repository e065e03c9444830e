import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo } from 'react';
import type { Lead } from '../../lib/domain/lead';
import type { SidebarData } from '../../lib/sidebar/data';
import { SidebarDataProvider, useSidebarData, useSidebarQueryClient } from './data';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorView } from './ErrorView';
import { FormatProvider, useFormat } from './format';
import { identityKey } from './lookup';
import { PageActionsContext, PageSnapshotOffer } from './page-actions';
import { PersonView } from './PersonView';
import { SearchPanel } from './SearchPanel';
import type { PageSnapshot } from './SnapshotPanel';
import type { SidebarState } from './state';
import './sidebar.css';

export interface SidebarProps {
  /** Where the sidebar's data comes from: the background in the extension, the repositories in tests. */
  data: SidebarData;
  /** What the page shows, from the page wiring. */
  state: SidebarState;
  /** The clock: `Date.now` in the extension, a fixed time in tests. */
  now: () => number;
  /** Collapse the sidebar (the page's frame hides it and remembers). Without it, no Collapse button. */
  onCollapse?: () => void;
  /** Retry after an error: the host reconnects to the page. Without it, no Retry button. */
  onRetry?: () => void;
  /** Replaces the data's search (email, LinkedIn URL, or a name scan). */
  onSearch?: (query: string) => Promise<readonly Lead[]>;
  /** A redacted copy of the page beside the sidebar, for a bug report. Without it, not offered. */
  onSnapshot?: () => Promise<PageSnapshot>;
  /** Display locale and time zone; the browser's by default. Tests pin them. */
  locale?: string;
  timeZone?: string;
  /**
   * Where this sidebar shows (the browser's side panel or a frame beside the page) and how to
   * move the page's site to the other. Without it (a page of no site of ours, a browser
   * without a side panel), no control.
   */
  placement?: { mode: 'panel' | 'frame'; onMove: () => void } | undefined;
}

/** What resets the view: a new person (not a new message about the same one) or a new kind of page. */
function viewKey(state: SidebarState): string {
  return state.kind === 'person' ? `person:${identityKey(state.identity)}` : state.kind;
}

/**
 * The sidebar: an extension page framed next to LinkedIn, Gmail or Outlook. It shows the
 * person on the page as a known lead (SLA, score, timeline), offers to add an unknown one,
 * and degrades to a search when the page has nobody or cannot be read. All stored data is
 * read live, so changes from another tab, an import or a sync show at once. Page data is
 * untrusted: it is only ever rendered as text.
 */
export function Sidebar({
  data,
  state,
  now,
  onCollapse,
  onRetry,
  onSearch,
  onSnapshot,
  locale,
  timeZone,
  placement,
}: SidebarProps) {
  const client = useSidebarQueryClient();
  const builtIn = useCallback((query: string) => data.search(query), [data]);
  const search = onSearch ?? builtIn;
  // Retry forgets failed reads too, so they run again rather than rethrow.
  const retry = () => {
    client.resetQueries();
    onRetry?.();
  };
  const actions = useMemo(() => ({ snapshot: onSnapshot }), [onSnapshot]);
  return (
    <SidebarDataProvider data={data} client={client}>
      <PageActionsContext.Provider value={actions}>
        <FormatProvider locale={locale} timeZone={timeZone}>
          <aside aria-label="Handoff" className="sidebar">
            <header className="masthead">
              <h1 className="brand">Handoff</h1>
              {placement && (
                <button
                  type="button"
                  className="link small placement"
                  // Beside the Collapse button, not midway (sidebar.css spreads the masthead).
                  style={{ marginInline: 'auto 8px', textDecoration: 'underline' }}
                  onClick={placement.onMove}
                  title="For this site, from now on"
                >
                  {placement.mode === 'frame' ? 'Show in the side panel' : 'Show beside the page'}
                </button>
              )}
              {onCollapse && (
                <button
                  type="button"
                  className="collapse"
                  onClick={onCollapse}
                  aria-label="Collapse the sidebar"
                  title="Collapse (Alt+Shift+H)"
                >
                  »
                </button>
              )}
            </header>
            <WhoAmI />
            <ErrorBoundary key={viewKey(state)} onRetry={retry}>
              <SidebarBody state={state} now={now} onRetry={onRetry && retry} search={search} />
            </ErrorBoundary>
            <SyncLine now={now} />
          </aside>
        </FormatProvider>
      </PageActionsContext.Provider>
    </SidebarDataProvider>
  );
}

interface SidebarBodyProps {
  state: SidebarState;
  now: () => number;
  onRetry?: (() => void) | undefined;
  search: (query: string) => Promise<readonly Lead[]>;
}

function SidebarBody({ state, now, onRetry, search }: SidebarBodyProps) {
  const headingId = useId();
  switch (state.kind) {
    case 'loading':
      return (
        <p role="status" aria-busy="true">
          Reading the page…
        </p>
      );
    case 'person':
      return <PersonView identity={state.identity} now={now} search={search} />;
    case 'none':
      return (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>Nobody on this page</h2>
          <p>
            Open a LinkedIn profile, a Sales Navigator lead or an email thread to see who it is, or find a lead here.
          </p>
          <SearchPanel now={now} search={search} />
          <PageSnapshotOffer folded="Someone is on this page, but Handoff did not see them?" />
        </section>
      );
    case 'failed':
      return (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>Couldn't read this page</h2>
          <p>{state.reason}</p>
          <p>Find the lead by hand instead:</p>
          <SearchPanel now={now} search={search} />
          <PageSnapshotOffer />
        </section>
      );
    case 'error':
      return <ErrorView message={state.message} onRetry={onRetry} />;
  }
}

/**
 * Until the rep says who they are, every decision and touch is recorded as "Rep (no name in
 * settings)", and the team cannot tell whose it was: say so, once, with the way to fix it.
 */
function WhoAmI() {
  const data = useSidebarData();
  // Never in the way: a failed read shows nothing here (the view below shows the error).
  const { data: settings } = useQuery({ queryKey: ['settings'], queryFn: () => data.settings(), throwOnError: false });
  if (!settings || settings.rep.name || settings.rep.email) return null;
  // Our own welcome page, next to this one in the extension (a new tab: the rep's page stays).
  const welcome = new URL('welcome.html', document.baseURI).href;
  return (
    <p className="notice small" data-testid="who-am-i">
      Your decisions are recorded without your name.{' '}
      <a href={welcome} target="_blank" rel="noopener">
        Add your name and work email
      </a>{' '}
      so your team knows who decided.
    </p>
  );
}

/**
 * Team sync in one line, only while it is on: what is not on the server yet and when it
 * last synced (the options page has the rest). Never in the way: a failed read shows
 * nothing rather than the error view.
 */
function SyncLine({ now }: { now: () => number }) {
  const data = useSidebarData();
  const format = useFormat();
  const { data: sync } = useQuery({
    queryKey: ['sync-status'],
    queryFn: () => data.syncStatus(),
    throwOnError: false,
  });
  if (!sync?.enabled) return null;
  const last =
    sync.lastSyncAt === undefined
      ? 'not synced yet'
      : `last synced ${format.dayKey(sync.lastSyncAt) === format.dayKey(now()) ? format.time(sync.lastSyncAt) : format.dateTime(sync.lastSyncAt)}`;
  return (
    <footer className="sync-line muted small" title={sync.error}>
      Sync: {sync.unsynced === 0 ? 'all sent' : `${sync.unsynced} not sent yet`} · {last}
      {sync.error && ' · not syncing (see settings)'}
      {sync.conflicts > 0 &&
        ` · ${sync.conflicts === 1 ? '1 lead' : `${sync.conflicts} leads`} with conflicting decisions`}
    </footer>
  );
}

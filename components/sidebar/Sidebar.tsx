import { useCallback, useId } from 'react';
import type { Repositories } from '../../lib/db';
import type { Lead } from '../../lib/domain/lead';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorView } from './ErrorView';
import { FormatProvider } from './format';
import { identityKey } from './lookup';
import { PersonView } from './PersonView';
import { SearchPanel } from './SearchPanel';
import { searchLeads } from './search';
import type { SidebarState } from './state';
import './sidebar.css';

export interface SidebarProps {
  repos: Repositories;
  /** What the page shows, from the page wiring. */
  state: SidebarState;
  /** The clock: `Date.now` in the extension, a fixed time in tests. */
  now: () => number;
  /** Retry after an error: the host reconnects to the page. Without it, no Retry button. */
  onRetry?: () => void;
  /** Replaces the built-in search (`searchLeads`: email, LinkedIn URL, or a name scan). */
  onSearch?: (query: string) => Promise<readonly Lead[]>;
  /** Display locale and time zone; the browser's by default. Tests pin them. */
  locale?: string;
  timeZone?: string;
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
export function Sidebar({ repos, state, now, onRetry, onSearch, locale, timeZone }: SidebarProps) {
  const builtIn = useCallback((query: string) => searchLeads(repos.leads, query), [repos]);
  const search = onSearch ?? builtIn;
  return (
    <FormatProvider locale={locale} timeZone={timeZone}>
      <aside aria-label="Handoff" className="sidebar">
        <h1 className="brand">Handoff</h1>
        <ErrorBoundary key={viewKey(state)} onRetry={onRetry}>
          <SidebarBody repos={repos} state={state} now={now} onRetry={onRetry} search={search} />
        </ErrorBoundary>
      </aside>
    </FormatProvider>
  );
}

interface SidebarBodyProps {
  repos: Repositories;
  state: SidebarState;
  now: () => number;
  onRetry?: (() => void) | undefined;
  search: (query: string) => Promise<readonly Lead[]>;
}

function SidebarBody({ repos, state, now, onRetry, search }: SidebarBodyProps) {
  const headingId = useId();
  switch (state.kind) {
    case 'loading':
      return (
        <p role="status" aria-busy="true">
          Reading the page…
        </p>
      );
    case 'person':
      return <PersonView repos={repos} identity={state.identity} now={now} search={search} />;
    case 'none':
      return (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>Nobody on this page</h2>
          <p>
            Open a LinkedIn profile, a Sales Navigator lead or an email thread to see who it is, or find a lead here.
          </p>
          <SearchPanel repos={repos} now={now} search={search} />
        </section>
      );
    case 'failed':
      return (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>Couldn't read this page</h2>
          <p>{state.reason}</p>
          <p>Find the lead by hand instead:</p>
          <SearchPanel repos={repos} now={now} search={search} />
        </section>
      );
    case 'error':
      return <ErrorView message={state.message} onRetry={onRetry} />;
  }
}

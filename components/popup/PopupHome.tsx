import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Repositories } from '../../lib/db';
import { LEAD_STAGES, type LeadStage } from '../../lib/domain/enums';
import { extensionApi, hasSidePanel, openSidePanel, type PanelApi } from '../../lib/sidebar/host';
import { Queue } from './Queue';

const STAGE_LABELS: Record<LeadStage, string> = {
  lead: 'Leads',
  mql: 'MQLs',
  sql: 'SQLs',
  opportunity: 'Opportunities',
  customer: 'Customers',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
};

export interface PopupHomeProps {
  repos: Repositories;
  /** Fills an empty database with the bundled sample leads (lib/demo). */
  loadSample: () => Promise<{ leads: number; events: number }>;
  /** Opens the options page; the link shows only when given. */
  onOpenSettings?: () => void;
  /** Opens the metrics dashboard; the link shows only when given. */
  onOpenDashboard?: () => void;
  /** The clock the plan's SLA deadlines and due dates are read at (tests pin it). */
  now?: () => number;
  /**
   * Opens the browser's side panel (the sidebar where nothing is added to the page); by
   * default the extension API's, shown only where the browser has one.
   */
  onOpenPanel?: (() => void) | undefined;
}

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; leads: number; events: number }
  | { kind: 'error'; message: string };

type WindowsApi = PanelApi & { windows: { getCurrent(): Promise<{ id?: number }> } };

/**
 * The browser's side panel opener, or none where there is no side panel. The window is read
 * ahead: the panel opens only inside the rep's click, with nothing awaited before it.
 */
function useSidePanelOpener(): (() => void) | undefined {
  const api = extensionApi<WindowsApi>();
  const [windowId, setWindowId] = useState<number>();
  useEffect(() => {
    api.windows
      ?.getCurrent()
      .then((win) => setWindowId(win.id))
      .catch(() => {});
  }, [api]);
  if (!hasSidePanel(api)) return undefined;
  return () => {
    // The popup has done its job; the panel stays.
    if (openSidePanel(api, windowId)) window.close();
  };
}

/**
 * The toolbar popup: the day's plan (first touches due, next steps due, MQLs waiting for a
 * verdict, revisits due) and what is stored, by stage, live. With nothing stored, it offers
 * the sample data so a newcomer sees the product working.
 */
export function PopupHome({
  repos,
  loadSample,
  onOpenSettings,
  onOpenDashboard,
  now = Date.now,
  onOpenPanel: givenOpenPanel,
}: PopupHomeProps) {
  const defaultOpenPanel = useSidePanelOpener();
  const onOpenPanel = givenOpenPanel ?? defaultOpenPanel;
  const counts = useLiveQuery(() => repos.leads.countByStage(), [repos]);
  const [load, setLoad] = useState<LoadState>({ kind: 'idle' });
  const total = counts ? LEAD_STAGES.reduce((sum, stage) => sum + counts[stage], 0) : undefined;

  async function onLoadSample() {
    setLoad({ kind: 'loading' });
    try {
      const loaded = await loadSample();
      setLoad({ kind: 'done', leads: loaded.leads, events: loaded.events });
    } catch (error) {
      setLoad({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <main className="popup" aria-labelledby="popup-title">
      <h1 id="popup-title">Handoff</h1>
      {total === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <>
          <p data-testid="lead-total">{total === 1 ? '1 lead' : `${total.toLocaleString()} leads`} in this browser</p>
          {total > 0 && counts && (
            <>
              <Queue repos={repos} now={now} onOpenDashboard={onOpenDashboard} />
              <details className="stage-breakdown">
                <summary>All leads by stage</summary>
                <dl className="stage-counts">
                  {LEAD_STAGES.filter((stage) => counts[stage] > 0).map((stage) => (
                    <div key={stage}>
                      <dt>{STAGE_LABELS[stage]}</dt>
                      <dd>{counts[stage].toLocaleString()}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </>
          )}
          {total === 0 && (
            <section aria-label="Get started">
              <p>Import your CRM export from the options page, or try Handoff on sample leads.</p>
              <button type="button" onClick={onLoadSample} disabled={load.kind === 'loading'}>
                {load.kind === 'loading' ? 'Loading sample data…' : 'Load sample data'}
              </button>
            </section>
          )}
          {/* Said until the last row is written: the count above moves as soon as the leads are in. */}
          <p role="status" className="muted small">
            {load.kind === 'loading' && 'Loading sample data…'}
            {load.kind === 'done' &&
              `Sample data loaded: ${load.leads.toLocaleString()} leads, ${load.events.toLocaleString()} events.`}
          </p>
          {load.kind === 'error' && (
            <p role="alert" className="error">
              Could not load the sample data: {load.message}
            </p>
          )}
        </>
      )}
      <nav className="popup-nav" aria-label="Handoff pages">
        {onOpenPanel && (
          <button type="button" className="secondary" onClick={onOpenPanel}>
            Open the side panel
          </button>
        )}
        {onOpenDashboard && (
          <button type="button" className="secondary" onClick={onOpenDashboard}>
            Dashboard
          </button>
        )}
        {onOpenSettings && (
          <button type="button" className="secondary" onClick={onOpenSettings}>
            Settings
          </button>
        )}
      </nav>
    </main>
  );
}

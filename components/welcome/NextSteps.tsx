import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Repositories } from '../../lib/db';
import { LEAD_STAGES } from '../../lib/domain/enums';

type Load =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; leads: number }
  | { kind: 'failed'; message: string };

/**
 * The two ways on: the bundled sample leads (only into an empty database, as the popup offers
 * them, so they never mix with real ones) or the CSV import in the settings.
 */
export function NextSteps({
  repos,
  loadSample,
  importUrl,
}: {
  repos: Pick<Repositories, 'leads'>;
  loadSample: () => Promise<{ leads: number }>;
  importUrl: string;
}) {
  const counts = useLiveQuery(() => repos.leads.countByStage(), [repos]);
  const total = counts && LEAD_STAGES.reduce((sum, stage) => sum + counts[stage], 0);
  const [load, setLoad] = useState<Load>({ kind: 'idle' });

  async function onLoadSample() {
    setLoad({ kind: 'loading' });
    try {
      const loaded = await loadSample();
      setLoad({ kind: 'loaded', leads: loaded.leads });
    } catch (error) {
      setLoad({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="welcome-step" aria-labelledby="welcome-leads">
      <h2 id="welcome-leads">Your leads</h2>
      {total === undefined ? (
        <p aria-busy="true">Counting your leads…</p>
      ) : total > 0 && load.kind !== 'loaded' ? (
        <p>{total === 1 ? '1 lead is' : `${total.toLocaleString()} leads are`} already in this browser.</p>
      ) : (
        <div className="welcome-sample">
          <p>Try Handoff on 100 made-up leads first: scores, decisions and a dashboard to look at.</p>
          {load.kind !== 'loaded' && (
            <button type="button" onClick={() => void onLoadSample()} disabled={load.kind === 'loading'}>
              {load.kind === 'loading' ? 'Loading sample data…' : 'Load sample data'}
            </button>
          )}
          <p role="status">
            {load.kind === 'loaded' &&
              `Loaded ${load.leads} sample leads. Open the Handoff button in the toolbar to see today's queue.`}
          </p>
          {load.kind === 'failed' && (
            <p role="alert" className="error">
              Could not load the sample data ({load.message}). Nothing else was changed; try again, or import your own
              leads below.
            </p>
          )}
        </div>
      )}
      <p>
        <a href={importUrl}>Import your leads from a CSV</a> (a CRM export): the settings page shows you how each column
        is read before anything is saved.
      </p>
    </section>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PeriodUnit } from '../../lib/metrics';
import { AcceptanceSection } from './AcceptanceSection';
import { ConversionSection } from './ConversionSection';
import type { DashboardEngine, DashboardSummary } from './engine';
import { type DashboardContextValue, DashboardProvider, type Selection } from './figure';
import type { DashboardFigures } from './figures';
import { ALL_TIME, type FilterState, Filters, filterOf } from './Filters';
import { createDashboardFormat, type DashboardFormat, leadsWord } from './format';
import { FunnelSection } from './FunnelSection';
import { LeadsPanel } from './LeadsPanel';
import type { LoadProgress, LoadStep } from './load';
import { RecyclingSection } from './RecyclingSection';
import { RejectionsSection } from './RejectionsSection';
import { SupersededError } from './remote';
import { SlaSection } from './SlaSection';
import { SourceConversionSection } from './SourceConversionSection';
import { TimeToSqlSection } from './TimeToSqlSection';
import './dashboard.css';

export interface DashboardProps {
  engine: DashboardEngine;
  /** The clock the figures are taken at (read on each load). */
  now?: () => number;
  /** Number and date formats; the browser's by default (tests pin one). */
  locale?: string;
  /** Where importing happens: the options page. */
  optionsHref?: string;
  /** Rows the lead panel lists at a time. */
  panelPageSize?: number;
}

type LoadState =
  | { kind: 'loading'; progress: LoadProgress | undefined }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; summary: DashboardSummary };

const STEP_LABELS: Record<LoadStep, string> = {
  leads: 'Reading leads',
  decisions: 'Reading sales’ decisions',
  events: 'Reading the engagement of decided MQLs',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The metrics dashboard: filters, then the funnel, conversion over time and by source and
 * campaign, time to SQL, SLA, rejections, recycling and acceptance by score, every figure computed by lib/metrics (in
 * the engine) and every count a button that lists the leads behind it.
 */
export function Dashboard({
  engine,
  now = Date.now,
  locale,
  optionsHref = '/options.html',
  panelPageSize,
}: DashboardProps) {
  const [request, setRequest] = useState(() => ({ at: now() }));
  const [load, setLoad] = useState<LoadState>({ kind: 'loading', progress: undefined });
  const [filters, setFilters] = useState<FilterState>(ALL_TIME);
  const [unit, setUnit] = useState<PeriodUnit>('month');
  const [figures, setFigures] = useState<DashboardFigures | undefined>();
  const [computing, setComputing] = useState(false);
  const [figuresError, setFiguresError] = useState<string | undefined>();
  const [selection, setSelection] = useState<Selection | undefined>();
  const trigger = useRef<HTMLElement | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(() => setRequest({ at: now() }), [now]);

  useEffect(() => {
    let current = true;
    setLoad({ kind: 'loading', progress: undefined });
    setFigures(undefined);
    setSelection(undefined);
    engine
      .load(request.at, (progress) => current && setLoad({ kind: 'loading', progress }))
      .then(
        (summary) => current && setLoad({ kind: 'ready', summary }),
        (error: unknown) => current && setLoad({ kind: 'error', message: messageOf(error) }),
      );
    return () => {
      current = false;
    };
  }, [engine, request]);

  const summary = load.kind === 'ready' ? load.summary : undefined;
  const { filter, error: filterError } = useMemo(
    () => (summary ? filterOf(filters, summary.now, summary.timeZone) : { filter: {} }),
    [filters, summary],
  );

  useEffect(() => {
    if (!summary || summary.leads === 0) return;
    let current = true;
    setComputing(true);
    engine.figures(filter, unit).then(
      (result) => {
        if (!current) return;
        setFigures(result);
        setFiguresError(undefined);
        setComputing(false);
      },
      (error: unknown) => {
        // A newer filter replaced this one: its own answer is on the way.
        if (!current || error instanceof SupersededError) return;
        setFiguresError(messageOf(error));
        setComputing(false);
      },
    );
    return () => {
      current = false;
    };
  }, [engine, summary, filter, unit]);

  const format = useMemo(() => createDashboardFormat(locale, summary?.timeZone ?? 'UTC'), [locale, summary]);

  const show = useCallback((next: Selection) => {
    const active = document.activeElement;
    // A bar is clicked with the mouse and takes no focus: focus then returns to where it was.
    if (active instanceof HTMLElement && active !== document.body && !active.closest('.dash-panel')) {
      trigger.current = active;
    }
    setSelection(next);
  }, []);
  const close = useCallback(() => {
    setSelection(undefined);
    const target = trigger.current?.isConnected ? trigger.current : title.current;
    target?.focus();
  }, []);

  // The panel lists the leads of figures that a new filter or grouping replaces: it closes.
  const changeFilters = useCallback((next: FilterState) => {
    setSelection(undefined);
    setFilters(next);
  }, []);
  const changeUnit = useCallback((next: PeriodUnit) => {
    setSelection(undefined);
    setUnit(next);
  }, []);

  const context = useMemo<DashboardContextValue>(
    () => ({ format, reasonLabels: summary?.reasonLabels ?? {}, show }),
    [format, summary, show],
  );

  return (
    <DashboardProvider value={context}>
      <div className={`dash-page${selection ? ' with-panel' : ''}`}>
        <header className="dash-header">
          <div className="dash-title">
            <h1 ref={title} tabIndex={-1}>
              Handoff dashboard
            </h1>
            {summary && (
              <p className="muted" data-testid="dash-summary">
                Figures as of {format.date(summary.now)} · {leadsWord(summary.leads, format)} stored,{' '}
                {format.count(summary.inFunnel)} in the funnel
              </p>
            )}
            <button type="button" className="secondary" onClick={refresh} disabled={load.kind === 'loading'}>
              Refresh
            </button>
          </div>
          {summary && summary.leads > 0 && (
            <Filters
              state={filters}
              onChange={changeFilters}
              owners={summary.owners}
              sources={summary.sources}
              error={filterError}
            />
          )}
        </header>

        <main className="dash-main" aria-busy={load.kind === 'loading' || computing}>
          {load.kind === 'loading' && <LoadingView progress={load.progress} format={format} />}
          {load.kind === 'error' && (
            <p role="alert" className="error">
              Could not read the database: {load.message}
            </p>
          )}
          {summary?.leads === 0 && <EmptyState optionsHref={optionsHref} onRetry={refresh} />}
          {summary && summary.leads > 0 && (
            <>
              <div role="status" className="dash-status">
                {computing && (figures ? 'Updating the figures…' : 'Computing the figures…')}
              </div>
              {figuresError !== undefined && (
                <p role="alert" className="error">
                  Could not compute the figures: {figuresError}
                </p>
              )}
              {summary.inFunnel === 0 && (
                <p className="dash-notice">
                  None of the {leadsWord(summary.leads, format)} has reached the funnel yet: the figures count MQLs and
                  leads sales has decided on.
                </p>
              )}
              {figures && (
                <div className={`dash-sections${computing ? ' stale' : ''}`}>
                  <FunnelSection funnel={figures.funnel} />
                  <ConversionSection periods={figures.conversion} unit={figures.unit} onUnit={changeUnit} />
                  <SourceConversionSection sources={figures.sources} />
                  <TimeToSqlSection timeToSql={figures.timeToSql} />
                  <SlaSection sla={figures.sla} />
                  <RejectionsSection rejections={figures.rejections} />
                  <RecyclingSection recycling={figures.recycling} />
                  <AcceptanceSection acceptance={figures.acceptance} />
                </div>
              )}
            </>
          )}
        </main>

        {selection && (
          <LeadsPanel
            key={`${selection.title}:${selection.ids.length}`}
            selection={selection}
            rows={engine.rows}
            onClose={close}
            pageSize={panelPageSize}
          />
        )}
      </div>
    </DashboardProvider>
  );
}

function LoadingView({ progress, format }: { progress: LoadProgress | undefined; format: DashboardFormat }) {
  return (
    <div role="status" className="dash-loading">
      {progress === undefined ? (
        <p>Opening the database…</p>
      ) : (
        <>
          <p>
            {STEP_LABELS[progress.step]}: {format.count(progress.done)} of {format.count(progress.total)}
          </p>
          <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={STEP_LABELS[progress.step]} />
        </>
      )}
    </div>
  );
}

function EmptyState({ optionsHref, onRetry }: { optionsHref: string; onRetry: () => void }) {
  return (
    <section className="dash-empty" aria-labelledby="dash-empty-title">
      <h2 id="dash-empty-title">No leads in this browser yet</h2>
      <p>The dashboard counts the leads Handoff keeps in this browser. To fill it:</p>
      <ul>
        <li>
          import your CRM or marketing export on the <a href={optionsHref}>options page</a>, or
        </li>
        <li>
          open the Handoff popup from the toolbar and choose <strong>Load sample data</strong> to see the dashboard on
          100 realistic leads.
        </li>
      </ul>
      <button type="button" onClick={onRetry}>
        Check again
      </button>
    </section>
  );
}

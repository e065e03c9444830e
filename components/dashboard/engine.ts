import type { Repositories } from '../../lib/db';
import type { Settings } from '../../lib/domain/settings';
import { cohort, conversionOverTime, filterOptions, type MetricsFilter, type PeriodUnit } from '../../lib/metrics';
import { type BaseFigures, baseFigures, type DashboardFigures, type LeadRow, leadRows } from './figures';
import { type DashboardData, type LoadProgress, loadDashboardData } from './load';

/** What the page needs to know once the data is read: the filters' choices and the labels. */
export interface DashboardSummary {
  /** The moment the figures are taken at. */
  now: number;
  /** Leads stored. */
  leads: number;
  /** Leads in the funnel (an MQL, or decided on): the ones any figure can count. */
  inFunnel: number;
  owners: string[];
  sources: string[];
  /** The business calendar's zone: periods and date presets are its days. */
  timeZone: string;
  reasonLabels: Settings['reasonLabels'];
}

/**
 * Where the page gets its figures. The page runs one in a worker (computing the figures of
 * 100k leads takes seconds: off the page's thread it never freezes); tests and a browser
 * without module workers run {@link localEngine} in the page itself.
 */
export interface DashboardEngine {
  /** Reads (or re-reads) the database, reporting progress. */
  load(now: number, onProgress?: (progress: LoadProgress) => void): Promise<DashboardSummary>;
  /** The figures of the leads that pass `filter`, conversion grouped by `unit`. */
  figures(filter: MetricsFilter, unit: PeriodUnit): Promise<DashboardFigures>;
  /** The panel's rows for these leads. */
  rows(ids: readonly string[]): Promise<LeadRow[]>;
}

/** The engine over the repositories, in the calling thread. */
export function localEngine(
  repos: Pick<Repositories, 'snapshot' | 'events' | 'settings' | 'sync'>,
  options: { pageSize?: number; eventLeadsPerRead?: number } = {},
): DashboardEngine {
  let data: DashboardData | undefined;
  // The last filter's unit-free figures: toggling weekly/monthly recomputes only conversion.
  let cached: { key: string; figures: BaseFigures } | undefined;
  const loaded = () => {
    if (!data) throw new Error('The dashboard data is not loaded yet');
    return data;
  };
  return {
    async load(now, onProgress) {
      data = undefined;
      cached = undefined;
      data = await loadDashboardData(repos, { ...options, now, onProgress });
      const { input, settings } = data;
      return {
        now,
        leads: input.leads.length,
        inFunnel: cohort(input).length,
        ...filterOptions(input),
        timeZone: settings.sla.calendar.timeZone,
        reasonLabels: settings.reasonLabels,
      };
    },
    async figures(filter, unit) {
      const { input } = loaded();
      const key = JSON.stringify([filter.range?.from, filter.range?.to, filter.owner, filter.source]);
      if (cached?.key !== key) cached = { key, figures: baseFigures(input, filter) };
      return { ...cached.figures, unit, conversion: conversionOverTime(input, { unit, filter }) };
    },
    async rows(ids) {
      return leadRows(loaded().input, ids);
    },
  };
}

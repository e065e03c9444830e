import { createContext, type ReactNode, useContext } from 'react';
import type { Settings } from '../../lib/domain/settings';
import type { LeadSet, Ratio } from '../../lib/metrics';
import type { DashboardFormat } from './format';

/** The leads behind one figure, as the traceability panel lists them. */
export interface Selection {
  /** What the figure is: the panel's heading ("SQLs from MQLs"). */
  title: string;
  /** The figure's leads (a rate's: its denominator). */
  ids: readonly string[];
  /** For a rate: the leads of its numerator, marked in the list. */
  counted?: readonly string[];
  /** What a counted lead is ("accepted"), for a rate. */
  countedLabel?: string;
}

export interface DashboardContextValue {
  format: DashboardFormat;
  reasonLabels: Settings['reasonLabels'];
  /** Opens the panel on the leads behind a figure. */
  show(selection: Selection): void;
}

const DashboardContext = createContext<DashboardContextValue | null>(null);
export const DashboardProvider = DashboardContext.Provider;

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard outside the dashboard');
  return value;
}

interface FigureProps {
  /** A stable key naming the figure (`funnel.mqls`): the page's hook for tests and for the reader's eye. */
  figure: string;
  /** The panel's heading for these leads. */
  title: string;
}

/**
 * A count of leads: a button that lists them. A count of 0 has nobody to list, so it is
 * plain text.
 */
export function Count({ set, figure, title, children }: FigureProps & { set: LeadSet; children?: ReactNode }) {
  const { format, show } = useDashboard();
  const text = children ?? format.count(set.count);
  if (set.count === 0) {
    return (
      <span className="figure figure-empty" data-figure={figure}>
        {text}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="figure"
      data-figure={figure}
      aria-haspopup="dialog"
      onClick={() => show({ title, ids: set.leadIds })}
    >
      {text}
    </button>
  );
}

/**
 * A rate: a button that lists its denominator's leads with the numerator's marked, so a
 * reader can count "3 of 12" themselves. A rate with nothing to divide reads "no data".
 */
export function Rate({ ratio, figure, title, countedLabel }: FigureProps & { ratio: Ratio; countedLabel: string }) {
  const { format, show } = useDashboard();
  if (ratio.rate === null) {
    return (
      <span className="figure figure-empty" data-figure={figure}>
        {format.rate(null)}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="figure"
        data-figure={figure}
        aria-haspopup="dialog"
        onClick={() => show({ title, ids: ratio.denominator.leadIds, counted: ratio.numerator.leadIds, countedLabel })}
      >
        {format.rate(ratio.rate)}
      </button>{' '}
      <span className="fraction">
        ({format.count(ratio.numerator.count)} of {format.count(ratio.denominator.count)})
      </span>
    </>
  );
}

import { useId } from 'react';
import type { MetricsFilter } from '../../lib/metrics';
import { customRange, presetRange, RANGE_LABELS, RANGE_PRESETS, type RangePreset } from './ranges';

/** The filter controls' values; `''` is "all" for owner and source. */
export interface FilterState {
  preset: RangePreset;
  /** Custom dates, `YYYY-MM-DD`, both days included. */
  from: string;
  to: string;
  owner: string;
  source: string;
}

export const ALL_TIME: FilterState = { preset: 'all', from: '', to: '', owner: '', source: '' };

/**
 * The metrics filter the controls describe at `now`; custom dates that do not make a window
 * leave the range out and say why (the figures then cover all time, as the message says).
 */
export function filterOf(state: FilterState, now: number, timeZone: string): { filter: MetricsFilter; error?: string } {
  const filter: MetricsFilter = {};
  if (state.owner) filter.owner = state.owner;
  if (state.source) filter.source = state.source;
  if (state.preset !== 'custom') {
    const range = presetRange(state.preset, now, timeZone);
    if (range) filter.range = range;
    return { filter };
  }
  const range = customRange(state.from, state.to, timeZone);
  if (!range)
    return { filter, error: 'Choose a start and an end date (the end on or after the start): showing all time.' };
  filter.range = range;
  return { filter };
}

export interface FiltersProps {
  state: FilterState;
  onChange: (state: FilterState) => void;
  owners: readonly string[];
  sources: readonly string[];
  error: string | undefined;
}

/** Date range (presets or two dates), owner and source; every change applies at once. */
export function Filters({ state, onChange, owners, sources, error }: FiltersProps) {
  const id = useId();
  const set = (patch: Partial<FilterState>) => onChange({ ...state, ...patch });
  return (
    <form className="dash-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="dash-field">
        <label htmlFor={`${id}-range`}>Entered the funnel</label>
        <select
          id={`${id}-range`}
          value={state.preset}
          onChange={(e) => set({ preset: e.currentTarget.value as RangePreset })}
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {RANGE_LABELS[preset]}
            </option>
          ))}
        </select>
      </div>
      {state.preset === 'custom' && (
        <>
          <div className="dash-field">
            <label htmlFor={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              type="date"
              value={state.from}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => set({ from: e.currentTarget.value })}
            />
          </div>
          <div className="dash-field">
            <label htmlFor={`${id}-to`}>To</label>
            <input
              id={`${id}-to`}
              type="date"
              value={state.to}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => set({ to: e.currentTarget.value })}
            />
          </div>
        </>
      )}
      <div className="dash-field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <select id={`${id}-owner`} value={state.owner} onChange={(e) => set({ owner: e.currentTarget.value })}>
          <option value="">All owners</option>
          {owners.map((owner) => (
            <option key={owner} value={owner}>
              {owner}
            </option>
          ))}
        </select>
      </div>
      <div className="dash-field">
        <label htmlFor={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={state.source} onChange={(e) => set({ source: e.currentTarget.value })}>
          <option value="">All sources</option>
          {sources.map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id={`${id}-error`} className="error small dash-filter-error">
          {error}
        </p>
      )}
    </form>
  );
}

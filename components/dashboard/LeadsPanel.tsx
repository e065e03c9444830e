import { useEffect, useMemo, useRef, useState } from 'react';
import { STAGE_LABELS } from '../sidebar/labels';
import type { DashboardEngine } from './engine';
import { type Selection, useDashboard } from './figure';
import type { LeadRow } from './figures';
import { leadsWord } from './format';
import { verdictText } from './labels';

export interface LeadsPanelProps {
  selection: Selection;
  rows: DashboardEngine['rows'];
  onClose: () => void;
  /** Rows per "Show more": a figure of 30,000 leads is listed a page at a time. */
  pageSize?: number;
}

/**
 * The leads behind a figure: who they are, where they stand and sales' verdict in force,
 * each linked to LinkedIn. The count is the figure's own. For a rate, its denominator is
 * listed with the numerator's leads first and marked, so "3 of 12" can be checked by eye.
 * Focus moves to the heading on open; Escape or Close closes (the page returns focus to
 * the figure that opened it).
 */
export function LeadsPanel({ selection, rows: readRows, onClose, pageSize = 100 }: LeadsPanelProps) {
  const { format, reasonLabels } = useDashboard();
  const heading = useRef<HTMLHeadingElement>(null);
  const [shown, setShown] = useState(pageSize);
  const [rows, setRows] = useState<LeadRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const counted = useMemo(() => (selection.counted ? new Set(selection.counted) : undefined), [selection]);
  const ids = useMemo(
    () =>
      counted
        ? [...selection.ids.filter((id) => counted.has(id)), ...selection.ids.filter((id) => !counted.has(id))]
        : selection.ids,
    [selection, counted],
  );

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    let current = true;
    readRows(ids.slice(0, shown)).then(
      (list) => {
        if (current) setRows(list);
      },
      (e: unknown) => {
        if (current) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      current = false;
    };
  }, [readRows, ids, shown]);

  const remaining = ids.length - Math.min(shown, ids.length);
  return (
    <aside className="dash-panel" role="dialog" aria-modal="false" aria-labelledby="dash-panel-title">
      <div className="dash-panel-head">
        <h2 id="dash-panel-title" tabIndex={-1} ref={heading}>
          {selection.title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="dash-panel-count" data-testid="panel-count">
        {leadsWord(ids.length, format)}
        {counted && `, ${format.count(counted.size)} ${selection.countedLabel ?? 'counted'}`}
      </p>
      {error !== undefined && (
        <p role="alert" className="error">
          Could not list the leads: {error}
        </p>
      )}
      {rows === undefined && error === undefined && <p aria-busy="true">Loading the leads…</p>}
      {rows !== undefined && (
        <div className="dash-scroll">
          <table className="dash-table dash-leads">
            <thead>
              <tr>
                {counted && <th scope="col">{capitalize(selection.countedLabel ?? 'counted')}</th>}
                <th scope="col">Lead</th>
                <th scope="col">Stage</th>
                <th scope="col">Source</th>
                <th scope="col">Owner</th>
                <th scope="col">Decision in force</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-lead-id={row.id}>
                  {counted && <td>{counted.has(row.id) ? 'yes' : 'no'}</td>}
                  <th scope="row">
                    <a href={row.link.href} target="_blank" rel="noopener noreferrer">
                      {row.name}
                    </a>{' '}
                    <span className="muted small">
                      {row.link.kind === 'profile' ? 'LinkedIn profile' : 'LinkedIn search'}
                    </span>
                    {(row.title || row.company) && (
                      <div className="muted small">{[row.title, row.company].filter(Boolean).join(', ')}</div>
                    )}
                  </th>
                  <td>{STAGE_LABELS[row.stage]}</td>
                  <td>
                    {row.source ?? '—'}
                    {row.campaign && <div className="muted small">{row.campaign}</div>}
                  </td>
                  <td className="dash-owner">{row.owner ?? '—'}</td>
                  <td>
                    {verdictText(row, reasonLabels, format)}
                    {row.note && <div className="muted small dash-note">{row.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows !== undefined && remaining > 0 && (
        <button type="button" className="secondary" onClick={() => setShown((n) => n + pageSize)}>
          Show {format.count(Math.min(pageSize, remaining))} more of {format.count(remaining)}
        </button>
      )}
    </aside>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { useId } from 'react';
import type { ImportProgress, ImportReport, RejectedRow } from '../../lib/import/import';

/** Rejected rows and warnings listed on the page; all rejected rows are in the download. */
export const SHOWN_ROWS = 50;

const count = (n: number) => n.toLocaleString('en');
const lines = (row: { line: number; lastLine?: number }) =>
  row.lastLine !== undefined && row.lastLine > row.line ? `${row.line}–${row.lastLine}` : String(row.line);

/** The progress of a running import: a bar with rows and percent, the counts so far, and Cancel. */
export function ImportProgressView({
  fileName,
  progress,
  cancelling,
  onCancel,
}: {
  fileName: string;
  progress: ImportProgress | undefined;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const percent = progress?.fraction === undefined ? undefined : Math.floor(progress.fraction * 100);
  const rows = progress?.rowsDone ?? 0;
  const text = `${count(rows)} ${rows === 1 ? 'row' : 'rows'}${percent === undefined ? '' : `, ${percent}%`}`;
  return (
    <div className="import-running">
      <p>
        Importing {fileName}: {text}{' '}
        <progress
          aria-label="Import progress"
          aria-valuetext={text}
          max={100}
          {...(percent === undefined ? {} : { value: percent })}
        />
      </p>
      <p role="status" className="small">
        {progress
          ? `${count(progress.created)} created, ${count(progress.updated)} updated, ${count(progress.unchanged)} unchanged, ${count(progress.rejected)} rejected so far.`
          : 'Reading the file…'}{' '}
        {cancelling && 'Cancelling after the current batch…'}
      </p>
      <button type="button" className="secondary" onClick={onCancel} disabled={cancelling}>
        Cancel import
      </button>
    </div>
  );
}

const HEADINGS: Record<ImportReport['status'], string> = {
  completed: 'Import finished',
  cancelled: 'Import cancelled',
  failed: 'Import stopped',
};

/**
 * What an import did: counts, the rows refused with their line and reason (the first
 * {@link SHOWN_ROWS}; all of them downloadable as a CSV to fix and import again), the
 * warnings, and notes about the file. A cancelled or failed import says what was written.
 */
export function ImportReportView({
  fileName,
  report,
  failure,
  onDownloadRejected,
}: {
  fileName: string;
  report: ImportReport;
  /** Why the database stopped the import (an ImportWriteError's cause). */
  failure?: string | undefined;
  onDownloadRejected: () => void;
}) {
  const id = useId();
  const written = report.created + report.updated;
  return (
    <section className="import-report" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{HEADINGS[report.status]}</h3>
      <p role="status">{summary(fileName, report)}</p>
      {report.status === 'failed' && (
        <p role="alert" className="error">
          The database refused a write{failure ? ` (${failure})` : ''}. {count(written)}{' '}
          {written === 1 ? 'lead was' : 'leads were'} written before it, each batch whole; importing the file again
          updates them and adds the rest.
        </p>
      )}
      <dl className="report-counts" aria-label="Import counts">
        {(
          [
            ['Created', report.created],
            ['Updated', report.updated],
            ['Unchanged', report.unchanged],
            ['Rejected', report.rejected],
            ['Events added', report.eventsAdded],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count(value)}</dd>
          </div>
        ))}
      </dl>
      {report.notes.length > 0 && (
        <ul className="small" aria-label="About the file">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {report.rejected > 0 && (
        <RejectedRows rows={report.rejections} total={report.rejected} onDownload={onDownloadRejected} />
      )}
      {report.warningCount > 0 && (
        <details className="import-warnings">
          <summary>
            {count(report.warningCount)} {report.warningCount === 1 ? 'warning' : 'warnings'}: rows imported with a
            value left out or shortened
          </summary>
          <ul>
            {report.warnings.slice(0, SHOWN_ROWS).map((warning, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may warn twice alike; the place is the key.
              <li key={index}>
                Line {warning.line}: {warning.message}
              </li>
            ))}
          </ul>
          {report.warningCount > SHOWN_ROWS && (
            <p className="hint">
              The first {SHOWN_ROWS} of {count(report.warningCount)}.
            </p>
          )}
        </details>
      )}
    </section>
  );
}

function summary(fileName: string, report: ImportReport): string {
  const rows = `${count(report.rows)} ${report.rows === 1 ? 'row' : 'rows'}`;
  switch (report.status) {
    case 'completed':
      return `${fileName}: ${rows} read. ${count(report.rejected)} rejected; the others are imported.`;
    case 'cancelled':
      return `${fileName}: cancelled after ${rows}. What was imported before stays, each batch whole; importing the file again adds the rest.`;
    case 'failed':
      return `${fileName}: stopped after ${rows}.`;
  }
}

function RejectedRows({ rows, total, onDownload }: { rows: RejectedRow[]; total: number; onDownload: () => void }) {
  const id = useId();
  const shown = rows.slice(0, SHOWN_ROWS);
  return (
    <div className="import-rejected">
      <h4 id={`${id}-title`}>Rejected rows</h4>
      <table aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.line}>
              <td>{lines(row)}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > shown.length && (
        <p className="hint">
          The first {shown.length} of {count(total)} rejected rows
          {total > rows.length ? ` (the download holds the first ${count(rows.length)})` : ''}.
        </p>
      )}
      <button type="button" className="secondary" onClick={onDownload}>
        Download the rejected rows (CSV)
      </button>{' '}
      <span className="hint">Each with its line and reason: fix them and import that file.</span>
    </div>
  );
}

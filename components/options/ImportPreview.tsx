import type { CsvPreview } from '../../lib/import/preview';
import { PRESETS } from '../../lib/import/presets';
import { delimiterName } from './import-mapping';

/** Rows of the file shown as a table; the mapping step reads more for its samples. */
const SHOWN_ROWS = 5;
/** A cell is cut in the table (the full text is in its tooltip). */
const CELL_CHARS = 60;

export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

/**
 * What the file is, as read from its start: the CRM it looks like, its separator and
 * encoding, and its first rows. Cells are file content: rendered as text, never markup.
 */
export function ImportPreview({ fileName, size, preview }: { fileName: string; size: number; preview: CsvPreview }) {
  const preset = preview.preset ? PRESETS[preview.preset] : undefined;
  const rows = preview.rows.slice(0, SHOWN_ROWS);
  return (
    <div className="import-preview">
      <h3>{fileName}</h3>
      <p data-testid="import-detected">
        {preset
          ? `Looks like a ${preset.label} (${preset.description}): columns mapped as that export names them.`
          : 'No CRM export recognised: columns are suggested from their names.'}
      </p>
      <dl className="file-facts">
        <div>
          <dt>Columns</dt>
          <dd>{preview.header.length}</dd>
        </div>
        <div>
          <dt>Separator</dt>
          <dd>{delimiterName(preview.delimiter)}</dd>
        </div>
        <div>
          <dt>Encoding</dt>
          <dd>{preview.encoding.toUpperCase()}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{fileSize(size)}</dd>
        </div>
      </dl>
      {rows.length === 0 ? (
        <p className="muted">The file has a header but no rows.</p>
      ) : (
        <div className="table-scroll">
          <table className="csv-preview" aria-label={`First rows of ${fileName}`}>
            <thead>
              <tr>
                {preview.header.map((cell, index) => (
                  // Header names may repeat or be blank; the position is the identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                  <th key={index} scope="col">
                    {cut(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of a file have no key but their place.
                <tr key={r}>
                  {preview.header.map((_, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells have no key but their column.
                    <td key={c} title={(row[c] ?? '').length > CELL_CHARS ? row[c] : undefined}>
                      {cut(row[c] ?? '')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.rows.length > SHOWN_ROWS && (
        <p className="hint">The first {SHOWN_ROWS} rows; every row is read when you import.</p>
      )}
    </div>
  );
}

function cut(text: string): string {
  return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS - 1)}…` : text;
}

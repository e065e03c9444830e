import type { ImportReport } from '../import/import';
import { csvLines, UTF8_BOM } from './csv';

/**
 * The refused rows of an import as a CSV to fix and import again: the file's own header and
 * cells, with the line and the reason in front. Cells are written back as read, except that
 * formula-like ones get the `'` guard (the importer takes it off again).
 */
export function rejectedRowsCsv(report: Pick<ImportReport, 'file' | 'rejections'>): string {
  const delimiter = report.file.delimiter === ';' ? ';' : ',';
  const rows = report.rejections.map((r) => [r.line, r.reason, ...r.cells]);
  return UTF8_BOM + csvLines([['Line', 'Reason', ...report.file.header], ...rows], delimiter);
}

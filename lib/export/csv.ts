import Papa from 'papaparse';

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): starting with
 * `= + - @`, a tab or a carriage return, or the full-width `＝ ＋ － ＠` some locales also
 * accept. No `$` anchor: Papa Parse's default pattern (`/^[=+\-@\t\r].*$/`) lets
 * `=HYPERLINK(...)` followed by a line break through, because `.` stops at the break.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Rows as CSV text (no header line; the caller writes it once). Papa Parse quotes what needs
 * quoting and prefixes a formula-like text cell with `'`, so a CRM or Excel shows it as text
 * instead of running it; numbers are left as numbers (a score of -40 stays -40).
 * CRLF line ends, as RFC 4180 and Excel write them.
 */
export function csvLines(rows: readonly (readonly CsvCell[])[], delimiter = ','): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(rows as CsvCell[][], { delimiter, newline: '\r\n', escapeFormulae: FORMULA_START, header: false })}\r\n`;
}

/** Excel reads a CSV as the system's legacy code page unless it starts with a UTF-8 byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * A HubSpot contacts export of any size, generated (never committed): the 100k-row import test
 * (tests/lib/import/import-100k.test.ts) and the import benchmark (bench/lib/csv.ts) read the
 * same file. Deterministic: row `i` is the same in every run. Its traps: a quoted title with a
 * comma in every row, a multi-line address every 1,000th row (so lines drift from rows), an
 * email-open date every 10th row (an event) and a bad email every 10,000th (a refused row).
 */

export const HUBSPOT_HEADER = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Job Title',
  'Company Name',
  'Website URL',
  'Number of Employees',
  'Street Address',
  'Country/Region',
  'Lifecycle Stage',
  'Create Date',
  'Last marketing email open date',
] as const;

export const FIRST_NAMES = ['Dana', 'Tomás', 'Priya', 'Jonas', 'Chloé', 'Kenji', 'Olivia', 'Lucas', 'Emma', 'Rahul'];
export const LAST_NAMES = [
  'Whitfield',
  'Ibarra',
  'Raman',
  'Becker',
  'Martin',
  'Watanabe',
  'Brennan',
  'Pereira',
  'Johansson',
  'Mehta',
];
const COUNTRIES = ['United States', 'Germany', 'France', 'Japan', 'Brazil'];
const STAGES = ['Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead'];

/** Row `i` has an invalid email (`contact<i>@@broken`): the import refuses it. */
export const isBadRow = (i: number): boolean => i % 10_000 === 4_999;
/** The email of row `i` (when it is not a bad row). */
export const hubspotEmail = (i: number): string => `contact${i}@company${i % 997}.example`;
/** Row `i`'s address has a line break, so the row takes two lines. */
const isMultiLine = (i: number): boolean => i % 1000 === 0;

/** The file line row `i` starts on: the header is line 1, and each earlier multi-line row adds one. */
export function hubspotLine(i: number): number {
  return 2 + i + Math.ceil(i / 1000);
}

/** Bad rows among the first `rows`: how many rows an import of the file refuses. */
export function hubspotBadRows(rows: number): number {
  return Math.floor((rows + 5_000) / 10_000);
}

/** Data row `i` as one CSV record (without the line break that ends it). */
export function hubspotRow(i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return [
    String(90_000_000 + i),
    FIRST_NAMES[i % FIRST_NAMES.length],
    LAST_NAMES[(i >> 3) % LAST_NAMES.length],
    isBadRow(i) ? `contact${i}@@broken` : hubspotEmail(i),
    `"Director, Data ${i % 50}"`,
    `Company ${i % 997}`,
    `company${i % 997}.example`,
    String(10 + (i % 5000)),
    isMultiLine(i) ? `"${i} Main Street\nSuite ${i % 7}"` : `"${i} Main Street, Floor 2"`,
    COUNTRIES[i % COUNTRIES.length],
    STAGES[i % STAGES.length],
    `2026-10-${day} 09:${String(i % 60).padStart(2, '0')}`,
    i % 10 === 0 ? `2026-11-${day} 10:00` : '',
  ].join(',');
}

/** The file in pieces of about `chunkChars` characters (CRLF line ends), header first. */
export function* hubspotCsvChunks(rows: number, chunkChars = 1 << 20): Generator<string> {
  let chunk = `${HUBSPOT_HEADER.join(',')}\r\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${hubspotRow(i)}\r\n`;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The whole file as one string. */
export function hubspotCsv(rows: number): string {
  return [...hubspotCsvChunks(rows)].join('');
}

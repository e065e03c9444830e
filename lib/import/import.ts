import type { ImportRepository } from '../db/imports';
import type { ImportBatchOptions, ImportCandidate, ImportIssue, ImportRowOutcome } from './merge';
import { parseOrThrow } from '../domain/validation';
import {
  type CsvParser,
  type CsvSource,
  createCsvParser,
  decodeText,
  detectDelimiter,
  detectNewline,
  type ParsedRows,
  sourceSize,
} from './csv';
import { type DateContext, type DateOrder, inferDateOrder } from './dates';
import { EVENT_DATE_FIELDS, type ImportField, STAGE_DATE_FIELDS } from './fields';
import { type ImportMapping, type ImportMappingInput, ImportMappingSchema } from './mapping';
import { detectPreset, type PresetId } from './presets';
import { type ColumnPlan, ImportFileError, planColumns, readRow } from './rows';
import { preview } from './values';

/** Text read and parsed per step; its rows are written in batches of {@link DEFAULT_BATCH_ROWS}. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;
/**
 * Rows per transaction, and the unit a cancelled import stops at. A batch is matched,
 * merged, validated and handed to IndexedDB in one task (a transaction cannot wait for
 * anything else), so this bounds how long the page is busy at once.
 */
export const DEFAULT_BATCH_ROWS = 500;
/**
 * Rows read between two yields while a batch is being written: the write's steps (reads,
 * puts, commit) are tasks of their own, and they wait for these.
 */
const SLICE_ROWS = 100;
/** Rejected rows and warnings kept in the report; the counts go on. */
export const MAX_REPORTED = 10_000;

export interface ImportOptions {
  /** The column mapping (validated here: it comes from the UI or from storage). */
  mapping: ImportMappingInput;
  /** Called after each written batch, and once more at the end. */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the import between batches; what was written stays (whole batches only). */
  signal?: AbortSignal;
  chunkBytes?: number;
  batchRows?: number;
  /** Size of a stream source, for progress; known for a File, Blob or string. */
  totalBytes?: number;
  /** Text encoding; detected from the bytes when absent (BOM, else UTF-8, else Windows-1252). */
  encoding?: string;
  /** Column delimiter; detected from the header when absent. */
  delimiter?: string;
  /** `false`: only update leads that exist (an activity log); rows about anyone else are refused. Default `true`. */
  createLeads?: boolean;
}

export interface ImportProgress {
  /** Data rows done (written or refused). */
  rowsDone: number;
  bytesDone: number;
  bytesTotal: number | undefined;
  /** `bytesDone / bytesTotal`, 0 to 1, when the size is known. Never goes down; 1 at the end. */
  fraction: number | undefined;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** A refused row: where it is in the file and why, with its cells for a "fix and re-import" download. */
export interface RejectedRow {
  /** First line of the row in the file (1 = the header's line). */
  line: number;
  /** Last line: a row with line breaks in a cell, or a broken quote, spans several. */
  lastLine: number;
  issues: ImportIssue[];
  /** The issues as one sentence. */
  reason: string;
  cells: string[];
}

export interface RowWarning extends ImportIssue {
  line: number;
}

export interface ImportReport {
  /** `failed`: the database refused a write (see {@link ImportWriteError}); what came before is written. */
  status: 'completed' | 'cancelled' | 'failed';
  file: {
    header: string[];
    delimiter: string;
    encoding: string;
    bytes: number;
    /** The preset the header looks like, whatever the mapping says. */
    preset: PresetId | undefined;
    dateOrder: DateOrder;
    /** Where the date order came from: the mapping, the file's own dates, or the delimiter (no evidence). */
    dateOrderFrom: 'mapping' | 'file' | 'delimiter';
  };
  /** Data rows read (blank lines and a report footer are not rows). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  eventsAdded: number;
  /** The first {@link MAX_REPORTED} refused rows, in file order. */
  rejections: RejectedRow[];
  warningCount: number;
  /** The first {@link MAX_REPORTED} warnings: values dropped or cut, rows kept. */
  warnings: RowWarning[];
  /** About the file as a whole: mapped columns it lacks, a skipped footer, a delimiter guess. */
  notes: string[];
}

/** An import that stopped because the database refused a write; `report` says what was written before. */
export class ImportWriteError extends Error {
  override readonly name = 'ImportWriteError';
  constructor(
    readonly report: ImportReport,
    override readonly cause: unknown,
  ) {
    super(`The import stopped after ${report.rows} rows: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Imports a CSV file of leads (and engagement) into the database.
 *
 * The file is read in chunks (`chunkBytes`), decoded with one streaming decoder, parsed by
 * Papa Parse, and its rows are written in batches of `batchRows`, each batch in ONE
 * transaction (`ImportRepository.importBatch`). The next batch is read, and its new leads
 * built and validated (`ImportRepository.prepare`), while IndexedDB writes one, yielding
 * every few rows to the write and the page: the two overlap, and a page stays responsive at
 * 100k rows. One batch is written at a time, in file order, so a row is matched against
 * every row before it. Memory holds one chunk and two batches, not the file.
 *
 * Each row is matched to a lead by CRM id, then email, then LinkedIn URL (stored leads and
 * earlier rows alike) and merged; a re-import of the same file changes nothing, not even
 * `updatedAt`. Rows that cannot be imported are refused with their line and reasons, and
 * the good rows are imported.
 *
 * Progress: `onProgress` after every batch with rows and bytes done; `fraction` never
 * decreases and is 1 at the end. Cancel: abort `signal`; the import stops before its next
 * batch and resolves with `status: 'cancelled'`, everything written being whole batches.
 *
 * Throws before writing anything: `ValidationError` for a bad mapping, {@link ImportFileError}
 * for an empty file or one without any mapped identity column, `RangeError` for an unknown
 * encoding. Throws {@link ImportWriteError} (with the report so far) if the database fails.
 */
export async function importCsv(
  repos: { imports: ImportRepository },
  source: CsvSource,
  options: ImportOptions,
): Promise<ImportReport> {
  const mapping = parseOrThrow(ImportMappingSchema, options.mapping, 'import mapping');
  return new ImportRun(repos.imports, mapping, options, options.totalBytes ?? sourceSize(source)).run(source);
}

const MAX_FOOTER_LINES = 50;
const FOOTER = /^(grand totals?\b|total\b|confidential information\b|copyright\s*(\(c\)|©)|generated by\b)/i;

const DATE_FIELDS: readonly ImportField[] = [
  ...(Object.keys(STAGE_DATE_FIELDS) as ImportField[]),
  ...(Object.keys(EVENT_DATE_FIELDS) as ImportField[]),
  'eventAt',
];

interface PendingRow {
  candidate: ImportCandidate;
  line: number;
  lastLine: number;
  /** The parsed row as is: copied ({@link keepCells}) only if the write refuses it. */
  cells: readonly string[];
  warnings: ImportIssue[];
}

/**
 * Resolves in a task of its own, after the tasks already queued: IndexedDB's events for the
 * batch being written, input, rendering. A message, not `setTimeout(0)`, which browsers hold
 * back at least 4 ms once nested; `setImmediate` where there is one (Node, in tests).
 */
function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

class ImportRun {
  private parser: CsvParser | undefined;
  private head = '';
  private encoding = 'utf-8';
  private plan: ColumnPlan | undefined;
  private dates: DateContext | undefined;
  private nextLine = 1;
  private cancelled = false;
  private failed = false;
  /** Single-cell rows that are a footer if a footer line follows, refused rows otherwise. */
  private maybeFooter: RejectedRow[] = [];
  private footer: { first: number; last: number } | undefined;
  private pendingRows: PendingRow[] = [];
  private pendingRejections: RejectedRow[] = [];
  /** The batch being written, while the next one is read: at most one at a time. */
  private writing: Promise<void> | undefined;
  /**
   * Build each row's new lead ahead, while the batch before is written
   * (`ImportRepository.prepare`): yes while most rows of the last batch were new people (a
   * first import); no while they matched stored leads (a re-import), where it is wasted.
   */
  private buildAhead = true;
  private readonly batchOptions: ImportBatchOptions;
  private bytesDone = 0;
  private reported = false;
  private readonly batchRows: number;
  private readonly report: ImportReport;

  constructor(
    private readonly repository: ImportRepository,
    private readonly mapping: ImportMapping,
    private readonly options: ImportOptions,
    private readonly bytesTotal: number | undefined,
  ) {
    this.batchRows = Math.max(1, options.batchRows ?? DEFAULT_BATCH_ROWS);
    this.batchOptions = { defaultStage: mapping.defaultStage, createLeads: options.createLeads ?? true };
    this.report = {
      status: 'completed',
      file: {
        header: [],
        delimiter: options.delimiter ?? ',',
        encoding: 'utf-8',
        bytes: 0,
        preset: undefined,
        dateOrder: 'mdy',
        dateOrderFrom: 'mapping',
      },
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      eventsAdded: 0,
      rejections: [],
      warningCount: 0,
      warnings: [],
      notes: [],
    };
  }

  async run(source: CsvSource): Promise<ImportReport> {
    const chunkBytes = Math.max(1024, this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    let bytesRead = 0;
    for await (const chunk of decodeText(source, { chunkBytes, encoding: this.options.encoding })) {
      this.encoding = chunk.encoding;
      bytesRead = chunk.bytesRead;
      if (this.options.signal?.aborted) {
        this.cancelled = true;
        break;
      }
      const parsed = this.feed(chunk.text);
      if (parsed) await this.handle(parsed, bytesRead);
      if (this.cancelled) break;
    }
    if (!this.cancelled) {
      // A file without a line break: the header alone (or nothing) was held back.
      if (!this.parser) await this.handle(this.start().write(this.takeHead()), bytesRead);
      if (!this.cancelled && this.parser) await this.handle(this.parser.end(), bytesRead);
      this.releaseMaybeFooter();
      if (!this.cancelled) await this.flush(bytesRead);
    }
    await this.settle();
    if (!this.plan && !this.cancelled) throw new ImportFileError('empty', 'The file is empty: no header row was found');
    return this.finish(bytesRead);
  }

  /** Text for the parser; held back until the first line is complete, so the delimiter is read from the header. */
  private feed(text: string): ParsedRows | undefined {
    if (this.parser) return this.parser.write(text);
    this.head += text;
    if (!detectNewline(this.head)) return undefined;
    return this.start().write(this.takeHead());
  }

  private start(): CsvParser {
    // A one-column file has no delimiter to find: any will do, and Papa Parse need not guess.
    const delimiter = this.options.delimiter || detectDelimiter(this.head) || ',';
    this.parser = createCsvParser({ delimiter, newline: detectNewline(this.head) });
    return this.parser;
  }

  private takeHead(): string {
    const head = this.head;
    this.head = '';
    return head;
  }

  private async handle(parsed: ParsedRows, bytesAtEnd: number): Promise<void> {
    for (const note of parsed.notes) this.note(note);
    const errors = new Map<number, string[]>();
    for (const error of parsed.errors) errors.set(error.row, [...(errors.get(error.row) ?? []), error.code]);

    const bytesBefore = this.bytesDone;
    let index = 0;
    for (const cells of parsed.rows) {
      const line = this.nextLine;
      this.nextLine += lineCount(cells);
      this.classify(cells, line, this.nextLine - 1, errors.get(index), parsed.rows, index);
      index += 1;
      if (this.pendingRows.length >= this.batchRows) {
        const share = index / parsed.rows.length;
        await this.flush(Math.round(bytesBefore + (bytesAtEnd - bytesBefore) * share));
        if (this.cancelled) return;
      } else if (this.writing && index % SLICE_ROWS === 0) {
        await nextTask();
      }
    }
    await this.flush(bytesAtEnd);
  }

  private classify(
    cells: string[],
    line: number,
    lastLine: number,
    parseErrors: string[] | undefined,
    chunkRows: readonly string[][],
    index: number,
  ): void {
    if (cells.every((cell) => cell.trim() === '')) return;
    if (!this.plan) {
      this.readHeader(cells, chunkRows.slice(index + 1));
      return;
    }
    const header = this.plan.header;
    const refuse = (issues: ImportIssue[]) =>
      ({
        line,
        lastLine,
        issues,
        reason: issues.map((i) => i.message).join('; '),
        cells: keepCells(cells),
      }) satisfies RejectedRow;

    // A report footer (Salesforce: "Grand Totals", "Confidential Information - Do Not
    // Distribute", the copyright line, the report name): single-cell lines after the data.
    if (cells.length === 1 && header.length > 1) {
      if (this.footer || FOOTER.test(cells[0]?.trim() ?? '')) {
        const first = this.maybeFooter[0]?.line ?? this.footer?.first ?? line;
        this.maybeFooter = [];
        this.footer = { first, last: lastLine };
        return;
      }
      this.maybeFooter.push(
        refuse([
          {
            code: 'field_count',
            message: `1 field where the header has ${header.length}`,
            value: preview(cells[0] ?? ''),
          },
        ]),
      );
      // A footer is a few lines; this many single cells are broken rows, not a footer.
      if (this.maybeFooter.length > MAX_FOOTER_LINES) this.releaseMaybeFooter();
      return;
    }
    this.releaseMaybeFooter();

    if (parseErrors) {
      const swallowed = lastLine > line ? ` (it runs on to line ${lastLine})` : '';
      const message = parseErrors.includes('MissingQuotes')
        ? `A quote opened in this row is never closed, so the rest of the file was read as one value${swallowed}`
        : `A quoted value is not closed properly: a quote inside it should be doubled ("")${swallowed}`;
      this.pendingRejections.push(refuse([{ code: 'malformed_row', message }]));
      return;
    }
    // Strict, even for an extra empty cell: "Polar Byte, Inc." unquoted in a row whose last
    // cell is empty shifts every value after it by one column (fixture webinar-attendees.csv).
    const row = cells;
    if (row.length !== header.length) {
      const hint =
        row.length > header.length
          ? `a ${this.report.file.delimiter === '\t' ? 'tab' : `"${this.report.file.delimiter}"`} inside an unquoted value?`
          : 'a line break inside an unquoted value, or cells missing?';
      this.pendingRejections.push(
        refuse([
          { code: 'field_count', message: `${row.length} fields where the header has ${header.length}: ${hint}` },
        ]),
      );
      return;
    }
    const result = readRow(row, this.plan, line, this.dateContext());
    if (!result.ok) {
      this.pendingRejections.push(refuse(result.issues));
      return;
    }
    if (this.buildAhead) this.repository.prepare(result.candidate, this.batchOptions);
    this.pendingRows.push({ candidate: result.candidate, line, lastLine, cells: row, warnings: result.warnings });
  }

  /** The single-cell rows held as a possible footer turn out to be rows: refuse them. */
  private releaseMaybeFooter(): void {
    for (const row of this.maybeFooter) this.pendingRejections.push(row);
    this.maybeFooter = [];
  }

  private readHeader(cells: string[], sample: readonly string[][]): void {
    const header = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
    const { plan, missing } = planColumns(header, this.mapping);
    this.plan = plan;
    this.report.file.header = header;
    this.report.file.preset = detectPreset(header);
    this.report.file.delimiter = this.parser?.delimiter ?? this.report.file.delimiter;
    if (missing.length > 0) {
      this.note(`Mapped columns not in this file, left out: ${missing.map((c) => `"${c}"`).join(', ')}`);
    }
    const order = this.mapping.dates.order;
    if (order !== 'auto') {
      this.dates = { order, timeZone: this.mapping.dates.timeZone };
      this.report.file.dateOrder = order;
      this.report.file.dateOrderFrom = 'mapping';
      return;
    }
    // Decided once, from the rows parsed with the header (a whole chunk of them).
    const dateColumns = DATE_FIELDS.flatMap((field) => plan.columns.get(field) ?? []);
    const inferred = inferDateOrder(sample.flatMap((row) => dateColumns.map((i) => row[i] ?? '')));
    const fallback: DateOrder = this.report.file.delimiter === ';' ? 'dmy' : 'mdy';
    this.dates = { order: inferred ?? fallback, timeZone: this.mapping.dates.timeZone };
    this.report.file.dateOrder = this.dates.order;
    this.report.file.dateOrderFrom = inferred ? 'file' : 'delimiter';
  }

  private dateContext(): DateContext {
    if (!this.dates) throw new Error('Dates are read after the header');
    return this.dates;
  }

  /**
   * Hands the pending rows to the writer, one transaction, once the batch before them is
   * written (or stops, if cancelled by then), and returns without waiting for this one: the
   * next batch is read while IndexedDB writes it. Whatever the writer reports (a written
   * batch, a failure) surfaces here or in {@link settle}, in order.
   */
  private async flush(bytesDone: number): Promise<void> {
    const rows = this.pendingRows;
    const rejections = this.pendingRejections;
    this.pendingRows = [];
    this.pendingRejections = [];
    await this.settle();
    if (rows.length === 0 && rejections.length === 0) {
      this.progress(bytesDone);
      return;
    }
    if (rows.length > 0 && this.options.signal?.aborted) {
      this.cancelled = true;
      return;
    }
    if (rows.length === 0) {
      this.record([], rows, rejections, bytesDone);
      return;
    }
    const writing = this.write(rows, rejections, bytesDone);
    // Awaited in settle(); until then a failure must not count as unhandled.
    writing.catch(() => undefined);
    this.writing = writing;
  }

  /** Waits for the batch being written, if any; throws its {@link ImportWriteError}. */
  private async settle(): Promise<void> {
    const writing = this.writing;
    this.writing = undefined;
    await writing;
  }

  private async write(rows: PendingRow[], rejections: RejectedRow[], bytesDone: number): Promise<void> {
    let outcomes: ImportRowOutcome[];
    try {
      outcomes = await this.repository.importBatch(
        rows.map((r) => r.candidate),
        this.batchOptions,
      );
    } catch (error) {
      this.failed = true;
      throw new ImportWriteError(this.finish(this.bytesDone), error);
    }
    this.record(outcomes, rows, rejections, bytesDone);
  }

  /** Counts a written batch and the rows refused with it, in file order, and reports progress. */
  private record(outcomes: ImportRowOutcome[], rows: PendingRow[], rejections: RejectedRow[], bytesDone: number): void {
    const byRef = new Map(rows.map((r) => [r.line, r]));
    const refused: RejectedRow[] = [...rejections];
    let created = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'created') created += 1;
      const row = byRef.get(outcome.ref);
      if (!row) continue;
      if (outcome.status === 'rejected') {
        const reason = outcome.issues.map((i) => i.message).join('; ');
        refused.push({
          line: row.line,
          lastLine: row.lastLine,
          issues: outcome.issues,
          reason,
          cells: keepCells(row.cells),
        });
        continue;
      }
      this.report[outcome.status] += 1;
      this.report.eventsAdded += outcome.eventsAdded;
      for (const warning of [...row.warnings, ...outcome.notes]) this.warn(row.line, warning);
    }
    if (outcomes.length > 0) this.buildAhead = created * 2 >= outcomes.length;
    this.report.rows += rows.length + rejections.length;
    refused.sort((a, b) => a.line - b.line);
    for (const rejection of refused) {
      this.report.rejected += 1;
      if (this.report.rejections.length < MAX_REPORTED) this.report.rejections.push(rejection);
    }
    this.progress(bytesDone);
  }

  private progress(bytesDone: number): void {
    this.bytesDone = Math.max(this.bytesDone, bytesDone);
    if (!this.plan) return;
    this.reported = true;
    const { rows, created, updated, unchanged, rejected } = this.report;
    this.options.onProgress?.({
      rowsDone: rows,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      fraction: this.bytesTotal ? Math.min(1, this.bytesDone / this.bytesTotal) : undefined,
      created,
      updated,
      unchanged,
      rejected,
    });
  }

  private warn(line: number, issue: ImportIssue): void {
    this.report.warningCount += 1;
    if (this.report.warnings.length < MAX_REPORTED) this.report.warnings.push({ line, ...issue });
  }

  private note(note: string): void {
    if (!this.report.notes.includes(note)) this.report.notes.push(note);
  }

  private finish(bytesRead: number): ImportReport {
    this.report.status = this.failed ? 'failed' : this.cancelled ? 'cancelled' : 'completed';
    this.report.file.encoding = this.encoding;
    this.report.file.bytes = bytesRead;
    if (this.footer) this.note(`Skipped the report footer (lines ${this.footer.first}-${this.footer.last})`);
    if (this.report.status === 'completed' && this.plan && (!this.reported || this.bytesDone < bytesRead))
      this.progress(bytesRead);
    return this.report;
  }
}

/** Lines a parsed row spans: one, plus the line breaks kept inside its quoted cells. */
function lineCount(cells: readonly string[]): number {
  let lines = 1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    // Most cells have no line break: two scans, no regex and no garbage.
    if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
    // A CRLF file read as LF leaves a '\r' at the end of the last cell: not a line of its own.
    const text = i === cells.length - 1 ? cell.replace(/\r$/, '') : cell;
    const breaks = text.match(/\r\n|\r|\n/g);
    if (breaks) lines += breaks.length;
  }
  return lines;
}

function keepCells(cells: readonly string[]): string[] {
  return cells.slice(0, 200).map((cell) => (cell.length > 1000 ? cell.slice(0, 1000) : cell));
}

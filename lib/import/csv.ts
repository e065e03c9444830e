import Papa from 'papaparse';

/**
 * What a CSV import reads: a File or Blob (the options page), a string, a web
 * `ReadableStream` of bytes, or any async iterable of bytes or text (a Node stream in tests).
 */
export type CsvSource = Blob | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export interface DecodedChunk {
  text: string;
  /** Bytes of the source consumed so far, this chunk included. */
  bytesRead: number;
  encoding: string;
}

/** The size in bytes of a source when it can be known without reading it. */
export function sourceSize(source: CsvSource): number | undefined {
  if (typeof source === 'string') return new Blob([source]).size;
  if (isBlob(source)) return source.size;
  return undefined;
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream | undefined)?.getReader === 'function';
}

async function* rawChunks(source: CsvSource): AsyncGenerator<Uint8Array | string> {
  const stream = typeof source === 'string' ? new Blob([source]).stream() : isBlob(source) ? source.stream() : source;
  if (!isReadableStream(stream)) {
    yield* stream;
    return;
  }
  const reader = stream.getReader();
  let done = false;
  try {
    while (!done) {
      const next = await reader.read();
      done = next.done;
      if (next.value) yield next.value;
    }
  } finally {
    // Stopped early (cancelled, or a preview that has its rows): release the file.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The encoding of a file from its first bytes: a byte-order mark says it (Excel's "CSV UTF-8"
 * writes one, its "Unicode text" is UTF-16LE with one); otherwise UTF-8 if the bytes are valid
 * UTF-8, else Windows-1252, which is what Excel's plain "CSV" writes on a Western Windows.
 */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // `stream: true`: a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * The text of a source in chunks of about `chunkBytes`, decoded with one streaming
 * `TextDecoder`, so a character whose bytes straddle two reads stays whole. (Papa Parse's
 * own file and stream readers decode each slice on its own and turn such characters into
 * U+FFFD: mholt/PapaParse#751, #908.) A byte-order mark is dropped.
 */
export async function* decodeText(
  source: CsvSource,
  options: { chunkBytes: number; encoding?: string | undefined },
): AsyncGenerator<DecodedChunk> {
  const encoder = new TextEncoder();
  let decoder: TextDecoder | undefined;
  let encoding = options.encoding;
  let parts: Uint8Array[] = [];
  let size = 0;
  let bytesRead = 0;

  const flush = (final: boolean): DecodedChunk => {
    const bytes = concat(parts, size);
    parts = [];
    size = 0;
    if (!decoder) {
      encoding ??= sniffEncoding(bytes);
      try {
        decoder = new TextDecoder(encoding);
      } catch {
        throw new RangeError(`Unknown text encoding "${encoding}"`);
      }
    }
    const text = decoder.decode(bytes, { stream: !final });
    return { text, bytesRead, encoding: decoder.encoding };
  };

  for await (const part of rawChunks(source)) {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    // A source may hand over everything at once (Node's Blob.stream() does): cut it, so the
    // parser and each batch see at most about `chunkBytes`.
    for (let offset = 0; offset < bytes.length; offset += options.chunkBytes) {
      const piece = bytes.subarray(offset, offset + options.chunkBytes);
      parts.push(piece);
      size += piece.length;
      bytesRead += piece.length;
      if (size >= options.chunkBytes) yield flush(false);
    }
  }
  yield flush(true);
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a file from its header line: the candidate that splits it into the most
 * columns, as Papa Parse reads the line (quotes respected). The header is the one line a
 * malformed row cannot spoil; Papa Parse's own guess compares field counts over the first
 * rows and gives up when one of them is broken. `undefined` for a one-column header (the
 * caller lets Papa Parse guess) or a sample without a complete line.
 */
export function detectDelimiter(sample: string): string | undefined {
  const end = sample.search(/\r\n|\n|\r/);
  if (end < 0) return undefined;
  const line = sample.slice(0, end);
  let best: { delimiter: string; fields: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const fields = Papa.parse<string[]>(line, { delimiter }).data[0]?.length ?? 0;
    if (fields > 1 && (!best || fields > best.fields)) best = { delimiter, fields };
  }
  return best?.delimiter;
}

/**
 * The line break of a file from its first one: `undefined` until the sample holds a complete
 * one (a chunk may end between the `\r` and the `\n` of a CRLF). Papa Parse guesses from
 * its first chunk and keeps the guess for the whole file, so a first chunk cut there would
 * leave a stray `\r` on every row (mholt/PapaParse#1132); the importer holds text back until
 * this answers and passes the result on.
 */
export function detectNewline(sample: string): '\r\n' | '\n' | '\r' | undefined {
  const match = /\r\n|\n|\r(?=[^\n])/.exec(sample);
  return match ? (match[0] as '\r\n' | '\n' | '\r') : undefined;
}

export interface CsvRowError {
  /** Index into the rows handed back with it. */
  row: number;
  code: string;
  message: string;
}

export interface ParsedRows {
  rows: string[][];
  errors: CsvRowError[];
  /** File-level problems (an undetectable delimiter). */
  notes: string[];
}

export interface CsvParser {
  /** Parses the next chunk of text; returns the rows it completed (a row cut by the chunk end waits for the next). */
  write(text: string): ParsedRows;
  /** Ends the input; returns the last rows. */
  end(): ParsedRows;
  /** The delimiter in use: given, or guessed by Papa Parse from the first chunk. */
  readonly delimiter: string | undefined;
  readonly linebreak: string | undefined;
}

/**
 * One Papa Parse run fed chunk by chunk, so the caller can await a database write between
 * chunks. Papa Parse streams from a Node-style readable: this hands it a minimal one and
 * pushes text into its `data` listener, which parses synchronously and calls `chunk`
 * with the completed rows before returning. Nothing is buffered while the caller awaits,
 * unlike `parser.pause()`, which keeps reading (mholt/PapaParse#1132). Quotes, escaped
 * quotes, delimiters and line breaks inside quoted cells, and the delimiter guess are all
 * Papa Parse's.
 *
 * `header: false` and `skipEmptyLines: false` on purpose: the importer reads the header
 * itself (duplicate names stay as written) and counts every line, blank ones included, so
 * a rejected row can be reported by its line in the file.
 */
export function createCsvParser(
  options: { delimiter?: string | undefined; newline?: '\r\n' | '\n' | '\r' | undefined } = {},
): CsvParser {
  const listeners = new Map<string, (value?: unknown) => void>();
  const input = {
    readable: true,
    read: () => null,
    on(event: string, listener: (value?: unknown) => void) {
      listeners.set(event, listener);
      return input;
    },
    removeListener(event: string) {
      listeners.delete(event);
      return input;
    },
    pause: () => undefined,
    resume: () => undefined,
  };
  let results: Papa.ParseResult<string[]>[] = [];
  let failure: unknown;
  let delimiter = options.delimiter || undefined;
  let linebreak: string | undefined;

  Papa.parse<string[]>(input as unknown as NodeJS.ReadableStream, {
    header: false,
    skipEmptyLines: false,
    delimiter: options.delimiter ?? '',
    ...(options.newline ? { newline: options.newline } : {}),
    chunk(result) {
      results.push(result);
      delimiter ??= result.meta.delimiter;
      linebreak ??= result.meta.linebreak;
    },
    error(error) {
      failure = error;
    },
    // Rows arrive through `chunk`; the types demand a `complete`.
    complete: () => undefined,
  });

  const collect = (): ParsedRows => {
    if (failure !== undefined) throw failure;
    const parsed: ParsedRows = { rows: [], errors: [], notes: [] };
    for (const result of results) {
      const offset = parsed.rows.length;
      // A loop, not push(...rows): a chunk of short rows can exceed the engine's argument limit.
      for (const row of result.data) parsed.rows.push(row);
      for (const error of result.errors) {
        // A row cut by the chunk end is parsed again with the next chunk, errors included.
        if (error.row === undefined) parsed.notes.push(error.message);
        else if (error.row < result.data.length)
          parsed.errors.push({ row: offset + error.row, code: error.code, message: error.message });
      }
    }
    results = [];
    return parsed;
  };

  return {
    write(text) {
      const data = listeners.get('data');
      if (!data) throw new Error('The CSV parser has ended');
      if (text.length === 0) return collect();
      data(text);
      if (results.length === 0 && failure === undefined) {
        // Guards the synchronous hand-off this relies on against a Papa Parse upgrade.
        throw new Error('Papa Parse did not parse the chunk synchronously');
      }
      return collect();
    },
    end() {
      listeners.get('end')?.();
      return collect();
    },
    get delimiter() {
      return delimiter;
    },
    get linebreak() {
      return linebreak;
    },
  };
}

import { type CsvParser, type CsvSource, createCsvParser, decodeText, detectDelimiter, detectNewline } from './csv';
import { ImportFileError } from './rows';
import type { ImportMapping } from './mapping';
import { type MappingSuggestion, type PresetId, suggestMapping } from './presets';

export interface CsvPreview {
  header: string[];
  /** The first data rows, as parsed (for the mapping step's sample column). */
  rows: string[][];
  delimiter: string;
  encoding: string;
  preset: PresetId | undefined;
  /** A mapping for this header: `saved` first, then the preset, then header synonyms. */
  suggestion: MappingSuggestion;
}

/**
 * The header and first rows of a file, read without reading the whole file (the read stops
 * once it has them), and a suggested mapping: what the mapping step shows before an import.
 * Throws {@link ImportFileError} for a file with no header row.
 */
export async function readCsvPreview(
  source: CsvSource,
  options: { rows?: number; encoding?: string; delimiter?: string; saved?: ImportMapping } = {},
): Promise<CsvPreview> {
  const wanted = options.rows ?? 10;
  let parser: CsvParser | undefined;
  let head = '';
  let encoding = 'utf-8';
  const found: string[][] = [];
  const take = (rows: string[][]) => {
    for (const row of rows) if (row.some((cell) => cell.trim() !== '')) found.push(row);
  };
  for await (const chunk of decodeText(source, { chunkBytes: 64 * 1024, encoding: options.encoding })) {
    encoding = chunk.encoding;
    if (!parser) {
      head += chunk.text;
      if (!detectNewline(head)) continue;
      parser = createCsvParser({
        delimiter: options.delimiter || detectDelimiter(head) || ',',
        newline: detectNewline(head),
      });
      take(parser.write(head).rows);
      head = '';
    } else take(parser.write(chunk.text).rows);
    if (found.length > wanted) break;
  }
  if (found.length <= wanted) {
    if (!parser) {
      // No line break at all: a header-only file.
      parser = createCsvParser({ delimiter: options.delimiter || detectDelimiter(`${head}\n`) || ',' });
      take(parser.write(head).rows);
    }
    take(parser.end().rows);
  }
  const [first, ...rows] = found;
  if (!first) throw new ImportFileError('empty', 'The file is empty: no header row was found');
  const header = first.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  const suggestion = suggestMapping(header, options.saved ? { saved: options.saved } : {});
  return {
    header,
    rows: rows.slice(0, wanted),
    delimiter: parser?.delimiter ?? ',',
    encoding,
    preset: suggestion.preset,
    suggestion,
  };
}

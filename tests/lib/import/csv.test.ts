import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createCsvParser, decodeText, detectDelimiter, detectNewline, sniffEncoding } from '../../../lib/import/csv';

async function decodeAll(source: Parameters<typeof decodeText>[0], chunkBytes = 4, encoding?: string) {
  const chunks = [];
  for await (const chunk of decodeText(source, { chunkBytes, encoding })) chunks.push(chunk);
  return chunks;
}

const TEXT = 'Name,Note\nJosé Müller,"naïve 中文 🙂"\n';

describe('decodeText', () => {
  it('keeps a character whole whatever byte it is cut at', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    for (let cut = 1; cut < bytes.length; cut++) {
      const pieces = [bytes.slice(0, cut), bytes.slice(cut)];
      const chunks = await decodeAll(Readable.from(pieces), 1);
      expect(chunks.map((c) => c.text).join('')).toBe(TEXT);
    }
  });

  it('reads a Blob, a string, a web stream and an iterable of text alike, counting bytes', async () => {
    const bytes = new TextEncoder().encode(TEXT).length;
    const sources = [
      new Blob([TEXT]),
      TEXT,
      new Blob([TEXT]).stream(),
      Readable.from(['Name,Note\n', 'José Müller,"naïve 中文 🙂"\n']),
    ];
    for (const source of sources) {
      const chunks = await decodeAll(source);
      expect(chunks.map((c) => c.text).join('')).toBe(TEXT);
      expect(chunks.at(-1)?.bytesRead).toBe(bytes);
      expect(chunks.map((c) => c.bytesRead)).toEqual([...chunks.map((c) => c.bytesRead)].sort((a, b) => a - b));
    }
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const chunks = await decodeAll(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), TEXT]));
    expect(chunks.map((c) => c.text).join('')).toBe(TEXT);
    expect(chunks[0]?.encoding).toBe('utf-8');
  });

  it('reads Excel’s “Unicode text” (UTF-16LE with a BOM)', async () => {
    const text = 'Email\tName\r\nzoe@kiwiharbour.co.nz\tZoë Clarke\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const chunks = await decodeAll(new Blob([bytes]), 3);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks[0]?.encoding).toBe('utf-16le');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (Excel’s plain “CSV” on Windows)', async () => {
    // Latin-1 letters only: Node's TextDecoder reads windows-1252 as ISO-8859-1, so its
    // 0x80-0x9F (€, –) would come out as control characters here; browsers map them right.
    const text = 'Name;Firma\nJürgen Weiß;Müller & Söhne, Zürich\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    expect(sniffEncoding(bytes)).toBe('windows-1252');
    const chunks = await decodeAll(new Blob([bytes]), 1024);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks[0]?.encoding).toBe('windows-1252');
  });

  it('uses a given encoding and refuses an unknown one', async () => {
    await expect(decodeAll('a,b', 4, 'klingon')).rejects.toThrow(/Unknown text encoding "klingon"/);
    expect((await decodeAll('a,b', 4, 'utf-8'))[0]?.encoding).toBe('utf-8');
  });
});

describe('detectNewline', () => {
  it.each([
    ['a,b\r\n1,2', '\r\n'],
    ['a,b\n1,2', '\n'],
    ['a,b\r1,2', '\r'],
    // The chunk ends between the two characters of a CRLF: not known yet.
    ['a,b\r', undefined],
    ['a,b', undefined],
  ])('%j -> %j', (sample, newline) => {
    expect(detectNewline(sample)).toBe(newline);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Name,Email,Note\n', ','],
    ['Vorname;Nachname;E-Mail\r\n', ';'],
    ['Email\tName\n', '\t'],
    ['a|b|c\n', '|'],
    // Quotes respected: the commas are inside a quoted header cell
    ['"Name, full";Email;Note\n', ';'],
    ['Email\n', undefined],
    ['Name,Email', undefined],
  ])('%j -> %j', (sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });
});

describe('createCsvParser', () => {
  const csv =
    'Name,Street,Note\r\n' +
    '"Priya Raman","1 Finsbury Avenue\nFloor 4","says ""hi"""\r\n' +
    '"Ravi, Jr.",,plain\r\n' +
    '\r\n' +
    'Last,Row,"line1\r\nline2"';

  it('gives the same rows whatever chunk boundaries the text arrives with', () => {
    const whole = Papa.parse<string[]>(csv, { delimiter: ',' }).data;
    for (let cut = 1; cut < csv.length; cut++) {
      const parser = createCsvParser({ delimiter: ',', newline: '\r\n' });
      const rows = [
        ...parser.write(csv.slice(0, cut)).rows,
        ...parser.write(csv.slice(cut)).rows,
        ...parser.end().rows,
      ];
      expect(rows, `cut at ${cut}`).toEqual(whole);
    }
    expect(whole).toEqual([
      ['Name', 'Street', 'Note'],
      ['Priya Raman', '1 Finsbury Avenue\nFloor 4', 'says "hi"'],
      ['Ravi, Jr.', '', 'plain'],
      [''],
      ['Last', 'Row', 'line1\r\nline2'],
    ]);
  });

  it('hands back rows only once complete, and malformed quotes as errors on their row', () => {
    const parser = createCsvParser({ delimiter: ',' });
    expect(parser.write('a,b\n1,"unclosed\n2,x\n').rows).toEqual([['a', 'b']]);
    const end = parser.end();
    expect(end.rows).toEqual([['1', 'unclosed\n2,x\n']]);
    expect(end.errors).toEqual([{ row: 0, code: 'MissingQuotes', message: 'Quoted field unterminated' }]);
  });

  it('guesses the delimiter when none is given, and reports it', () => {
    const parser = createCsvParser();
    parser.write('a;b;c\n1;2;3\n4;5;6\n');
    expect(parser.delimiter).toBe(';');
    expect(parser.linebreak).toBe('\n');
  });
});

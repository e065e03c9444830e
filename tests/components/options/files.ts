import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CSV_FIXTURES = join(import.meta.dirname, '../../fixtures/csv');

function readAs(blob: Blob, as: 'text' | 'bytes'): Promise<string | ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result ?? '');
    reader.onerror = () => reject(reader.error ?? new Error('The blob could not be read'));
    if (as === 'text') reader.readAsText(blob);
    else reader.readAsArrayBuffer(blob);
  });
}

/**
 * jsdom's Blob has no `stream()` (every browser Handoff supports has had it since 2019),
 * and the import and the restore read files through it, as they do in Chromium. This gives
 * jsdom's Blob one for these tests, built on `slice` and `FileReader`, in small pieces so a
 * fixture is read in several chunks as a larger file would be.
 */
export function installBlobStream(chunkBytes = 4096): void {
  if (typeof Blob.prototype.stream === 'function') return;
  Blob.prototype.stream = function stream(this: Blob) {
    let offset = 0;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (offset >= this.size) {
          controller.close();
          return;
        }
        const piece = this.slice(offset, offset + chunkBytes);
        offset += chunkBytes;
        controller.enqueue(new Uint8Array((await readAs(piece, 'bytes')) as ArrayBuffer));
      },
    }) as ReturnType<Blob['stream']>;
  };
}

/** A fixture of tests/fixtures/csv as the file a rep picks. */
export function csvFixture(name: string): File {
  return new File([readFileSync(join(CSV_FIXTURES, name))], name, { type: 'text/csv' });
}

/** A CSV file made of `text`. */
export function csvFile(text: string, name = 'leads.csv'): File {
  return new File([text], name, { type: 'text/csv' });
}

/** The text of a Blob (jsdom's has no `text()`), without the BOM an export starts with. */
export async function blobText(blob: Blob): Promise<string> {
  return ((await readAs(blob, 'text')) as string).replace(/^\uFEFF/, '');
}

/** The text of a fixture, for tests that change a line of it. */
export function fixtureText(name: string): string {
  return readFileSync(join(CSV_FIXTURES, name), 'utf8');
}

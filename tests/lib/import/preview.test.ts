import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvPreview } from '../../../lib/import/preview';
import { ImportFileError } from '../../../lib/import/rows';

const FIXTURES = join(import.meta.dirname, '../../fixtures/csv');
const blob = (name: string) => new Blob([readFileSync(join(FIXTURES, name))]);

describe('readCsvPreview', () => {
  it('reads the header, the first rows and a suggested mapping', async () => {
    const preview = await readCsvPreview(blob('salesforce-leads.csv'), { rows: 2 });
    expect(preview).toMatchObject({ delimiter: ',', encoding: 'utf-8', preset: 'salesforce' });
    expect(preview.header.slice(0, 3)).toEqual(['Lead ID', 'Lead Owner', 'First Name']);
    expect(preview.rows.map((row) => row[2])).toEqual(['Dana', 'Malik']);
    expect(preview.suggestion.problems).toEqual([]);
  });

  it('reads a European Excel file: BOM dropped, semicolons, a line break kept inside its cell', async () => {
    const preview = await readCsvPreview(blob('excel-de-semicolon.csv'), { rows: 1 });
    expect(preview.header[0]).toBe('Vorname');
    expect(preview.delimiter).toBe(';');
    expect(preview.rows).toEqual([
      [
        'Katrin',
        'Vogel',
        'katrin.vogel@nordlicht-energie.de',
        'Nordlicht Energie AG',
        'Leiterin Marketing\nDACH',
        'Deutschland',
        '1.200',
        '14.03.2026',
        'https://de.linkedin.com/in/katrin-vogel-4a1b2c/',
      ],
    ]);
  });

  it('stops reading once it has its rows', async () => {
    const piece = new TextEncoder().encode(`${'someone@x.io\n'.repeat(5000)}`);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(pulled === 1 ? new TextEncoder().encode('Email\n') : piece);
      },
    });
    const preview = await readCsvPreview(endless, { rows: 3 });
    expect(preview.rows).toEqual([['someone@x.io'], ['someone@x.io'], ['someone@x.io']]);
    expect(pulled).toBeLessThan(5);
  });

  it('reads a header-only file, and refuses an empty one', async () => {
    expect(await readCsvPreview('Email,Name')).toMatchObject({ header: ['Email', 'Name'], rows: [] });
    await expect(readCsvPreview('')).rejects.toThrow(ImportFileError);
  });
});

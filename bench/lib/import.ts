/**
 * Import: a 100k-row HubSpot CSV from a file input (a real disk-backed File, as the options
 * page gets one) through lib/import into the extension's IndexedDB, end to end: header and
 * mapping, streaming parse, validation, matching, batched writes. Each round imports into a
 * fresh database of its own.
 */
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import { callBench, openBenchPage } from './extension';
import type { Figure } from './report';
import { median } from './stats';

export interface ImportOptions {
  rounds: number;
  rows: number;
  csvPath: string;
}

export async function measureImport(browser: ExtensionBrowser, options: ImportOptions): Promise<Figure[]> {
  const page = await openBenchPage(browser);
  try {
    const rates: number[] = [];
    const seconds: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      await page.setInputFiles('#csv', options.csvPath);
      const result = await callBench(page, 'importCsv', `handoff-bench-import-${round}`);
      // The file has a bad email every 10,000th row: anything else refused means the import broke.
      const expectedRejected = Math.floor((options.rows + 5_000) / 10_000);
      if (result.status !== 'completed' || result.rows !== options.rows || result.rejected !== expectedRejected) {
        throw new Error(`import did not complete as expected: ${JSON.stringify(result)}`);
      }
      rates.push((result.rows * 1000) / result.ms);
      seconds.push(result.ms / 1000);
    }
    return [
      {
        id: 'import.csv100k',
        label: `Import ${Math.round(options.rows / 1000)}k-row CSV, end to end`,
        unit: 'rows/s',
        value: median(rates),
        runs: rates,
        budget: { min: 50_000 },
        detail: { seconds: median(seconds), rows: options.rows },
      },
    ];
  } finally {
    await page.close();
  }
}

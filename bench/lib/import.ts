/**
 * Import: a 100k-row HubSpot CSV from a file input (a real disk-backed File, as the options
 * page gets one) through lib/import into the extension's IndexedDB, end to end: header and
 * mapping, streaming parse, validation, matching, batched writes.
 *
 * Beside it, in the same rounds, the ceiling: the rows the first import stored, put again
 * into a fresh database with the same stores and indexes by raw IndexedDB (no Dexie, no
 * parsing, no matching), in transactions of the import's batch size. What the browser's
 * IndexedDB writes on this machine at best: the import cannot beat it.
 *
 * Every import and every ceiling runs in a browser of its own, on a fresh profile: one
 * origin's databases share one LevelDB in Chromium, so a run after another pays for the
 * compaction of what the one before wrote and deleted (three rounds in one browser: each
 * slower than the one before, the third at half the first's rate, imports and ceilings alike).
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import { hubspotBadRows } from '../../tests/support/hubspot-csv';
import { callBench, openBenchPage } from './extension';
import type { Figure } from './report';
import { median } from './stats';

export interface ImportOptions {
  rounds: number;
  rows: number;
  csvPath: string;
  /** Where the first import's stored rows go, for the ceiling runs to write again. */
  rowsPath: string;
}

/** Opens the bench page in a browser of its own, runs `work`, and closes the browser. */
async function inFreshBrowser<T>(launch: () => Promise<ExtensionBrowser>, work: (page: Page) => Promise<T>) {
  const browser = await launch();
  try {
    return await work(await openBenchPage(browser));
  } finally {
    await browser.close();
  }
}

export async function measureImport(
  launch: () => Promise<ExtensionBrowser>,
  options: ImportOptions,
): Promise<Figure[]> {
  const rates: number[] = [];
  const seconds: number[] = [];
  const ceilings: number[] = [];
  const shares: number[] = [];

  const runImport = (round: number) =>
    inFreshBrowser(launch, async (page) => {
      await page.setInputFiles('#csv', options.csvPath);
      const result = await callBench(page, 'importCsv', `handoff-bench-import-${round}`, round === 0);
      // The file has a bad email every 10,000th row: anything else refused means the import broke.
      const expected = hubspotBadRows(options.rows);
      if (result.status !== 'completed' || result.rows !== options.rows || result.rejected !== expected) {
        throw new Error(`import did not complete as expected: ${JSON.stringify(result)}`);
      }
      if (round === 0) writeFileSync(options.rowsPath, await callBench(page, 'takeImportedRows'));
      return (result.rows * 1000) / result.ms;
    });
  const runCeiling = (round: number) =>
    inFreshBrowser(launch, async (page) => {
      await page.setInputFiles('#rows', options.rowsPath);
      const result = await callBench(page, 'importCeiling', `handoff-bench-ceiling-${round}`);
      return (result.leads * 1000) / result.ms;
    });

  for (let round = 0; round < options.rounds; round++) {
    // Import first in even rounds, ceiling first in odd ones (the first import makes its rows).
    const ceilingFirst = round % 2 === 1;
    const raw = ceilingFirst ? await runCeiling(round) : undefined;
    const rate = await runImport(round);
    seconds.push(options.rows / rate);
    rates.push(rate);
    const ceiling = raw ?? (await runCeiling(round));
    ceilings.push(ceiling);
    shares.push(rate / ceiling);
  }
  return [
    {
      id: 'import.csv100k',
      label: `Import ${Math.round(options.rows / 1000)}k-row CSV, end to end`,
      unit: 'rows/s',
      value: median(rates),
      runs: rates,
      budget: { min: 50_000 },
      detail: { seconds: median(seconds), rows: options.rows, ofCeiling: median(shares) },
    },
    {
      id: 'import.ceiling',
      label: 'Import ceiling: its rows put by raw IndexedDB',
      unit: 'rows/s',
      value: median(ceilings),
      runs: ceilings,
      note: 'The leads (and their events) the first import stored, put again into a fresh database with the same stores and indexes by raw IndexedDB, in transactions of the import batch size; a fresh browser for each run, import and ceiling alternating first. detail.ofCeiling of import.csv100k: the median of import / ceiling per round.',
    },
  ];
}

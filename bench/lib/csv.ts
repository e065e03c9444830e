import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { hubspotCsvChunks } from '../../tests/support/hubspot-csv';

/**
 * Writes the HubSpot contacts export of `rows` rows that tests/lib/import/import-100k.test.ts
 * imports (tests/support/hubspot-csv.ts: one generator for both) to `path`, streamed.
 */
export async function writeHubspotCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of hubspotCsvChunks(rows)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

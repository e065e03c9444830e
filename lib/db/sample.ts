import { generateDemoDataset } from '../demo/generate';
import type { Repositories } from './index';

/** The bundled sample set: seed 1, 100 leads with the fixed personas (lib/demo/personas.ts). */
export const SAMPLE = { seed: 1, leads: 100 } as const;

const EVENT_BATCH = 5_000;

/**
 * Writes the sample leads and their engagement histories, so a newcomer sees Handoff on
 * realistic data. Leads first (events are refused for leads that do not exist), then
 * events in batches, each batch one transaction. Idempotent: the generator is
 * deterministic, so loading twice replaces rows by id instead of duplicating them.
 */
export async function loadSampleData(
  repos: Pick<Repositories, 'leads' | 'events'>,
  { now, seed = SAMPLE.seed, leads = SAMPLE.leads }: { now: number; seed?: number; leads?: number },
): Promise<{ leads: number; events: number }> {
  const dataset = generateDemoDataset({ seed, leads, now });
  await repos.leads.bulkUpsert(dataset.leads);
  let batch = [];
  let written = 0;
  for (const event of dataset.events) {
    batch.push(event);
    if (batch.length === EVENT_BATCH) {
      written += (await repos.events.bulkUpsert(batch)).length;
      batch = [];
    }
  }
  if (batch.length > 0) written += (await repos.events.bulkUpsert(batch)).length;
  return { leads: dataset.leads.length, events: written };
}

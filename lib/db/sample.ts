import { generateDemoDataset } from '../demo/generate';
import type { Repositories } from './index';

/** The bundled sample set: seed 1, 100 leads with the fixed personas (lib/demo/personas.ts). */
export const SAMPLE = { seed: 1, leads: 100 } as const;

const EVENT_BATCH = 5_000;

/** How many rows of each kind one load wrote. */
export interface SampleLoad {
  leads: number;
  events: number;
  /** Dispositions added (on a second load, none: decisions are appended once). */
  dispositions: number;
  /** First touches added (likewise). */
  activities: number;
  /** Marketing's scores written (none again on a second load: the stored ones are as new). */
  scores: number;
}

/**
 * Writes the sample leads, their engagement histories, sales' decisions on them, their
 * first touches and marketing's scores of them, so a newcomer sees Handoff, dashboard
 * included, on realistic data. Leads first (everything else is refused for leads that do not
 * exist), then events in batches, then dispositions, activities and scores, each batch one
 * transaction. Idempotent for one `now`:
 * the generator is deterministic, so loading twice replaces leads and events by id and
 * appends no decision or touch twice.
 */
export async function loadSampleData(
  repos: Pick<Repositories, 'leads' | 'events' | 'dispositions' | 'activities' | 'marketingScores'>,
  { now, seed = SAMPLE.seed, leads = SAMPLE.leads }: { now: number; seed?: number; leads?: number },
): Promise<SampleLoad> {
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
  const dispositions = await repos.dispositions.bulkAppend(dataset.dispositions);
  const activities = await repos.activities.bulkAppend(dataset.activities);
  const scores = await repos.marketingScores.keep(dataset.scores);
  return {
    leads: dataset.leads.length,
    events: written,
    dispositions: dispositions.length,
    activities: activities.length,
    scores: scores.length,
  };
}

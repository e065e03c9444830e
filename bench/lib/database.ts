/**
 * Database figures, in Chromium's IndexedDB in the extension's origin, through the
 * repositories: loading the data set (bulk write), the sidebar's identity lookups and a
 * lead's history, at 100k leads and 1M events (`--small`: a tenth).
 */
import type { SeedOptions, SeedResult } from '../browser/api';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import { callBench, openBenchPage } from './extension';
import type { Figure } from './report';
import { median, p95, size, sum } from './stats';

/** Loads the data set into the browser's profile and reports the write throughput. */
export async function seedDatabase(browser: ExtensionBrowser, options: SeedOptions): Promise<SeedResult> {
  const page = await openBenchPage(browser);
  try {
    const before = await callBench(page, 'counts');
    if (before.leads > 0) throw new Error(`The profile already holds ${before.leads} leads: seed a fresh one`);
    return await callBench(page, 'seed', options);
  } finally {
    await page.close();
  }
}

export function writeFigures(
  seed: SeedResult,
  { batch, events }: Pick<SeedOptions, 'batch' | 'events'>,
  note?: string,
): Figure[] {
  const rate = (rows: number, ms: number) => (rows * 1000) / ms;
  const eventRates = seed.eventBatchMs.map((ms) => rate(batch, ms));
  const leadRates = seed.leadBatchMs.map((ms) => rate(batch, ms));
  return [
    {
      id: 'database.write.events',
      label: `DB bulk write, events (${batch.toLocaleString('en')} per transaction)`,
      unit: 'rows/s',
      value: median(eventRates),
      runs: eventRates,
      detail: {
        overall: rate(seed.eventBatchMs.length * batch, sum(seed.eventBatchMs)),
        timedSeconds: sum(seed.eventBatchMs) / 1000,
        loadSeconds: (seed.phasesMs.events ?? 0) / 1000,
      },
      note:
        note ??
        `EventRepository.bulkUpsert (parse, lead check, IndexedDB put), one call after another, for the last ${size(seed.eventBatchMs.length * batch)} of ${size(events)} events; runs: each batch.`,
    },
    {
      id: 'database.write.leads',
      label: `DB bulk write, leads (${batch.toLocaleString('en')} per transaction)`,
      unit: 'rows/s',
      value: median(leadRates),
      runs: leadRates,
      detail: { overall: rate(seed.leads - 1, sum(seed.leadBatchMs)), loadSeconds: sum(seed.leadBatchMs) / 1000 },
      note:
        note ??
        `LeadRepository.bulkUpsert, one call after another, for all ${size(seed.leads - 1)} leads; runs: each batch.`,
    },
  ];
}

export interface LookupOptions {
  /** Leads stored, for the labels. */
  leads: number;
  rounds: number;
  /** Lookups of each kind per round, each on a different lead. */
  lookups: number;
  /** History reads per round. */
  historyCalls: number;
}

const ms = (label: string, id: string, runs: number[], budget?: number, detail?: Figure['detail']): Figure => ({
  id,
  label,
  unit: 'ms',
  value: median(runs),
  runs,
  ...(budget === undefined ? {} : { budget: { max: budget } }),
  ...(detail ? { detail } : {}),
});

/** The sidebar's lookups and a lead's history: p50 and p95 of each round, the median of the rounds. */
export async function measureDatabase(browser: ExtensionBrowser, options: LookupOptions): Promise<Figure[]> {
  const page = await openBenchPage(browser);
  try {
    // Different leads in every round, so no round reads what an earlier one left cached.
    const keys = await callBench(page, 'sampleKeys', options.lookups * (options.rounds + 1), 42);
    const slice = (list: string[], round: number) => list.slice(round * options.lookups, (round + 1) * options.lookups);
    // A warm-up round, not counted: the first reads open the database and compile the code.
    await callBench(page, 'lookups', { emails: slice(keys.emails, 0), linkedinUrls: slice(keys.linkedinUrls, 0) });
    const email = { p50: [] as number[], p95: [] as number[] };
    const linkedin = { p50: [] as number[], p95: [] as number[] };
    const history = { all: [] as number[], allP95: [] as number[], page: [] as number[], forLead: [] as number[] };
    let historyEvents = 0;
    await callBench(page, 'history', 5);
    for (let round = 1; round <= options.rounds; round++) {
      const times = await callBench(page, 'lookups', {
        emails: slice(keys.emails, round),
        linkedinUrls: slice(keys.linkedinUrls, round),
      });
      email.p50.push(median(times.email));
      email.p95.push(p95(times.email));
      linkedin.p50.push(median(times.linkedin));
      linkedin.p95.push(p95(times.linkedin));
      const reads = await callBench(page, 'history', options.historyCalls);
      historyEvents = reads.events;
      history.all.push(median(reads.all));
      history.allP95.push(p95(reads.all));
      history.forLead.push(median(reads.forLead));
      history.page.push(median(reads.firstPage));
    }
    const perRound = { lookupsPerRound: options.lookups, rounds: options.rounds };
    const at = `${size(options.leads)} leads`;
    return [
      ms(`DB lookup by email, p50 (${at})`, 'database.lookup.email.p50', email.p50, undefined, perRound),
      ms(`DB lookup by email, p95 (${at})`, 'database.lookup.email.p95', email.p95, 2, perRound),
      ms(`DB lookup by LinkedIn URL, p50 (${at})`, 'database.lookup.linkedin.p50', linkedin.p50, undefined, perRound),
      ms(`DB lookup by LinkedIn URL, p95 (${at})`, 'database.lookup.linkedin.p95', linkedin.p95, 2, perRound),
      ms(
        `DB history, all ${historyEvents} events newest first, p50`,
        'database.history.all.p50',
        history.all,
        undefined,
        {
          p95: median(history.allP95),
          forLeadP50: median(history.forLead),
          callsPerRound: options.historyCalls,
        },
      ),
      ms('DB history, first page of 50, p50', 'database.history.firstPage.p50', history.page),
    ];
  } finally {
    await page.close();
  }
}

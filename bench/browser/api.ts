/**
 * What `npm run bench` runs inside the extension's origin, on Chromium's real IndexedDB
 * (fake-indexeddb in Node says nothing about a browser's speed). The bench-only page
 * (entrypoints/bench, in bench builds only) puts this object on `window`; bench/run.ts
 * calls it with `page.evaluate`. Every timed read and write goes through the repositories
 * (and lib/import) the extension uses, so a figure measures the code that ships; only the
 * untimed bulk of the seeding takes a shorter way (see `seed`). Results are plain JSON, in ms.
 */
import Dexie from 'dexie';
import { createRepositories, HandoffDb, openHandoffDb, type Repositories } from '../../lib/db';
import { generateDemoDataset } from '../../lib/demo';
import { type EngagementEvent, EngagementEventSchema } from '../../lib/domain/event';
import { newId } from '../../lib/domain/ids';
import { currentSchema } from '../../lib/db/schema';
import { DEFAULT_BATCH_ROWS, importCsv } from '../../lib/import/import';
import { readCsvPreview } from '../../lib/import/preview';

export interface SeedOptions {
  seed: number;
  leads: number;
  events: number;
  now: number;
  /** Rows per repository call (one transaction each), as lib/db/sample.ts loads them. */
  batch: number;
  /** Events of the one lead whose history is timed. */
  historyEvents: number;
  /** The last events, written through the repository one call after another and timed. */
  timedEvents: number;
}

export interface SeedResult {
  leads: number;
  events: number;
  dispositions: number;
  activities: number;
  /** Time in each `leads.bulkUpsert` / `events.bulkUpsert` call (parse, checks, IndexedDB), per batch. */
  leadBatchMs: number[];
  /** Only the last `timedEvents`: see {@link benchApi.seed}. */
  eventBatchMs: number[];
  /** Time spent generating the data set (the demo generator, not part of any figure). */
  generateMs: number;
  /** Wall time of each step of the load (events includes generating them). */
  phasesMs: Record<string, number>;
  totalMs: number;
}

export interface ImportResult {
  rows: number;
  created: number;
  rejected: number;
  status: string;
  ms: number;
}

export interface CeilingResult {
  /** Leads written (each with its events). */
  leads: number;
  events: number;
  ms: number;
}

/** The rows an import stored, as stored: what `importCeiling` writes again. */
export interface ImportedRows {
  leads: Record<string, unknown>[];
  events: Record<string, unknown>[];
}

/** The rows the last `importCsv` with `keepRows` stored, until `takeImportedRows`. */
let imported: ImportedRows | undefined;

/** The lead whose history is timed: found again by this email after a browser restart. */
export const HISTORY_EMAIL = 'history.lead@bench.example';

const repos = (): Repositories => createRepositories(openHandoffDb());

/** A small deterministic generator (mulberry32) for picking samples the same way every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export const benchApi = {
  /** How many leads and events the extension's database holds. */
  async counts(): Promise<{ leads: number; events: number }> {
    const db = openHandoffDb();
    return { leads: await db.leads.count(), events: await db.events.count() };
  },

  /**
   * Loads the data set through the repositories in batches (lib/db/sample.ts's way, with
   * the event total fixed), timing each repository call, plus one lead with exactly
   * `historyEvents` events for the history figure.
   */
  async seed(options: SeedOptions): Promise<SeedResult> {
    const r = repos();
    const started = performance.now();
    let generateMs = 0;
    const [dataset, made] = await timed(async () =>
      generateDemoDataset({ seed: options.seed, leads: options.leads, events: options.events, now: options.now }),
    );
    generateMs += made;
    const phasesMs: Record<string, number> = {};
    let phaseStart = performance.now();
    const phase = (name: string) => {
      phasesMs[name] = performance.now() - phaseStart;
      phaseStart = performance.now();
    };
    const leadBatchMs: number[] = [];
    for (let i = 0; i < dataset.leads.length; i += options.batch) {
      const [, ms] = await timed(() => r.leads.bulkUpsert(dataset.leads.slice(i, i + options.batch)));
      leadBatchMs.push(ms);
    }
    phase('leads');
    // Events: the first `events - timedEvents` go straight to the table, two transactions in
    // flight (IndexedDB writes while the next batch is validated): the harness's shortcut, as
    // 1M events one repository call after another would take most of the run. They are
    // validated all the same, so the rows are what the repository would store. The last
    // `timedEvents` go through EventRepository.bulkUpsert one call after another, as the app
    // writes, timed: the bulk-write figure, on a table already near its full size.
    const db = openHandoffDb();
    const direct = options.events - options.timedEvents;
    const eventBatchMs: number[] = [];
    const inFlight: Promise<unknown>[] = [];
    let batch: EngagementEvent[] = [];
    let events = 0;
    const write = async (rows: EngagementEvent[]) => {
      if (events + rows.length <= direct) {
        inFlight.push(db.events.bulkPut(rows.map((row) => EngagementEventSchema.parse(row))));
        if (inFlight.length >= 2) await inFlight.shift();
      } else {
        await Promise.all(inFlight.splice(0));
        const [, ms] = await timed(() => r.events.bulkUpsert(rows));
        eventBatchMs.push(ms);
      }
      events += rows.length;
    };
    let pulled = performance.now();
    for (const event of dataset.events) {
      batch.push(event);
      if (batch.length < options.batch) continue;
      generateMs += performance.now() - pulled;
      await write(batch);
      batch = [];
      pulled = performance.now();
    }
    if (batch.length > 0) await write(batch);
    await Promise.all(inFlight.splice(0));
    phase('events');
    const dispositions = await r.dispositions.bulkAppend(dataset.dispositions);
    phase('dispositions');
    const activities = await r.activities.bulkAppend(dataset.activities);
    phase('activities');

    const lead = await r.leads.create({
      person: { name: 'Hester Lindqvist', emails: [HISTORY_EMAIL], title: 'Director of Sales Operations' },
      company: { name: 'Bench Freight', domain: 'bench.example', employees: 300 },
      source: 'Webinar',
      stage: 'mql',
      times: { createdAt: options.now - 400 * 86_400_000, mqlAt: options.now - 86_400_000 },
    });
    const history = Array.from({ length: options.historyEvents }, (_, i) => ({
      id: newId(options.now - i * 3_600_000),
      leadId: lead.id,
      type: i % 3 === 0 ? ('page_visit' as const) : ('email_opened' as const),
      ...(i % 3 === 0 ? { pageCategory: 'pricing' as const } : {}),
      occurredAt: options.now - i * 3_600_000,
      origin: 'imported' as const,
      details: {},
    }));
    await r.events.bulkUpsert(history);
    phase('history');
    return {
      leads: dataset.leads.length + 1,
      events: events + history.length,
      dispositions: dispositions.length,
      activities: activities.length,
      leadBatchMs,
      eventBatchMs,
      generateMs,
      phasesMs,
      totalMs: performance.now() - started,
    };
  },

  /** The emails and LinkedIn URLs of `count` leads picked at random (the same ones for one seed). */
  async sampleKeys(count: number, seed: number): Promise<{ emails: string[]; linkedinUrls: string[] }> {
    const r = repos();
    const ids = (await openHandoffDb().leads.toCollection().primaryKeys()) as string[];
    const next = random(seed);
    const emails: string[] = [];
    const linkedinUrls: string[] = [];
    while (emails.length < count || linkedinUrls.length < count) {
      const lead = await r.leads.get(ids[Math.floor(next() * ids.length)] ?? '');
      const email = lead?.person.emails[0];
      if (email && emails.length < count) emails.push(email);
      if (lead?.person.linkedinUrl && linkedinUrls.length < count) linkedinUrls.push(lead.person.linkedinUrl);
    }
    return { emails, linkedinUrls };
  },

  /**
   * Times each lookup the sidebar makes to recognise a person: by email, by LinkedIn URL.
   * Throws when one finds nobody: a fast lookup that misses is a bug, not a result.
   */
  async lookups(keys: { emails: string[]; linkedinUrls: string[] }): Promise<{ email: number[]; linkedin: number[] }> {
    const r = repos();
    const email: number[] = [];
    const linkedin: number[] = [];
    for (const key of keys.emails) {
      const [found, ms] = await timed(() => r.leads.findByEmail(key));
      if (found.length === 0) throw new Error(`findByEmail(${key}) found nobody`);
      email.push(ms);
    }
    for (const key of keys.linkedinUrls) {
      const [found, ms] = await timed(() => r.leads.findByLinkedinUrl(key));
      if (found.length === 0) throw new Error(`findByLinkedinUrl(${key}) found nobody`);
      linkedin.push(ms);
    }
    return { email, linkedin };
  },

  /**
   * Times the reads of one lead's history: every event newest first (`history`), every
   * event oldest first (`forLead`, what scoring reads) and the timeline's first page.
   */
  async history(calls: number): Promise<{ events: number; all: number[]; forLead: number[]; firstPage: number[] }> {
    const r = repos();
    const [lead] = await r.leads.findByEmail(HISTORY_EMAIL);
    if (!lead) throw new Error(`No lead ${HISTORY_EMAIL}: seed first`);
    const all: number[] = [];
    const forLead: number[] = [];
    const firstPage: number[] = [];
    let events = 0;
    for (let i = 0; i < calls; i++) {
      const [rows, a] = await timed(() => r.events.history(lead.id));
      events = rows.length;
      all.push(a);
      forLead.push((await timed(() => r.events.forLead(lead.id)))[1]);
      firstPage.push((await timed(() => r.events.history(lead.id, { limit: 50 })))[1]);
    }
    return { events, all, forLead, firstPage };
  },

  /**
   * Leads with a LinkedIn profile and some history, for the navigation fixture: what their
   * profile's top card shows. Picked at random (seeded) among every lead, as a rep's pages would be.
   */
  async knownLeads(count: number, seed: number, minEvents: number) {
    const r = repos();
    const ids = (await openHandoffDb().leads.toCollection().primaryKeys()) as string[];
    const next = random(seed);
    const picked: { name: string; linkedinUrl: string; title: string; company: string; events: number }[] = [];
    const seen = new Set<string>();
    for (let tries = 0; picked.length < count && tries < 100_000; tries++) {
      const lead = await r.leads.get(ids[Math.floor(next() * ids.length)] ?? '');
      // Distinct names: the watcher holds back a person with the previous one's name (a stale page).
      if (!lead?.person.linkedinUrl || seen.has(lead.person.name) || !lead.person.title || !lead.company?.name)
        continue;
      const events = await r.events.countForLead(lead.id);
      if (events < minEvents) continue;
      seen.add(lead.person.name);
      picked.push({
        name: lead.person.name,
        linkedinUrl: lead.person.linkedinUrl,
        title: lead.person.title,
        company: lead.company.name,
        events,
      });
    }
    return picked;
  },

  /**
   * Imports the file chosen in `#csv` into a fresh database of its own (the seeded one stays
   * as it is), with the mapping suggested for its header, as the options page does; the
   * time runs from the File to the last stored row. `keepRows`: keeps what it stored, after
   * the timing, for `takeImportedRows`.
   */
  async importCsv(dbName: string, keepRows = false): Promise<ImportResult> {
    const input = document.querySelector<HTMLInputElement>('#csv');
    const file = input?.files?.[0];
    if (!file) throw new Error('No file in #csv');
    await Dexie.delete(dbName);
    const db = new HandoffDb(dbName);
    try {
      const start = performance.now();
      // The options page's two steps: read the header (and a sample), take the suggested mapping.
      const { suggestion } = await readCsvPreview(file);
      const report = await importCsv(createRepositories(db), file, { mapping: suggestion.mapping });
      const ms = performance.now() - start;
      if (keepRows) imported = { leads: await db.leads.toArray(), events: await db.events.toArray() };
      return { rows: report.rows, created: report.created, rejected: report.rejected, status: report.status, ms };
    } finally {
      db.close();
      await Dexie.delete(dbName);
    }
  },

  /** The rows the last `importCsv(..., true)` stored, as JSON (for `importCeiling` in another page), and drops them. */
  takeImportedRows(): string {
    if (!imported) throw new Error('Run importCsv with keepRows first');
    const json = JSON.stringify(imported);
    imported = undefined;
    return json;
  },

  /**
   * The ceiling of the import in this page: the rows an import stored (`takeImportedRows`,
   * chosen as a file in `#rows`), put again into a fresh database with the same two stores
   * and indexes (the current schema's `leads` and `events`) by raw IndexedDB: no Dexie, no
   * parsing, no matching, no reads. Transactions of the import's batch size, each lead with
   * its events, one after another; the time runs from the first put to the last commit.
   */
  async importCeiling(dbName: string): Promise<CeilingResult> {
    const file = document.querySelector<HTMLInputElement>('#rows')?.files?.[0];
    if (!file) throw new Error('No file in #rows');
    const { leads, events } = JSON.parse(await file.text()) as ImportedRows;
    const byLead = new Map<unknown, Record<string, unknown>[]>();
    for (const event of events) byLead.set(event.leadId, [...(byLead.get(event.leadId) ?? []), event]);
    await Dexie.delete(dbName);
    // Dexie only creates the stores and indexes; the writes below go to IndexedDB itself.
    const schema = new Dexie(dbName);
    schema.version(1).stores({ leads: currentSchema.leads, events: currentSchema.events });
    await schema.open();
    const idb = schema.backendDB();
    try {
      const start = performance.now();
      for (let i = 0; i < leads.length; i += DEFAULT_BATCH_ROWS) {
        await new Promise<void>((resolve, reject) => {
          const tx = idb.transaction(['leads', 'events'], 'readwrite');
          const leadStore = tx.objectStore('leads');
          const eventStore = tx.objectStore('events');
          for (const lead of leads.slice(i, i + DEFAULT_BATCH_ROWS)) {
            leadStore.put(lead);
            for (const event of byLead.get(lead.id) ?? []) eventStore.put(event);
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      }
      return { leads: leads.length, events: events.length, ms: performance.now() - start };
    } finally {
      schema.close();
      await Dexie.delete(dbName);
    }
  },
};

export type BenchApi = typeof benchApi;

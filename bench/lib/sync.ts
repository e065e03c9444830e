/**
 * Sync figures: the team server (server/) listening on a real local port, on the embedded
 * default (PGlite in a data directory, as `npm run server` runs it) and on PostgreSQL, driven
 * over HTTP by Node's fetch the way the extension's client drives it: pushes of the
 * contract's largest batch one after the other, pulls page by page from cursor "0".
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { leadFieldChanges } from '../../lib/db/outbox';
import { generateDemoDataset } from '../../lib/demo';
import type { EngagementEvent } from '../../lib/domain/event';
import { newId } from '../../lib/domain/ids';
import type { Lead } from '../../lib/domain/lead';
import { HybridLogicalClock } from '../../lib/replication/hlc';
import { buildApp } from '../../server/app';
import {
  type ChangeInput,
  DEFAULT_PULL_LIMIT,
  MAX_CHANGES_PER_PUSH,
  type PullResponse,
  PushRequestSchema,
  type PushResponse,
} from '../../lib/replication/contract';
import { type Database, openEmbedded, openPostgres } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { SyncStore } from '../../server/store';
import { startBenchPostgres } from './postgres';
import type { Figure } from './report';
import { median, size } from './stats';

export interface SyncOptions {
  rounds: number;
  /** Changes in one push figure (budget: 10k in 2 s). */
  pushChanges: number;
  /** Records in one pull figure (budget: 100k in 10 s). */
  pullRecords: number;
  tmpDir: string;
  log: (message: string) => void;
}

/** Leads with this many events each: the mix of a rep's outbox after a day (and of a team's records). */
const EVENTS_PER_LEAD = 4;

/** A new lead as a change: every field it has, as the outbox queues a created lead. */
function leadChange(lead: Lead, hlc: string): ChangeInput {
  const fields = leadFieldChanges(undefined, lead);
  return { table: 'leads', changeId: newId(), recordId: lead.id, hlc, fields } as ChangeInput;
}

function eventChange(event: EngagementEvent, hlc: string): ChangeInput {
  return { table: 'events', changeId: newId(), recordId: event.id, hlc, record: event } as ChangeInput;
}

/**
 * `total` changes creating new records (leads, each followed by its events), in batches of
 * the contract's maximum, from a client of its own. `seed` makes each call's records new.
 */
function changeBatches(total: number, seed: number, now: number): { clientId: string; batches: ChangeInput[][] } {
  const leads = Math.ceil(total / (1 + EVENTS_PER_LEAD));
  const dataset = generateDemoDataset({ seed, leads, events: total - leads, now, personas: false });
  const clientId = `bench-${seed}`;
  // The server refuses clocks over an hour ahead of its own: these are the client's "now".
  const clock = new HybridLogicalClock(clientId);
  const byLead = new Map<string, EngagementEvent[]>();
  for (const event of dataset.events) {
    const list = byLead.get(event.leadId) ?? [];
    list.push(event);
    byLead.set(event.leadId, list);
  }
  const changes: ChangeInput[] = [];
  for (const lead of dataset.leads) {
    changes.push(leadChange(lead, clock.tick()));
    for (const event of byLead.get(lead.id) ?? []) changes.push(eventChange(event, clock.tick()));
  }
  const batches: ChangeInput[][] = [];
  for (let i = 0; i < changes.length; i += MAX_CHANGES_PER_PUSH)
    batches.push(changes.slice(i, i + MAX_CHANGES_PER_PUSH));
  return { clientId, batches };
}

interface Server {
  app: FastifyInstance;
  base: string;
  store: SyncStore;
  /** A new team and its token. */
  token(): Promise<string>;
}

async function startServer(db: Database): Promise<Server> {
  await migrate(db);
  const store = new SyncStore(db);
  // Rate limiting off: it caps requests per minute per token (600), which a benchmark of
  // back-to-back pulls would hit; it limits abuse, not speed.
  const app = await buildApp({ store, rateLimit: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  let teams = 0;
  return {
    app,
    base,
    store,
    async token() {
      const team = await store.createTeam(`Bench ${++teams}`);
      return (await store.issueToken(team.id, 'Bench')).token;
    },
  };
}

async function call<T>(url: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Pushes every batch in order, each after the previous answered; checks every change was applied. */
async function pushAll(server: Server, token: string, work: ReturnType<typeof changeBatches>): Promise<number> {
  const start = performance.now();
  for (const changes of work.batches) {
    const reply = await call<PushResponse>(`${server.base}/v1/push`, token, { clientId: work.clientId, changes });
    const refused = reply.results.filter((r) => r.status !== 'applied');
    if (refused.length > 0)
      throw new Error(`push: ${refused.length} changes not applied: ${JSON.stringify(refused[0])}`);
  }
  return performance.now() - start;
}

/** Pulls a team's records from "0" to the end, page by page; returns the time and the count. */
async function pullAll(server: Server, token: string): Promise<{ ms: number; records: number }> {
  const start = performance.now();
  let cursor = '0';
  let records = 0;
  for (;;) {
    const page = await call<PullResponse>(`${server.base}/v1/pull?cursor=${cursor}&limit=${DEFAULT_PULL_LIMIT}`, token);
    records += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - start, records };
}

async function measureEngine(
  label: string,
  id: 'embedded' | 'postgres',
  db: Database,
  options: SyncOptions,
): Promise<Figure[]> {
  const server = await startServer(db);
  const now = Date.now();
  try {
    // The pull figure's team: `pullRecords` records, loaded first, untimed, straight into the
    // store (no HTTP), each batch as a client of its own: a setup, not a figure, so it need not
    // wait on what one client's long history costs (see the push figure for that).
    const pullToken = await server.token();
    options.log(`sync (${label}): loading ${options.pullRecords.toLocaleString('en')} records to pull`);
    const principal = await server.store.authenticate(pullToken);
    if (!principal) throw new Error('The new token does not authenticate');
    const loadStart = performance.now();
    const loaded = changeBatches(options.pullRecords, 1_000, now);
    for (const [i, changes] of loaded.batches.entries()) {
      const clientId = `${loaded.clientId}-${i}`;
      // A clock is `<13-digit ms>-<4-digit counter>-<node>`: the same time, this client's node.
      const hlc = (change: ChangeInput) => `${change.hlc.slice(0, 19)}${clientId}`;
      const request = PushRequestSchema.parse({ clientId, changes: changes.map((c) => ({ ...c, hlc: hlc(c) })) });
      await server.store.push(principal, request);
    }
    const loadMs = performance.now() - loadStart;
    // PostgreSQL's autovacuum analyzes a table that grew, within a minute or so, and the plans
    // of both the push and the pull change with it (bench/FINDINGS.md): analyze now, so every
    // run measures that steady state rather than wherever autovacuum happens to be. PGlite has
    // no autovacuum: the embedded server never analyzes, and is measured as it runs.
    if (db.kind === 'postgres') await db.query('ANALYZE');

    const pushToken = await server.token();
    const pushMs: number[] = [];
    const pullMs: number[] = [];
    let pulled = 0;
    for (let round = 0; round < options.rounds; round++) {
      const work = changeBatches(options.pushChanges, 2_000 + round, now);
      pushMs.push(await pushAll(server, pushToken, work));
      const pull = await pullAll(server, pullToken);
      pullMs.push(pull.ms);
      pulled = pull.records;
    }
    if (pulled !== options.pullRecords) throw new Error(`pull returned ${pulled} records, not ${options.pullRecords}`);
    return [
      {
        id: `sync.${id}.push`,
        label: `Sync push ${size(options.pushChanges)} changes, ${label}`,
        unit: 's',
        value: median(pushMs) / 1000,
        runs: pushMs.map((ms) => ms / 1000),
        budget: { max: 2 },
        detail: {
          requests: Math.ceil(options.pushChanges / MAX_CHANGES_PER_PUSH),
          changesPerSecond: options.pushChanges / (median(pushMs) / 1000),
        },
      },
      {
        id: `sync.${id}.pull`,
        label: `Sync pull ${size(options.pullRecords)} records, ${label}`,
        unit: 's',
        value: median(pullMs) / 1000,
        runs: pullMs.map((ms) => ms / 1000),
        budget: { max: 10 },
        detail: {
          requests: Math.ceil(options.pullRecords / DEFAULT_PULL_LIMIT),
          recordsPerSecond: options.pullRecords / (median(pullMs) / 1000),
          loadSeconds: loadMs / 1000,
        },
      },
    ];
  } finally {
    await server.app.close();
    await db.close();
  }
}

export async function measureSync(options: SyncOptions): Promise<Figure[]> {
  const dataDir = join(options.tmpDir, 'sync-embedded');
  rmSync(dataDir, { recursive: true, force: true });
  const figures = await measureEngine('embedded', 'embedded', await openEmbedded({ dataDir }), options);
  rmSync(dataDir, { recursive: true, force: true });

  const postgres = await startBenchPostgres();
  if ('skip' in postgres) {
    options.log(`sync (PostgreSQL): skipped, ${postgres.skip}`);
    const missing = (what: 'push' | 'pull'): Figure => ({
      id: `sync.postgres.${what}`,
      label: `Sync ${what}, PostgreSQL`,
      unit: 's',
      value: null,
      runs: [],
      budget: { max: what === 'push' ? 2 : 10 },
      note: `not measured: ${postgres.skip}`,
    });
    return [...figures, missing('push'), missing('pull')];
  }
  try {
    const db = await openPostgres({ connectionString: postgres.url });
    return [...figures, ...(await measureEngine('PostgreSQL', 'postgres', db, options))];
  } finally {
    postgres.stop();
  }
}

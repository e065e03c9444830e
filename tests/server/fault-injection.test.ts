/**
 * The sync's test of record: several browsers (the real repositories and SyncService on
 * fake-indexeddb) make random changes, offline and online, and sync through a network
 * that drops requests, drops answers after the server committed, duplicates, delays and
 * reorders them, while the server (on the embedded engine and on PostgreSQL) restarts
 * over its database. Then the network heals and everyone syncs until nothing moves, and:
 *
 * - every change a browser saw acknowledged is on the server, with the result it was told;
 * - every change ever made was acknowledged (nothing stayed behind or was set aside);
 * - nothing was applied twice: one applied result per change, one record per appended
 *   event, decision and activity, however many copies reached the server;
 * - every browser holds the same records as each other and as the server;
 * - each lead field and checklist criterion holds the value of its latest write by clock.
 *
 * A seed fixes every choice (who does what, which request arrives when and how), so a
 * failure replays: `CHAOS_SEED=17 npx vitest run --project server fault-injection`.
 * `CHAOS_SEEDS=200` runs seeds 1..200 (CI runs the first few on each backend).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outcomesFor } from '../../lib/domain/activity-outcomes';
import { REJECTION_REASON_CODES } from '../../lib/domain/reasons';
import { criterionKeys } from '../../lib/domain/frameworks';
import { valueAt } from '../../lib/db/outbox';
import type { OutboxRow } from '../../lib/db/sync-state';
import { Random, seedFrom } from '../../lib/demo/random';
import { localSidebarData } from '../../lib/sidebar/data';
import type { SyncResult } from '../../lib/sync/client';
import { parseHlc } from '../../lib/replication/hlc';
import type { Change, ChangeResult, PullResponse } from '../../lib/replication/contract';
import { DAY, makeEvent, makeLead } from '../support/factories';
import { type DurableDatabase, forEachBackend } from './support/backends';
import { type Browser, openBrowser, SERVER_URL, stored, type World } from './support/browser';
import { type Fate, Network, RestartableServer } from './support/chaos';
import { NOW } from './support/harness';

const SEEDS = process.env.CHAOS_SEED
  ? [Number(process.env.CHAOS_SEED)]
  : Array.from({ length: Number(process.env.CHAOS_SEEDS ?? 6) }, (_, i) => i + 1);
const STEPS = Number(process.env.CHAOS_STEPS ?? 150);
const BROWSERS = 3;

interface Client {
  name: string;
  token: string;
  browser: Browser;
  /** The device's clock: the world's, a little off. */
  clock: World;
  connected: boolean;
  /** The sync in progress, if any (it may be waiting in the network). */
  run?: Promise<SyncResult>;
}

/** A change a browser was told the server took, and what it was told. */
interface Acknowledged {
  clientId: string;
  change: Change;
  result: ChangeResult;
}

const TITLES = ['CTO', 'VP Sales', 'Head of RevOps', 'Founder', 'Sales Manager'];
const COMPANIES = [
  { name: 'Acme', domain: 'acme.io' },
  { name: 'Globex', domain: 'globex.com' },
  { name: 'Initech', domain: 'initech.co' },
];
const EVENTS = ['page_visit', 'email_opened', 'email_replied', 'webinar_attended', 'content_download'] as const;

forEachBackend((backend) => {
  const world = { now: NOW };
  /** What the seeds did, together: the run must have met every fault it claims to test. */
  const coverage = {
    seeds: 0,
    restarts: 0,
    changes: 0,
    acknowledgedWhileFaulty: 0,
    conflicts: 0,
    faults: {} as Record<string, number>,
  };
  let database: DurableDatabase;
  let server: RestartableServer;
  beforeAll(async () => {
    database = await backend.durable();
    server = await RestartableServer.start(database, () => world.now);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: every acknowledged change is on the server once, and every browser converges`, async () => {
      await chaos(seed);
    }, 180_000);
  }

  it('met every kind of fault across its seeds', () => {
    console.info(`fault injection on ${backend.label}: ${JSON.stringify(coverage)}`);
    expect(coverage.seeds).toBe(SEEDS.length);
    if (SEEDS.length < 4) return;
    for (const fate of ['deliver', 'drop-request', 'drop-response', 'duplicate', 'time-out', 'offline', 'stray']) {
      expect(coverage.faults[fate] ?? 0, fate).toBeGreaterThan(0);
    }
    expect(coverage.restarts).toBeGreaterThan(0);
    expect(coverage.conflicts).toBeGreaterThan(0);
  });

  async function chaos(seed: number) {
    const random = new Random(seedFrom(seed));
    const team = await server.store.createTeam(`Chaos ${seed}`);
    const network = new Network(server);
    const made = new Map<string, OutboxRow>();
    const acknowledged: Acknowledged[] = [];
    const created = { events: new Set<string>(), dispositions: new Set<string>(), activities: new Set<string>() };
    const clients: Client[] = [];

    for (let i = 0; i < BROWSERS; i++) {
      const name = `browser-${i}`;
      const { token } = await server.store.issueToken(team.id, `Rep ${i}`);
      // Each device's clock is a little off the server's, as devices' are.
      const offset = random.int(-20_000, 20_000);
      const jitter = new Random(seedFrom(seed * 31 + i));
      const clock: World = {
        get now() {
          return world.now + offset;
        },
      };
      const browser = openBrowser(
        name,
        { fetch: network.fetchFor(name) },
        clock,
        // Small pages and batches: more requests, so more places for a fault.
        { pullLimit: random.int(3, 40), maxChanges: random.int(2, 30), random: () => jitter.next() },
      );
      // Every change the browser queues, once its transaction committed.
      browser.db.outbox.hook('creating', (_key, row, transaction) => {
        transaction.on('complete', () => made.set(row.changeId, row));
      });
      const { sync } = browser.repos;
      const acknowledge = sync.acknowledge.bind(sync);
      sync.acknowledge = async (batch, results) => {
        await acknowledge(batch, results);
        results.forEach((result, index) => {
          const row = batch.rows[index];
          if (row) acknowledged.push({ clientId: batch.clientId, change: row.change, result });
        });
      };
      clients.push({ name, token, browser, clock, connected: false });
    }

    try {
      for (let step = 0; step < STEPS; step++) {
        const action = random.weighted([
          ['edit', 30],
          ['sync', 14],
          ['deliver', network.size > 0 ? 38 : 0],
          ['network', 5],
          ['time', 8],
          ['restart', 1.5],
        ] as const);
        const client = random.pick(clients);
        switch (action) {
          case 'edit':
            await edit(client);
            break;
          case 'sync':
            if (!client.connected) await connect(client);
            else if (!client.run) start(client);
            break;
          case 'deliver': {
            const fate = random.weighted<Fate>([
              ['deliver', 55],
              ['drop-request', 10],
              ['drop-response', 15],
              ['duplicate', 10],
              ['time-out', 10],
            ]);
            await network.deliver(random.int(0, network.size - 1), fate);
            break;
          }
          case 'network':
            network.setOnline(client.name, !network.isOnline(client.name));
            break;
          case 'time':
            world.now += random.int(1, 120_000);
            break;
          case 'restart':
            await server.restart();
            break;
        }
        await settle();
      }
      const acknowledgedBeforeHealing = acknowledged.length;

      // The network heals; everyone syncs until a whole round moves nothing.
      await network.heal();
      await Promise.all(clients.map((c) => c.run));
      for (const c of clients) if (!c.connected) await connect(c);
      await Promise.all(clients.map((c) => c.run));
      let quiet = false;
      for (let round = 0; round < 8 && !quiet; round++) {
        quiet = true;
        for (const c of clients) {
          const result = await c.browser.service.run();
          expect(result, `${c.name}'s sync after healing`).toMatchObject({ status: 'ok' });
          if (result.status === 'ok' && result.pushed + result.pulled > 0) quiet = false;
        }
      }
      expect(quiet, 'a round of syncs that moved nothing').toBe(true);

      await verify(acknowledgedBeforeHealing);
      coverage.seeds++;
      coverage.changes += made.size;
      coverage.acknowledgedWhileFaulty += acknowledgedBeforeHealing;
      coverage.restarts = server.restarts;
      for (const [fate, count] of Object.entries(network.counts)) {
        coverage.faults[fate] = (coverage.faults[fate] ?? 0) + count;
      }
      coverage.conflicts += (await clients[0]?.browser.repos.sync.status())?.conflicts.length ?? 0;
    } catch (error) {
      throw new Error(`Seed ${seed} failed (network ${JSON.stringify(network.counts)}): ${String(error)}`, {
        cause: error,
      });
    } finally {
      for (const c of clients) c.browser.close();
    }

    /** Lets every browser work until each is idle or waits for an answer from the network. */
    async function settle() {
      for (let spins = 0; clients.some((c) => c.run && !network.waiting(c.name)); spins++) {
        if (spins > 200_000) throw new Error('A browser neither finished its sync nor sent a request');
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    async function connect(c: Client) {
      // Turning on sends what was stored before (the backfill), then takes the team's records.
      const result = await c.browser.service.turnOn({ serverUrl: SERVER_URL, token: c.token });
      if (!result.ok) {
        expect(result.problem, 'only being offline keeps a browser from turning sync on').toBe('unreachable');
        return;
      }
      c.connected = true;
      start(c);
    }

    function start(c: Client) {
      c.run = c.browser.service.run().finally(() => {
        c.run = undefined;
      });
    }

    /** One change a rep makes, through the code path the extension uses. */
    async function edit(c: Client) {
      world.now += random.int(1, 5_000);
      const { repos } = c.browser;
      const ids = (await c.browser.db.leads.toCollection().primaryKeys()).map(String).sort();
      const kind =
        ids.length === 0
          ? 'lead'
          : random.weighted([
              // Few leads, so that browsers often change the same one (and decide on it unaware of each other).
              ['lead', 5],
              ['field', 26],
              ['event', 20],
              ['checklist', 16],
              ['decision', 16],
              ['activity', 10],
            ] as const);
      const leadId = ids.length > 0 ? random.pick(ids) : '';
      switch (kind) {
        case 'lead': {
          const n = made.size + ids.length;
          const mql = random.chance(0.7);
          await repos.leads.create(
            makeLead({
              stage: mql ? 'mql' : 'lead',
              times: { createdAt: NOW - 30 * DAY, ...(mql && { mqlAt: NOW - 29 * DAY }) },
              person: { name: `Person ${seed}-${c.name}-${n}`, emails: [`p${seed}.${n}.${c.name}@acme.io`] },
              company: random.pick(COMPANIES),
            }),
          );
          return;
        }
        case 'field': {
          const patch = random.pick([
            () => ({ person: { title: random.pick(TITLES) } }),
            () => ({ company: { ...random.pick(COMPANIES), employees: random.int(5, 5_000) } }),
            () => ({ source: random.pick(['Webinar', 'Paid search', 'Referral', 'Outbound']) }),
            () => ({ person: { location: random.pick(['Berlin', 'Lisbon', 'Austin']) } }),
          ])();
          await repos.leads.update(leadId, patch);
          return;
        }
        case 'event': {
          const type = random.pick(EVENTS);
          const event = await repos.events.add(
            makeEvent(
              { id: leadId },
              type,
              random.int(0, 20),
              type === 'page_visit' ? { pageCategory: 'pricing' } : {},
            ),
          );
          created.events.add(event.id);
          return;
        }
        case 'checklist': {
          const current = await repos.qualifications.get(leadId);
          const framework = random.chance(0.15)
            ? random.pick(['bant', 'meddic'] as const)
            : (current?.framework ?? 'bant');
          const kept = current?.framework === framework ? current.criteria : {};
          await repos.qualifications.save({
            leadId,
            framework,
            criteria: {
              ...kept,
              [random.pick(criterionKeys(framework))]: {
                status: random.pick(['confirmed', 'partial', 'unknown', 'failed'] as const),
                evidence: `Heard on call ${random.int(1, 99)} by ${c.name}`,
              },
            },
          });
          return;
        }
        case 'decision': {
          const data = localSidebarData(repos, { now: () => c.clock.now });
          try {
            const recorded = await data.decide(
              leadId,
              random.chance(0.5)
                ? { kind: 'accept', overrideNote: 'Budget confirmed on the call' }
                : {
                    kind: 'reject',
                    reason: random.pick(REJECTION_REASON_CODES),
                    note: 'Said so on the call',
                    outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
                  },
            );
            created.dispositions.add(recorded.disposition.id);
          } catch (error) {
            // The stage machine refuses some moves (accepting an SQL again): a rep sees why, nothing is written.
            if (!(error instanceof Error && error.name === 'IllegalTransitionError')) throw error;
          }
          return;
        }
        case 'activity': {
          const activity = await repos.activities.log({
            leadId,
            kind: 'call',
            outcome: random.pick(outcomesFor('call')),
            occurredAt: world.now - random.int(0, 3_600_000),
            loggedBy: `${c.name}@seller.io`,
          });
          created.activities.add(activity.id);
          return;
        }
      }
    }

    async function verify(acknowledgedBeforeHealing: number) {
      // The run did what it is for: faults happened, and changes got through them.
      expect(acknowledgedBeforeHealing, 'changes acknowledged while the network was faulty').toBeGreaterThan(0);

      for (const c of clients) {
        const status = await c.browser.repos.sync.status();
        expect(status, `${c.name}'s sync status`).toMatchObject({ enabled: true, unsynced: 0, rejected: [] });
      }

      // Every acknowledged change is on the server, with the result the browser was told.
      const applied = await server.db.query<{ client_id: string; change_id: string; result: ChangeResult }>(
        'SELECT client_id, change_id, result FROM applied_changes WHERE team_id = $1',
        [team.id],
      );
      const onServer = new Map(applied.map((row) => [`${row.client_id}/${row.change_id}`, row.result]));
      for (const { clientId, change, result } of acknowledged) {
        expect(onServer.get(`${clientId}/${change.changeId}`), `change ${change.changeId}`).toEqual(result);
      }
      // Every change ever made was acknowledged, and the server holds exactly those.
      const acknowledgedIds = new Set(acknowledged.map((a) => a.change.changeId));
      expect([...made.keys()].filter((id) => !acknowledgedIds.has(id))).toEqual([]);
      expect(applied.length).toBe(made.size);

      // Nothing applied twice: each appended record by exactly one applied change. (A record
      // made while turning on was still sending older ones goes twice, as a change and in the
      // backfill; the server answers the second "duplicate".)
      const appliedRecords = new Map<string, number>();
      for (const row of made.values()) {
        if (row.table !== 'events' && row.table !== 'dispositions' && row.table !== 'activities') continue;
        const status = onServer.get(`${clientIdOf(row)}/${row.changeId}`)?.status;
        expect(['applied', 'duplicate'], `${row.table} ${row.recordId}`).toContain(status);
        const key = `${row.table}/${row.recordId}`;
        appliedRecords.set(key, (appliedRecords.get(key) ?? 0) + (status === 'applied' ? 1 : 0));
      }
      expect([...appliedRecords].filter(([, count]) => count !== 1)).toEqual([]);

      // The server's records: each appended one exists once, as made.
      const records = await pullEverything();
      const ids = (table: string) =>
        records
          .filter((r) => r.table === table)
          .map((r) => r.recordId)
          .sort();
      expect(ids('events')).toEqual([...created.events].sort());
      expect(ids('dispositions')).toEqual([...created.dispositions].sort());
      expect(ids('activities')).toEqual([...created.activities].sort());

      // Every browser holds what the server holds, so all hold the same.
      const first = await storedWithClocks(clients[0] as Client);
      expect(first.leads.map((l) => l.id)).toEqual(ids('leads'));
      expect(first.qualifications.map((q) => q.leadId)).toEqual(ids('qualifications'));
      for (const record of records) {
        if (record.table !== 'leads') continue;
        expect(first.leads.find((l) => l.id === record.recordId)).toEqual(record.data);
      }
      for (const c of clients.slice(1))
        expect(await storedWithClocks(c), `${c.name} against ${clients[0]?.name}`).toEqual(first);

      // Last writer wins, by clock, whatever order the writes reached the server in.
      const latest = new Map<string, { hlc: string; value: unknown }>();
      for (const row of made.values()) {
        const { change } = row;
        const writes: [string, unknown][] =
          change.table === 'leads'
            ? Object.entries(change.fields)
            : change.table === 'qualifications'
              ? Object.entries(change.criteria).map(([key, entry]) => [`criteria.${key}`, entry])
              : [];
        for (const [path, value] of writes) {
          const key = `${change.table}/${change.recordId}/${path}`;
          const seen = latest.get(key);
          if (!seen || change.hlc > seen.hlc) latest.set(key, { hlc: change.hlc, value });
        }
      }
      for (const [key, { value }] of latest) {
        const [table, recordId, path] = key.split('/') as [string, string, string];
        if (table === 'leads') {
          const lead = first.leads.find((l) => l.id === recordId);
          expect(valueAt(lead, path) ?? null, key).toEqual(value ?? null);
        } else {
          // A criterion of a framework not in force is kept on the server but not shown.
          const checklist = first.qualifications.find((q) => q.leadId === recordId);
          const shown = checklist && criterionKeys(checklist.framework).includes(path.slice('criteria.'.length));
          if (shown) expect(valueAt(checklist, path), key).toEqual(value);
        }
      }
    }

    /** A change's clock names the client that made it (its node). */
    function clientIdOf(row: OutboxRow): string {
      return parseHlc(row.hlc).node;
    }

    async function pullEverything() {
      const all: PullResponse['records'] = [];
      let cursor = '0';
      for (;;) {
        const response = await server.fetch(`${SERVER_URL}/v1/pull?cursor=${cursor}&limit=1000`, {
          headers: { authorization: `Bearer ${clients[0]?.token}` },
        });
        const page = (await response.json()) as PullResponse;
        all.push(...page.records);
        cursor = page.cursor;
        if (!page.hasMore) return all;
      }
    }
  }
});

/** What a browser stores that sync carries, with each decision's clock and conflict flag. */
async function storedWithClocks(c: Client) {
  const { db } = c.browser;
  return {
    ...(await stored(c.browser)),
    clocks: (await db.dispositionClocks.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1)),
  };
}

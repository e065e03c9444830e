/**
 * The extension's sync client (lib/sync, lib/db/sync.ts) against the real server, in
 * process: each "browser" is its own database on fake-indexeddb with the real
 * repositories and SyncService, and its `fetch` reaches the Fastify app through `inject`
 * (tests/server/support/browser.ts), where a test can drop a request or its answer. The
 * clock is a shared settable number: nothing here waits on a timer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Repositories } from '../../lib/db';
import { localSidebarData } from '../../lib/sidebar/data';
import { backoffDelay } from '../../lib/sync/backoff';
import { DAY, makeEvent, makeLead, visit } from '../support/factories';
import { forEachBackend } from './support/backends';
import { type Browser, openBrowser, SERVER_URL, stored, type World } from './support/browser';
import { type Harness, type HarnessOptions, NOW, startHarness } from './support/harness';

/** A rep's decision on a lead through the background's own code path (lib/qualification/decide). */
function decide(b: Browser, world: World, leadId: string, kind: 'accept' | 'reject', route?: 'direct_outbound') {
  const data = localSidebarData(b.repos, { now: () => world.now });
  return data.decide(
    leadId,
    kind === 'accept'
      ? { kind: 'accept', overrideNote: 'Budget confirmed on the call', ...(route && { route }) }
      : { kind: 'reject', reason: 'bad_timing', outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY } },
  );
}

const mql = () => makeLead({ stage: 'mql', times: { createdAt: NOW - 30 * DAY, mqlAt: NOW - 29 * DAY } });

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  const open: Browser[] = [];
  afterEach(() => {
    for (const b of open.splice(0)) b.close();
  });

  async function team(harness: Harness = h) {
    const t = await harness.team();
    const world: World = { now: NOW };
    /** Moves the shared wall clock on, so the next edit is later than the last. */
    const tick = (ms = 1000) => {
      world.now += ms;
    };
    const browser = (name: string, options: Parameters<typeof openBrowser>[3] = {}) => {
      const b = openBrowser(name, harness.app, world, options);
      open.push(b);
      return b;
    };
    const connect = async (b: Browser, token = t.token) => {
      const result = await b.service.turnOn({ serverUrl: SERVER_URL, token });
      expect(result).toMatchObject({ ok: true, team: { id: t.id } });
      // turnOn starts the first sync without waiting; this joins it.
      expect(await b.service.run()).toMatchObject({ status: 'ok' });
    };
    return { t, world, tick, browser, connect };
  }

  describe('turning sync on', () => {
    it('sends what was stored before, in batches, and a second browser pulls all of it in pages', async () => {
      const { browser, connect, world } = await team();
      const a = browser('a', { maxChanges: 7 });
      const leads = Array.from({ length: 12 }, (_, i) =>
        makeLead({ person: { name: `Lead ${i}`, emails: [`lead${i}@acme.io`] } }),
      );
      await a.repos.leads.bulkUpsert(leads);
      await a.repos.events.bulkAdd(
        leads.flatMap((lead) => [visit(lead, 'pricing', 3), makeEvent(lead, 'webinar_attended', 2)]),
      );
      await a.repos.qualifications.save({
        leadId: leads[0]?.id ?? '',
        framework: 'bant',
        criteria: { need: { status: 'confirmed', evidence: 'Churn in Q3' } },
      });
      await a.repos.activities.log({
        leadId: leads[1]?.id ?? '',
        kind: 'call',
        outcome: 'connected',
        occurredAt: world.now - DAY,
        loggedBy: 'sam@seller.io',
      });
      // Sync was off: nothing was queued.
      expect(await a.db.outbox.count()).toBe(0);

      await connect(a);
      expect(a.net.calls.filter((c) => c === 'POST /v1/push').length).toBeGreaterThan(4);
      expect(await a.repos.sync.status()).toMatchObject({ enabled: true, unsynced: 0, rejected: [] });

      const b = browser('b', { pullLimit: 5 });
      await connect(b);
      expect(await stored(b)).toEqual(await stored(a));
      expect(b.net.calls.filter((c) => c.startsWith('GET /v1/pull')).length).toBeGreaterThan(5);
      // What a pull wrote is the server's, not a local change: nothing to push back.
      expect(await b.db.outbox.count()).toBe(0);
      expect((await b.repos.sync.status()).unsynced).toBe(0);
    });

    it('refuses a wrong token and an address that does not answer, and stays off', async () => {
      const { browser } = await team();
      const a = browser('a');
      expect(await a.service.turnOn({ serverUrl: SERVER_URL, token: 'hnd_wrong' })).toMatchObject({
        ok: false,
        problem: 'token',
      });
      a.net.fail('/v1/me', 'drop-request');
      expect(await a.service.turnOn({ serverUrl: SERVER_URL, token: 'hnd_x' })).toMatchObject({
        ok: false,
        problem: 'unreachable',
      });
      expect(await a.service.turnOn({ serverUrl: 'http://sync.example.com', token: 'hnd_x' })).toMatchObject({
        ok: false,
        problem: 'url',
      });
      expect((await a.repos.sync.status()).enabled).toBe(false);
      await a.repos.leads.create(makeLead());
      expect(await a.db.outbox.count()).toBe(0);
    });
  });

  describe('two browsers', () => {
    it('converge on the same state after changes made offline on both, interleaved', async () => {
      const { t, browser, connect, tick, world } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(mql());
      await connect(a);
      const alex = await h.store.issueToken(t.id, 'Alex');
      await connect(b, alex.token);
      expect(await b.repos.leads.get(lead.id)).toEqual(lead);

      // Both offline; edits interleaved in time.
      tick();
      await a.repos.leads.update(lead.id, { person: { title: 'CTO' } });
      tick();
      await b.repos.leads.update(lead.id, { company: { name: 'Acme', domain: 'acme.io', employees: 250 } });
      tick();
      await a.repos.leads.update(lead.id, { company: { name: 'Acme', domain: 'acme.io', employees: 300 } });
      tick();
      await b.repos.leads.update(lead.id, { person: { title: 'VP Sales' } });
      tick();
      await a.repos.qualifications.save({
        leadId: lead.id,
        framework: 'bant',
        criteria: { need: { status: 'confirmed', evidence: 'Churn' } },
      });
      tick();
      await b.repos.qualifications.save({
        leadId: lead.id,
        framework: 'bant',
        criteria: { budget: { status: 'partial', evidence: 'Q1 budget' } },
      });
      tick();
      const eventA = await a.repos.events.add(
        makeEvent(lead, 'page_visit', 1, { pageCategory: 'pricing', origin: 'captured' }),
      );
      tick();
      const eventB = await b.repos.events.add(makeEvent(lead, 'email_replied', 1));
      tick();
      const acceptA = await decide(a, world, lead.id, 'accept');
      tick();
      const rejectB = await decide(b, world, lead.id, 'reject');

      // B syncs first, then A, then B again: each push meets the other's merged state.
      for (const x of [b, a, b]) expect(await x.service.run()).toMatchObject({ status: 'ok' });

      const [sa, sb] = [await stored(a), await stored(b)];
      expect(sa).toEqual(sb);
      const merged = sa.leads[0];
      // Last writer wins per field, whatever order they reached the server in.
      expect(merged?.person.title).toBe('VP Sales');
      expect(merged?.company.employees).toBe(300);
      // The later decision moved the stage last.
      expect(merged?.stage).toBe('recycled');
      // Checklist: merged per criterion.
      expect(sa.qualifications[0]?.criteria).toMatchObject({
        need: { status: 'confirmed' },
        budget: { status: 'partial' },
      });
      expect(sa.events.map((e) => e.id).sort()).toEqual([eventA.id, eventB.id].sort());
      // Both decisions kept, the later by clock current, the conflict visible on both.
      expect(sa.dispositions.map((d) => d.id).sort()).toEqual([acceptA.disposition.id, rejectB.disposition.id].sort());
      for (const x of [a, b]) {
        expect((await x.repos.sync.status()).conflicts).toEqual([lead.id]);
        const standings = await x.repos.sync.dispositionStandings(lead.id);
        expect(standings.get(rejectB.disposition.id)).toEqual({ withdrawn: false, current: true, conflict: true });
        expect(standings.get(acceptA.disposition.id)).toEqual({ withdrawn: false, current: false, conflict: true });
        expect(await x.db.outbox.count()).toBe(0);
      }
    });

    it('two reps who claim the same lead offline end with one owner, the later claim, on both sides', async () => {
      const { t, browser, connect, tick } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(mql());
      await connect(a);
      const alex = await h.store.issueToken(t.id, 'Alex');
      await connect(b, alex.token);

      // Both saw it unassigned; Sam claims, then Alex, each before syncing.
      tick();
      await a.repos.leads.claim(lead.id, 'sam@seller.io', undefined);
      tick();
      await b.repos.leads.claim(lead.id, 'alex@seller.io', undefined);
      for (const x of [a, b, a]) expect(await x.service.run()).toMatchObject({ status: 'ok' });
      for (const x of [a, b]) expect((await x.repos.leads.get(lead.id))?.owner).toBe('alex@seller.io');

      // Once Sam has seen Alex's claim, a claim made on the stale view is refused, not applied.
      await expect(a.repos.leads.claim(lead.id, 'sam@seller.io', undefined)).rejects.toThrow(
        'alex@seller.io claimed this lead first.',
      );
      // Taking over knowingly works, and reaches Alex.
      tick();
      await a.repos.leads.claim(lead.id, 'sam@seller.io', 'alex@seller.io');
      for (const x of [a, b]) expect(await x.service.run()).toMatchObject({ status: 'ok' });
      expect((await b.repos.leads.get(lead.id))?.owner).toBe('sam@seller.io');
    });

    it('a decision made after seeing the other is no conflict', async () => {
      const { browser, connect, tick, world } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(mql());
      await connect(a);
      await connect(b);
      tick();
      await decide(a, world, lead.id, 'reject');
      await a.service.run();
      await b.service.run();
      tick();
      // B saw A's rejection, then changed its mind: a new decision based on it.
      const accepted = await decide(b, world, lead.id, 'accept', 'direct_outbound');
      await b.service.run();
      await a.service.run();
      expect((await a.repos.sync.status()).conflicts).toEqual([]);
      expect((await a.repos.sync.dispositionStandings(lead.id)).get(accepted.disposition.id)).toMatchObject({
        current: true,
        conflict: false,
      });
      expect((await a.repos.leads.get(lead.id))?.stage).toBe('sql');
    });

    it('an edit made during a pull keeps its value until it is pushed (laid over the pulled copy)', async () => {
      const { browser, connect, tick } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(mql());
      await connect(a);
      await connect(b);
      tick();
      await a.repos.leads.update(lead.id, { person: { title: 'Older edit' }, source: 'Webinar' });
      await a.service.run();
      tick();
      await b.repos.leads.update(lead.id, { person: { title: 'Newer edit' } });
      // B pulls without pushing first (its push is lost): its own unsynced title stays.
      b.net.fail('/v1/push', 'drop-request');
      expect(await b.service.run()).toMatchObject({ status: 'failed' });
      await b.repos.sync.applyPulled((await pullAll(h, b)).records, '0');
      const shown = await b.repos.leads.get(lead.id);
      expect(shown?.person.title).toBe('Newer edit');
      expect(shown?.source).toBe('Webinar');
      expect(await b.db.outbox.count()).toBe(1);
    });
  });

  describe('failures', () => {
    it('retries a push whose answer was lost with the same change ids: applied once', async () => {
      const { browser, connect, tick } = await team();
      const a = browser('a');
      await connect(a);
      tick();
      const lead = await a.repos.leads.create(mql());
      await a.repos.events.bulkAdd([visit(lead, 'demo', 1), makeEvent(lead, 'webinar_attended', 1)]);
      const queued = (await a.db.outbox.toArray()).map((r) => r.changeId);
      expect(queued).toHaveLength(3);

      a.net.fail('/v1/push', 'drop-response');
      const failed = await a.service.run();
      expect(failed).toMatchObject({ status: 'failed', error: { kind: 'network' } });
      expect(failed.status === 'failed' && failed.nextAttemptAt).toBe(
        failed.status === 'failed' ? failed.error.at + backoffDelay(1, { random: () => 0.5 }) : 0,
      );
      // The server applied the batch, but the client does not know: all still queued.
      expect((await a.db.outbox.toArray()).map((r) => r.changeId)).toEqual(queued);
      expect((await a.repos.sync.status()).error?.kind).toBe('network');

      expect(await a.service.run()).toMatchObject({ status: 'ok', pushed: 3 });
      const pushes = a.net.calls.filter((c) => c === 'POST /v1/push');
      expect(pushes).toHaveLength(2);
      const records = (await pullAll(h, a)).records;
      expect(records.filter((r) => r.table === 'events')).toHaveLength(2);
      const status = await a.repos.sync.status();
      expect(status).toMatchObject({ unsynced: 0, rejected: [] });
      expect(status.error).toBeUndefined();
      expect((await a.repos.sync.state()).failures).toBe(0);
    });

    it('stops on a refused token (401) and does not retry until it is fixed', async () => {
      const { t, browser, connect, tick } = await team();
      const a = browser('a');
      const token = await h.store.issueToken(t.id, 'Sam');
      await connect(a, token.token);
      await h.store.revokeToken(token.id);
      tick();
      await a.repos.leads.create(mql());
      const result = await a.service.run();
      expect(result).toEqual({
        status: 'failed',
        error: { kind: 'unauthorized', message: 'The server refused the token', at: NOW + 1000, status: 401 },
      });
      const state = await a.repos.sync.state();
      expect(state.nextAttemptAt).toBeUndefined();
      expect(state.error?.kind).toBe('unauthorized');
      expect((await a.repos.sync.status()).unsynced).toBe(1);

      // The rep pastes a new token: sync goes on, nothing lost.
      await connect(a, t.token);
      expect(await a.repos.sync.status()).toMatchObject({ unsynced: 0 });
      expect((await a.repos.sync.status()).error).toBeUndefined();
    });

    it('backs off on 429, honouring Retry-After, and on 5xx', async () => {
      const { browser, connect, tick, world } = await team();
      const a = browser('a');
      await connect(a);
      tick();
      await a.repos.leads.create(mql());
      a.net.fail('/v1/push', {
        status: 429,
        body: { error: { code: 'rate_limited', message: 'Too many requests' } },
        headers: { 'retry-after': '3600' },
      });
      const limited = await a.service.run();
      expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limited', status: 429 } });
      expect(limited.status === 'failed' && limited.nextAttemptAt).toBe(world.now + 3_600_000);

      a.net.fail('/v1/pull', { status: 503, body: { error: { code: 'internal', message: 'Down' } } });
      const down = await a.service.run();
      expect(down).toMatchObject({ status: 'failed', error: { kind: 'server', status: 503 } });
      // The second failure in a row: the backoff's second step.
      expect(down.status === 'failed' && down.nextAttemptAt).toBe(world.now + backoffDelay(2, { random: () => 0.5 }));
      expect((await a.repos.sync.state()).failures).toBe(2);
      // The push went through before the pull failed.
      expect((await a.repos.sync.status()).unsynced).toBe(0);
      expect(await a.service.run()).toMatchObject({ status: 'ok' });
      expect((await a.repos.sync.state()).failures).toBe(0);
    });

    it('treats an answer that does not fit the contract as a server failure', async () => {
      const { browser, connect } = await team();
      const a = browser('a');
      await connect(a);
      a.net.fail('/v1/pull', { status: 200, body: { records: 'nope' } });
      expect(await a.service.run()).toMatchObject({
        status: 'failed',
        error: { kind: 'server', message: expect.stringContaining('does not fit the sync contract') },
      });
    });

    it('pulls again from the start when the server has nothing at its cursor (409 cursor_ahead)', async () => {
      const { browser, connect } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(mql());
      await connect(a);
      await connect(b);
      await b.db.leads.clear();
      // As if the server's database had been restored from an older backup.
      await b.repos.sync.applyPulled([], '999999');
      const before = b.net.calls.length;
      expect(await b.service.run()).toMatchObject({ status: 'ok', pulled: 1 });
      expect(await b.repos.leads.get(lead.id)).toEqual(lead);
      // The refused cursor, then from "0"; then the team's reps, as after every sync.
      expect(b.net.calls.slice(before)).toEqual(['GET /v1/pull', 'GET /v1/pull', 'GET /v1/team/reps']);
      expect(await b.repos.sync.cursor()).not.toBe('999999');
    });
  });

  describe('refused changes', () => {
    it('keeps a change the merge rejects visible, with the server issues, and takes the server copy', async () => {
      const { browser, connect, tick } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(
        makeLead({ person: { name: 'Jo', emails: ['jo@acme.io'], linkedinUrl: 'https://www.linkedin.com/in/jo-x/' } }),
      );
      await connect(a);
      await connect(b);
      tick();
      await a.repos.leads.update(lead.id, { person: { emails: [] } });
      tick();
      await b.repos.leads.update(lead.id, { person: { linkedinUrl: undefined } });
      await a.service.run();
      expect(await b.service.run()).toMatchObject({ status: 'ok' });

      const status = await b.repos.sync.status();
      expect(status.unsynced).toBe(0);
      expect(status.rejected).toHaveLength(1);
      expect(status.rejected[0]).toMatchObject({
        table: 'leads',
        recordId: lead.id,
        issues: [{ path: 'person', message: expect.stringContaining('at least one email or a LinkedIn profile URL') }],
      });
      const shown = await b.repos.leads.get(lead.id);
      expect(shown?.person).toMatchObject({ emails: [], linkedinUrl: 'https://www.linkedin.com/in/jo-x/' });
      await b.repos.sync.clearRejected();
      expect((await b.repos.sync.status()).rejected).toEqual([]);
    });

    it('sets aside a change the server refuses as invalid (400) and pushes the rest', async () => {
      const { browser, connect, tick, world } = await team();
      const a = browser('a');
      await connect(a);
      tick();
      await a.repos.leads.create(mql());
      // The device's clock runs two hours ahead of the server's.
      world.now += 2 * 3_600_000;
      const late = await a.repos.leads.create(makeLead({ person: { name: 'Late', emails: ['late@acme.io'] } }));
      world.now -= 2 * 3_600_000;
      expect(await a.service.run()).toMatchObject({ status: 'ok', pushed: 1 });
      const { rejected } = await a.repos.sync.status();
      expect(rejected).toMatchObject([
        { recordId: late.id, issues: [{ path: 'hlc', message: expect.stringContaining('ahead of the server') }] },
      ]);
    });

    it('keeps pushes under the server body limit, and sets aside a change larger than it', async () => {
      const small = await startHarness(backend, { bodyLimit: 8192 } satisfies HarnessOptions);
      try {
        const { browser, connect, tick } = await team(small);
        const a = browser('a');
        await connect(a);
        tick();
        const lead = await a.repos.leads.create(mql());
        await a.repos.events.bulkAdd(
          Array.from({ length: 40 }, (_, i) =>
            makeEvent(lead, 'content_download', 1, { details: { note: 'x'.repeat(i * 10) } }),
          ),
        );
        await a.repos.activities.log({
          leadId: lead.id,
          kind: 'call',
          outcome: 'connected',
          notes: 'y'.repeat(3990),
          occurredAt: NOW,
          loggedBy: 'sam@seller.io',
        });
        await a.repos.activities.log({
          leadId: lead.id,
          kind: 'meeting',
          outcome: 'connected',
          notes: 'z'.repeat(4000),
          criteriaUpdates: ['need', 'budget', 'timeline'].map((criterion) => ({
            criterion,
            status: 'confirmed' as const,
            evidence: 'v'.repeat(1500),
          })),
          occurredAt: NOW,
          loggedBy: 'sam@seller.io',
        });
        expect(await a.service.run()).toMatchObject({ status: 'ok' });
        const status = await a.repos.sync.status();
        expect(status.unsynced).toBe(0);
        // Everything went in bodies under the limit except the one change larger than it.
        expect(status.rejected.map((r) => r.table)).toEqual(['activities']);
        expect(status.rejected[0]?.issues[0]?.message).toMatch(/Too large/);
      } finally {
        await small.close();
      }
    });
  });

  describe("the team's reps", () => {
    it('are fetched on turning on and on each sync, listed for the handoff without the rep, and gone with sync off', async () => {
      const { t, browser, connect, tick } = await team();
      const a = browser('a');
      const data = localSidebarData(a.repos);
      await h.store.issueToken(t.id, 'Alex Kim', ['rep'], 'alex.kim@seller.io');
      await h.store.issueToken(t.id, 'Marketing export', ['export']);
      expect(await data.teamReps()).toEqual([]);

      await connect(a);
      // The harness's token is Sam's own: Sam does not hand a lead to Sam.
      expect(await data.teamReps()).toEqual([{ name: 'Alex Kim', email: 'alex.kim@seller.io' }]);

      const priya = await h.store.issueToken(t.id, 'Priya Nair', ['rep']);
      tick();
      expect(await a.service.run()).toMatchObject({ status: 'ok' });
      expect(await data.teamReps()).toEqual([
        { name: 'Alex Kim', email: 'alex.kim@seller.io' },
        { name: 'Priya Nair' },
      ]);
      await h.store.revokeToken(priya.id);
      expect(await a.service.run()).toMatchObject({ status: 'ok' });
      expect((await data.teamReps()).map((rep) => rep.name)).toEqual(['Alex Kim']);

      await a.service.turnOff();
      expect(await data.teamReps()).toEqual([]);
    });

    it('a server without the list (404) still syncs; an answer that does not fit the contract fails the sync', async () => {
      const { browser, connect } = await team();
      const a = browser('a');
      await connect(a);
      a.net.fail('/v1/team/reps', { status: 404, body: { error: { code: 'not_found', message: 'No route' } } });
      expect(await a.service.run()).toMatchObject({ status: 'ok' });
      a.net.fail('/v1/team/reps', { status: 200, body: { reps: [{ name: '' }] } });
      expect(await a.service.run()).toMatchObject({
        status: 'failed',
        error: { kind: 'server', message: expect.stringContaining('does not fit the sync contract') },
      });
    });
  });

  describe("marketing's scores", () => {
    it('keeps what marketing posted to the ingest, the newest per lead and system, and the sidebar reads it', async () => {
      const { t, browser, connect } = await team();
      const lead = { email: 'dana@northwind.io', name: 'Dana Whitfield', crm: { system: 'hubspot', id: '51873402' } };
      const post = (ingestId: string, value: number, scoredAt: number) =>
        h.as(t.token).ingest({
          ingestId,
          items: [{ lead, score: { system: 'hubspot', value, scoredAt, model: 'Lead score' } }],
        });
      const first = await post('first', 70, NOW - 2 * DAY);
      expect(first.status).toBe(200);
      const leadId: string = first.body.items[0].leadId;

      const b = browser('b');
      await connect(b);
      expect(await b.repos.marketingScores.forLead(leadId)).toEqual([
        { leadId, system: 'hubspot', value: 70, scoredAt: NOW - 2 * DAY, model: 'Lead score' },
      ]);

      // A newer score comes with the next sync; a late older one is not stored by the server.
      await post('newer', 82, NOW - DAY);
      await post('older', 10, NOW - 3 * DAY);
      expect(await b.service.run()).toMatchObject({ status: 'ok' });
      const data = localSidebarData(b.repos);
      expect((await data.marketingScores(leadId)).map((s) => s.value)).toEqual([82]);
      expect((await data.lead(leadId))?.crmIds).toEqual({ hubspot: '51873402' });
      // Pulled, not made here: nothing to push back.
      expect(await b.db.outbox.count()).toBe(0);
    });
  });

  describe('turning sync off', () => {
    it('stops queueing and forgets the token; turning on again sends what changed meanwhile', async () => {
      const { browser, connect, tick } = await team();
      const a = browser('a');
      const b = browser('b');
      const lead = await a.repos.leads.create(mql());
      await connect(a);
      await connect(b);
      await a.service.turnOff();
      expect(await a.repos.sync.token()).toBeUndefined();
      expect(await a.repos.sync.status()).toMatchObject({ enabled: false, unsynced: 0, serverUrl: SERVER_URL });
      tick();
      await a.repos.leads.update(lead.id, { person: { title: 'Changed while off' } });
      expect(await a.db.outbox.count()).toBe(0);
      expect(await a.service.run()).toEqual({ status: 'off' });

      await connect(a);
      await b.service.run();
      expect((await b.repos.leads.get(lead.id))?.person.title).toBe('Changed while off');
    });
  });
});

/** Everything the server holds for a browser's team, through the API (what a fresh client would pull). */
async function pullAll(h: Harness, b: Browser) {
  const token = await b.repos.sync.token();
  const response = await h.as(token).pull('0', 1000);
  return response.body as { records: Parameters<Repositories['sync']['applyPulled']>[0] };
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import { runAdmin } from '../../server/admin';
import { buildApp } from '../../server/app';
import type { AdminIo } from '../../server/crm/admin';
import { decryptSecret, encryptSecret, parseSecretKey } from '../../server/crm/secrets';
import { CrmWorker, type StepReport } from '../../server/crm/worker';
import { forEachBackend } from './support/backends';
import { type CrmWorld, call, drain, leadWith, startCrmWorld, testSecretKey } from './support/crm';
import { TestClient } from './support/data';
import { startHarness } from './support/harness';
import { SyncStore } from '../../server/store';

const TOKEN = 'pat-na1-11111111-2222-4333-8444-555555555555';

const io = (env: Record<string, string> = {}, stdin = ''): AdminIo => ({
  env,
  readSecret: async () => stdin,
  readText: async (path) => (path === '-' ? stdin : readFileSync(path, 'utf8')),
});

describe('secrets', () => {
  const key = testSecretKey();
  const context = { teamId: 'T1', system: 'hubspot' };

  it('round-trips through AES-256-GCM with a fresh IV each time, holding nothing of the plaintext', () => {
    const a = encryptSecret(key, context, TOKEN);
    const b = encryptSecret(key, context, TOKEN);
    expect(a).not.toBe(b);
    for (const stored of [a, b]) {
      expect(stored).not.toContain(TOKEN);
      expect(stored).not.toContain(Buffer.from(TOKEN).toString('base64'));
      expect(decryptSecret(key, context, stored)).toBe(TOKEN);
    }
  });

  it('refuses another key, another team, and a changed byte, saying why', () => {
    const stored = encryptSecret(key, context, TOKEN);
    expect(() => decryptSecret(testSecretKey(), context, stored)).toThrow(/encrypted with another HANDOFF_SECRET_KEY/);
    expect(() => decryptSecret(key, { ...context, teamId: 'T2' }, stored)).toThrow(/does not decrypt/);
    const parts = stored.split('.');
    const data = Buffer.from(parts[4] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[4] = data.toString('base64url');
    expect(() => decryptSecret(key, context, parts.join('.'))).toThrow(/does not decrypt/);
    expect(() => encryptSecret(undefined, context, TOKEN)).toThrow(/HANDOFF_SECRET_KEY is not set/);
  });

  it.each([
    ['not base64', 'not base64!'],
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
  ])('refuses a key that is %s, without echoing it', (_what, value) => {
    expect(() => parseSecretKey(value)).toThrow(/HANDOFF_SECRET_KEY/);
    try {
      parseSecretKey(value);
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });
});

forEachBackend((backend) => {
  describe('connecting a team’s HubSpot', () => {
    let world: CrmWorld;
    beforeAll(async () => {
      world = await startCrmWorld(backend);
    });
    afterAll(() => world.close());

    const inject = (token: string, method: 'PUT' | 'PATCH' | 'DELETE' | 'GET', payload?: unknown) =>
      world.h.app.inject({
        method,
        url: '/v1/crm/connection',
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });

    it('takes the token through the API with the admin scope only, stores it encrypted, and never returns it', async () => {
      const team = await world.h.team(undefined, ['rep', 'ingest', 'export']);
      const admin = await world.h.store.issueToken(team.id, 'Ops', ['admin']);
      const refused = await inject(team.token, 'PUT', { system: 'hubspot', accessToken: TOKEN });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain('needs the scope "admin"');

      const put = await inject(admin.token, 'PUT', {
        system: 'hubspot',
        accessToken: TOKEN,
        settings: { createContacts: true },
        mapping: { rejectionReasons: { bad_timing: { value: 'Timing' } } },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().connection).toMatchObject({
        system: 'hubspot',
        status: 'active',
        settings: { createContacts: true, touches: 'calls_and_first_touch' },
        mappingOverrides: { rejectionReasons: { bad_timing: { value: 'Timing' } } },
      });
      expect(put.json().connection.mapping.rejectionReasons.bad_timing).toEqual({
        value: 'Timing',
        leadStatus: 'BAD_TIMING',
      });
      const get = await inject(admin.token, 'GET');
      const patch = await inject(admin.token, 'PATCH', { settings: { touches: 'all' } });
      expect(patch.json().connection.settings).toEqual({ createContacts: true, touches: 'all' });
      for (const response of [put, get, patch]) expect(response.body).not.toContain(TOKEN);

      const [row] = await world.h.db.query<{ secret: string }>(
        'SELECT secret FROM crm_connections WHERE team_id = $1',
        [team.id],
      );
      expect(row?.secret).toMatch(/^v1\./);
      expect(row?.secret).not.toContain(TOKEN);
      expect((await world.h.store.crm.credentials(team.id))?.secret).toBe(TOKEN);

      const gone = await inject(admin.token, 'DELETE');
      expect(gone.json()).toEqual({ disconnected: true });
      expect((await inject(admin.token, 'GET')).json()).toEqual({ connection: null });
      expect((await inject(admin.token, 'PATCH', { settings: { createContacts: false } })).statusCode).toBe(404);
    });

    it('refuses a bad mapping naming the field, and an unknown reason code', async () => {
      const team = await world.h.team();
      const response = await inject(team.token, 'PUT', {
        system: 'hubspot',
        accessToken: TOKEN,
        mapping: { rejectionReasons: { too_expensive: { value: 'x' } }, properties: { rejectionReason: 'Has Spaces' } },
      });
      expect(response.statusCode).toBe(400);
      const paths = response.json().error.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['mapping.rejectionReasons', 'mapping.properties.rejectionReason']));
      expect(response.body).not.toContain(TOKEN);
      expect(await world.h.store.crm.connection(team.id)).toBeNull();
    });
  });

  describe('without HANDOFF_SECRET_KEY', () => {
    it('refuses to store a token, by the API (503) and by the admin command, saying what to set', async () => {
      const h = await startHarness(backend);
      try {
        const team = await h.team();
        const response = await h.app.inject({
          method: 'PUT',
          url: '/v1/crm/connection',
          headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ system: 'hubspot', accessToken: TOKEN }),
        });
        expect(response.statusCode).toBe(503);
        expect(response.json().error).toMatchObject({ code: 'not_configured' });
        expect(response.json().error.message).toContain('HANDOFF_SECRET_KEY is not set');
        const cli = await runAdmin(['connect-hubspot', team.id], h.store, io({ HUBSPOT_ACCESS_TOKEN: TOKEN }));
        expect(cli.code).toBe(1);
        expect(cli.out.join('\n')).toContain('HANDOFF_SECRET_KEY is not set');
        expect(await h.db.query('SELECT 1 FROM crm_connections')).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });

  describe('a server restarted without its key, or with another', () => {
    let world: CrmWorld;
    beforeAll(async () => {
      world = await startCrmWorld(backend);
    });
    afterAll(() => world.close());

    it('sends nothing without the key and keeps the connection; with another key, says the connection needs attention', async () => {
      const team = await world.h.team();
      const token = `pat-na1-${newId().toLowerCase()}`;
      world.fake.portal(token).addContact({ email: 'restart@acme.io' });
      await world.h.store.crm.connect(team.id, { system: 'hubspot', secret: token });
      const sam = new TestClient(newId());
      const { leadId, change } = leadWith(sam, 'restart@acme.io');
      await world.h.as(team.token).push(sam.batch(change, sam.accept(leadId, null)));

      const workerWith = (secretKey: Buffer | undefined) =>
        new CrmWorker({
          crm: new SyncStore(world.h.db, { now: () => world.clock.now(), secretKey }).crm,
          clock: world.clock,
          hubspotBasePath: world.fake.basePath,
        });
      const before = world.fake.requests.length;
      expect(await workerWith(undefined).step()).toMatchObject({ written: 0, retrying: 0 });
      expect(world.fake.requests.length).toBe(before);
      expect((await world.h.store.crm.connection(team.id))?.status).toBe('active');

      await workerWith(testSecretKey()).step();
      const view = await world.h.store.crm.connection(team.id);
      expect(view?.status).toBe('needs_attention');
      expect(view?.statusMessage).toContain('encrypted with another HANDOFF_SECRET_KEY');
      expect((await world.h.store.crm.status(team.id, leadId)).writes[0]?.status).toBe('pending');
    });
  });

  describe('the admin commands', () => {
    let world: CrmWorld;
    let dir: string;
    beforeAll(async () => {
      world = await startCrmWorld(backend);
      dir = mkdtempSync(join(tmpdir(), 'handoff-crm-'));
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await world.close();
    });

    it('connect from the environment or standard input, never from an argument; then settings, mapping, status, disconnect', async () => {
      const team = await world.h.team();
      const asArgument = await runAdmin(['connect-hubspot', team.id, TOKEN], world.h.store, io());
      expect(asArgument.code).toBe(2);
      expect(asArgument.out.join('\n')).toContain('never from the command line');

      const fromEnv = await runAdmin(['connect-hubspot', team.id], world.h.store, io({ HUBSPOT_ACCESS_TOKEN: TOKEN }));
      expect(fromEnv.code).toBe(0);
      const fromStdin = await runAdmin(
        ['connect-hubspot', team.id, '--create-contacts'],
        world.h.store,
        io({}, `${TOKEN}\n`),
      );
      expect(fromStdin).toMatchObject({ code: 0 });
      expect(fromStdin.out.join('\n')).toContain('create contacts on');
      for (const result of [fromEnv, fromStdin]) expect(result.out.join('\n')).not.toContain(TOKEN);
      const empty = await runAdmin(['connect-hubspot', team.id], world.h.store, io({}, '\n'));
      expect(empty.out.join('\n')).toContain('No token');

      const settings = await runAdmin(
        ['crm-settings', team.id, '--create-contacts', 'off', '--touches', 'all'],
        world.h.store,
        io(),
      );
      expect(settings.out.join('\n')).toContain('create contacts off, touches all');

      const file = join(dir, 'mapping.json');
      writeFileSync(file, JSON.stringify({ decisions: { accepted_sql: { hs_lead_status: 'CONNECTED' } } }));
      const mapping = await runAdmin(['crm-mapping', team.id, '--set', file], world.h.store, io());
      expect(mapping.code).toBe(0);
      expect(JSON.parse(mapping.out.join('\n')).mapping.decisions.accepted_sql).toEqual({
        hs_lead_status: 'CONNECTED',
      });
      writeFileSync(file, JSON.stringify({ rejectionReasons: { nope: {} } }));
      const bad = await runAdmin(['crm-mapping', team.id, '--set', file], world.h.store, io());
      expect(bad.code).toBe(1);
      expect(bad.out.join('\n')).toContain('nothing was changed');
      const reset = await runAdmin(['crm-mapping', team.id, '--reset'], world.h.store, io());
      expect(JSON.parse(reset.out.join('\n')).overrides).toEqual({});

      const state = await runAdmin(['crm-status', team.id], world.h.store, io());
      expect(state.out[0]).toBe('hubspot: active');
      expect(await runAdmin(['crm-requeue', team.id], world.h.store, io())).toEqual({
        code: 0,
        out: ['Re-queued 0 refused writes'],
      });
      expect((await runAdmin(['disconnect-crm', team.id], world.h.store, io())).out[0]).toContain('token is deleted');
      expect(await world.h.store.crm.connection(team.id)).toBeNull();
    });
  });

  describe('logs', () => {
    let world: CrmWorld;
    beforeAll(async () => {
      world = await startCrmWorld(backend);
    });
    afterAll(() => world.close());

    it('never carry the token: request log, worker log, failures included', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const app = await buildApp({ store: world.h.store, rateLimit: false, logger: { level: 'debug', stream } });
      const worker = new CrmWorker({
        crm: world.h.store.crm,
        clock: world.clock,
        hubspotBasePath: world.fake.basePath,
        requestTimeoutMs: 10_000,
        logger: app.log,
      });
      try {
        const team = await world.h.team();
        const token = `pat-na1-${newId().toLowerCase()}`;
        const portal = world.fake.portal(token);
        portal.addContact({ email: 'logged@acme.io' });
        const put = await app.inject({
          method: 'PUT',
          url: '/v1/crm/connection',
          headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ system: 'hubspot', accessToken: token }),
        });
        expect(put.statusCode).toBe(200);
        const sam = new TestClient(newId());
        const { leadId, change } = leadWith(sam, 'logged@acme.io');
        await world.h.as(team.token).push(sam.batch(change, sam.accept(leadId, null), call(sam, leadId)));
        world.fake.failNext({ status: 429, on: /batch\/update$/, retryAfter: 1 });
        await worker.step();
        world.clock.advance(1000);
        await worker.step();
        // Then the token expires: the worker says so in the log.
        await world.h.as(team.token).push(sam.batch(sam.reject(leadId, null)));
        world.fake.expire(token);
        await worker.step();
        const log = lines.join('');
        expect(log).toContain('crm: HubSpot failed; retrying later');
        expect(log).toContain('crm: wrote to HubSpot');
        expect(log).toContain('crm: HubSpot refused the token');
        expect(log).toContain('/v1/crm/connection');
        expect(log).not.toContain(token);
        expect(log).not.toContain(team.token);
      } finally {
        await worker.stop();
        await app.close();
      }
    });
  });

  describe('the worker loop', () => {
    let world: CrmWorld;
    let passed: ((report: StepReport) => void) | undefined;
    /** The next pass the loop runs (armed before the clock is moved). */
    const nextPass = () => new Promise<StepReport>((resolve) => (passed = resolve));
    beforeAll(async () => {
      world = await startCrmWorld(backend, { pollMs: 60_000, onPass: (report) => passed?.(report) });
    });
    afterAll(() => world.close());

    it('runs passes on its clock, wakes on a push, and leaves no timer behind when stopped', async () => {
      const { worker, clock } = world;
      const team = await world.h.team();
      const token = `pat-na1-${newId().toLowerCase()}`;
      const portal = world.fake.portal(token);
      const contact = portal.addContact({ email: 'loop@acme.io' });
      await world.h.store.crm.connect(team.id, { system: 'hubspot', secret: token });

      worker.start();
      worker.start(); // once is enough
      expect(clock.pending).toBe(1);
      let pass = nextPass();
      clock.advance(0); // the first pass: nothing to do, then the next waits a poll
      expect(await pass).toMatchObject({ teams: 0, written: 0 });
      expect(clock.pending).toBe(1);

      const sam = new TestClient(newId());
      const { leadId, change } = leadWith(sam, 'loop@acme.io');
      await world.h.as(team.token).push(sam.batch(change, sam.accept(leadId, null)));
      pass = nextPass();
      worker.wake(); // what main.ts wires to the store's onCrmQueued: a pass now, not at the poll
      clock.advance(0);
      expect(await pass).toMatchObject({ teams: 1, written: 1 });
      expect(portal.objects.contacts.get(contact.id)?.properties.hs_lead_status).toBe('OPEN_DEAL');
      // It did something, so it looks again at once; then, idle, it waits a poll.
      pass = nextPass();
      clock.advance(0);
      expect(await pass).toMatchObject({ teams: 0 });
      expect(clock.pending).toBe(1);

      await worker.stop();
      expect(clock.pending).toBe(0);
      clock.advance(120_000);
      expect(clock.pending).toBe(0);
      await drain(world);
    });
  });
});

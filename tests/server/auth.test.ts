import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import type { PullResponse, PushResponse } from '../../lib/replication/contract';
import { runAdmin } from '../../server/admin';
import { forEachBackend } from './support/backends';
import { TestClient, newLeadFields } from './support/data';
import { type Harness, type TeamContext, startHarness } from './support/harness';

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  describe('tokens', () => {
    const endpoints = [
      ['GET', '/v1/me'],
      ['GET', '/v1/pull'],
      ['POST', '/v1/push'],
      ['POST', '/v1/ingest'],
      ['GET', '/v1/dispositions'],
    ] as const;

    it.each(endpoints)('%s %s needs a token', async (method, url) => {
      const api = h.as(undefined);
      const response = method === 'GET' ? await api.get(url) : await api.post(url, {});
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it.each([
      ['an unknown token', 'hnd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ['a token without our prefix', 'abc'],
      ['an empty bearer', ''],
    ])('refuses %s with 401', async (_what, token) => {
      const response = await h.as(token).get('/v1/me');
      expect(response.status).toBe(401);
    });

    it('refuses a non-Bearer scheme', async () => {
      const team = await h.team();
      const response = await h.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Basic ${team.token}` },
      });
      expect(response.statusCode).toBe(401);
    });

    it('knows who a token is, and refuses it from the moment it is revoked', async () => {
      const team = await h.team('Acme SDRs');
      const me = await h.as(team.token).get('/v1/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        team: { id: team.id, name: 'Acme SDRs' },
        token: { id: team.tokenId, rep: 'Sam' },
      });
      expect(await h.store.revokeToken(team.tokenId)).toBe(true);
      const after = await h.as(team.token).get('/v1/me');
      expect(after.status).toBe(401);
      expect(after.body.error.message).toMatch(/revoked/);
    });

    it('stores only a hash of each token', async () => {
      const team = await h.team();
      const rows = await h.db.query<Record<string, unknown>>('SELECT * FROM tokens WHERE id = $1', [team.tokenId]);
      expect(JSON.stringify(rows)).not.toContain(team.token);
      expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('teams are sealed from each other', () => {
    let a: TeamContext;
    let b: TeamContext;
    const leadId = newId();
    const sam = new TestClient('sam');
    let samBatch: ReturnType<TestClient['batch']>;

    beforeAll(async () => {
      a = await h.team('Team A');
      b = await h.team('Team B');
      const lead = sam.lead(leadId, newLeadFields({ source: 'Partner' }));
      const decision = sam.reject(leadId, null);
      samBatch = sam.batch(lead, decision);
      expect((await h.as(a.token).push(samBatch)).status).toBe(200);
      await h.as(a.token).ingest({ ingestId: 'hook-1', items: [{ lead: { email: 'ann@beta.io', name: 'Ann' } }] });
      await h
        .as(a.token)
        .ingest({ ingestId: 'hook-2', items: [{ lead: { email: 'only-a@acme.io', name: 'Only A' } }] });
    });

    it("cannot read another team's records, dispositions or position", async () => {
      const pulled = await h.as(b.token).pull<PullResponse>('0');
      expect(pulled.body).toEqual({ records: [], cursor: '0', hasMore: false });
      // Team A's cursor means nothing for team B: it is ahead of B's own changes.
      expect((await h.as(b.token).pull('3')).status).toBe(409);
      const report = await h.as(b.token).get('/v1/dispositions?format=json');
      expect(report.body.dispositions).toEqual([]);
      const csv = await h.as(b.token).get('/v1/dispositions?format=csv');
      expect(csv.text.trim().split('\r\n')).toHaveLength(1);
    });

    it("cannot write into another team's records: the same ids make records of its own", async () => {
      const alex = new TestClient('alex');
      const hijack = alex.lead(leadId, { 'person.name': 'Hijacked', 'person.title': 'Nobody' });
      const response = await h.as(b.token).push<PushResponse>(alex.batch(hijack));
      // Team B has no such lead: this would be creating one, and it is incomplete.
      expect(response.body.results[0]?.status).toBe('rejected');
      const inA = await h.as(a.token).pull<PullResponse>('0');
      expect(inA.body.records.find((r) => r.table === 'leads' && r.recordId === leadId)?.data).toMatchObject({
        person: { name: 'Jane Doe' },
      });
    });

    it("does not answer another team's change ids or ingest ids from its store", async () => {
      const replay = await h.as(b.token).push<PushResponse>(samBatch);
      expect(replay.status).toBe(200);
      expect(replay.body.serverSeq).toBe(2);
      expect(replay.body.results.every((r) => r.status === 'applied')).toBe(true);
      const ingest = await h.as(b.token).ingest({
        ingestId: 'hook-1',
        items: [{ lead: { email: 'ann@beta.io', name: 'Ann' } }],
      });
      expect(ingest.body.items[0].created).toBe(true);
      // Team A is untouched by both.
      const inA = await h.as(a.token).pull<PullResponse>('0');
      expect(inA.body.records).toHaveLength(4);
    });

    it("ingest in one team never finds another team's lead", async () => {
      const response = await h.as(b.token).ingest({
        ingestId: 'find-jane',
        items: [{ lead: { email: 'only-a@acme.io' }, events: [{ type: 'email_opened', occurredAt: 1 }] }],
      });
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0].path).toBe('items.0.lead.name');
    });
  });

  describe('admin commands', () => {
    it('create a team, issue, list and revoke tokens', async () => {
      const created = await runAdmin(['create-team', 'Acme SDRs'], h.store);
      expect(created.code).toBe(0);
      const teamId = created.out.join('\n').match(/team id: (\S+)/)?.[1] ?? '';
      const issued = await runAdmin(['issue-token', teamId, 'Sam'], h.store);
      expect(issued.code).toBe(0);
      const token = issued.out.find((line) => line.startsWith('hnd_')) ?? '';
      expect((await h.as(token).get('/v1/me')).body.team.name).toBe('Acme SDRs');

      const listed = await runAdmin(['list-tokens', teamId], h.store);
      expect(listed.out).toHaveLength(1);
      expect(listed.out[0]).toMatch(/Sam {2}issued/);
      expect(listed.out.join('\n')).not.toContain(token);
      const tokenId = listed.out[0]?.split(' ')[0] ?? '';
      expect((await runAdmin(['revoke-token', tokenId], h.store)).code).toBe(0);
      expect((await runAdmin(['list-tokens', teamId], h.store)).out[0]).toMatch(/REVOKED/);
      expect((await h.as(token).get('/v1/me')).status).toBe(401);
      expect((await runAdmin(['list-teams'], h.store)).out.join('\n')).toContain(`${teamId}  Acme SDRs`);
    });

    it('explain usage and refuse unknown teams and tokens', async () => {
      expect((await runAdmin([], h.store)).code).toBe(2);
      expect((await runAdmin(['create-team'], h.store)).code).toBe(2);
      expect((await runAdmin(['frobnicate'], h.store)).out[0]).toMatch(/Usage/);
      expect(await runAdmin(['issue-token', 'nope', 'Sam'], h.store)).toEqual({
        code: 1,
        out: ['No team with id nope'],
      });
      expect((await runAdmin(['revoke-token', 'nope'], h.store)).code).toBe(1);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamRepsResponseSchema } from '../../lib/replication/contract';
import { runAdmin } from '../../server/admin';
import { forEachBackend } from './support/backends';
import { type Harness, startHarness } from './support/harness';

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  describe('GET /v1/team/reps', () => {
    it("lists the team's reps once each, with the email their token holds, revoked and tool tokens left out", async () => {
      const team = await h.team('Acme SDRs', ['rep']);
      // Alex has two browsers: an older token without an email, a newer one with it.
      await h.store.issueToken(team.id, 'Alex Kim');
      await h.store.issueToken(team.id, 'alex kim', undefined, 'Alex.Kim@Seller.io');
      await h.store.issueToken(team.id, 'Priya Nair', ['rep', 'export'], 'priya@seller.io');
      const gone = await h.store.issueToken(team.id, 'Dana Left', ['rep'], 'dana@seller.io');
      await h.store.revokeToken(gone.id);
      // Marketing's tools are no reps.
      await h.store.issueToken(team.id, 'HubSpot ingest', ['ingest']);
      await h.store.issueToken(team.id, 'Looker export', ['export']);

      const response = await h.as(team.token).get('/v1/team/reps');
      expect(response.status).toBe(200);
      expect(TeamRepsResponseSchema.parse(response.body)).toEqual({
        reps: [
          // The newest token's spelling of the name; the email lower-cased as the domain stores emails.
          { name: 'alex kim', email: 'alex.kim@seller.io' },
          { name: 'Priya Nair', email: 'priya@seller.io' },
          // The harness's token: issued before emails, a name only.
          { name: 'Sam' },
        ],
      });
    });

    it("never answers another team's reps", async () => {
      const ours = await h.team('Ours', ['rep']);
      const theirs = await h.team('Theirs', ['rep']);
      await h.store.issueToken(theirs.id, 'Their Rep', ['rep'], 'rep@theirs.io');
      const response = await h.as(ours.token).get('/v1/team/reps');
      expect(response.body).toEqual({ reps: [{ name: 'Sam' }] });
    });

    it('needs a token with the rep scope', async () => {
      expect((await h.as(undefined).get('/v1/team/reps')).status).toBe(401);
      const tool = await h.team('Tools', ['export']);
      const refused = await h.as(tool.token).get('/v1/team/reps');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    });
  });

  describe('issue-token --email', () => {
    it('keeps the rep email on the token, shows it in list-tokens, and refuses one that is no address', async () => {
      const created = await runAdmin(['create-team', 'Email team'], h.store);
      const teamId = created.out.join('\n').match(/team id: (\S+)/)?.[1] ?? '';
      const issued = await runAdmin(['issue-token', teamId, 'Sam Rep', '--email', 'sam@seller.io'], h.store);
      expect(issued.code).toBe(0);
      expect(issued.out[0]).toMatch(/^Token for Sam Rep <sam@seller.io>/);
      expect((await runAdmin(['issue-token', teamId, 'Jo', '--email=jo@seller.io'], h.store)).code).toBe(0);
      expect((await runAdmin(['list-tokens', teamId], h.store)).out.join('\n')).toContain('Sam Rep <sam@seller.io>');
      expect(await runAdmin(['issue-token', teamId, 'Kim', '--email', 'not-an-address'], h.store)).toEqual({
        code: 1,
        out: ['Not an email address: not-an-address'],
      });
      // Only issue-token takes an email, and only once.
      expect((await runAdmin(['list-tokens', teamId, '--email', 'x@y.io'], h.store)).code).toBe(2);
      expect(
        (await runAdmin(['issue-token', teamId, 'Kim', '--email', 'a@b.io', '--email', 'c@d.io'], h.store)).code,
      ).toBe(2);
      const token = issued.out.find((line) => line.startsWith('hnd_')) ?? '';
      expect((await h.as(token).get('/v1/team/reps')).body).toEqual({
        reps: [
          { name: 'Jo', email: 'jo@seller.io' },
          { name: 'Sam Rep', email: 'sam@seller.io' },
        ],
      });
    });
  });
});

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as z from 'zod';
import { TimestampSchema } from '../../lib/domain/common';
import { newId } from '../../lib/domain/ids';
import { runAdmin } from '../../server/admin';
import { buildApp, DEFAULT_RATE_LIMIT } from '../../server/app';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../server/body';
import { ChangeSchema, IngestRequestSchema, PushRequestSchema, TOKEN_SCOPES } from '../../lib/replication/contract';
import type { Database } from '../../server/db/database';
import { migrate, readMigrations } from '../../server/db/migrate';
import { findUnstorable } from '../../server/errors';
import { SyncStore } from '../../server/store';
import { hashToken } from '../../server/store/teams';
import { INGEST_TIMESTAMPS, MAX_TIMESTAMP_SKEW_MS, PUSH_TIMESTAMPS } from '../../server/timestamps';
import { forEachBackend } from './support/backends';
import { newLeadFields, TestClient } from './support/data';
import { DAY, type Harness, NOW, type Reply, startHarness } from './support/harness';

/** Lets the embedded engine's I/O run between requests of a loop (it answers without a macrotask). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Rows of every table a request can write, across all teams. */
async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['records', 'applied_changes', 'lead_keys', 'teams', 'tokens']) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

// ---------------------------------------------------------------------------------------
// Without a database

describe('the JSON depth scan', () => {
  it('counts brackets outside strings only, and stops at the limit', () => {
    expect(nestsDeeperThan(deepArray(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(deepArray(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ note: '[[[[[[{{{{{{"\\'.repeat(40) }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify([{ a: ['x"]]]'] }]), 3)).toBe(false);
    expect(nestsDeeperThan(deepObject(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('findUnstorable', () => {
  it('walks 100,000 levels without recursion and names the path', () => {
    let value: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) value = i % 2 ? [value] : { k: value };
    const path = findUnstorable(value) ?? '';
    expect(path.split('.')).toHaveLength(100_000);
    expect(path.startsWith('0.k.0.k')).toBe(true);
  });

  it('finds the first offender in document order, keys before their values', () => {
    expect(findUnstorable({ a: ['ok', { b: 'x\uD800' }], c: '\u0000' })).toBe('a.1.b');
    expect(findUnstorable({ a: 'ok', 'b\u0000': 'ok', c: '\u0000' })).toBe('b\u0000');
    expect(findUnstorable({ a: { ok: 1 }, b: ['\uDC00'] })).toBe('b.0');
    expect(findUnstorable({ a: ['fine', 1, null, true, { b: 'x' }] })).toBeUndefined();
  });
});

/**
 * Every place in a zod schema that holds a timestamp: the domain's TimestampSchema, or any
 * number under a key ending in `At` (in case a schema spells one out by hand). `*` stands
 * for every element of an array or entry of a record.
 */
function timestampPaths(schema: z.ZodType, path: string[] = []): string[] {
  if (schema === TimestampSchema) return [path.join('/')];
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case 'number':
      return /At$/.test(path[path.length - 1] ?? '') ? [path.join('/')] : [];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) =>
        timestampPaths(value, [...path, key]),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return timestampPaths(inner('innerType'), path);
    case 'array':
      return timestampPaths(inner('element'), [...path, '*']);
    case 'record':
      return timestampPaths(inner('valueType'), [...path, '*']);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => timestampPaths(option, path));
    case 'pipe':
      return [...timestampPaths(inner('in'), path), ...timestampPaths(inner('out'), path)];
    default:
      return [];
  }
}

const unique = (paths: string[]) => [...new Set(paths)].sort();

describe('timestamp bounds cover every timestamp the server accepts', () => {
  it('in each kind of change a push carries', () => {
    for (const option of ChangeSchema.options) {
      const table = option.shape.table.value as keyof typeof PUSH_TIMESTAMPS;
      expect(unique(PUSH_TIMESTAMPS[table].map((path) => path.join('/'))), table).toEqual(
        unique(timestampPaths(option)),
      );
    }
    // The walk sees through the whole request, so no other part of a push holds one.
    expect(unique(timestampPaths(PushRequestSchema)).every((path) => path.startsWith('changes/*/'))).toBe(true);
    expect(PUSH_TIMESTAMPS.leads.map((path) => path.join('/'))).toEqual(
      expect.arrayContaining(['fields/updatedAt', 'fields/times.createdAt', 'fields/times.sqlAt', 'fields/revisitAt']),
    );
  });

  it('in an ingest request', () => {
    expect(unique(INGEST_TIMESTAMPS.map((path) => path.join('/')))).toEqual(
      unique(timestampPaths(IngestRequestSchema)),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Over HTTP, on both engines

forEachBackend((backend) => {
  describe('deeply nested JSON (finding 1)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    const bodies: [string, (levels: number) => string][] = [
      ['arrays', deepArray],
      ['objects', deepObject],
      // Inside an otherwise plausible push: the depth is refused wherever it is.
      ['arrays inside a push', (levels) => `{"clientId":"sam","changes":[${deepArray(levels)}]}`],
    ];

    it.each([5_000, 100_000])(
      'refuses %i levels on push and ingest with a 400 naming the limit, and writes nothing',
      async (levels) => {
        const team = await h.team();
        const before = await rowCounts(h.db);
        for (const [shape, body] of bodies) {
          for (const url of ['/v1/push', '/v1/ingest']) {
            const response = await h.as(team.token).post(url, body(levels));
            expect(response.status, `${shape} ${url}`).toBe(400);
            expect(response.body.error).toEqual({
              code: 'invalid_request',
              message: `Invalid JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`,
            });
            await tick();
          }
        }
        expect(await rowCounts(h.db)).toEqual(before);
      },
    );

    it('keeps /health answering while three such requests are in flight', async () => {
      const team = await h.team();
      const api = h.as(team.token);
      const started = performance.now();
      const deep = [
        api.post('/v1/push', deepObject(100_000)),
        api.post('/v1/ingest', deepArray(100_000)),
        api.post('/v1/push', deepArray(100_000)),
      ];
      const health = await h.as(undefined).get('/health');
      const healthMs = performance.now() - started;
      expect(health.status).toBe(200);
      for (const response of await Promise.all(deep)) expect(response.status).toBe(400);
      // Generous: each refusal is one scan of the text (milliseconds); the unfixed server took
      // seconds per request (a 500 from a stack overflow) and /health waited for all three.
      expect(healthMs).toBeLessThan(3_000);
    });

    it('still takes nesting up to the limit and every real body', async () => {
      const team = await h.team();
      const sam = new TestClient('sam');
      const leadId = newId();
      const push = await h.as(team.token).push(sam.batch(sam.lead(leadId, newLeadFields()), sam.reject(leadId, null)));
      expect(push.status).toBe(200);
      const atLimit = await h.as(team.token).post('/v1/ingest', deepArray(MAX_JSON_DEPTH));
      expect(atLimit.status).toBe(400);
      expect(atLimit.body.error.message).not.toMatch(/nested deeper/);
    });
  });

  describe('rate limits before authentication (finding 2)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { rateLimit: DEFAULT_RATE_LIMIT });
    });
    afterAll(() => h.close());

    const bogus = () => `hnd_${newId()}${newId()}`;

    it('ends 650 bogus-token requests from one address in 429s, hashing nothing once limited', async () => {
      const team = await h.team();
      const authenticate = vi.spyOn(h.store, 'authenticate');
      const statuses: number[] = [];
      const token = bogus();
      let last: Reply<{ error: { code: string } }> | undefined;
      for (let i = 0; i < 650; i++) {
        last = await h.as(token, '10.0.0.1').get('/v1/me');
        statuses.push(last.status);
        await tick();
      }
      const failures = DEFAULT_RATE_LIMIT.authFailures ?? 0;
      expect(statuses.slice(0, failures).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(failures).every((status) => status === 429)).toBe(true);
      expect(authenticate).toHaveBeenCalledTimes(failures);
      expect(last?.body.error.code).toBe('rate_limited');
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
      // Everything from that address waits now, a real token too (it is not even hashed) ...
      expect((await h.as(team.token, '10.0.0.1').get('/v1/me')).status).toBe(429);
      expect(authenticate).toHaveBeenCalledTimes(failures);
      // ... while a valid token from another address still works, and /health is never limited.
      expect((await h.as(team.token, '10.0.0.2').get('/v1/me')).status).toBe(200);
      expect((await h.as(undefined, '10.0.0.1').get('/health')).status).toBe(200);
      authenticate.mockRestore();
    });

    it('gives a stream of fresh fake tokens no fresh allowance, nor requests without a token', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        statuses.push((await h.as(bogus(), '10.0.0.3').post('/v1/ingest', {})).status);
        await tick();
      }
      expect(statuses.filter((status) => status === 401)).toHaveLength(DEFAULT_RATE_LIMIT.authFailures ?? 0);
      expect(statuses.at(-1)).toBe(429);
      const statusesWithout: number[] = [];
      for (let i = 0; i < 40; i++) {
        statusesWithout.push((await h.as(undefined, '10.0.0.4').get('/v1/pull')).status);
        await tick();
      }
      expect(statusesWithout.at(-1)).toBe(429);
    });
  });

  describe('rate limits per token id', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { rateLimit: { max: 3, windowMs: 3_600_000, authFailures: 5 } });
    });
    afterAll(() => h.close());

    it('count one token once however its header is spelled', async () => {
      const team = await h.team();
      const spellings = [`Bearer ${team.token}`, `bearer ${team.token}`, `Bearer  ${team.token} `];
      for (const authorization of spellings) {
        const response = await h.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization } });
        expect(response.statusCode).toBe(200);
      }
      const fourth = await h.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `BEARER ${team.token}` },
      });
      expect(fourth.statusCode).toBe(429);
      // Another token of the same team has its own budget.
      const other = await h.store.issueToken(team.id, 'Alex');
      expect((await h.as(other.token).get('/v1/me')).status).toBe(200);
    });
  });

  describe('timestamps are bounded by the server time (finding 3)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    const YEAR_2286 = Date.UTC(2286, 0, 1);
    const AHEAD = NOW + 2 * DAY;
    const sam = new TestClient('sam');

    it.each([
      ['an event', (lead: string) => sam.event(lead, { occurredAt: AHEAD }), 'changes.1.record.occurredAt'],
      [
        'a disposition',
        (lead: string) => sam.reject(lead, null, { decidedAt: YEAR_2286 }),
        'changes.1.record.decidedAt',
      ],
      [
        'an activity',
        (lead: string) => {
          const change = sam.activity(lead) as { record: Record<string, unknown> };
          change.record.occurredAt = AHEAD;
          return change as never;
        },
        'changes.1.record.occurredAt',
      ],
      [
        'a checklist criterion',
        (lead: string) => sam.checklist(lead, 'bant', { need: { status: 'confirmed', updatedAt: AHEAD } }),
        'changes.1.criteria.need.updatedAt',
      ],
      ['a lead', (lead: string) => sam.lead(lead, { updatedAt: AHEAD }), 'changes.1.fields.updatedAt'],
      ['a stage time', (lead: string) => sam.lead(lead, { 'times.sqlAt': AHEAD }), 'changes.1.fields.times.sqlAt'],
      [
        'a revisit date centuries away',
        (lead: string) => sam.reject(lead, null, { outcome: { kind: 'recycled', revisitAt: YEAR_2286 } }) as never,
        'changes.1.record.outcome.revisitAt',
      ],
      [
        'a handoff meeting centuries away',
        (lead: string) =>
          sam.accept(lead, null, { route: 'direct_outbound', handoff: { meetingAt: YEAR_2286 } }) as never,
        'changes.1.record.handoff.meetingAt',
      ],
    ])('refuses %s dated past the allowed skew, naming the field, and writes nothing', async (_what, make, path) => {
      const team = await h.team();
      const leadId = newId();
      const before = await rowCounts(h.db);
      const response = await h.as(team.token).push(sam.batch(sam.lead(leadId, newLeadFields()), make(leadId)));
      expect(response.status).toBe(400);
      expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
      expect(response.body.error.message).toContain(path);
      expect(await rowCounts(h.db)).toEqual(before);
    });

    it('takes times up to the skew ahead, and scheduled times months ahead', async () => {
      const team = await h.team();
      const leadId = newId();
      const response = await h
        .as(team.token)
        .push(
          sam.batch(
            sam.lead(leadId, newLeadFields({ updatedAt: NOW + MAX_TIMESTAMP_SKEW_MS, revisitAt: NOW + 365 * DAY })),
            sam.event(leadId, { occurredAt: NOW + MAX_TIMESTAMP_SKEW_MS - 1 }),
            sam.reject(leadId, null, { outcome: { kind: 'recycled', revisitAt: NOW + 5 * 365 * DAY } }),
            sam.accept(newId(), null, { route: 'direct_outbound', handoff: { meetingAt: NOW + 30 * DAY } }),
          ),
        );
      expect(response.status).toBe(200);
    });

    it('refuses an ingested event in the year 2286 and a score from the future', async () => {
      const team = await h.team();
      const before = await rowCounts(h.db);
      const response = await h.as(team.token).ingest({
        ingestId: 'future',
        items: [
          { lead: { email: 'a@b.io', name: 'A' }, events: [{ type: 'email_opened', occurredAt: YEAR_2286 }] },
          { lead: { email: 'c@d.io', name: 'C' }, score: { system: 'hubspot', value: 1, scoredAt: AHEAD } },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.error.issues).toEqual([
        { path: 'items.0.events.0.occurredAt', message: expect.stringMatching(/^occurredAt is \d+ days ahead/) },
        { path: 'items.1.score.scoredAt', message: expect.stringMatching(/^scoredAt is 2 days ahead/) },
      ]);
      expect(await rowCounts(h.db)).toEqual(before);
    });

    it("follows the server's clock", async () => {
      const team = await h.team();
      const body = (id: string) => ({
        ingestId: id,
        items: [{ lead: { email: 'late@b.io', name: 'Late' }, events: [{ type: 'email_opened', occurredAt: AHEAD }] }],
      });
      expect((await h.as(team.token).ingest(body('early'))).status).toBe(400);
      h.clock.now = AHEAD;
      try {
        expect((await h.as(team.token).ingest(body('later'))).status).toBe(200);
      } finally {
        h.clock.now = NOW;
      }
    });
  });

  describe('token scopes (finding 4)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    const sam = new TestClient('sam');
    const ENDPOINTS = [
      ['rep', 'GET', '/v1/me'],
      ['rep', 'GET', '/v1/team/reps'],
      ['rep', 'GET', '/v1/pull'],
      ['rep', 'POST', '/v1/push'],
      ['ingest', 'POST', '/v1/ingest'],
      ['export', 'GET', '/v1/dispositions'],
      ['rep', 'GET', `/v1/crm/status?leadId=${newId()}`],
      ['admin', 'GET', '/v1/crm/connection'],
    ] as const;

    it.each(TOKEN_SCOPES)(
      'lets a %s token use its endpoints only, with a 403 naming the scope needed',
      async (scope) => {
        const team = await h.team(undefined, [scope]);
        const api = h.as(team.token);
        const leadId = newId();
        const bodies: Record<string, unknown> = {
          '/v1/push': sam.batch(sam.lead(leadId, newLeadFields())),
          '/v1/ingest': { ingestId: newId(), items: [{ lead: { email: 'x@y.io', name: 'X' } }] },
        };
        for (const [needed, method, url] of ENDPOINTS) {
          const response = method === 'GET' ? await api.get(url) : await api.post(url, bodies[url]);
          if (needed === scope) {
            expect(response.status, url).toBe(200);
          } else {
            expect(response.status, url).toBe(403);
            expect(response.body.error.code).toBe('forbidden');
            expect(response.body.error.message).toContain(`needs the scope "${needed}"`);
          }
        }
        const [row] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE team_id = $1', [
          team.id,
        ]);
        // The push (rep) or the ingest (ingest) wrote its one lead; the export and admin tokens wrote nothing.
        expect(row?.n).toBe(scope === 'export' || scope === 'admin' ? 0 : 1);
      },
    );

    it('refuses the wrong scope before reading the body', async () => {
      const team = await h.team(undefined, ['ingest']);
      const response = await h.as(team.token).post('/v1/push', deepArray(10_000));
      expect(response.status).toBe(403);
    });

    it('says the scopes in /v1/me', async () => {
      const team = await h.team(undefined, ['rep', 'export']);
      const me = await h.as(team.token).get('/v1/me');
      expect(me.body.token).toEqual({ id: team.tokenId, rep: 'Sam', scopes: ['rep', 'export'] });
    });

    it('are chosen at issue-token (rep by default), listed, and checked', async () => {
      const teamId = (await runAdmin(['create-team', 'Scoped'], h.store)).out[1]?.replace('team id: ', '') ?? '';
      const issue = async (...args: string[]) => {
        const result = await runAdmin(['issue-token', teamId, ...args], h.store);
        return { ...result, token: result.out.find((line) => line.startsWith('hnd_')) ?? '' };
      };
      const rep = await issue('Sam');
      expect(rep.out[0]).toMatch(/scopes rep\)/);
      const tool = await issue('HubSpot', '--scope', 'ingest');
      const both = await issue('Marketing', '--scope=export,ingest');
      expect((await h.as(rep.token).get('/v1/me')).status).toBe(200);
      expect((await h.as(rep.token).get('/v1/dispositions')).status).toBe(403);
      expect((await h.as(tool.token).get('/v1/me')).status).toBe(403);
      expect(
        (await h.as(tool.token).ingest({ ingestId: 'i', items: [{ lead: { email: 'q@r.io', name: 'Q' } }] })).status,
      ).toBe(200);
      expect((await h.as(both.token).get('/v1/dispositions')).status).toBe(200);
      const listed = (await runAdmin(['list-tokens', teamId], h.store)).out;
      expect(listed.map((line) => line.match(/ {2}scopes (\S+)/)?.[1])).toEqual(['rep', 'ingest', 'ingest,export']);
      expect(await issue('Bad', '--scope', 'superuser')).toMatchObject({
        code: 1,
        out: [expect.stringMatching(/Unknown scope superuser/)],
      });
      expect((await issue('Bad', '--scope')).code).toBe(2);
      expect((await runAdmin(['list-teams', '--scope', 'rep'], h.store)).code).toBe(2);
    });
  });

  describe('tokens from before scopes', () => {
    let db: Database | undefined;
    afterAll(() => db?.close());

    it('keep every scope after the migration; new ones get only theirs; the column takes known scopes only', async () => {
      db = await backend.open();
      const [first, ...later] = readMigrations();
      if (!first) throw new Error('no migrations');
      await migrate(db, [first]);
      const token = `hnd_${'A'.repeat(43)}`;
      await db.query("INSERT INTO teams (id, name) VALUES ('T1', 'Old team')");
      await db.query("INSERT INTO tokens (id, team_id, rep, token_hash) VALUES ('K1', 'T1', 'Sam', $1)", [
        hashToken(token),
      ]);
      expect(await migrate(db, [first, ...later])).toEqual(later.map((m) => m.version));
      const store = new SyncStore(db);
      expect((await store.authenticate(token))?.scopes).toEqual(['rep', 'ingest', 'export']);
      const fresh = await store.issueToken('T1', 'New');
      expect((await store.authenticate(fresh.token))?.scopes).toEqual(['rep']);
      await expect(
        db.query(
          "INSERT INTO tokens (id, team_id, rep, token_hash, scopes) VALUES ('K3', 'T1', 'X', 'h3', '{superuser}')",
        ),
      ).rejects.toThrow(/tokens_scopes_known/);
      await expect(
        db.query("INSERT INTO tokens (id, team_id, rep, token_hash) VALUES ('K4', 'T1', 'X', 'h4')"),
      ).rejects.toThrow(/scopes/);
    });
  });

  describe('the request log (finding 7)', () => {
    it('writes paths without their query strings, and never the token', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const db = await backend.open();
      await migrate(db);
      const store = new SyncStore(db, { now: () => NOW });
      const app = await buildApp({ store, rateLimit: false, logger: { level: 'info', stream } });
      try {
        const team = await store.createTeam('Logged');
        const { token } = await store.issueToken(team.id, 'Sam', TOKEN_SCOPES);
        const headers = { authorization: `Bearer ${token}` };
        for (const url of [
          '/v1/dispositions?source=Secret%20Webinar&format=json',
          '/v1/pull?cursor=0&limit=7',
          '/nowhere?token=hnd_leaked',
        ]) {
          await app.inject({ method: 'GET', url, headers });
        }
        const log = lines.join('');
        expect(log).toContain('"url":"/v1/dispositions?[redacted]"');
        expect(log).toContain('"url":"/v1/pull?[redacted]"');
        expect(log).toContain('"url":"/nowhere?[redacted]"');
        for (const secret of ['Secret', 'limit=7', 'hnd_leaked', token]) expect(log).not.toContain(secret);
      } finally {
        await app.close();
        await db.close();
      }
    });
  });
});

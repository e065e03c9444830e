import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import { buildOpenApiDocument } from '../../server/openapi';
import { OPENAPI_FILE } from '../../server/write-openapi';
import { forEachBackend } from './support/backends';
import { TestClient, newLeadFields } from './support/data';
import { type Harness, startHarness } from './support/harness';

const ENDPOINTS = [
  'GET /health',
  'GET /openapi.json',
  'GET /v1/me',
  'GET /v1/team/reps',
  'POST /v1/push',
  'GET /v1/pull',
  'POST /v1/ingest',
  'GET /v1/dispositions',
  'GET /v1/crm/status',
  'GET /v1/crm/connection',
  'PUT /v1/crm/connection',
  'PATCH /v1/crm/connection',
  'DELETE /v1/crm/connection',
  'POST /v1/crm/requeue',
];

const SCOPE_OF: Record<string, string> = {
  '/v1/me': 'rep',
  '/v1/team/reps': 'rep',
  '/v1/push': 'rep',
  '/v1/pull': 'rep',
  '/v1/ingest': 'ingest',
  '/v1/dispositions': 'export',
  '/v1/crm/status': 'rep',
  '/v1/crm/connection': 'admin',
  '/v1/crm/requeue': 'admin',
};

/** Every `$ref` in a JSON document. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' ? [String(inner)] : refs(inner)));
  }
  return [];
}

describe('OpenAPI document', () => {
  it('is the committed server/openapi.json (run `npm run server:openapi` after changing the contract)', () => {
    expect(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'))).toEqual(buildOpenApiDocument());
  });

  it('is OpenAPI 3.1 listing every endpoint, with every reference resolving', () => {
    const doc = JSON.parse(JSON.stringify(buildOpenApiDocument()));
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual([...ENDPOINTS].sort());
    for (const ref of refs(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas, ref).toHaveProperty(name);
    }
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    )) {
      for (const operation of Object.values(methods)) {
        expect(operation.responses, path).toHaveProperty('200');
        // Each /v1 operation names the token scope it needs (OpenAPI 3.1 roles on a bearer scheme).
        if (path.startsWith('/v1/')) expect(operation.security, path).toEqual([{ bearer: [SCOPE_OF[path]] }]);
      }
    }
    // The push body's schema carries the domain's own rules, e.g. the ULID pattern and the tables.
    const push = JSON.stringify(doc.components.schemas.PushRequest);
    for (const table of ['leads', 'qualifications', 'events', 'dispositions', 'activities'])
      expect(push).toContain(table);
    expect(push).toContain('^[0-9A-HJKMNP-TV-Z]{26}$');
  });
});

forEachBackend((backend) => {
  describe('endpoints', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    it('serves health and the OpenAPI document without a token', async () => {
      const health = await h.as(undefined).get('/health');
      expect(health).toMatchObject({ status: 200, body: { ok: true, database: backend.name } });
      const doc = await h.as(undefined).get('/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    });

    it('answers every documented endpoint (no 404s) and unknown ones with a JSON 404', async () => {
      const team = await h.team();
      for (const endpoint of ENDPOINTS) {
        const [method, url] = endpoint.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
        const body = method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' };
        const response = await h.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
          ...body,
        });
        // PATCH of a connection the team does not have is a JSON 404 of its own, not a missing route.
        if (response.statusCode === 404) expect(response.json().error.message, endpoint).not.toMatch(/^No route/);
      }
      const missing = await h.as(team.token).get('/v1/nothing?x=1');
      expect(missing).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found', message: 'No route GET /v1/nothing' } },
      });
    });

    it.each([
      ['null', 'null'],
      ['an array', '[]'],
      ['a string', '"push"'],
      ['a wrong clientId type', '{"clientId": 1, "changes": []}'],
      ['no changes', '{"clientId": "a", "changes": []}'],
      ['malformed JSON', '{"clientId": '],
      ['a prototype-poisoning key', '{"clientId": "a", "__proto__": {"admin": true}, "changes": []}'],
      ['a huge number', `{"clientId": "a", "changes": [{"table": "events", "recordId": "${'9'.repeat(400)}"}]}`],
      ['deep nesting', `${'['.repeat(2000)}${']'.repeat(2000)}`],
    ])('refuses %s with a 4xx, never a 500', async (_what, payload) => {
      const team = await h.team();
      for (const url of ['/v1/push', '/v1/ingest']) {
        const response = await h.as(team.token).post(url, payload);
        expect(response.status, url).toBeGreaterThanOrEqual(400);
        expect(response.status, url).toBeLessThan(500);
        expect(response.body.error.code).toMatch(/invalid_request|payload_too_large/);
      }
    });

    it.each([
      ['a NUL character', 'Jane\\u0000Doe'],
      ['an unpaired surrogate', 'Jane\\ud800Doe'],
    ])('refuses text PostgreSQL cannot store (%s) with 400, in bodies and queries', async (_what, escaped) => {
      const team = await h.team();
      const sam = new TestClient('sam');
      const body = JSON.stringify(sam.batch(sam.lead(newId(), newLeadFields()))).replace('Jane Doe', escaped);
      const push = await h.as(team.token).post('/v1/push', body);
      expect(push.status).toBe(400);
      expect(push.body.error.issues[0].path).toBe('changes.0.fields.person.name');
      const query = await h.as(team.token).get('/v1/dispositions?source=Jane%00Doe');
      expect(query.status).toBe(400);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const team = await h.team();
      const response = await h.as(team.token).post('/v1/push', 'clientId=a', { 'content-type': 'text/plain' });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
    });
  });

  describe('limits', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { bodyLimit: 4096, rateLimit: { max: 3, windowMs: 3_600_000 } });
    });
    afterAll(() => h.close());

    it('refuses a body over the limit with 413 and writes nothing', async () => {
      const team = await h.team();
      const sam = new TestClient('sam');
      const leadId = newId();
      const big = sam.batch(
        sam.lead(leadId, newLeadFields()),
        ...Array.from({ length: 30 }, () => sam.event(leadId, { details: { note: 'x'.repeat(100) } })),
      );
      const response = await h.as(team.token).push(big);
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('payload_too_large');
      const [row] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE team_id = $1', [
        team.id,
      ]);
      expect(row?.n).toBe(0);
    });

    it('limits requests per token with 429 and Retry-After; other tokens and health are not affected', async () => {
      const a = await h.team();
      const b = await h.team();
      for (let i = 0; i < 3; i++) expect((await h.as(a.token).get('/v1/me')).status).toBe(200);
      const limited = await h.as(a.token).get('/v1/me');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await h.as(b.token).get('/v1/me')).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await h.as(undefined).get('/health')).status).toBe(200);
    });
  });
});

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type RateLimitOptions } from '../../../server/app';
import { TOKEN_SCOPES, type TokenScope } from '../../../lib/replication/contract';
import type { Database } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { type Principal, SyncStore } from '../../../server/store';
import type { Backend } from './backends';

/** The server's "now" in tests: Monday 2026-11-23 12:00 UTC (as tests/support/factories.ts). */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const DAY = 86_400_000;

export interface TeamContext {
  id: string;
  name: string;
  token: string;
  tokenId: string;
  principal: Principal;
}

export interface Harness {
  db: Database;
  store: SyncStore;
  app: FastifyInstance;
  clock: { now: number };
  /** A new team with one token, of every scope unless `scopes` says otherwise (as a token from before scopes). */
  team(name?: string, scopes?: readonly TokenScope[]): Promise<TeamContext>;
  /** An HTTP client as a token (in-process, no socket), from 127.0.0.1 or the address `from`. */
  as(token: string | undefined, from?: string): Api;
  close(): Promise<void>;
}

export interface HarnessOptions {
  bodyLimit?: number;
  rateLimit?: RateLimitOptions | false;
  /** An already migrated database to reuse (restart tests). */
  db?: Database;
  /** The key CRM secrets are encrypted with (none: a CRM cannot be connected). */
  secretKey?: Buffer;
}

/** A migrated database on `backend`, a store with a settable clock, and the app over it. */
export async function startHarness(backend: Backend, options: HarnessOptions = {}): Promise<Harness> {
  const db = options.db ?? (await backend.open());
  await migrate(db);
  const clock = { now: NOW };
  const store = new SyncStore(db, { now: () => clock.now, secretKey: options.secretKey });
  const app = await buildApp({ store, rateLimit: options.rateLimit ?? false, bodyLimit: options.bodyLimit });
  let count = 0;
  return {
    db,
    store,
    app,
    clock,
    async team(name = `Team ${++count}`, scopes: readonly TokenScope[] = TOKEN_SCOPES) {
      const team = await store.createTeam(name);
      const token = await store.issueToken(team.id, 'Sam', scopes);
      return {
        id: team.id,
        name: team.name,
        token: token.token,
        tokenId: token.id,
        principal: { teamId: team.id, teamName: team.name, tokenId: token.id, rep: 'Sam', scopes: token.scopes },
      };
    },
    as: (token, from) => api(app, token, from),
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: LightMyRequestResponse['headers'];
}

/** Replies read as loosely as the JSON they are: tests assert on their shape. */
// biome-ignore lint/suspicious/noExplicitAny: a reply body's type is whatever the test asserts it to be.
type Json = any;

export interface Api {
  get<T = Json>(url: string): Promise<Reply<T>>;
  post<T = Json>(url: string, body: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  push<T = Json>(body: unknown): Promise<Reply<T>>;
  pull<T = Json>(cursor?: string, limit?: number): Promise<Reply<T>>;
  ingest<T = Json>(body: unknown): Promise<Reply<T>>;
}

function api(app: FastifyInstance, token: string | undefined, remoteAddress?: string): Api {
  const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const wrap = (response: LightMyRequestResponse): Reply => {
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      body: type.includes('json') ? response.json() : response.body,
      text: response.body,
      headers: response.headers,
    };
  };
  const from = remoteAddress === undefined ? {} : { remoteAddress };
  const get = async (url: string) => wrap(await app.inject({ method: 'GET', url, headers: auth, ...from }));
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
    wrap(
      await app.inject({
        method: 'POST',
        url,
        ...from,
        headers: { 'content-type': 'application/json', ...auth, ...headers },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return {
    get,
    post,
    push: (body) => post('/v1/push', body),
    pull: (cursor = '0', limit) => get(`/v1/pull?cursor=${cursor}${limit === undefined ? '' : `&limit=${limit}`}`),
    ingest: (body) => post('/v1/ingest', body),
  } as Api;
}

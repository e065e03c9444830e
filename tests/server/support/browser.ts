import type { FastifyInstance } from 'fastify';
import { createRepositories, type Repositories } from '../../../lib/db';
import { fromLeadRow } from '../../../lib/db/leads';
import type { HandoffDb } from '../../../lib/db/db';
import type { Fetch } from '../../../lib/sync/client';
import { SyncService } from '../../../lib/sync/service';
import { testDb } from '../../support/db';

/** The base URL the in-process server answers on in these tests (no socket is opened). */
export const SERVER_URL = 'https://sync.test';

/**
 * `fetch` onto the in-process server (Fastify's `inject`): the extension's real HTTP
 * client, minus the network. Deterministic: nothing runs on a timer.
 */
export function injectFetch(app: FastifyInstance): Fetch {
  return async (url, init) => {
    const { pathname, search } = new URL(url);
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      url: pathname + search,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(response.body, { status: response.statusCode, headers });
  };
}

/** A fault the test injects into one request: drop the answer, or answer for the server. */
export type Fault =
  | 'drop-request'
  | 'drop-response'
  | { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * Wraps `fetch` so that a test can make the next requests fail as a network does: the
 * request lost before the server saw it, or the server's answer lost after it acted.
 */
export function faultyFetch(inner: Fetch) {
  const faults: { match: (url: string) => boolean; fault: Fault }[] = [];
  const calls: string[] = [];
  const fetch: Fetch = async (url, init) => {
    const { pathname } = new URL(url);
    calls.push(`${init.method ?? 'GET'} ${pathname}`);
    const index = faults.findIndex((f) => f.match(pathname));
    const fault = index < 0 ? undefined : faults.splice(index, 1)[0]?.fault;
    if (fault === 'drop-request') throw new TypeError('Failed to fetch');
    if (fault === 'drop-response') {
      await inner(url, init);
      throw new TypeError('Failed to fetch');
    }
    if (fault) {
      return new Response(JSON.stringify(fault.body ?? {}), {
        status: fault.status,
        headers: { 'content-type': 'application/json', ...fault.headers },
      });
    }
    return inner(url, init);
  };
  return {
    fetch,
    calls,
    /** The next request to a path ending in `path` fails with `fault`. */
    fail(path: string, fault: Fault) {
      faults.push({ match: (p) => p.endsWith(path), fault });
    },
  };
}

/** A settable wall clock shared by a test's browsers. */
export interface World {
  now: number;
}

/** One browser profile with the extension: its own database, repositories and sync service. */
export interface Browser {
  name: string;
  db: HandoffDb;
  repos: Repositories;
  service: SyncService;
  net: ReturnType<typeof faultyFetch>;
  close(): void;
}

/**
 * A browser whose clock is `world` and whose network reaches `app` in process (through
 * injectable faults), or goes through the given `fetch` (the fault-injection proxy's).
 */
export function openBrowser(
  name: string,
  app: FastifyInstance | { fetch: Fetch },
  world: World,
  options: { pullLimit?: number; maxChanges?: number; random?: () => number } = {},
): Browser {
  const db = testDb();
  // The repositories stamp with the shared world clock, so edits in a test are ordered as made.
  const repos = createRepositories(db, { now: () => world.now });
  const net = faultyFetch('fetch' in app ? app.fetch : injectFetch(app));
  const service = new SyncService({
    repo: repos.sync,
    fetch: net.fetch,
    now: () => world.now,
    random: options.random ?? (() => 0.5),
    ...(options.pullLimit !== undefined && { pullLimit: options.pullLimit }),
    ...(options.maxChanges !== undefined && { maxChanges: options.maxChanges }),
  });
  return { name, db, repos, service, net, close: () => db.close() };
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** Everything a browser stores that sync carries, in a comparable order. */
export async function stored(b: Pick<Browser, 'db'>) {
  const { db } = b;
  return {
    leads: byId((await db.leads.toArray()).map(fromLeadRow)),
    events: byId(await db.events.toArray()),
    qualifications: (await db.qualifications.toArray()).sort((x, y) => (x.leadId < y.leadId ? -1 : 1)),
    dispositions: byId(await db.dispositions.toArray()),
    activities: byId(await db.activities.toArray()),
  };
}

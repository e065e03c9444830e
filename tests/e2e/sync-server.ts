import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app';
import { type DispositionsResponse, DispositionsResponseSchema } from '../../lib/replication/contract';
import { openEmbedded } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { SyncStore } from '../../server/store';
import { EXTENSION_DIR } from './harness';

/** A rep's token, as `server:admin issue-token` prints it. */
export interface RepToken {
  rep: string;
  token: string;
}

export interface TestSyncServer {
  /** What a rep types in the options page: `http://127.0.0.1:<port>`. */
  url: string;
  team: { id: string; name: string };
  /** One token per rep asked for, in order. */
  tokens: RepToken[];
  /** `GET /v1/dispositions` as marketing reads it, with the team's export token. */
  dispositions(): Promise<DispositionsResponse>;
  /** The same as CSV. */
  dispositionsCsv(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The sync server as `npm run server` runs it (buildApp over the store, default rate limit),
 * on the embedded PGlite in memory and a free port on 127.0.0.1: plain http, which the
 * extension accepts only for localhost and 127.0.0.1 (lib/sync/server-url.ts). The team and
 * the reps' tokens come from the store's admin methods, as `server:admin` makes them.
 */
export async function startSyncServer(teamName: string, reps: readonly string[]): Promise<TestSyncServer> {
  const db = await openEmbedded('memory');
  await migrate(db);
  const store = new SyncStore(db);
  const app = await buildApp({ store });
  try {
    const team = await store.createTeam(teamName);
    const tokens: RepToken[] = [];
    for (const rep of reps) tokens.push({ rep, token: (await store.issueToken(team.id, rep)).token });
    // Marketing's own token: a rep's (scope `rep`) may push and pull, not export.
    const exporter = (await store.issueToken(team.id, 'marketing', ['export'])).token;
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL(address).origin;
    const get = (token: string, path: string) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => {
        if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
        return response;
      });
    return {
      url,
      team,
      tokens,
      dispositions: async () =>
        DispositionsResponseSchema.parse(await (await get(exporter, '/v1/dispositions')).json()),
      dispositionsCsv: async () => (await get(exporter, '/v1/dispositions?format=csv')).text(),
      async close() {
        try {
          await app.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await app.close().catch(() => {});
    await store.close().catch(() => {});
    throw error;
  }
}

/**
 * A copy of the built extension whose manifest also lists `origin` (a match pattern,
 * `http://127.0.0.1/*`) in `host_permissions`, for tests that turn sync on against a local
 * server. Why: the options page asks for the server's origin with `permissions.request`
 * inside the rep's click, and Chromium answers an optional origin not yet granted with a
 * permission dialog that automation cannot answer: in headless Chromium the request stays
 * pending for good. An origin the manifest already grants is answered `true` at once,
 * without a dialog, so the options page, the background, its fetches and alarms all run
 * unchanged. The product's manifest keeps it optional (wxt.config.ts); this copy is never shipped.
 */
export async function extensionGranting(origin: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'handoff-ext-sync-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), origin];
  await writeFile(path, JSON.stringify(manifest));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import type { PullResponse, PushResponse } from '../../lib/replication/contract';
import { openEmbedded } from '../../server/db/database';
import { TestClient, newLeadFields } from './support/data';
import { startHarness } from './support/harness';
import { backends } from './support/backends';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-server-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const embedded = backends().find((b) => b.name === 'embedded');
if (!embedded) throw new Error('no embedded backend');

describe('embedded data directory', () => {
  it('keeps everything across a restart, and the sequence goes on', async () => {
    const dir = tempDir();
    const sam = new TestClient('sam');
    const leadId = newId();
    const first = await startHarness(embedded, { db: await openEmbedded({ dataDir: dir }) });
    const team = await first.team();
    await first.as(team.token).push(sam.batch(sam.lead(leadId, newLeadFields()), sam.event(leadId)));
    await first.close();
    expect(existsSync(join(dir, 'server.pid'))).toBe(false);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('*\n');

    const second = await startHarness(embedded, { db: await openEmbedded({ dataDir: dir }) });
    try {
      const api = second.as(team.token);
      const pulled = await api.pull<PullResponse>('0');
      expect(pulled.body.records.map((r) => r.seq)).toEqual([1, 2]);
      const next = await api.push<PushResponse>(sam.batch(sam.event(leadId)));
      expect(next.body.results[0]).toMatchObject({ status: 'applied', seq: 3 });
    } finally {
      await second.close();
    }
  });

  it('refuses a second process on a directory in use, and takes over one left by a dead process', async () => {
    const dir = tempDir();
    const db = await openEmbedded({ dataDir: dir });
    try {
      await expect(
        run(TSX, ['server/admin.ts', 'list-teams'], { cwd: ROOT, env: { ...process.env, HANDOFF_DATA_DIR: dir } }),
      ).rejects.toMatchObject({ stderr: expect.stringMatching(/in use by process \d+/) });
    } finally {
      await db.close();
    }
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => dead.once('exit', done));
    writeFileSync(join(dir, 'server.pid'), String(dead.pid));
    const again = await openEmbedded({ dataDir: dir });
    expect(readFileSync(join(dir, 'server.pid'), 'utf8')).toBe(String(process.pid));
    await again.close();
  });
});

/** Waits for a line matching `pattern` on the child's output. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) resolvePromise(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${seen}`)));
  });
}

describe('npm run server and server:admin', () => {
  it('create a team and a token, serve it, and stop cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const env = { ...process.env, HANDOFF_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info' };
    const created = await run(TSX, ['server/admin.ts', 'create-team', 'Acme SDRs'], { cwd: ROOT, env });
    const teamId = /team id: (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(teamId).toMatch(/^[0-9A-Z]{26}$/);
    const issued = await run(TSX, ['server/admin.ts', 'issue-token', teamId, 'Sam'], { cwd: ROOT, env });
    const token = /^hnd_\S+$/m.exec(issued.stdout)?.[0] ?? '';
    expect(token).not.toBe('');

    const server = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [, url] = await waitFor(server, /Handoff sync server on (http:\/\/[^\s]+) \(/);
      const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ team: { id: teamId, name: 'Acme SDRs' }, token: { rep: 'Sam' } });
      expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((done) => server.once('exit', done));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(existsSync(join(dir, 'server.pid'))).toBe(false);
  });
});

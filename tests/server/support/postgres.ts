import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for the server tests: initdb in a temporary directory,
 * started on a free port with durability off (tests need speed, not crash safety), stopped
 * and deleted after the run. PostgreSQL refuses to run as root, so as root the binaries run
 * as the `postgres` user that Debian's package creates. TEST_DATABASE_URL skips all of this
 * and uses that server instead.
 */
export type PostgresForTests = { url: string; stop: () => Promise<void> } | { skip: string };

/** Debian's layout (/usr/lib/postgresql/<major>/bin, newest first), PG_BIN, or the PATH. */
export function findPostgresBin(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'pg_ctl'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) if (existsSync(join(root, major, 'bin', 'pg_ctl'))) return join(root, major, 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A running throwaway cluster. */
export interface Cluster {
  url: string;
  /** Stops it and deletes its files. */
  stop(): void;
}

/**
 * initdb in a temporary directory and pg_ctl start on a free port of 127.0.0.1, as the
 * `postgres` user when root. `durable: false` turns fsync, synchronous commit and full-page
 * writes off (tests need speed); `true` keeps PostgreSQL's defaults (the bench measures what a
 * team's server does). Throws, with PostgreSQL's own words, when it cannot start.
 */
export async function startCluster(bin: string, options: { durable: boolean; prefix: string }): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' });

  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  const fast = options.durable
    ? { initdb: [], server: '' }
    : {
        initdb: ['--no-sync'],
        server: ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
      };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', ...fast.initdb, '--no-instructions']);
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast.server}`;
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start PostgreSQL with ${bin}: ${stderr || error}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', options.durable ? 'fast' : 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function startPostgres(): Promise<PostgresForTests> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => {} };
  const bin = findPostgresBin();
  if (!bin) {
    return {
      skip: 'no PostgreSQL binaries found (apt-get install postgresql, set PG_BIN, or set TEST_DATABASE_URL)',
    };
  }
  let cluster: Cluster;
  try {
    cluster = await startCluster(bin, { durable: false, prefix: 'handoff-pg-' });
  } catch (error) {
    throw new Error(`Could not start a test PostgreSQL: ${(error as Error).message}`);
  }
  return { url: cluster.url, stop: async () => cluster.stop() };
}

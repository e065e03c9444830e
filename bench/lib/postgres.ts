import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin, freePort } from '../../tests/server/support/postgres';

/**
 * A throwaway PostgreSQL cluster for the sync figures. Unlike the test cluster
 * (tests/server/support/postgres.ts: fsync, synchronous_commit and full_page_writes off, for
 * speed), this one keeps PostgreSQL's durable defaults: a team's server commits to disk, and
 * a push figure measured without that would flatter it. As root the binaries run as the
 * `postgres` user (PostgreSQL refuses root). BENCH_DATABASE_URL uses an existing server instead.
 */
export type BenchPostgres = { url: string; stop: () => void } | { skip: string };

export async function startBenchPostgres(): Promise<BenchPostgres> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  const bin = findPostgresBin();
  if (!bin) return { skip: 'no PostgreSQL binaries (apt-get install postgresql, PG_BIN, or BENCH_DATABASE_URL)' };
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-instructions']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    return { skip: `could not start PostgreSQL with ${bin}: ${stderr || error}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

import { findPostgresBin, startCluster } from '../../tests/server/support/postgres';

/**
 * A throwaway PostgreSQL cluster for the sync figures. Unlike the test cluster
 * (tests/server/support/postgres.ts: fsync, synchronous_commit and full_page_writes off, for
 * speed), this one keeps PostgreSQL's durable defaults: a team's server commits to disk, and
 * a push figure measured without that would flatter it. BENCH_DATABASE_URL uses an existing
 * server instead.
 */
export type BenchPostgres = { url: string; stop: () => void } | { skip: string };

export async function startBenchPostgres(): Promise<BenchPostgres> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  const bin = findPostgresBin();
  if (!bin) return { skip: 'no PostgreSQL binaries (apt-get install postgresql, PG_BIN, or BENCH_DATABASE_URL)' };
  try {
    return await startCluster(bin, { durable: true, prefix: 'handoff-bench-pg-' });
  } catch (error) {
    return { skip: (error as Error).message };
  }
}

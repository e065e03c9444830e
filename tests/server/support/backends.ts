import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { type Database, openEmbedded, openPostgres } from '../../../server/db/database';

/** A database engine the server runs on; every store and HTTP test runs on each. */
export interface Backend {
  name: 'embedded' | 'postgres';
  label: string;
  /** Why this backend's tests are skipped, or false. */
  skip: string | false;
  /** A fresh, empty database (not migrated). */
  open(): Promise<Database>;
  /** A fresh database that can be closed and opened again, as a server restart does. */
  durable(): Promise<DurableDatabase>;
}

/** A database that outlives its connections: `open` again after `close` finds it as it was. */
export interface DurableDatabase {
  open(): Promise<Database>;
  /** Deletes it (after the last connection was closed). */
  dispose(): Promise<void>;
}

/**
 * A fresh schema in the test PostgreSQL, dropped when the database is closed: test files
 * run in parallel on one cluster without seeing each other's rows or migrations.
 */
export async function openPostgresSchema(url: string): Promise<Database> {
  const durable = await postgresSchema(url);
  const db = await durable.open();
  return {
    ...db,
    async close() {
      await db.close();
      await durable.dispose();
    },
  };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh schema in the test PostgreSQL: each `open` is a new pool on it, as a restarted server's. */
async function postgresSchema(url: string): Promise<DurableDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE SCHEMA ${schema}`);
  return {
    open: () => openPostgres({ connectionString: url, schema, max: 8 }),
    dispose: () => admin(url, `DROP SCHEMA ${schema} CASCADE`),
  };
}

/** A data directory for the embedded engine: a restart reopens its files. */
function embeddedDirectory(): DurableDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), 'handoff-server-'));
  return {
    open: () => openEmbedded({ dataDir }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export function backends(): Backend[] {
  const url = inject('postgresUrl');
  const skip = url ? false : inject('postgresSkip') || 'no PostgreSQL';
  return [
    {
      name: 'embedded',
      label: 'embedded (PGlite)',
      skip: false,
      open: () => openEmbedded('memory'),
      durable: async () => embeddedDirectory(),
    },
    {
      name: 'postgres',
      label: url ? 'PostgreSQL' : `PostgreSQL (SKIPPED: ${skip})`,
      skip,
      open: () => openPostgresSchema(url ?? ''),
      durable: () => postgresSchema(url ?? ''),
    },
  ];
}

/** Declares `suite` once per backend; a backend without its engine is skipped, saying why. */
export function forEachBackend(suite: (backend: Backend) => void): void {
  for (const backend of backends()) describe.skipIf(backend.skip !== false)(backend.label, () => suite(backend));
}

import { randomBytes } from 'node:crypto';
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
}

/**
 * A fresh schema in the test PostgreSQL, dropped when the database is closed: test files
 * run in parallel on one cluster without seeing each other's rows or migrations.
 */
export async function openPostgresSchema(url: string): Promise<Database> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await openPostgres({ connectionString: url, schema, max: 8 });
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

export function backends(): Backend[] {
  const url = inject('postgresUrl');
  const skip = url ? false : inject('postgresSkip') || 'no PostgreSQL';
  return [
    { name: 'embedded', label: 'embedded (PGlite)', skip: false, open: () => openEmbedded('memory') },
    {
      name: 'postgres',
      label: url ? 'PostgreSQL' : `PostgreSQL (SKIPPED: ${skip})`,
      skip,
      open: () => openPostgresSchema(url ?? ''),
    },
  ];
}

/** Declares `suite` once per backend; a backend without its engine is skipped, saying why. */
export function forEachBackend(suite: (backend: Backend) => void): void {
  for (const backend of backends()) describe.skipIf(backend.skip !== false)(backend.label, () => suite(backend));
}

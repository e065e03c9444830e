import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;
// Any constant will do: it only has to be the same for every server process on a database.
const MIGRATION_LOCK = 727_001;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** The migrations in `dir` (`NNN_name.sql`), in version order. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .flatMap((file) => {
      const match = FILE.exec(file);
      return match?.[1] && match[2]
        ? [{ version: match[1], name: match[2], sql: readFileSync(join(dir, file), 'utf8') }]
        : [];
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Brings the schema up to date: each migration not yet recorded in `schema_migrations`
 * runs in its own transaction together with its record, so a failing one leaves nothing
 * half-applied. An advisory lock lets two servers start on one database at once. Refuses a
 * database that has migrations this server does not know (a newer server ran on it).
 * Returns the versions applied now.
 */
export async function migrate(db: Database, migrations: Migration[] = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  const known = new Set(migrations.map((m) => m.version));
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    text PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const unknown = (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).filter(
      (row) => !known.has(row.version),
    );
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this server does not know (${unknown.map((r) => r.version).join(', ')}): ` +
          'run a newer server.',
      );
    }
  });
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}

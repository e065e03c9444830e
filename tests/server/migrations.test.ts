import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { migrate, readMigrations } from '../../server/db/migrate';
import { forEachBackend } from './support/backends';

const TABLES = [
  'applied_changes',
  'crm_connections',
  'crm_contacts',
  'crm_outbox',
  'lead_keys',
  'records',
  'schema_migrations',
  'teams',
  'tokens',
];

async function tables(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

forEachBackend((backend) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('applies every migration once, recorded in schema_migrations; a second start applies none', async () => {
    db = await backend.open();
    const all = readMigrations().map((m) => m.version);
    expect(all[0]).toBe('001');
    expect(await migrate(db)).toEqual(all);
    expect(await tables(db)).toEqual(TABLES);
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.map((r) => r.version)).toEqual(all);
  });

  it('rolls a failing migration back whole, records nothing, and applies it once fixed', async () => {
    db = await backend.open();
    const base = readMigrations();
    const broken = { version: '900', name: 'broken', sql: 'CREATE TABLE extra (id int); SELECT no_such_function();' };
    await expect(migrate(db, [...base, broken])).rejects.toThrow(/no_such_function/);
    expect(await tables(db)).not.toContain('extra');
    expect((await db.query("SELECT 1 FROM schema_migrations WHERE version = '900'")).length).toBe(0);
    expect(await migrate(db, [...base, { ...broken, sql: 'CREATE TABLE extra (id int);' }])).toEqual(['900']);
    expect(await tables(db)).toContain('extra');
  });

  it('refuses a database migrated by a newer server', async () => {
    db = await backend.open();
    const base = readMigrations();
    await migrate(db, [...base, { version: '901', name: 'future', sql: 'SELECT 1;' }]);
    await expect(migrate(db, base)).rejects.toThrow(/does not know \(901\)/);
  });

  it('lets two servers start on one database at once', async () => {
    db = await backend.open();
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    expect([...(a ?? []), ...(b ?? [])].sort()).toEqual(readMigrations().map((m) => m.version));
  });
});

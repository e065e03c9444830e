import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small interface over PostgreSQL (node-postgres) and the embedded PGlite, so the
 * store runs the same SQL on both. Parameters are positional (`$1`); JSON goes in as text
 * cast to `jsonb`, lists as a JSON array (`jsonb_array_elements_text`), because the two
 * drivers serialise JS arrays and objects differently.
 */
export interface Sql {
  /** Runs one statement and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements (migrations), without parameters. */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'embedded' | 'postgres';
  /**
   * Runs `work` in one transaction (READ COMMITTED): committed when it resolves, rolled back
   * when it throws. Queries on `tx` belong to the transaction; queries on the database
   * itself do not (PGlite has one connection, so they wait until it ends).
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Told after a commit that wrote `rows` records. PostgreSQL's autovacuum keeps the
   * planner's statistics fresh by itself; the embedded engine has none, so without this its
   * planner never learns that a table grew (the pull then reads every record after the
   * cursor and sorts them, for each page: quadratic in the team's records).
   */
  wrote(rows: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * When the embedded engine analyzes: as PostgreSQL's autovacuum does by default (50 rows
 * plus 10% of the table changed), with a larger floor, since analyzing PGlite's tables
 * blocks its one connection for a moment.
 */
export const EMBEDDED_ANALYZE = { rows: 1000, fraction: 0.1 };

const INT8 = 20;
// Sequence numbers are bigint in SQL; they stay far below 2^53, and both drivers would
// otherwise hand them over in different types (string from pg, BigInt from PGlite).
const toNumber = (value: string) => Number(value);

/** Where the embedded database lives: a directory, or `memory` for a throwaway one (tests). */
export type EmbeddedLocation = { dataDir: string } | 'memory';

/**
 * Opens the embedded engine. A data directory is locked by a pid file: PGlite is one
 * process's database, and a second process (say `server:admin` while the server runs) on
 * the same files would corrupt them, so it is refused with a message saying why.
 */
export async function openEmbedded(location: EmbeddedLocation): Promise<Database> {
  let release = () => {};
  let dataDir: string | undefined;
  if (location !== 'memory') {
    const dir = resolve(location.dataDir);
    mkdirSync(dir, { recursive: true });
    // The default directory sits in the working tree: keep it out of git without asking anyone.
    if (!existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), '*\n');
    release = lockDirectory(join(dir, 'server.pid'));
    dataDir = join(dir, 'pgdata');
  }
  let db: PGlite;
  try {
    db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), parsers: { [INT8]: toNumber } });
  } catch (error) {
    release();
    throw error;
  }
  const sql = (handle: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await handle.query<R>(text, [...params])).rows;
    },
    async exec(script: string) {
      await handle.exec(script);
    },
  });
  // Rows written since the last ANALYZE, and the rows there were then (from this process's
  // writes: a restart starts low, and analyzes a little early once).
  let written = 0;
  let analyzed = 0;
  return {
    kind: 'embedded',
    ...sql(db),
    transaction: (work) => db.transaction((tx) => work(sql(tx))),
    async wrote(rows) {
      written += rows;
      if (written < EMBEDDED_ANALYZE.rows + EMBEDDED_ANALYZE.fraction * analyzed) return;
      analyzed += written;
      written = 0;
      await db.exec('ANALYZE');
    },
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

function lockDirectory(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new Error(
          `The data directory is in use by process ${pid} (${path}). The embedded database serves one process: ` +
            'stop the server before running admin commands on it, or use DATABASE_URL.',
        );
      }
      // A crashed process left its pid file: take the directory over.
      unlinkSync(path);
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to work in (tests isolate themselves in a fresh one); `public` otherwise. */
  schema?: string;
  /** Pool size; pushes of one team wait for each other anyway (the team row lock). */
  max?: number;
}

/** Connects to a PostgreSQL server through a pool. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (a database restart) must not crash the server.
  pool.on('error', () => {});
  const sql = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await client.query(text, [...params])).rows as R[];
    },
    async exec(script: string) {
      await client.query(script);
    },
  });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...sql(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(sql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    // Autovacuum analyzes a table that grew.
    wrote: async () => {},
    close: () => pool.end(),
  };
}

export interface DatabaseConfig {
  /** A PostgreSQL URL; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** The embedded engine's directory (ignored with a URL). */
  dataDir: string;
}

/** The database the server runs on: PostgreSQL when a URL is given, else the embedded engine. */
export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.databaseUrl
    ? openPostgres({ connectionString: config.databaseUrl })
    : openEmbedded({ dataDir: config.dataDir });
}

import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Activity, ActivityInput } from '../../lib/domain/activity';
import { ActivitySchema } from '../../lib/domain/activity';
import { newId } from '../../lib/domain/ids';
import type { Lead } from '../../lib/domain/lead';
import { HandoffDb, type IndexedDbDeps } from '../../lib/db/db';
import { createRepositories, type Repositories } from '../../lib/db/index';
import { NOW } from './factories';

let counter = 0;

/** A private IndexedDB: nothing one test writes can be seen by another. */
export function isolatedIndexedDb(): IndexedDbDeps {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A fresh database with a unique name, on its own fake IndexedDB. */
export function testDb(deps: IndexedDbDeps = isolatedIndexedDb()): HandoffDb {
  counter += 1;
  return new HandoffDb(`handoff-test-${counter}`, deps);
}

/** A settable clock, starting at {@link NOW}. */
export interface TestClock {
  now: number;
}

/** A fresh database, its repositories and the clock they stamp with. */
export function setupRepositories(): Repositories & { db: HandoffDb; clock: TestClock } {
  const db = testDb();
  const clock: TestClock = { now: NOW };
  return { db, clock, ...createRepositories(db, { now: () => clock.now }) };
}

/**
 * Creates database `name` at an old `version` with a raw Dexie (no app code), lets `seed`
 * write rows in that version's shape, and closes it: the starting point of a migration test,
 * which then opens the current `HandoffDb` on the same `deps` and checks what it finds.
 */
export async function seedVersion(
  name: string,
  version: number,
  stores: Readonly<Record<string, string | null>>,
  seed: (db: Dexie) => Promise<unknown>,
  deps: IndexedDbDeps = {},
): Promise<void> {
  const raw = new Dexie(name, deps);
  raw.version(version).stores({ ...stores });
  try {
    await raw.open();
    await raw.transaction('rw', raw.tables, () => seed(raw));
  } finally {
    raw.close();
  }
}

/**
 * Makes IndexedDB itself fail the writes to `table` of rows matching `refuse`, as a full
 * disk would: the row is made uncloneable, so its request fails inside IndexedDB
 * (DataCloneError) after any earlier request of the same transaction has succeeded. That is
 * what proves a rollback; a Dexie hook would fail before anything reached IndexedDB.
 * Install before the database opens (Dexie builds its middleware stack on open).
 */
export function refuseWrites(db: Dexie, table: string, refuse: (row: Record<string, unknown>) => boolean): void {
  db.use({
    stack: 'dbcore',
    name: `refuse-writes-${table}`,
    create: (down) => ({
      ...down,
      table: (name) => {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: (req) => {
            if (req.type !== 'add' && req.type !== 'put') return inner.mutate(req);
            const values = req.values.map((row: Record<string, unknown>) =>
              refuse(row) ? { ...row, unstorable: () => undefined } : row,
            );
            return inner.mutate({ ...req, values });
          },
        };
      },
    }),
  });
}

/** A valid activity for `lead` (a call that connected at {@link NOW}), with overrides. */
export function makeActivity(lead: Pick<Lead, 'id'>, overrides: Partial<ActivityInput> = {}): Activity {
  return ActivitySchema.parse({
    id: newId(NOW),
    leadId: lead.id,
    kind: 'call',
    outcome: 'connected',
    occurredAt: NOW,
    loggedBy: 'sam@seller.io',
    ...overrides,
  });
}

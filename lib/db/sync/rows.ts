import type { HandoffDb } from '../db';
import type { SyncConfigRow, SyncLocalRow, SyncStatusRow, SyncTeamRow, SyncTokenRow } from '../sync-state';

/** The `syncState` row each key holds. */
type SyncRowKey = 'local' | 'config' | 'token' | 'status' | 'team';
type SyncRowOf<K extends SyncRowKey> = K extends 'local'
  ? SyncLocalRow
  : K extends 'config'
    ? SyncConfigRow
    : K extends 'token'
      ? SyncTokenRow
      : K extends 'team'
        ? SyncTeamRow
        : SyncStatusRow;

const defaultStatus = (): SyncStatusRow => ({ key: 'status', cursor: '0', backfill: null, failures: 0, rejected: [] });

/** One row of `syncState` by its key; `undefined` before it was first written. */
export async function syncRow<K extends SyncRowKey>(db: HandoffDb, key: K): Promise<SyncRowOf<K> | undefined> {
  return (await db.syncState.get(key)) as SyncRowOf<K> | undefined;
}

/** The `status` row, or the state of a client that never synced. */
export async function statusRow(db: HandoffDb): Promise<SyncStatusRow> {
  return (await syncRow(db, 'status')) ?? defaultStatus();
}

/** Changes `status` in its own transaction (a read and a put that nothing can slip between). */
export function updateStatus(db: HandoffDb, change: (status: SyncStatusRow) => SyncStatusRow): Promise<void> {
  return db.transaction('rw', db.syncState, async () => {
    await db.syncState.put(change(await statusRow(db)));
  });
}

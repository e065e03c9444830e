import type { Transaction } from 'dexie';
import { schemaV4_20261208 } from '../schema';
import type { SchemaVersion } from './types';

/**
 * v4, 2026-12-08: the `marketingScores` table (see {@link schemaV4_20261208}). Until now a
 * pull stepped over marketing's scores, so a browser that has synced holds none of those it
 * was sent: its pull cursor goes back to "0", and the next sync pulls the team's records
 * again, the scores among them. Everything else a pull writes is the server's current state,
 * written the same way twice (leads laid under the local unsynced changes as always), so
 * nothing local is lost; it costs one full pull, as a new browser's first sync does. A
 * browser that never synced has no cursor row and is left alone.
 */
export async function pullScoresAgain(tx: Transaction): Promise<void> {
  const status = await tx.table('syncState').get('status');
  if (status && status.cursor !== '0') await tx.table('syncState').put({ ...status, cursor: '0' });
}

export const v4_20261208: SchemaVersion = {
  version: 4,
  date: '2026-12-08',
  stores: schemaV4_20261208,
  upgrade: pullScoresAgain,
};

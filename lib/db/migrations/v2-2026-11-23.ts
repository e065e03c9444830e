import { schemaV2_20261123 } from '../schema';
import type { SchemaVersion } from './types';

/**
 * v2, 2026-11-23: the sync tables (outbox, syncState, dispositionClocks). New tables only,
 * so there is nothing to carry over: sync starts off, and turning it on sends what is
 * stored (lib/db/sync.ts, the backfill), so a database from v1 loses nothing.
 */
export const v2_20261123: SchemaVersion = {
  version: 2,
  date: '2026-11-23',
  stores: schemaV2_20261123,
};

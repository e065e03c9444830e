import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { Activity } from '../domain/activity';
import type { Disposition } from '../domain/disposition';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { MarketingScore } from '../domain/marketing-score';
import type { Qualification } from '../domain/qualification';
import type { Settings } from '../domain/settings';
import type { SchemaVersion } from './migrations/types';
import { v1_20261123 } from './migrations/v1-2026-11-23';
import { v2_20261123 } from './migrations/v2-2026-11-23';
import { v3_20261123 } from './migrations/v3-2026-11-23';
import { v4_20261208 } from './migrations/v4-2026-12-08';
import type { DispositionClockRow, OutboxRow, SyncStateRow } from './sync-state';

/** The one database of the extension. Opened from extension pages only, never a content script. */
export const DB_NAME = 'handoff';

/** Every schema version, oldest first. Append a new one; never edit or drop a shipped one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [v1_20261123, v2_20261123, v3_20261123, v4_20261208];

/** A stored lead: the domain lead plus the derived keys its lookups are indexed on. */
export type LeadRow = Lead & {
  /** Every email, normalised (`normalizeEmail`): the `*emailKeys` multi-entry index. */
  emailKeys: string[];
  /** `linkedinSlug(person.linkedinUrl)`; absent when there is no URL, so unindexed. */
  linkedinKey?: string;
};

/** The settings row: the settings themselves, kept apart from the row's own bookkeeping. */
export interface SettingsRow {
  key: 'settings';
  value: Settings;
  updatedAt: number;
}

/** Where IndexedDB comes from: the browser's by default, an isolated fake in tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

/**
 * The Handoff database. Only repositories (lib/db/*.ts) read or write its tables.
 * Dexie opens it lazily on the first query.
 */
export class HandoffDb extends Dexie {
  // `declare`: Dexie assigns the tables in `stores()`; a class field would reset them.
  declare readonly leads: Table<LeadRow, string>;
  declare readonly events: Table<EngagementEvent, string>;
  declare readonly qualifications: Table<Qualification, string>;
  declare readonly dispositions: Table<Disposition, string>;
  declare readonly activities: Table<Activity, string>;
  declare readonly settings: Table<SettingsRow, 'settings'>;
  /** Sync (lib/db/sync.ts): changes not pushed yet, in order. */
  declare readonly outbox: Table<OutboxRow, number>;
  declare readonly syncState: Table<SyncStateRow, SyncStateRow['key']>;
  declare readonly dispositionClocks: Table<DispositionClockRow, string>;
  /** Marketing's scores as pulled from the team server, one per lead and system (lib/db/marketing-scores.ts). */
  declare readonly marketingScores: Table<MarketingScore, [string, string]>;

  constructor(name: string = DB_NAME, deps: IndexedDbDeps = {}) {
    super(name, deps);
    for (const version of SCHEMA_VERSIONS) {
      const declared = this.version(version.version).stores({ ...version.stores });
      if (version.upgrade) declared.upgrade(version.upgrade);
    }
  }
}

let shared: HandoffDb | undefined;

/** The app's database, created once per extension page or worker. */
export function openHandoffDb(): HandoffDb {
  shared ??= new HandoffDb(DB_NAME);
  return shared;
}

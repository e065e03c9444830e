import type { Transaction } from 'dexie';

/**
 * One version of the database: its number, the day it was written, its stores and the
 * function that carries data from the previous version. Dexie runs `upgrade` only when it
 * opens a database left at an older version, inside the version-change transaction.
 */
export interface SchemaVersion {
  readonly version: number;
  /** YYYY-MM-DD, the same date as the schema constant and the file name. */
  readonly date: string;
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (tx: Transaction) => Promise<void> | void;
}

import type { Change, Issue, PushTable, TeamRep } from '../replication/contract';
import type { Hlc } from '../replication/hlc';

/**
 * The rows of the `syncState` table, one per key. Kept in IndexedDB in the extension's own
 * origin rather than `storage.local`: a content script can read `storage.local` (Chrome and
 * Firefox; `setAccessLevel` only restricts `storage.session`, which is memory only), but it
 * runs in the page's origin and cannot open this database. So the token stays where only
 * our pages and the background can read it, and it is never in a backup (the backup is
 * SNAPSHOT_TABLES only).
 */
export type SyncStateRow = SyncLocalRow | SyncConfigRow | SyncTokenRow | SyncStatusRow | SyncTeamRow;

/** The client's identity and clock, read by every synced write. */
export interface SyncLocalRow {
  key: 'local';
  /** This browser profile's id on the server: the node of its clocks (a ULID). */
  clientId: string;
  /** The latest clock this client made or saw; absent before the first. */
  hlc?: Hlc;
  /** Sync is on: writes queue their changes. True from turning sync on until turning it off. */
  recording: boolean;
}

/** Where to sync, and who the server said the token is. */
export interface SyncConfigRow {
  key: 'config';
  /** The server's origin (and base path), no trailing slash. */
  serverUrl: string;
  team?: { id: string; name: string };
  rep?: string;
  /** From `/v1/me`: what one push may carry. */
  limits?: { maxChangesPerPush: number; bodyLimitBytes: number };
}

export interface SyncTokenRow {
  key: 'token';
  token: string;
}

/**
 * The team's reps as the server listed them at the last sync (`GET /v1/team/reps`), for the
 * handoff's AE list. Kept for the team it came from: after a switch to another team it is
 * not shown until that team's first sync replaces it. Zod-parsed on the way in and out.
 */
export interface SyncTeamRow {
  key: 'team';
  teamId: string;
  reps: TeamRep[];
  /** When the server answered. */
  at: number;
}

/**
 * The sync outbox: every local change to a synced record, written by the repository in the
 * same transaction as the change itself, so a change is either stored and queued or
 * neither (a tab closed or a worker stopped between the two cannot lose one). Each change
 * is already in the wire contract's shape (lib/replication/contract.ts), stamped with this client's
 * hybrid logical clock; lib/sync pushes them in `seq` order. Written by lib/db/outbox.ts; the row
 * types live here, beside the other sync rows, so the database (db.ts) and the outbox need not
 * import each other.
 */
export interface OutboxRow {
  /** Auto-increment: the order the changes were made, which is the order they are pushed. */
  seq?: number;
  changeId: string;
  table: PushTable;
  recordId: string;
  hlc: Hlc;
  change: Change;
  createdAt: number;
}

/** A decision's place in the sync rules: its clock and the decision it was made on. */
export interface DispositionClockRow {
  id: string;
  leadId: string;
  hlc: Hlc;
  basedOn: string | null;
  /** 1 when made without seeing another live decision on the same basis (indexed; booleans are not). */
  conflict?: 1;
}

/** Tables a backfill sends, in this order (leads first: everything else names a lead). */
export const BACKFILL_TABLES = ['leads', 'qualifications', 'dispositions', 'activities', 'events'] as const;
export type BackfillTable = (typeof BACKFILL_TABLES)[number];

export const SYNC_ERROR_KINDS = [
  /** 401: the server refused the token. No retry until the rep turns sync on again with a token that works. */
  'unauthorized',
  /** No answer (offline, DNS, TLS, the server down). */
  'network',
  /** 5xx, or an answer that does not fit the contract. */
  'server',
  /** 429: too many requests; retried after the server's Retry-After. */
  'rate_limited',
  /** A 4xx the client cannot fix by retrying (a bug on one side): retried with backoff, shown. */
  'refused',
] as const;
export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];

export interface SyncErrorInfo {
  kind: SyncErrorKind;
  /** In words, for the rep. */
  message: string;
  at: number;
  status?: number;
}

/** A change the server refused for good, kept to show the rep (it is out of the outbox). */
export interface RejectedChange {
  changeId: string;
  table: Change['table'];
  recordId: string;
  issues: Issue[];
  at: number;
  /** What the change would have set, for the rep to redo by hand. */
  change: Change;
}

/** How many refused changes are kept to show; older ones are dropped. */
export const MAX_REJECTED_SHOWN = 50;

export interface SyncStatusRow {
  key: 'status';
  /** Where the next pull starts. */
  cursor: string;
  /** Records stored before sync was turned on that are still to send, or null when all are sent. */
  backfill: { table: BackfillTable; after?: string } | null;
  /** The end of the last sync that pushed and pulled everything. */
  lastSyncAt?: number;
  /** Consecutive failed attempts (0 after a success): the backoff's exponent. */
  failures: number;
  /** No automatic attempt before this time (backoff, Retry-After). */
  nextAttemptAt?: number;
  /** Why the last attempt failed; absent after a success. */
  error?: SyncErrorInfo;
  /** Changes the server refused, newest last (at most MAX_REJECTED_SHOWN). */
  rejected: RejectedChange[];
}

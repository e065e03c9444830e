import Dexie, { type Table } from 'dexie';
import type * as z from 'zod';
import { ValidationError, describeIssues, parseOrThrow } from '../domain/validation';
import type { HandoffDb } from './db';
import { OutboxRecorder, syncTables } from './outbox';

/** Options every repository takes; tests pass a fixed clock. */
export interface RepositoryOptions {
  /** Milliseconds since the epoch; `Date.now` unless given. */
  now?: () => number;
}

/**
 * A lookup by id found nothing, e.g. updating a lead that was deleted elsewhere. Not named
 * `NotFoundError`: Dexie turns errors bearing a DOMException name into its own classes,
 * so `instanceof` would fail for callers.
 */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`No ${what} with id ${id}`);
  }
}

/** Range options for a lead's time-ordered rows. */
export interface HistoryOptions {
  /** At most this many rows. */
  limit?: number;
  /** Only rows strictly before this timestamp (ms): the cursor for "load older". */
  before?: number;
}

/**
 * What every repository shares: the database, the clock, parsing before a write and
 * stamping `updatedAt`. Writes go through {@link parse} so nothing unvalidated reaches a
 * table, and through {@link stamp} so "last changed" means the same everywhere.
 */
export abstract class Repository {
  protected readonly now: () => number;

  constructor(
    protected readonly db: HandoffDb,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Parses `data` with `schema`, throwing a {@link ValidationError} that names the fields. */
  protected parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
    return parseOrThrow(schema, data, what);
  }

  /**
   * Parses every item before anything is written, so one bad row refuses the batch. The
   * error names the row by its index (`3.person.emails.0: ...`), which an importer can
   * map back to a CSV line.
   */
  protected parseAll<S extends z.ZodType>(schema: S, items: readonly unknown[], what: string): z.output<S>[] {
    const parsed: z.output<S>[] = [];
    const issues: { path: string; message: string }[] = [];
    items.forEach((item, index) => {
      const result = schema.safeParse(item);
      if (result.success) parsed.push(result.data);
      else
        for (const issue of describeIssues(result.error)) issues.push({ ...issue, path: joinPath(index, issue.path) });
    });
    if (issues.length > 0) throw new ValidationError(what, issues);
    return parsed;
  }

  /**
   * Refuses rows for leads that do not exist: an orphan event or checklist is junk nobody
   * can see. One point read per distinct lead, so checking an import of 1M events stays cheap.
   * Call it inside the write's transaction so a concurrent delete cannot slip between.
   */
  protected async requireLeads(leadIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(leadIds)];
    if (wanted.length === 0) return;
    // bulkGet, not an anyOf cursor: a cursor over the key range slows as the table grows
    // (measured on fake-indexeddb: an import's check dominated at 100k leads).
    const rows = await this.db.leads.bulkGet(wanted);
    const missing = wanted.filter((_, i) => rows[i] === undefined);
    if (missing.length > 0) throw new RecordNotFoundError('lead', missing.join(', '));
  }

  /**
   * Sync's tables, to add to the scope of every write transaction that changes a synced
   * record: its changes are queued in that same transaction (see {@link recorder}).
   */
  protected get syncTables() {
    return syncTables(this.db);
  }

  /**
   * The outbox recorder of the running write transaction, or `null` while sync is off.
   * Record each change as it is written and `flush()` last, inside the transaction: a write
   * that is refused or fails rolls its queued changes back with it.
   */
  protected recorder(at: number = this.now()): Promise<OutboxRecorder | null> {
    return OutboxRecorder.open(this.db, at);
  }

  /** The one place `updatedAt` is set. */
  protected stamp<T extends object>(value: T, at: number = this.now()): T & { updatedAt: number } {
    return { ...value, updatedAt: at };
  }
}

function joinPath(index: number, path: string): string {
  return path ? `${index}.${path}` : String(index);
}

/**
 * Rows of one lead from a `[leadId+<time>]` compound index, oldest first or newest first.
 * The range is bounded by the lead id, so the cost follows the lead's row count, not the
 * table's (a lead's history at 1M events reads a few dozen index entries).
 */
export function leadRange<T>(
  table: Table<T, string>,
  index: string,
  leadId: string,
  { limit, before, newestFirst = false }: HistoryOptions & { newestFirst?: boolean } = {},
): Promise<T[]> {
  const upper = before === undefined ? Dexie.maxKey : before;
  let collection = table.where(index).between([leadId, Dexie.minKey], [leadId, upper], true, before === undefined);
  if (newestFirst) collection = collection.reverse();
  if (limit !== undefined) collection = collection.limit(limit);
  return collection.toArray();
}

/** How many rows of one lead a `[leadId+<time>]` index holds. */
export function countLeadRange<T>(table: Table<T, string>, index: string, leadId: string): Promise<number> {
  return table.where(index).between([leadId, Dexie.minKey], [leadId, Dexie.maxKey], true, true).count();
}

import Dexie, { type Table } from 'dexie';
import * as z from 'zod';
import { type Activity, StoredActivitySchema } from '../domain/activity';
import { type Disposition, DispositionSchema } from '../domain/disposition';
import { type EngagementEvent, EngagementEventSchema } from '../domain/event';
import { type Lead, LeadSchema } from '../domain/lead';
import { type Qualification, QualificationSchema } from '../domain/qualification';
import { SettingsSchema } from '../domain/settings';
import { TimestampSchema } from '../domain/common';
import { RecordNotFoundError, Repository } from './base';
import type { SettingsEntryRow } from './entries';
import { fromLeadRow, toLeadRow } from './leads';
import { basedOnOf, type OutboxRecorder } from './outbox';

/** Every table, in the order a restore writes them (leads before what refers to them). */
export const SNAPSHOT_TABLES = ['leads', 'events', 'qualifications', 'dispositions', 'activities', 'settings'] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/** The records of each table in their domain form (a lead without its derived index keys). */
export interface SnapshotRecords {
  leads: Lead;
  events: EngagementEvent;
  qualifications: Qualification;
  dispositions: Disposition;
  activities: Activity;
  settings: SettingsEntryRow;
}

/**
 * A settings-table row as a backup carries it: the `settings` row is checked against the
 * settings schema; any other key (saved import mappings, later entries) is kept as the JSON
 * it is, since only its owner knows its shape (lib/export/backup.ts checks the ones it knows).
 */
export const SettingsEntryRowSchema = z.union([
  z.object({ key: z.literal('settings'), value: SettingsSchema, updatedAt: TimestampSchema }),
  z.object({
    key: z
      .string()
      .min(1)
      .max(200)
      .refine((k) => k !== 'settings'),
    value: z.json(),
    updatedAt: TimestampSchema,
  }),
]);

/** The zod schema each table's records are parsed with before a restore writes them. */
export const SNAPSHOT_SCHEMAS = {
  leads: LeadSchema,
  events: EngagementEventSchema,
  qualifications: QualificationSchema,
  dispositions: DispositionSchema,
  // Lenient on kind/outcome pairs: a backup from before the pair rule must still restore.
  activities: StoredActivitySchema,
  settings: SettingsEntryRowSchema,
} as const satisfies Record<SnapshotTable, z.ZodType>;

/** A lead with everything the leads CSV export shows about it. */
export interface LeadBundle {
  lead: Lead;
  /** Oldest first. */
  events: EngagementEvent[];
  qualification: Qualification | undefined;
  /** Oldest first. */
  dispositions: Disposition[];
  /** Team sync's clock of each of those decisions that has one (lib/qualification `decisionInForce`). */
  clocks?: ReadonlyMap<string, string>;
}

/** Parts of a restore: records of any tables, each list written in the given order. */
export type SnapshotBatch = { [T in SnapshotTable]?: readonly unknown[] };

/**
 * Whole-database reads and writes for export, backup and restore. Reads go page by page in
 * primary-key order, so 100k leads and 1M events never sit in memory at once; writes are
 * one transaction per batch.
 */
export class SnapshotRepository extends Repository {
  private table<T extends SnapshotTable>(name: T): Table<unknown, string> {
    return this.db.table(name);
  }

  /** Rows per table: index counts, no rows read. */
  async counts(): Promise<Record<SnapshotTable, number>> {
    const counts = await Promise.all(SNAPSHOT_TABLES.map(async (t) => [t, await this.table(t).count()] as const));
    return Object.fromEntries(counts) as Record<SnapshotTable, number>;
  }

  /** Whether every table is empty (a restore target). */
  async isEmpty(): Promise<boolean> {
    return Object.values(await this.counts()).every((n) => n === 0);
  }

  /**
   * Up to `limit` records of `table` after the primary key `after` (from the start when
   * absent), in key order. The next page starts after the last record's key (see {@link keyOf}).
   */
  async page<T extends SnapshotTable>(
    table: T,
    after: string | undefined,
    limit: number,
  ): Promise<SnapshotRecords[T][]> {
    const source = this.table(table);
    const rows =
      after === undefined
        ? await source.orderBy(':id').limit(limit).toArray()
        : await source.where(':id').above(after).limit(limit).toArray();
    return (table === 'leads' ? rows.map((row) => fromLeadRow(row as never)) : rows) as SnapshotRecords[T][];
  }

  /**
   * Reads every table page by page, in {@link SNAPSHOT_TABLES} order and primary-key order
   * within each, handing each page to `visit`, all inside ONE read transaction: a
   * consistent snapshot (no decision of a lead created after its page was read), which a
   * backup needs to restore. Writes wait until it ends. `visit` must be synchronous (it
   * runs inside the transaction; an await on anything but the database would end it).
   */
  async forEachPage(
    visit: <T extends SnapshotTable>(table: T, records: SnapshotRecords[T][]) => void,
    options: { pageSize?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const pageSize = options.pageSize ?? 2000;
    const tables = SNAPSHOT_TABLES.map((t) => this.table(t));
    await this.db.transaction('r', tables, async () => {
      for (const table of SNAPSHOT_TABLES) {
        let after: string | undefined;
        for (;;) {
          options.signal?.throwIfAborted();
          const page = await this.page(table, after, pageSize);
          if (page.length > 0) visit(table, page);
          if (page.length < pageSize) break;
          const last = page[page.length - 1];
          after = last === undefined ? undefined : keyOf(table, last);
        }
      }
    });
  }

  /**
   * Up to `limit` leads after lead id `after`, each with its events, checklist and
   * decisions (and their sync clocks). A page of leads is a contiguous id range, so each
   * related table is read with one range query on its `[leadId+...]` (or `leadId`) index
   * instead of one query per lead.
   */
  async leadBundles(after: string | undefined, limit: number): Promise<LeadBundle[]> {
    return this.db.transaction(
      'r',
      [this.db.leads, this.db.events, this.db.qualifications, this.db.dispositions, this.db.dispositionClocks],
      async () => {
        const leads = await this.page('leads', after, limit);
        const first = leads[0]?.id;
        const last = leads[leads.length - 1]?.id;
        if (first === undefined || last === undefined) return [];
        const range = [[first, Dexie.minKey], [last, Dexie.maxKey], true, true] as const;
        const [events, qualifications, dispositions, clockRows] = await Promise.all([
          this.db.events
            .where('[leadId+occurredAt]')
            .between(...range)
            .toArray(),
          this.db.qualifications.where(':id').between(first, last, true, true).toArray(),
          this.db.dispositions
            .where('[leadId+decidedAt]')
            .between(...range)
            .toArray(),
          this.db.dispositionClocks.where('leadId').between(first, last, true, true).toArray(),
        ]);
        const byLead = <T extends { leadId: string }>(rows: T[]) => {
          const map = new Map<string, T[]>();
          for (const row of rows) {
            const list = map.get(row.leadId);
            if (list) list.push(row);
            else map.set(row.leadId, [row]);
          }
          return map;
        };
        const eventsOf = byLead(events);
        const dispositionsOf = byLead(dispositions);
        const clocksOf = new Map<string, Map<string, string>>();
        for (const row of clockRows) {
          const clocks = clocksOf.get(row.leadId);
          if (clocks) clocks.set(row.id, row.hlc);
          else clocksOf.set(row.leadId, new Map([[row.id, row.hlc]]));
        }
        const checklists = new Map(qualifications.map((q) => [q.leadId, q]));
        return leads.map((lead) => {
          const clocks = clocksOf.get(lead.id);
          return {
            lead,
            events: eventsOf.get(lead.id) ?? [],
            qualification: checklists.get(lead.id),
            dispositions: dispositionsOf.get(lead.id) ?? [],
            ...(clocks && { clocks }),
          };
        });
      },
    );
  }

  /**
   * Like `requireLeads`, by point lookups (`bulkGet`) instead of an `anyOf` cursor: a restore
   * checks up to 2000 lead ids per batch spread over the whole table, and the cursor's jumps
   * cost time in proportion to the table on fake-indexeddb (measured: 0.4 s per batch at
   * 10k leads, growing with each batch), where point lookups stay flat. Both are cheap in
   * browsers.
   */
  private async requireStoredLeads(leadIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(leadIds)];
    if (wanted.length === 0) return;
    const found = await this.db.leads.bulkGet(wanted);
    const missing = wanted.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) throw new RecordNotFoundError('lead', missing.join(', '));
  }

  /** Empties every table in one transaction. */
  async clear(): Promise<void> {
    const tables = SNAPSHOT_TABLES.map((t) => this.table(t));
    await this.db.transaction('rw', tables, () => Promise.all(tables.map((t) => t.clear())));
  }

  /**
   * Writes records as they are, in one transaction: a restore, so nothing is stamped
   * (`updatedAt` and every id stay as backed up, which is what makes the round trip
   * lossless). Each record is parsed with its table's schema first (one bad record refuses
   * the batch, named as `events.3.type`); records that refer to a lead need it stored or in
   * this batch (`RecordNotFoundError` otherwise). A record whose key is stored is replaced.
   * With sync on, what the restore changes is queued in the same transaction (leads and
   * checklists by their changed fields, decisions, touches and events not stored before).
   */
  async write(batch: SnapshotBatch): Promise<void> {
    const parsed = {} as { [T in SnapshotTable]?: unknown[] };
    for (const table of SNAPSHOT_TABLES) {
      const records = batch[table];
      if (records && records.length > 0) parsed[table] = this.parseAll(SNAPSHOT_SCHEMAS[table], records, table);
    }
    const tables = SNAPSHOT_TABLES.filter((t) => parsed[t]).map((t) => this.table(t));
    if (tables.length === 0) return;
    const needsLeads = ['events', 'qualifications', 'dispositions', 'activities'] as const;
    await this.db.transaction('rw', [...tables, this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      if (outbox) await this.queue(outbox, parsed);
      if (parsed.leads) await this.db.leads.bulkPut((parsed.leads as Lead[]).map(toLeadRow));
      const referenced = needsLeads.flatMap((t) => (parsed[t] as { leadId: string }[] | undefined) ?? []);
      await this.requireStoredLeads(referenced.map((r) => r.leadId));
      for (const table of SNAPSHOT_TABLES) {
        const records = parsed[table];
        if (table !== 'leads' && records) await this.table(table).bulkPut(records);
      }
      await outbox?.flush();
    });
  }

  /**
   * Queues what a restore batch changes, compared with what is stored (read before it is
   * written). Reads only the tables the batch writes: they are the transaction's scope.
   */
  private async queue(outbox: OutboxRecorder, parsed: { [T in SnapshotTable]?: unknown[] }): Promise<void> {
    const latest = <T>(records: T[], key: (r: T) => string) => [...new Map(records.map((r) => [key(r), r])).values()];
    const leads = latest((parsed.leads as Lead[] | undefined) ?? [], (l) => l.id);
    const storedLeads = await this.db.leads.bulkGet(leads.map((l) => l.id));
    leads.forEach((lead, i) => {
      const row = storedLeads[i];
      outbox.lead(row && fromLeadRow(row), lead);
    });
    if (parsed.qualifications) {
      const checklists = latest(parsed.qualifications as Qualification[], (q) => q.leadId);
      const storedChecklists = await this.db.qualifications.bulkGet(checklists.map((q) => q.leadId));
      checklists.forEach((q, i) => {
        outbox.qualification(storedChecklists[i], q);
      });
    }
    // Append-only records: one stored already is the same fact and was queued when it was added.
    const fresh = async <T extends { id: string }>(table: 'events' | 'dispositions' | 'activities') => {
      if (!parsed[table]) return [];
      const records = latest(parsed[table] as T[], (r) => r.id);
      const stored = new Set(
        await this.table(table)
          .where(':id')
          .anyOf(records.map((r) => r.id))
          .primaryKeys(),
      );
      return records.filter((r) => !stored.has(r.id));
    };
    const dispositions = await fresh<Disposition>('dispositions');
    const basedOn = await basedOnOf(this.db, dispositions);
    for (const d of dispositions) outbox.disposition(d, basedOn.get(d.id) ?? null);
    for (const a of await fresh<Activity>('activities')) outbox.activity(a);
    for (const e of await fresh<EngagementEvent>('events')) outbox.event(e);
  }
}

/** The primary key of a record of `table`: where the next {@link SnapshotRepository.page} starts. */
export function keyOf<T extends SnapshotTable>(table: T, record: SnapshotRecords[T]): string {
  if (table === 'qualifications') return (record as Qualification).leadId;
  if (table === 'settings') return (record as SettingsEntryRow).key;
  return (record as { id: string }).id;
}

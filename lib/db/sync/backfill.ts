import type { Table } from 'dexie';
import type { Activity } from '../../domain/activity';
import type { Disposition } from '../../domain/disposition';
import type { EngagementEvent } from '../../domain/event';
import { newId } from '../../domain/ids';
import type { Lead } from '../../domain/lead';
import type { Qualification } from '../../domain/qualification';
import type { HandoffDb } from '../db';
import type { toLeadRow } from '../leads';
import { basedOnOf, changeOf, clockAt, leadFieldChanges } from '../outbox';
import { BACKFILL_TABLES, type BackfillTable, type OutboxRow, type SyncStatusRow } from '../sync-state';
import { statusRow, syncRow } from './rows';

/**
 * Backfill changes go into the outbox with keys below every ordinary one (IndexedDB's key
 * generator only moves for keys above it), so what was stored before sync was turned on
 * is pushed before any change made since: a lead's creation before its later edits.
 */
const BACKFILL_BASE = -(2 ** 52);

/** The tables a backfill reads, for the scope of a transaction that reads or queues it. */
export function backfillSources(db: HandoffDb): Table<unknown, string>[] {
  return BACKFILL_TABLES.map((t) => db.table(t));
}

/** How many stored records the backfill has still to queue. */
export async function backfillRemaining(db: HandoffDb, status: SyncStatusRow): Promise<number> {
  const backfill = status.backfill;
  if (!backfill) return 0;
  const tables = BACKFILL_TABLES.slice(BACKFILL_TABLES.indexOf(backfill.table));
  const counts = await Promise.all(
    tables.map((t, i) =>
      i === 0 && backfill.after !== undefined
        ? db.table(t).where(':id').above(backfill.after).count()
        : db.table(t).count(),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Queues the next page of the backfill (records stored before sync was turned on) in
 * one transaction with the cursor that remembers where it got to. Each record becomes
 * the change that creates it, stamped with a clock at its own time (`updatedAt`,
 * `decidedAt`, `occurredAt`, never ahead of now), so an older local copy does not
 * overwrite a newer one on the server. Returns false when the backfill is done.
 */
export async function queueBackfill(db: HandoffDb, limit: number, now: number): Promise<boolean> {
  return db.transaction('rw', [db.syncState, db.outbox, db.dispositions, ...backfillSources(db)], async () => {
    const status = await statusRow(db);
    const local = await syncRow(db, 'local');
    const backfill = status.backfill;
    if (!backfill || !local) return false;
    if ((await db.outbox.where('seq').below(0).count()) > 0) return true;
    const source = db.table(backfill.table);
    const records = await (backfill.after === undefined
      ? source.orderBy(':id').limit(limit)
      : source.where(':id').above(backfill.after).limit(limit)
    ).toArray();
    const node = local.clientId;
    const changes = await backfillChanges(db, backfill.table, records, now, node);
    // A page is queued only once the previous one has left the outbox, so the keys can start over.
    const rows: OutboxRow[] = changes.map((change, i) => ({
      seq: BACKFILL_BASE + i,
      changeId: change.changeId,
      table: change.table,
      recordId: change.recordId,
      hlc: change.hlc,
      change,
      createdAt: now,
    }));
    if (rows.length > 0) await db.outbox.bulkAdd(rows);
    const last = records[records.length - 1] as { id?: string; leadId?: string } | undefined;
    const nextIndex = BACKFILL_TABLES.indexOf(backfill.table) + 1;
    const next: SyncStatusRow['backfill'] =
      records.length === limit && last
        ? { table: backfill.table, after: backfill.table === 'qualifications' ? last.leadId : last.id }
        : nextIndex < BACKFILL_TABLES.length
          ? { table: BACKFILL_TABLES[nextIndex] as BackfillTable }
          : null;
    await db.syncState.put({ ...status, backfill: next });
    return true;
  });
}

async function backfillChanges(db: HandoffDb, table: BackfillTable, records: unknown[], now: number, node: string) {
  const id = () => newId(now);
  switch (table) {
    case 'leads':
      return (records as Parameters<typeof toLeadRow>[0][]).map((row) => {
        const {
          emailKeys: _e,
          linkedinKey: _l,
          ...lead
        } = row as Lead & { emailKeys?: string[]; linkedinKey?: string };
        return changeOf.lead(id(), clockAt(lead.updatedAt, now, node), lead.id, leadFieldChanges(undefined, lead));
      });
    case 'qualifications':
      return (records as Qualification[]).map((q) =>
        changeOf.qualification(id(), clockAt(q.updatedAt, now, node), q, q.criteria),
      );
    case 'dispositions': {
      const dispositions = records as Disposition[];
      const basedOn = await basedOnOf(db, dispositions);
      return dispositions.map((d) =>
        changeOf.disposition(id(), clockAt(d.decidedAt, now, node), d, basedOn.get(d.id) ?? null),
      );
    }
    case 'activities':
      return (records as Activity[]).map((a) => changeOf.activity(id(), clockAt(a.occurredAt, now, node), a));
    case 'events':
      return (records as EngagementEvent[]).map((e) => changeOf.event(id(), clockAt(e.occurredAt, now, node), e));
  }
}

import type { ChangeResult, Issue } from '../../replication/contract';
import { Repository } from '../base';
import { MAX_REJECTED_SHOWN, type OutboxRow, type RejectedChange } from '../sync-state';
import { queueBackfill } from './backfill';
import { statusRow, syncRow, updateStatus } from './rows';

/** A batch to push: outbox rows in order, at most the limits given. */
export interface PushBatch {
  clientId: string;
  rows: OutboxRow[];
}

/**
 * The outbox as the push reads and acknowledges it: batches in order (the backfill's
 * first), the server's answers taken out of the queue, and the changes it refused kept
 * to show the rep.
 */
export class SyncPushRepository extends Repository {
  /**
   * The next changes to push, oldest first: at most `maxChanges`, and at most `maxBytes`
   * of JSON (the server's body limit) unless a single change is larger. While records
   * stored before sync was turned on are still to send, the next page of them is queued
   * first and only they are taken. `null` when there is nothing to push.
   */
  async nextBatch(maxChanges: number, maxBytes: number): Promise<PushBatch | null> {
    for (;;) {
      const status = await statusRow(this.db);
      const clientId = (await syncRow(this.db, 'local'))?.clientId;
      if (!clientId) return null;
      const query = status.backfill
        ? this.db.outbox.where('seq').below(0).limit(maxChanges)
        : this.db.outbox.orderBy('seq').limit(maxChanges);
      const rows = await query.toArray();
      if (rows.length === 0) {
        // Each page queued moves the backfill on, so this ends when it is done.
        if (status.backfill && (await queueBackfill(this.db, maxChanges, this.now()))) continue;
        return null;
      }
      const taken: OutboxRow[] = [];
      let bytes = 0;
      for (const row of rows) {
        const size = jsonBytes(row.change);
        if (taken.length > 0 && bytes + size > maxBytes) break;
        taken.push(row);
        bytes += size;
      }
      return { clientId, rows: taken };
    }
  }

  /**
   * Takes a push's answer: applied and duplicate changes leave the outbox; rejected ones
   * leave it too (the server will never take them) and are kept to show, with the
   * server's issues. One transaction.
   */
  async acknowledge(batch: PushBatch, results: readonly ChangeResult[]): Promise<void> {
    const now = this.now();
    const byId = new Map(results.map((r) => [r.changeId, r]));
    await this.db.transaction('rw', [this.db.outbox, this.db.syncState], async () => {
      const done = batch.rows.filter((row) => byId.has(row.changeId));
      const rejected = done.flatMap((row) => {
        const result = byId.get(row.changeId);
        return result?.status === 'rejected' ? [rejectedOf(row, result.issues ?? [], now)] : [];
      });
      await this.db.outbox.bulkDelete(done.map((row) => row.seq as number));
      if (rejected.length > 0) await this.keepRejected(rejected);
    });
  }

  /**
   * Takes changes out of the outbox that the server refused as invalid (a 400 naming
   * them), keeping them to show, so the rest of the queue can go on. `issues` are by the
   * change's index in the batch, paths relative to the change.
   */
  async setAside(batch: PushBatch, issues: ReadonlyMap<number, Issue[]>): Promise<void> {
    const now = this.now();
    await this.db.transaction('rw', [this.db.outbox, this.db.syncState], async () => {
      const rows = [...issues.keys()].flatMap((index) => {
        const row = batch.rows[index];
        return row ? [row] : [];
      });
      await this.db.outbox.bulkDelete(rows.map((row) => row.seq as number));
      await this.keepRejected(
        [...issues.entries()].flatMap(([index, list]) => {
          const row = batch.rows[index];
          return row ? [rejectedOf(row, list, now)] : [];
        }),
      );
    });
  }

  /** Forgets the refused changes shown (the rep has read them). */
  async clearRejected(): Promise<void> {
    await updateStatus(this.db, (status) => ({ ...status, rejected: [] }));
  }

  private async keepRejected(items: RejectedChange[]): Promise<void> {
    const status = await statusRow(this.db);
    await this.db.syncState.put({ ...status, rejected: [...status.rejected, ...items].slice(-MAX_REJECTED_SHOWN) });
  }
}

function rejectedOf(row: OutboxRow, issues: Issue[], at: number): RejectedChange {
  return { changeId: row.changeId, table: row.table, recordId: row.recordId, issues, at, change: row.change };
}

const encoder = new TextEncoder();
function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length + 1;
}

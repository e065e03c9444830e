import type { Lead } from '../../domain/lead';
import type { Qualification } from '../../domain/qualification';
import type { Change, PulledRecord } from '../../replication/contract';
import { formatHlc, maxHlc, parseHlc, receiveHlc } from '../../replication/hlc';
import { applyChange, type RecordState } from '../../replication/merge';
import { Repository } from '../base';
import { toLeadRow } from '../leads';
import { keepNewestScore } from '../marketing-scores';
import { flagConflicts } from './decisions';
import { statusRow, syncRow, updateStatus } from './rows';

/**
 * The writes a pull makes, and where the next one starts. Pulled records are written
 * here, never through the other repositories, so they are not queued again; each is laid
 * under the client's own unsynced changes by the server's conflict rules
 * (lib/replication/merge.ts).
 */
export class SyncPullRepository extends Repository {
  /** Where the next pull starts. */
  async cursor(): Promise<string> {
    return (await statusRow(this.db)).cursor;
  }

  /** The server has nothing at our cursor (its database was replaced): pull everything again. */
  async resetCursor(): Promise<void> {
    await updateStatus(this.db, (status) => ({ ...status, cursor: '0' }));
  }

  /**
   * Writes a page of pulled records and the cursor after it, in one transaction, so a
   * page is either applied with its cursor or not at all (a stopped worker pulls it again).
   *
   * A lead or checklist this client has unsynced changes to is the server's copy with
   * those changes laid over it by the same rules as the server's (lib/replication/merge.ts):
   * a field keeps the local value only if its change is later by clock. So the result is
   * what the server will hold once they are pushed, whatever order things arrived in.
   * Events, touches and decisions are append-only: stored as pulled. Decisions keep their
   * clock and basis, and a lead's decisions are flagged where two were made blind.
   * Marketing's scores are kept, the newest per lead and system (`keepNewestScore`). Nothing is queued: these
   * are the server's records, not local changes. The client's clock moves past every
   * pulled clock, so the rep's next edit is ordered after what they were shown.
   */
  async applyPulled(records: readonly PulledRecord[], cursor: string): Promise<void> {
    const now = this.now();
    const tables = [
      this.db.leads,
      this.db.qualifications,
      this.db.events,
      this.db.dispositions,
      this.db.activities,
      this.db.outbox,
      this.db.syncState,
      this.db.dispositionClocks,
      this.db.marketingScores,
    ];
    await this.db.transaction('rw', tables, async () => {
      const decided = new Set<string>();
      for (const record of records) {
        switch (record.table) {
          case 'leads':
          case 'qualifications': {
            const merged = await this.withUnsynced(record);
            if (record.table === 'leads') await this.db.leads.put(toLeadRow(merged as Lead));
            else await this.db.qualifications.put(merged as Qualification);
            break;
          }
          case 'events':
            await this.db.events.put(record.data);
            break;
          case 'activities':
            await this.db.activities.put(record.data);
            break;
          case 'dispositions':
            await this.db.dispositions.put(record.data);
            await this.db.dispositionClocks.put({
              id: record.data.id,
              leadId: record.data.leadId,
              hlc: record.hlc,
              basedOn: record.basedOn,
            });
            decided.add(record.data.leadId);
            break;
          case 'scores':
            await keepNewestScore(this.db, record.data);
            break;
        }
      }
      for (const leadId of decided) await flagConflicts(this.db, leadId);

      const local = await syncRow(this.db, 'local');
      const seen = maxHlc(...records.map((r) => r.hlc));
      if (local && seen) {
        const last = local.hlc === undefined ? undefined : parseHlc(local.hlc);
        const hlc = formatHlc(receiveHlc(last, parseHlc(seen), now, local.clientId));
        await this.db.syncState.put({ ...local, hlc });
      }
      const status = await statusRow(this.db);
      await this.db.syncState.put({ ...status, cursor });
    });
  }

  /** A pulled lead or checklist with this client's unsynced changes to it laid over, in the order made. */
  private async withUnsynced(record: Extract<PulledRecord, { table: 'leads' | 'qualifications' }>) {
    const pending = await this.db.outbox
      .where('[table+recordId]')
      .equals([record.table, record.recordId])
      .sortBy('seq');
    let state: RecordState = {
      table: record.table,
      recordId: record.recordId,
      data: { ...record.data },
      clocks: record.clocks,
      hlc: record.hlc,
      // The server keeps criteria of a framework not in force; a pull shows only those in force.
      meta: record.table === 'qualifications' ? { criteria: record.data.criteria } : {},
    };
    for (const row of pending) {
      const outcome = applyChange(state, row.change as Change);
      // A change the merge refuses is refused by the server too (and shown then): the pulled copy stands.
      if (outcome.status === 'applied') state = outcome.record;
    }
    return state.data;
  }
}

import type { Table } from 'dexie';
import type { Change, ChangeResult, Issue, PulledRecord } from '../replication/contract';
import type { Activity } from '../domain/activity';
import type { Disposition } from '../domain/disposition';
import type { EngagementEvent } from '../domain/event';
import { newId } from '../domain/ids';
import type { Lead } from '../domain/lead';
import type { Qualification } from '../domain/qualification';
import { formatHlc, maxHlc, parseHlc, receiveHlc } from '../replication/hlc';
import { applyChange, type DispositionWithClock, dispositionStandings, type RecordState } from '../replication/merge';
import { Repository } from './base';
import { toLeadRow } from './leads';
import { basedOnOf, changeOf, clockAt, leadFieldChanges } from './outbox';
import {
  BACKFILL_TABLES,
  type BackfillTable,
  type DispositionClockRow,
  MAX_REJECTED_SHOWN,
  type RejectedChange,
  type SyncConfigRow,
  type SyncErrorInfo,
  type OutboxRow,
  type SyncLocalRow,
  type SyncStatusRow,
} from './sync-state';

/**
 * Backfill changes go into the outbox with keys below every ordinary one (IndexedDB's key
 * generator only moves for keys above it), so what was stored before sync was turned on
 * is pushed before any change made since: a lead's creation before its later edits.
 */
const BACKFILL_BASE = -(2 ** 52);

/** Everything the options page and the sidebar show about sync. */
export interface SyncStatus {
  /** Sync is on (changes are queued and the scheduler runs). */
  enabled: boolean;
  serverUrl?: string;
  team?: { id: string; name: string };
  rep?: string;
  /**
   * Changes not on the server yet: the outbox, plus records still to send after turning sync
   * on (while that backfill runs, a record changed since counts twice: an upper bound).
   */
  unsynced: number;
  /** The end of the last sync that pushed and pulled everything. */
  lastSyncAt?: number;
  /** The next automatic attempt after a failure. */
  nextAttemptAt?: number;
  error?: SyncErrorInfo;
  /** Changes the server refused for good, newest last. */
  rejected: readonly RejectedChange[];
  /** Leads with decisions made without seeing each other (both kept; the later by clock is current). */
  conflicts: readonly string[];
}

/** What {@link SyncRepository.turnOn} stores: the server, who the token is, and the token. */
export interface SyncConnection {
  serverUrl: string;
  token: string;
  team: { id: string; name: string };
  rep: string;
  limits?: SyncConfigRow['limits'];
}

/** A batch to push: outbox rows in order, at most the limits given. */
export interface PushBatch {
  clientId: string;
  rows: OutboxRow[];
}

const defaultStatus = (): SyncStatusRow => ({ key: 'status', cursor: '0', backfill: null, failures: 0, rejected: [] });

/**
 * Sync's side of the database: the client's state, the outbox as the push reads and
 * acknowledges it, and the writes a pull makes. Pulled records are written here, never
 * through the other repositories, so they are not queued again; each is laid under the
 * client's own unsynced changes by the server's conflict rules (lib/replication/merge.ts).
 */
export class SyncRepository extends Repository {
  private async row<K extends 'local' | 'config' | 'token' | 'status'>(key: K) {
    return (await this.db.syncState.get(key)) as
      | (K extends 'local'
          ? SyncLocalRow
          : K extends 'config'
            ? SyncConfigRow
            : K extends 'token'
              ? { key: 'token'; token: string }
              : SyncStatusRow)
      | undefined;
  }

  private async statusRow(): Promise<SyncStatusRow> {
    return (await this.row('status')) ?? defaultStatus();
  }

  /** Changes `status` in its own transaction (a read and a put that nothing can slip between). */
  private updateStatus(change: (status: SyncStatusRow) => SyncStatusRow): Promise<void> {
    return this.db.transaction('rw', this.db.syncState, async () => {
      await this.db.syncState.put(change(await this.statusRow()));
    });
  }

  /** Whether sync is on. */
  async enabled(): Promise<boolean> {
    return (await this.row('local'))?.recording === true;
  }

  /** The server and who the token is; `undefined` before sync was first turned on. */
  async config(): Promise<SyncConfigRow | undefined> {
    return this.row('config');
  }

  /** The token, only while sync is on. Read by the background's sync client only. */
  async token(): Promise<string | undefined> {
    return (await this.row('token'))?.token;
  }

  /** This browser's client id, created the first time sync is turned on. */
  async clientId(): Promise<string | undefined> {
    return (await this.row('local'))?.clientId;
  }

  /** The latest clock this client made or saw. */
  async clock(): Promise<string | undefined> {
    return (await this.row('local'))?.hlc;
  }

  /** Where the next pull starts, and what the last attempt left (failures, backoff, error). */
  async state(): Promise<SyncStatusRow> {
    return this.statusRow();
  }

  /** Everything the UI shows, read in one transaction. */
  async status(): Promise<SyncStatus> {
    return this.db.transaction(
      'r',
      [this.db.syncState, this.db.outbox, this.db.dispositionClocks, ...this.backfillSources()],
      async () => {
        const [local, config, status] = await Promise.all([this.row('local'), this.row('config'), this.statusRow()]);
        const enabled = local?.recording === true;
        const conflicts = enabled
          ? [...new Set((await this.db.dispositionClocks.where('conflict').equals(1).toArray()).map((r) => r.leadId))]
          : [];
        return {
          enabled,
          ...(config && { serverUrl: config.serverUrl }),
          ...(config?.team && { team: config.team }),
          ...(config?.rep !== undefined && { rep: config.rep }),
          unsynced: enabled ? (await this.db.outbox.count()) + (await this.backfillRemaining(status)) : 0,
          ...(status.lastSyncAt !== undefined && { lastSyncAt: status.lastSyncAt }),
          ...(enabled && status.nextAttemptAt !== undefined && { nextAttemptAt: status.nextAttemptAt }),
          ...(enabled && status.error && { error: status.error }),
          rejected: status.rejected,
          conflicts,
        };
      },
    );
  }

  private backfillSources(): Table<unknown, string>[] {
    return BACKFILL_TABLES.map((t) => this.db.table(t));
  }

  private async backfillRemaining(status: SyncStatusRow): Promise<number> {
    const backfill = status.backfill;
    if (!backfill) return 0;
    const tables = BACKFILL_TABLES.slice(BACKFILL_TABLES.indexOf(backfill.table));
    const counts = await Promise.all(
      tables.map((t, i) =>
        i === 0 && backfill.after !== undefined
          ? this.db.table(t).where(':id').above(backfill.after).count()
          : this.db.table(t).count(),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * Turns sync on for this server and token. From now on every synced write queues its
   * change. What is stored already is sent too: a "backfill" walks every table in key
   * order ahead of the outbox, so turning sync on later loses nothing (and the server
   * answers "duplicate" for what it has). Connecting to another server or team starts
   * over (its outbox, backfill and pull cursor); turning on again for the same one keeps
   * the pull cursor.
   */
  async turnOn(connection: SyncConnection): Promise<void> {
    const now = this.now();
    await this.db.transaction('rw', [this.db.syncState, this.db.outbox], async () => {
      const local = (await this.row('local')) ?? { key: 'local', clientId: newId(now), recording: false };
      const config = await this.row('config');
      const status = await this.statusRow();
      const same = config?.serverUrl === connection.serverUrl && config.team?.id === connection.team.id;
      let next: SyncStatusRow = { ...status, failures: 0 };
      delete next.error;
      delete next.nextAttemptAt;
      if (!same || !local.recording) {
        await this.db.outbox.clear();
        next = { ...next, backfill: { table: BACKFILL_TABLES[0] } };
        if (!same) next = { ...next, cursor: '0', rejected: [] };
        delete next.lastSyncAt;
      }
      await this.db.syncState.bulkPut([
        { ...local, recording: true },
        {
          key: 'config',
          serverUrl: connection.serverUrl,
          team: connection.team,
          rep: connection.rep,
          ...(connection.limits && { limits: connection.limits }),
        },
        { key: 'token', token: connection.token },
        next,
      ]);
    });
  }

  /**
   * Turns sync off: nothing is queued any more, the queue is dropped and the token
   * forgotten. Nothing local is lost: turning sync on again sends what is stored. The
   * server's address stays filled in.
   */
  async turnOff(): Promise<void> {
    await this.db.transaction('rw', [this.db.syncState, this.db.outbox], async () => {
      const local = await this.row('local');
      if (local) await this.db.syncState.put({ ...local, recording: false });
      await this.db.syncState.delete('token');
      const status = await this.statusRow();
      const next: SyncStatusRow = { ...status, backfill: null, failures: 0 };
      delete next.error;
      delete next.nextAttemptAt;
      await this.db.syncState.put(next);
      await this.db.outbox.clear();
    });
  }

  /**
   * The next changes to push, oldest first: at most `maxChanges`, and at most `maxBytes`
   * of JSON (the server's body limit) unless a single change is larger. While records
   * stored before sync was turned on are still to send, the next page of them is queued
   * first and only they are taken. `null` when there is nothing to push.
   */
  async nextBatch(maxChanges: number, maxBytes: number): Promise<PushBatch | null> {
    for (;;) {
      const status = await this.statusRow();
      const clientId = await this.clientId();
      if (!clientId) return null;
      const query = status.backfill
        ? this.db.outbox.where('seq').below(0).limit(maxChanges)
        : this.db.outbox.orderBy('seq').limit(maxChanges);
      const rows = await query.toArray();
      if (rows.length === 0) {
        // Each page queued moves the backfill on, so this ends when it is done.
        if (status.backfill && (await this.queueBackfill(maxChanges))) continue;
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
   * Queues the next page of the backfill (records stored before sync was turned on) in
   * one transaction with the cursor that remembers where it got to. Each record becomes
   * the change that creates it, stamped with a clock at its own time (`updatedAt`,
   * `decidedAt`, `occurredAt`, never ahead of now), so an older local copy does not
   * overwrite a newer one on the server. Returns false when the backfill is done.
   */
  private async queueBackfill(limit: number): Promise<boolean> {
    const now = this.now();
    return this.db.transaction(
      'rw',
      [this.db.syncState, this.db.outbox, this.db.dispositions, ...this.backfillSources()],
      async () => {
        const status = await this.statusRow();
        const local = await this.row('local');
        const backfill = status.backfill;
        if (!backfill || !local) return false;
        if ((await this.db.outbox.where('seq').below(0).count()) > 0) return true;
        const source = this.db.table(backfill.table);
        const records = await (backfill.after === undefined
          ? source.orderBy(':id').limit(limit)
          : source.where(':id').above(backfill.after).limit(limit)
        ).toArray();
        const node = local.clientId;
        const changes = await this.backfillChanges(backfill.table, records, now, node);
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
        if (rows.length > 0) await this.db.outbox.bulkAdd(rows);
        const last = records[records.length - 1] as { id?: string; leadId?: string } | undefined;
        const nextIndex = BACKFILL_TABLES.indexOf(backfill.table) + 1;
        const next: SyncStatusRow['backfill'] =
          records.length === limit && last
            ? { table: backfill.table, after: backfill.table === 'qualifications' ? last.leadId : last.id }
            : nextIndex < BACKFILL_TABLES.length
              ? { table: BACKFILL_TABLES[nextIndex] as BackfillTable }
              : null;
        await this.db.syncState.put({ ...status, backfill: next });
        return true;
      },
    );
  }

  private async backfillChanges(table: BackfillTable, records: unknown[], now: number, node: string) {
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
        const basedOn = await basedOnOf(this.db, dispositions);
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

  private async keepRejected(items: RejectedChange[]): Promise<void> {
    const status = await this.statusRow();
    await this.db.syncState.put({ ...status, rejected: [...status.rejected, ...items].slice(-MAX_REJECTED_SHOWN) });
  }

  /** Forgets the refused changes shown (the rep has read them). */
  async clearRejected(): Promise<void> {
    await this.updateStatus((status) => ({ ...status, rejected: [] }));
  }

  /** Where the next pull starts. */
  async cursor(): Promise<string> {
    return (await this.statusRow()).cursor;
  }

  /** The server has nothing at our cursor (its database was replaced): pull everything again. */
  async resetCursor(): Promise<void> {
    await this.updateStatus((status) => ({ ...status, cursor: '0' }));
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
   * Marketing's scores have no home here yet and are skipped. Nothing is queued: these
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
            break;
        }
      }
      for (const leadId of decided) await this.flagConflicts(leadId);

      const local = await this.row('local');
      const seen = maxHlc(...records.map((r) => r.hlc));
      if (local && seen) {
        const last = local.hlc === undefined ? undefined : parseHlc(local.hlc);
        const hlc = formatHlc(receiveHlc(last, parseHlc(seen), now, local.clientId));
        await this.db.syncState.put({ ...local, hlc });
      }
      const status = await this.statusRow();
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

  /** Re-derives which of a lead's decisions conflict (made on the same basis), as the server does. */
  private async flagConflicts(leadId: string): Promise<void> {
    const { clocks, history } = await this.clockedHistory(leadId);
    const standings = dispositionStandings(history);
    const updated: DispositionClockRow[] = clocks.map((c) => {
      const { conflict: _conflict, ...rest } = c;
      return standings.get(c.id)?.conflict ? { ...rest, conflict: 1 } : rest;
    });
    await this.db.dispositionClocks.bulkPut(updated);
  }

  /**
   * Where each of a lead's decisions stands by the sync rules: the current one is the
   * latest by clock, and decisions made without seeing each other are flagged. Decisions
   * without a clock (made while sync was off and not sent yet) are left out.
   */
  async dispositionStandings(leadId: string) {
    return dispositionStandings((await this.clockedHistory(leadId)).history);
  }

  /** A lead's decisions that have a clock, each with it, and the clock rows themselves. */
  private async clockedHistory(leadId: string) {
    const clocks = await this.db.dispositionClocks.where('leadId').equals(leadId).toArray();
    const stored = await this.db.dispositions.bulkGet(clocks.map((c) => c.id));
    const history: DispositionWithClock[] = clocks.flatMap((c, i) => {
      const disposition = stored[i];
      return disposition ? [{ disposition, hlc: c.hlc, basedOn: c.basedOn }] : [];
    });
    return { clocks, history };
  }

  /**
   * Up to `limit` decision clocks after disposition id `after`, in id order: the dashboard
   * reads them all, a page at a time, to order decisions as sync does.
   */
  async decisionClocks(after: string | undefined, limit: number): Promise<DispositionClockRow[]> {
    const table = this.db.dispositionClocks;
    return (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(limit).toArray();
  }

  /** Records a complete sync: the time, and no error or backoff any more. */
  async succeeded(at: number): Promise<void> {
    await this.updateStatus((status) => {
      const next: SyncStatusRow = { ...status, lastSyncAt: at, failures: 0 };
      delete next.error;
      delete next.nextAttemptAt;
      return next;
    });
  }

  /** Records a failed attempt: the error in words, and when to try again (none for a refused token). */
  async failed(error: SyncErrorInfo, nextAttemptAt: number | undefined): Promise<void> {
    await this.updateStatus((status) => {
      const next: SyncStatusRow = { ...status, error, failures: status.failures + 1 };
      if (nextAttemptAt === undefined) delete next.nextAttemptAt;
      else next.nextAttemptAt = nextAttemptAt;
      return next;
    });
  }
}

function rejectedOf(row: OutboxRow, issues: Issue[], at: number): RejectedChange {
  return { changeId: row.changeId, table: row.table, recordId: row.recordId, issues, at, change: row.change };
}

const encoder = new TextEncoder();
function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length + 1;
}

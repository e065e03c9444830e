import * as z from 'zod';
import { newId } from '../../domain/ids';
import { type TeamRep, TeamRepSchema } from '../../replication/contract';
import { Repository } from '../base';
import {
  BACKFILL_TABLES,
  type RejectedChange,
  type SyncConfigRow,
  type SyncErrorInfo,
  type SyncStatusRow,
} from '../sync-state';
import { backfillRemaining, backfillSources } from './backfill';
import { conflictedLeads } from './decisions';
import { statusRow, syncRow, updateStatus } from './rows';

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

/** What {@link SyncStateRepository.turnOn} stores: the server, who the token is, and the token. */
export interface SyncConnection {
  serverUrl: string;
  token: string;
  team: { id: string; name: string };
  rep: string;
  limits?: SyncConfigRow['limits'];
}

/**
 * The client's side of the connection: whether sync is on, the server and token, this
 * client's id and clock, and how the last attempt went. What the options page and the
 * scheduler read and set; the outbox and the pull's writes are in push.ts and pull.ts.
 */
export class SyncStateRepository extends Repository {
  /** Whether sync is on. */
  async enabled(): Promise<boolean> {
    return (await syncRow(this.db, 'local'))?.recording === true;
  }

  /** The server and who the token is; `undefined` before sync was first turned on. */
  async config(): Promise<SyncConfigRow | undefined> {
    return syncRow(this.db, 'config');
  }

  /** The token, only while sync is on. Read by the background's sync client only. */
  async token(): Promise<string | undefined> {
    return (await syncRow(this.db, 'token'))?.token;
  }

  /** This browser's client id, created the first time sync is turned on. */
  async clientId(): Promise<string | undefined> {
    return (await syncRow(this.db, 'local'))?.clientId;
  }

  /** The latest clock this client made or saw. */
  async clock(): Promise<string | undefined> {
    return (await syncRow(this.db, 'local'))?.hlc;
  }

  /** Where the next pull starts, and what the last attempt left (failures, backoff, error). */
  async state(): Promise<SyncStatusRow> {
    return statusRow(this.db);
  }

  /** Everything the UI shows, read in one transaction. */
  async status(): Promise<SyncStatus> {
    const db = this.db;
    return db.transaction('r', [db.syncState, db.outbox, db.dispositionClocks, ...backfillSources(db)], async () => {
      const [local, config, status] = await Promise.all([syncRow(db, 'local'), syncRow(db, 'config'), statusRow(db)]);
      const enabled = local?.recording === true;
      const conflicts = enabled ? await conflictedLeads(db) : [];
      return {
        enabled,
        ...(config && { serverUrl: config.serverUrl }),
        ...(config?.team && { team: config.team }),
        ...(config?.rep !== undefined && { rep: config.rep }),
        unsynced: enabled ? (await db.outbox.count()) + (await backfillRemaining(db, status)) : 0,
        ...(status.lastSyncAt !== undefined && { lastSyncAt: status.lastSyncAt }),
        ...(enabled && status.nextAttemptAt !== undefined && { nextAttemptAt: status.nextAttemptAt }),
        ...(enabled && status.error && { error: status.error }),
        rejected: status.rejected,
        conflicts,
      };
    });
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
      const local = (await syncRow(this.db, 'local')) ?? { key: 'local', clientId: newId(now), recording: false };
      const config = await syncRow(this.db, 'config');
      const status = await statusRow(this.db);
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
      const local = await syncRow(this.db, 'local');
      if (local) await this.db.syncState.put({ ...local, recording: false });
      await this.db.syncState.delete('token');
      const status = await statusRow(this.db);
      const next: SyncStatusRow = { ...status, backfill: null, failures: 0 };
      delete next.error;
      delete next.nextAttemptAt;
      await this.db.syncState.put(next);
      await this.db.outbox.clear();
    });
  }

  /**
   * The team's reps from the last sync, only while sync is on and for the team connected now;
   * none otherwise. A stored rep that no longer parses is left out, not shown half.
   */
  async teamReps(): Promise<TeamRep[]> {
    const db = this.db;
    const [local, config, team] = await db.transaction('r', db.syncState, () =>
      Promise.all([syncRow(db, 'local'), syncRow(db, 'config'), syncRow(db, 'team')]),
    );
    if (local?.recording !== true || !team || team.teamId !== config?.team?.id) return [];
    return (Array.isArray(team.reps) ? team.reps : []).flatMap((rep) => {
      const parsed = TeamRepSchema.safeParse(rep);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Keeps the team's reps the server just listed, for `teamId`, replacing the previous list. */
  async saveTeamReps(teamId: string, reps: readonly TeamRep[]): Promise<void> {
    const parsed = z.array(TeamRepSchema).parse(reps);
    await this.db.syncState.put({ key: 'team', teamId, reps: parsed, at: this.now() });
  }

  /** Records a complete sync: the time, and no error or backoff any more. */
  async succeeded(at: number): Promise<void> {
    await updateStatus(this.db, (status) => {
      const next: SyncStatusRow = { ...status, lastSyncAt: at, failures: 0 };
      delete next.error;
      delete next.nextAttemptAt;
      return next;
    });
  }

  /** Records a failed attempt: the error in words, and when to try again (none for a refused token). */
  async failed(error: SyncErrorInfo, nextAttemptAt: number | undefined): Promise<void> {
    await updateStatus(this.db, (status) => {
      const next: SyncStatusRow = { ...status, error, failures: status.failures + 1 };
      if (nextAttemptAt === undefined) delete next.nextAttemptAt;
      else next.nextAttemptAt = nextAttemptAt;
      return next;
    });
  }
}

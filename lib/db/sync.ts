import type { ChangeResult, Issue, PulledRecord, TeamRep } from '../replication/contract';
import type { RepositoryOptions } from './base';
import type { HandoffDb } from './db';
import { decisionClocksAfter, standingsOf } from './sync/decisions';
import { SyncPullRepository } from './sync/pull';
import { type PushBatch, SyncPushRepository } from './sync/push';
import { type SyncConnection, SyncStateRepository, type SyncStatus } from './sync/state';
import type { DispositionClockRow, SyncConfigRow, SyncErrorInfo, SyncStatusRow } from './sync-state';

export type { PushBatch } from './sync/push';
export type { SyncConnection, SyncStatus } from './sync/state';

/**
 * Sync's side of the database, one object for its callers, held in parts by what each
 * owns (lib/db/sync/):
 * - `state.ts`: the connection (turning sync on and off, the token, the client's id and
 *   clock) and how the last attempt went;
 * - `push.ts`: the outbox as the push reads and acknowledges it, and the refused changes;
 * - `backfill.ts`: what was stored before sync was turned on, queued a page at a time;
 * - `pull.ts`: the writes a pull makes, laid under the client's unsynced changes;
 * - `decisions.ts`: the decision clocks and what the sync rules make of them.
 * Every part reads and writes `syncState` through `rows.ts`. Each method here only passes
 * the call on; its TSDoc is on the part.
 */
export class SyncRepository {
  private readonly connection: SyncStateRepository;
  private readonly outbox: SyncPushRepository;
  private readonly inbox: SyncPullRepository;

  constructor(
    private readonly db: HandoffDb,
    options: RepositoryOptions = {},
  ) {
    this.connection = new SyncStateRepository(db, options);
    this.outbox = new SyncPushRepository(db, options);
    this.inbox = new SyncPullRepository(db, options);
  }

  /** Whether sync is on. */
  enabled(): Promise<boolean> {
    return this.connection.enabled();
  }

  /** The server and who the token is; `undefined` before sync was first turned on. */
  config(): Promise<SyncConfigRow | undefined> {
    return this.connection.config();
  }

  /** The token, only while sync is on. Read by the background's sync client only. */
  token(): Promise<string | undefined> {
    return this.connection.token();
  }

  /** This browser's client id, created the first time sync is turned on. */
  clientId(): Promise<string | undefined> {
    return this.connection.clientId();
  }

  /** The latest clock this client made or saw. */
  clock(): Promise<string | undefined> {
    return this.connection.clock();
  }

  /** Where the next pull starts, and what the last attempt left (failures, backoff, error). */
  state(): Promise<SyncStatusRow> {
    return this.connection.state();
  }

  /** Everything the UI shows, read in one transaction. See {@link SyncStateRepository.status}. */
  status(): Promise<SyncStatus> {
    return this.connection.status();
  }

  /** Turns sync on for this server and token. See {@link SyncStateRepository.turnOn}. */
  turnOn(connection: SyncConnection): Promise<void> {
    return this.connection.turnOn(connection);
  }

  /** Turns sync off, keeping everything local. See {@link SyncStateRepository.turnOff}. */
  turnOff(): Promise<void> {
    return this.connection.turnOff();
  }

  /** The team's reps from the last sync, while sync is on. See {@link SyncStateRepository.teamReps}. */
  teamReps(): Promise<TeamRep[]> {
    return this.connection.teamReps();
  }

  /** Keeps the team's reps the server listed. See {@link SyncStateRepository.saveTeamReps}. */
  saveTeamReps(teamId: string, reps: readonly TeamRep[]): Promise<void> {
    return this.connection.saveTeamReps(teamId, reps);
  }

  /** Records a complete sync: the time, and no error or backoff any more. */
  succeeded(at: number): Promise<void> {
    return this.connection.succeeded(at);
  }

  /** Records a failed attempt: the error in words, and when to try again (none for a refused token). */
  failed(error: SyncErrorInfo, nextAttemptAt: number | undefined): Promise<void> {
    return this.connection.failed(error, nextAttemptAt);
  }

  /** The next changes to push, or `null`. See {@link SyncPushRepository.nextBatch}. */
  nextBatch(maxChanges: number, maxBytes: number): Promise<PushBatch | null> {
    return this.outbox.nextBatch(maxChanges, maxBytes);
  }

  /** Takes a push's answer out of the outbox. See {@link SyncPushRepository.acknowledge}. */
  acknowledge(batch: PushBatch, results: readonly ChangeResult[]): Promise<void> {
    return this.outbox.acknowledge(batch, results);
  }

  /** Takes changes the server refused as invalid out of the outbox. See {@link SyncPushRepository.setAside}. */
  setAside(batch: PushBatch, issues: ReadonlyMap<number, Issue[]>): Promise<void> {
    return this.outbox.setAside(batch, issues);
  }

  /** Forgets the refused changes shown (the rep has read them). */
  clearRejected(): Promise<void> {
    return this.outbox.clearRejected();
  }

  /** Where the next pull starts. */
  cursor(): Promise<string> {
    return this.inbox.cursor();
  }

  /** The server has nothing at our cursor (its database was replaced): pull everything again. */
  resetCursor(): Promise<void> {
    return this.inbox.resetCursor();
  }

  /** Writes a page of pulled records and the cursor after it. See {@link SyncPullRepository.applyPulled}. */
  applyPulled(records: readonly PulledRecord[], cursor: string): Promise<void> {
    return this.inbox.applyPulled(records, cursor);
  }

  /** Where each of a lead's decisions stands by the sync rules. See {@link standingsOf}. */
  dispositionStandings(leadId: string) {
    return standingsOf(this.db, leadId);
  }

  /** Up to `limit` decision clocks after disposition id `after`, in id order. */
  decisionClocks(after: string | undefined, limit: number): Promise<DispositionClockRow[]> {
    return decisionClocksAfter(this.db, after, limit);
  }
}

import type { SyncRun, TurnOnRequest, TurnOnResult } from '../messaging/sync-messages';

export {
  SyncRunSchema,
  type SyncRun,
  TURN_ON_PROBLEMS,
  type TurnOnRequest,
  TurnOnRequestSchema,
  type TurnOnResult,
  TurnOnResultSchema,
} from '../messaging/sync-messages';

/**
 * Sync's commands, as the options page gives them. The background's SyncService does the
 * work (one place runs syncs, so two never overlap); the options page reaches it by
 * messages (lib/sync/remote.ts), tests call the service itself. Asking for the host
 * permission is not here: it needs the rep's click, so the page does it first.
 */
export interface SyncControl {
  /** Checks the address and token with the server (`/v1/me`), then turns sync on and starts a first sync. */
  turnOn(request: TurnOnRequest): Promise<TurnOnResult>;
  /** Stops queueing and syncing, forgets the token. */
  turnOff(): Promise<void>;
  /** Syncs now, whatever the backoff says; resolves when done. */
  syncNow(): Promise<SyncRun>;
}

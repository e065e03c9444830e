import type { SyncStatus } from '../db';
import type { SyncResult } from './client';

/** The periodic sync alarm, and the one-shot alarm of a retry after a failure. */
export const SYNC_ALARM = 'handoff-sync';
export const RETRY_ALARM = 'handoff-sync-retry';
/** How often sync runs with nothing else asking (minutes): picks up the team's changes. */
export const SYNC_PERIOD_MINUTES = 5;
/** How long after the last local change a sync starts: a burst of edits (typing) is one push. */
export const CHANGE_DEBOUNCE_MS = 3000;

/** What sets a sync going. */
export type SyncTrigger = 'alarm' | 'retry' | 'change' | 'online' | 'startup';

/** The part of `browser.alarms` the scheduler uses (injectable: tests pass a recorder). */
export interface Alarms {
  create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): unknown;
  clear(name: string): Promise<unknown>;
  get(name: string): Promise<unknown>;
  onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
}

/** A one-shot timer (the debounce): `setTimeout` in the worker, a manual one in tests. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/**
 * Whether an automatic sync should run now. Pure, so the rules are tested without timers:
 * - only while sync is on and the browser is online;
 * - never after the server refused the token: that waits for the rep;
 * - a local change only when something is queued (a pull's own writes change nothing to push);
 * - a (re)started worker only when something is queued or the last sync is a period old:
 *   Chrome restarts the worker for every message after it idled, and each start must not
 *   cost a round trip;
 * - not before the backoff's next attempt, except coming back online after a network
 *   failure (the likeliest cause is gone).
 */
export function shouldSync(
  trigger: SyncTrigger,
  status: Pick<SyncStatus, 'enabled' | 'unsynced' | 'nextAttemptAt' | 'error' | 'lastSyncAt'>,
  context: { online: boolean; now: number },
): boolean {
  if (!status.enabled || !context.online) return false;
  if (status.error?.kind === 'unauthorized') return false;
  if (trigger === 'change' && status.unsynced === 0) return false;
  if (
    trigger === 'startup' &&
    status.unsynced === 0 &&
    status.lastSyncAt !== undefined &&
    context.now - status.lastSyncAt < SYNC_PERIOD_MINUTES * 60_000
  ) {
    return false;
  }
  const waiting = status.nextAttemptAt !== undefined && context.now < status.nextAttemptAt;
  if (waiting && !(trigger === 'online' && status.error?.kind === 'network')) return false;
  return true;
}

export interface SchedulerOptions {
  /** Runs a sync (SyncService.run: never two at once). */
  run: () => Promise<SyncResult>;
  /** The stored sync status (SyncRepository.status). */
  status: () => Promise<SyncStatus>;
  alarms: Alarms;
  isOnline: () => boolean;
  now: () => number;
  timers?: Timers;
  debounceMs?: number;
}

/**
 * When the background syncs: every few minutes (an alarm, which also wakes a stopped
 * service worker), soon after a local change (debounced), on coming back online, and at
 * the backoff's time after a failure (a one-shot alarm). Nothing here waits on the
 * network before answering the sidebar: writes are answered first, the sync follows.
 */
export class SyncScheduler {
  private debounce: unknown;
  private readonly timers: Timers;

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? {
      set: (run, ms) => setTimeout(run, ms),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  /** Listens to the alarms and, when sync is on, makes sure the periodic one exists (browsers may drop alarms on restart). */
  async start(): Promise<void> {
    this.options.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM) void this.trigger('alarm');
      if (alarm.name === RETRY_ALARM) void this.trigger('retry');
    });
    const { enabled } = await this.options.status();
    if (!enabled) return;
    if (!(await this.options.alarms.get(SYNC_ALARM))) await this.schedulePeriodic();
    void this.trigger('startup');
  }

  /** Stored data changed (here or in another extension page): sync soon, once the edits pause. */
  changed(): void {
    if (this.debounce !== undefined) this.timers.clear(this.debounce);
    this.debounce = this.timers.set(() => {
      this.debounce = undefined;
      void this.trigger('change');
    }, this.options.debounceMs ?? CHANGE_DEBOUNCE_MS);
  }

  /** Sync was turned on or off. */
  async toggled(enabled: boolean): Promise<void> {
    if (enabled) {
      await this.schedulePeriodic();
      return;
    }
    if (this.debounce !== undefined) this.timers.clear(this.debounce);
    this.debounce = undefined;
    await Promise.all([this.options.alarms.clear(SYNC_ALARM), this.options.alarms.clear(RETRY_ALARM)]);
  }

  /**
   * Runs a sync if {@link shouldSync} says so, and after a failure sets the retry alarm
   * to the backoff's time. Returns the result, or `null` when it did not run.
   */
  async trigger(trigger: SyncTrigger): Promise<SyncResult | null> {
    const status = await this.options.status();
    if (!shouldSync(trigger, status, { online: this.options.isOnline(), now: this.options.now() })) return null;
    const result = await this.options.run();
    if (result.status === 'failed' && result.nextAttemptAt !== undefined) {
      await this.options.alarms.create(RETRY_ALARM, { when: result.nextAttemptAt });
    }
    return result;
  }

  private async schedulePeriodic(): Promise<void> {
    await this.options.alarms.create(SYNC_ALARM, {
      delayInMinutes: SYNC_PERIOD_MINUTES,
      periodInMinutes: SYNC_PERIOD_MINUTES,
    });
  }
}

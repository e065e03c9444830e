/**
 * The scheduler with everything injected: alarms and the debounce timer are recorders the
 * test fires by hand, the sync is a stub, the clock a number. No timers run.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../lib/db';
import type { SyncResult } from '../../../lib/sync/client';
import {
  CHANGE_DEBOUNCE_MS,
  RETRY_ALARM,
  SYNC_ALARM,
  SYNC_PERIOD_MINUTES,
  SyncScheduler,
  shouldSync,
  type SyncTrigger,
} from '../../../lib/sync/scheduler';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const ON: SyncStatus = { enabled: true, unsynced: 2, rejected: [], conflicts: [] };

describe('shouldSync', () => {
  const online = { online: true, now: NOW };
  it.each<[string, SyncTrigger, Partial<SyncStatus>, { online?: boolean; now?: number }, boolean]>([
    ['the periodic alarm while on', 'alarm', {}, {}, true],
    ['a restarted worker with something queued', 'startup', {}, {}, true],
    ['a restarted worker that never synced', 'startup', { unsynced: 0 }, {}, true],
    [
      'a restarted worker, nothing queued, synced a minute ago',
      'startup',
      { unsynced: 0, lastSyncAt: NOW - 60_000 },
      {},
      false,
    ],
    [
      'a restarted worker, nothing queued, synced a period ago',
      'startup',
      { unsynced: 0, lastSyncAt: NOW - 5 * 60_000 },
      {},
      true,
    ],
    ['anything while off', 'alarm', { enabled: false }, {}, false],
    ['anything while offline', 'change', {}, { online: false }, false],
    ['a change with something queued', 'change', {}, {}, true],
    ['a change with nothing queued (a pull writing)', 'change', { unsynced: 0 }, {}, false],
    ['the alarm with nothing queued (pulls the team’s changes)', 'alarm', { unsynced: 0 }, {}, true],
    ['anything after a refused token', 'retry', { error: { kind: 'unauthorized', message: '', at: NOW } }, {}, false],
    ['a change during the backoff', 'change', { nextAttemptAt: NOW + 1 }, {}, false],
    ['the alarm during the backoff', 'alarm', { nextAttemptAt: NOW + 1 }, {}, false],
    ['the retry at its time', 'retry', { nextAttemptAt: NOW }, {}, true],
    [
      'coming back online after a network failure, backoff or not',
      'online',
      { nextAttemptAt: NOW + 60_000, error: { kind: 'network', message: '', at: NOW } },
      {},
      true,
    ],
    [
      'coming back online after a 429: the server asked to wait',
      'online',
      { nextAttemptAt: NOW + 60_000, error: { kind: 'rate_limited', message: '', at: NOW } },
      {},
      false,
    ],
  ])('%s', (_what, trigger, status, context, expected) => {
    expect(shouldSync(trigger, { ...ON, ...status }, { ...online, ...context })).toBe(expected);
  });
});

function harness(
  status: Partial<SyncStatus> = {},
  result: SyncResult = { status: 'ok', pushed: 0, pulled: 0, at: NOW },
) {
  const alarms = new Map<string, unknown>();
  const listeners: ((alarm: { name: string }) => void)[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const current = { ...ON, ...status };
  const run = vi.fn(async () => result);
  const scheduler = new SyncScheduler({
    run,
    status: async () => current,
    alarms: {
      create: (name, info) => alarms.set(name, info),
      clear: async (name) => alarms.delete(name),
      get: async (name) => alarms.get(name),
      onAlarm: { addListener: (listener) => listeners.push(listener) },
    },
    isOnline: () => true,
    now: () => NOW,
    timers: {
      set: (fn, ms) => {
        const timer = { run: fn, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clear: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    },
  });
  const fire = async (name: string) => {
    for (const listener of listeners) listener({ name });
    await vi.waitFor(() => undefined);
  };
  return { scheduler, alarms, timers, run, current, fire };
}

describe('SyncScheduler', () => {
  it('on start, with sync on, sets the periodic alarm and syncs', async () => {
    const { scheduler, alarms, run } = harness();
    await scheduler.start();
    expect(alarms.get(SYNC_ALARM)).toEqual({
      delayInMinutes: SYNC_PERIOD_MINUTES,
      periodInMinutes: SYNC_PERIOD_MINUTES,
    });
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
  });

  it('on start, with sync off, sets nothing and syncs nothing', async () => {
    const { scheduler, alarms, run } = harness({ enabled: false });
    await scheduler.start();
    expect(alarms.size).toBe(0);
    expect(run).not.toHaveBeenCalled();
  });

  it('debounces changes: one sync after a burst of edits', async () => {
    const { scheduler, timers, run } = harness();
    scheduler.changed();
    scheduler.changed();
    scheduler.changed();
    expect(timers.map((t) => [t.ms, t.cleared])).toEqual([
      [CHANGE_DEBOUNCE_MS, true],
      [CHANGE_DEBOUNCE_MS, true],
      [CHANGE_DEBOUNCE_MS, false],
    ]);
    timers.at(-1)?.run();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
  });

  it('syncs on its alarms, and after a failure sets the retry alarm to the backoff time', async () => {
    const failed: SyncResult = {
      status: 'failed',
      error: { kind: 'server', message: 'Down', at: NOW },
      nextAttemptAt: NOW + 45_000,
    };
    const { scheduler, alarms, run, fire } = harness({}, failed);
    await scheduler.start();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(alarms.get(RETRY_ALARM)).toEqual({ when: NOW + 45_000 }));
    await fire(RETRY_ALARM);
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    await fire('some-other-alarm');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('turning off clears both alarms and a pending debounce', async () => {
    const { scheduler, alarms, timers } = harness();
    await scheduler.toggled(true);
    alarms.set(RETRY_ALARM, { when: NOW });
    scheduler.changed();
    await scheduler.toggled(false);
    expect(alarms.size).toBe(0);
    expect(timers[0]?.cleared).toBe(true);
  });

  it('returns null when the rules say no', async () => {
    const { scheduler, run } = harness({ enabled: false });
    expect(await scheduler.trigger('alarm')).toBeNull();
    expect(run).not.toHaveBeenCalled();
  });
});

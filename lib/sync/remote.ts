import { request, type SendMessage } from '../messaging/client';
import type { SyncControl } from './control';

/** Sync's commands from an extension page (options): messages to the background, which runs every sync. */
export function remoteSyncControl(send: SendMessage): SyncControl {
  return {
    turnOn: (turnOn) => request(send, 'sync.turnOn', turnOn),
    turnOff: async () => {
      await request(send, 'sync.turnOff', {});
    },
    syncNow: () => request(send, 'sync.now', {}),
  };
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarHub } from '../../../lib/background/sidebar-hub';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/messaging/router';
import type { SyncControl } from '../../../lib/sync/control';
import { remoteSyncControl } from '../../../lib/sync/remote';
import { CONTENT_HOSTS } from '../../../lib/sites/hosts';
import { setupRepositories } from '../../support/db';

const options = { extensionId: 'id', extensionOrigin: 'chrome-extension://id/', contentHosts: CONTENT_HOSTS };
const optionsPage: Sender = { id: 'id', url: 'chrome-extension://id/options.html' };

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

function wire(sync?: SyncControl) {
  const route = createRouter(
    createHandlers({
      version: '1',
      repos: ctx,
      hub: new SidebarHub({ get: async () => ({}), set: async () => {}, remove: async () => {} }),
      sendToTab: async () => {},
      ...(sync && { sync }),
    }),
    options,
  );
  return remoteSyncControl(async (message) => structuredClone(await route(structuredClone(message), optionsPage)));
}

describe('sync commands from the options page to the background', () => {
  it('reach the background service and come back parsed', async () => {
    const service: SyncControl = {
      turnOn: vi.fn(async () => ({
        ok: true as const,
        serverUrl: 'https://s.example.com',
        team: { id: 't', name: 'Team' },
        rep: 'Sam',
      })),
      turnOff: vi.fn(async () => {}),
      syncNow: vi.fn(async () => ({ status: 'failed' as const, message: 'Down' })),
    };
    const control = wire(service);
    expect(await control.turnOn({ serverUrl: 'https://s.example.com', token: ' hnd_x ' })).toMatchObject({ ok: true });
    expect(service.turnOn).toHaveBeenCalledWith({ serverUrl: 'https://s.example.com', token: 'hnd_x' });
    await control.turnOff();
    expect(service.turnOff).toHaveBeenCalled();
    expect(await control.syncNow()).toEqual({ status: 'failed', message: 'Down' });
  });

  it('refuse an empty token before the service sees it, and say so where sync is not wired', async () => {
    await expect(wire().turnOn({ serverUrl: 'https://s.example.com', token: '  ' })).rejects.toThrow(/token/);
    await expect(wire().syncNow()).rejects.toThrow('Sync is not available here');
  });
});

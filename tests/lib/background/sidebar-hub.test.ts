import { describe, expect, it, vi } from 'vitest';
import { type SessionStore, SidebarHub, type SidebarPort } from '../../../lib/background/sidebar-hub';
import type { SidebarPortMessage } from '../../../lib/messaging/protocol';
import type { ParsedPageState } from '../../../lib/sites/identity';

/** storage.session as a map: what survives a service-worker restart. */
function memorySession(): SessionStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    remove: async (key) => {
      data.delete(key);
    },
  };
}

function fakePort(): SidebarPort & { received: SidebarPortMessage[]; disconnect(): void } {
  const listeners: (() => void)[] = [];
  return {
    received: [],
    postMessage(message) {
      this.received.push(message);
    },
    onDisconnect: { addListener: (l) => listeners.push(l) },
    disconnect: () => {
      for (const l of listeners) l();
    },
  };
}

const dana: ParsedPageState = {
  url: 'https://www.linkedin.com/in/dana-whitfield/',
  extraction: {
    kind: 'person',
    identity: { site: 'linkedin', page: 'linkedin_profile', name: 'Dana Whitfield', emails: [] },
  },
};
const feed: ParsedPageState = { url: 'https://www.linkedin.com/feed/', extraction: { kind: 'none' } };

describe('SidebarHub', () => {
  it('gives a connecting sidebar the latest state of its own tab, then every update', async () => {
    const hub = new SidebarHub(memorySession());
    await hub.update(1, dana);
    await hub.update(2, feed);
    const port = fakePort();
    await hub.connect(1, port);
    expect(port.received).toEqual([{ type: 'page.state', state: dana }]);
    await hub.update(1, feed);
    await hub.update(2, dana);
    expect(port.received.map((m) => (m.type === 'page.state' ? m.state.url : m.type))).toEqual([dana.url, feed.url]);
  });

  it('stops posting to a disconnected sidebar', async () => {
    const hub = new SidebarHub(memorySession());
    const port = fakePort();
    await hub.connect(1, port);
    port.disconnect();
    await hub.update(1, dana);
    expect(port.received).toEqual([]);
  });

  it('restores tab states after a service-worker restart, from session storage', async () => {
    const session = memorySession();
    await new SidebarHub(session).update(5, dana);
    const restarted = new SidebarHub(session);
    const port = fakePort();
    await restarted.connect(5, port);
    expect(port.received).toEqual([{ type: 'page.state', state: dana }]);
  });

  it('ignores a stored state that no longer parses, and forgets closed tabs', async () => {
    const session = memorySession();
    session.data.set('page:9', { url: 'javascript:alert(1)', extraction: { kind: 'none' } });
    const hub = new SidebarHub(session);
    const port = fakePort();
    await hub.connect(9, port);
    expect(port.received).toEqual([]);
    await hub.update(9, dana);
    await hub.forget(9);
    expect(session.data.has('page:9')).toBe(false);
  });

  it('tells every connected sidebar that data changed, once per burst', async () => {
    vi.useFakeTimers();
    try {
      const hub = new SidebarHub(memorySession());
      const [a, b] = [fakePort(), fakePort()];
      await hub.connect(1, a);
      await hub.connect(2, b);
      for (let i = 0; i < 500; i++) hub.changed(50);
      expect(a.received).toEqual([]);
      await vi.advanceTimersByTimeAsync(50);
      expect(a.received).toEqual([{ type: 'db.changed' }]);
      expect(b.received).toEqual([{ type: 'db.changed' }]);
      hub.changed(50);
      await vi.advanceTimersByTimeAsync(50);
      expect(a.received).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

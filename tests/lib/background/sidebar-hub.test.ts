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

  describe('a side panel, following the active tab of its window', () => {
    const shown = (port: ReturnType<typeof fakePort>) =>
      port.received.map((m) => (m.type === 'page.state' ? m.state.url : m.type));

    it('shows nothing until told which tab, then that tab’s state and its updates only', async () => {
      const hub = new SidebarHub(memorySession());
      await hub.update(1, dana);
      await hub.update(2, feed);
      const panel = fakePort();
      hub.connectPanel(panel);
      await hub.update(1, dana);
      expect(panel.received).toEqual([]);
      await hub.follow(panel, 1);
      await hub.update(2, dana);
      await hub.update(1, feed);
      expect(shown(panel)).toEqual([dana.url, feed.url]);
    });

    it('moves with a tab switch: the new tab’s state, and no more of the old one', async () => {
      const hub = new SidebarHub(memorySession());
      await hub.update(1, dana);
      await hub.update(2, feed);
      const panel = fakePort();
      hub.connectPanel(panel);
      await hub.follow(panel, 1);
      await hub.follow(panel, 2);
      await hub.update(1, feed);
      await hub.update(2, dana);
      expect(shown(panel)).toEqual([dana.url, feed.url, dana.url]);
    });

    it('says `page.absent` for a tab with no page of ours, then shows it once its content script reports', async () => {
      const hub = new SidebarHub(memorySession());
      const panel = fakePort();
      hub.connectPanel(panel);
      await hub.follow(panel, 3);
      await hub.follow(panel, undefined);
      await hub.follow(panel, 3);
      await hub.update(3, dana);
      expect(shown(panel)).toEqual(['page.absent', 'page.absent', 'page.absent', dana.url]);
    });

    it('asks for a tab to be read when it comes to a tab with no state (its page side waited), and says who is followed', async () => {
      const unread: number[] = [];
      const hub = new SidebarHub(memorySession(), (tabId) => unread.push(tabId));
      await hub.update(1, dana);
      const panel = fakePort();
      hub.connectPanel(panel);
      expect(hub.isFollowed(1)).toBe(false);
      await hub.follow(panel, 1);
      expect(unread).toEqual([]);
      expect(hub.isFollowed(1)).toBe(true);
      await hub.follow(panel, 5);
      expect(unread).toEqual([5]);
      expect([hub.isFollowed(1), hub.isFollowed(5)]).toEqual([false, true]);
      await hub.follow(panel, undefined);
      expect(unread).toEqual([5]);
      panel.disconnect();
      expect(hub.isFollowed(5)).toBe(false);
    });

    it('answers only the latest of two quick switches', async () => {
      const session = memorySession();
      await new SidebarHub(session).update(1, dana);
      // A fresh worker: tab 1's state is read from session storage, tab 2 has none.
      const hub = new SidebarHub(session);
      const panel = fakePort();
      hub.connectPanel(panel);
      const first = hub.follow(panel, 1);
      const second = hub.follow(panel, 2);
      await Promise.all([first, second]);
      expect(shown(panel)).toEqual(['page.absent']);
    });

    it('says `page.absent` when the followed tab leaves our sites, and follows it back', async () => {
      const hub = new SidebarHub(memorySession());
      await hub.update(1, dana);
      const [panel, frame] = [fakePort(), fakePort()];
      hub.connectPanel(panel);
      await hub.connect(1, frame);
      await hub.follow(panel, 1);
      await hub.left(1);
      await hub.update(1, feed);
      expect(shown(panel)).toEqual([dana.url, 'page.absent', feed.url]);
      // The frame went with its page; it is never told `page.absent`.
      expect(shown(frame)).toEqual([dana.url, feed.url]);
    });

    it('gets data-changed notices once, following a tab or not, and nothing after it disconnects', async () => {
      vi.useFakeTimers();
      try {
        const hub = new SidebarHub(memorySession());
        const [following, idle] = [fakePort(), fakePort()];
        hub.connectPanel(following);
        hub.connectPanel(idle);
        await hub.follow(following, 1);
        following.received.length = 0;
        hub.changed(50);
        await vi.advanceTimersByTimeAsync(50);
        expect(following.received).toEqual([{ type: 'db.changed' }]);
        expect(idle.received).toEqual([{ type: 'db.changed' }]);
        following.disconnect();
        await hub.update(1, dana);
        hub.changed(50);
        await vi.advanceTimersByTimeAsync(50);
        expect(following.received).toEqual([{ type: 'db.changed' }]);
      } finally {
        vi.useRealTimers();
      }
    });

    it('ignores a follow from a port that never connected as a panel', async () => {
      const hub = new SidebarHub(memorySession());
      await hub.update(1, dana);
      const stranger = fakePort();
      await hub.follow(stranger, 1);
      await hub.update(1, feed);
      expect(stranger.received).toEqual([]);
    });
  });
});

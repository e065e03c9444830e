import { describe, expect, it, vi } from 'vitest';
import {
  chooseTab,
  type FollowApi,
  followActiveTab,
  openSidePanel,
  siteOfUrl,
  type TabInfo,
} from '../../../lib/sidebar/host';

describe('chooseTab', () => {
  it.each<[string, TabInfo[], number | undefined, number | undefined]>([
    ['the active tab, for the real panel (in no tab)', [{ id: 1 }, { id: 2, active: true }], undefined, 2],
    ['none in an empty window', [], undefined, undefined],
    [
      'the tab the rep was on last, for a panel page that is itself the active tab',
      [
        { id: 1, lastAccessed: 10 },
        { id: 2, lastAccessed: 30 },
        { id: 9, active: true, lastAccessed: 40 },
      ],
      9,
      2,
    ],
    [
      'another active tab before any other, for a panel page in the background',
      [{ id: 1, lastAccessed: 50 }, { id: 2, active: true }, { id: 9 }],
      9,
      2,
    ],
  ])('%s', (_what, tabs, self, expected) => {
    expect(chooseTab(tabs, self)).toBe(expected);
  });
});

/** A window of tabs, with the events the panel listens to. */
function fakeWindow(tabs: TabInfo[], self?: number) {
  const activated = new Set<(info: { tabId: number; windowId: number }) => void>();
  const removed = new Set<(tabId: number, info: { windowId: number }) => void>();
  const api: FollowApi = {
    windows: { getCurrent: async () => ({ id: 7 }) },
    tabs: {
      getCurrent: async () => (self === undefined ? undefined : { id: self }),
      query: async () => tabs,
      onActivated: { addListener: (l) => activated.add(l), removeListener: (l) => activated.delete(l) },
      onRemoved: { addListener: (l) => removed.add(l), removeListener: (l) => removed.delete(l) },
    },
  };
  return {
    api,
    activate(tabId: number, windowId = 7) {
      for (const tab of tabs) tab.active = tab.id === tabId;
      for (const l of activated) l({ tabId, windowId });
    },
    remove(tabId: number) {
      tabs.splice(
        tabs.findIndex((t) => t.id === tabId),
        1,
      );
      for (const l of removed) l(tabId, { windowId: 7 });
    },
    listeners: () => activated.size + removed.size,
  };
}

describe('followActiveTab', () => {
  it('shows the active tab, then each tab switched to in its own window only, once each', async () => {
    const win = fakeWindow([{ id: 1, active: true }, { id: 2 }]);
    const shown: (number | undefined)[] = [];
    const controller = new AbortController();
    await followActiveTab(win.api, (tab) => shown.push(tab), controller.signal);
    win.activate(2);
    win.activate(2);
    win.activate(3, 8);
    win.activate(1);
    expect(shown).toEqual([1, 2, 1]);
    controller.abort();
    expect(win.listeners()).toBe(0);
  });

  it('picks again when the tab it shows closes', async () => {
    const win = fakeWindow([{ id: 1, active: true }, { id: 2 }]);
    const shown: (number | undefined)[] = [];
    await followActiveTab(win.api, (tab) => shown.push(tab), new AbortController().signal);
    win.remove(1);
    await vi.waitFor(() => expect(shown).toEqual([1, undefined]));
  });

  it('as a tab of its own, never shows itself', async () => {
    const win = fakeWindow(
      [
        { id: 1, lastAccessed: 5 },
        { id: 9, active: true, lastAccessed: 6 },
      ],
      9,
    );
    const shown: (number | undefined)[] = [];
    await followActiveTab(win.api, (tab) => shown.push(tab), new AbortController().signal);
    win.activate(9);
    win.activate(1);
    expect(shown).toEqual([1]);
  });
});

describe('openSidePanel', () => {
  it("opens Chrome's side panel for the window, inside the call", () => {
    const open = vi.fn(async () => {});
    expect(openSidePanel({ sidePanel: { open } }, 7)).toBe(true);
    expect(open).toHaveBeenCalledWith({ windowId: 7 });
  });

  it("opens Firefox's sidebar", () => {
    const open = vi.fn(async () => {});
    expect(openSidePanel({ sidebarAction: { open } }, undefined)).toBe(true);
    expect(open).toHaveBeenCalled();
  });

  it('answers false where the browser has none, so the caller toggles the frame', () => {
    expect(openSidePanel({}, 7)).toBe(false);
  });
});

describe('siteOfUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/dana/', 'linkedin'],
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
    ['https://outlook.cloud.microsoft/mail/', 'outlook'],
    ['http://www.linkedin.com/in/dana/', undefined],
    ['https://linkedin.com.example/', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('%s is %s', (url, site) => {
    expect(siteOfUrl(url)).toBe(site);
  });
});

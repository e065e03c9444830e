/**
 * What tells the two sidebar hosts apart, on the extension API: the side panel follows the
 * active tab of its window, and a click or shortcut opens it. The API is passed in (looked up
 * with {@link extensionApi} in the pages) so the rules run in tests without a browser.
 */
import { SITES } from '../sites/hosts';

export type Site = keyof typeof SITES;
export const SITE_NAMES = Object.keys(SITES) as Site[];

/** The site a page URL is on, by our content scripts' hosts (https only, like them). */
export function siteOfUrl(url: string | undefined): Site | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return undefined;
    return SITE_NAMES.find((site) => SITES[site].host.test(parsed.hostname));
  } catch {
    return undefined;
  }
}

/** The parts of a tab the panel reads. */
export interface TabInfo {
  id?: number;
  active?: boolean;
  /** Chrome 121+ and Firefox: when the tab was last active. */
  lastAccessed?: number;
}

interface ListenerSet<L> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
}

/** The part of the extension API the panel uses to follow its window's active tab. */
export interface FollowApi {
  windows: { getCurrent(): Promise<{ id?: number }> };
  tabs: {
    getCurrent(): Promise<TabInfo | undefined>;
    query(query: { windowId: number }): Promise<TabInfo[]>;
    onActivated: ListenerSet<(info: { tabId: number; windowId: number }) => void>;
    onRemoved: ListenerSet<(tabId: number, info: { windowId: number }) => void>;
  };
}

/** The part of the extension API that opens the browser's own side panel. */
export interface PanelApi {
  /** Chrome and Edge (114+). */
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  /** Firefox. */
  sidebarAction?: { open(): Promise<void>; close?(): Promise<void> };
}

/**
 * The tab the panel shows among its window's tabs: the active one. The panel page opened as a
 * tab of its own (tests drive it so: a browser's panel UI cannot be clicked) is never its own
 * subject: then it shows the tab the rep was on last, and follows each tab they switch to.
 */
export function chooseTab(tabs: readonly TabInfo[], self: number | undefined): number | undefined {
  const others = tabs.filter((tab) => tab.id !== undefined && tab.id !== self);
  const active = others.find((tab) => tab.active);
  if (active) return active.id;
  if (self === undefined) return undefined;
  return others.reduce<TabInfo | undefined>(
    (last, tab) => (last === undefined || (tab.lastAccessed ?? 0) > (last.lastAccessed ?? 0) ? tab : last),
    undefined,
  )?.id;
}

/**
 * Calls `onTab` with the tab the panel shows now, then on every tab switch in its window
 * (a navigation inside the tab needs nothing here: the hub pushes that tab's new states).
 */
export async function followActiveTab(
  api: FollowApi,
  onTab: (tabId: number | undefined) => void,
  signal: AbortSignal,
): Promise<void> {
  const [win, self] = await Promise.all([api.windows.getCurrent(), api.tabs.getCurrent().catch(() => undefined)]);
  const windowId = win.id;
  if (signal.aborted || windowId === undefined) return;
  let shown: number | undefined;
  const show = (tabId: number | undefined) => {
    if (signal.aborted || tabId === shown) return;
    shown = tabId;
    onTab(tabId);
  };
  const pick = async () => show(chooseTab(await api.tabs.query({ windowId }), self?.id));
  const activated = (info: { tabId: number; windowId: number }) => {
    if (info.windowId === windowId && info.tabId !== self?.id) show(info.tabId);
  };
  const removed = (tabId: number) => {
    if (tabId === shown) void pick();
  };
  api.tabs.onActivated.addListener(activated);
  api.tabs.onRemoved.addListener(removed);
  signal.addEventListener('abort', () => {
    api.tabs.onActivated.removeListener(activated);
    api.tabs.onRemoved.removeListener(removed);
  });
  await pick();
}

/**
 * Opens the browser's side panel for a window. Call it synchronously inside the rep's click or
 * shortcut, with nothing awaited before: both browsers refuse it outside a user gesture.
 * Answers false where the browser has no side panel (the caller falls back to the frame).
 */
export function openSidePanel(api: PanelApi, windowId: number | undefined): boolean {
  if (api.sidePanel && windowId !== undefined) {
    api.sidePanel.open({ windowId }).catch((error: unknown) => console.warn('Handoff: no side panel', error));
    return true;
  }
  if (api.sidebarAction) {
    api.sidebarAction.open().catch((error: unknown) => console.warn('Handoff: no sidebar', error));
    return true;
  }
  return false;
}

/** Whether this browser has a side panel we can open. */
export const hasSidePanel = (api: PanelApi): boolean => Boolean(api.sidePanel || api.sidebarAction);

/**
 * The extension API, looked up when used rather than imported from wxt/browser, so components
 * that use it still render in the component tests' jsdom (as components/options/SyncSection.tsx).
 */
export function extensionApi<T>(): Partial<T> {
  const scope = globalThis as { browser?: Partial<T>; chrome?: Partial<T> };
  return scope.browser ?? scope.chrome ?? {};
}

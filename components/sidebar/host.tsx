import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { SidebarMode } from '../../lib/domain/settings';
import { request } from '../../lib/messaging/client';
import { PANEL_PORT, type SidebarUpMessage } from '../../lib/messaging/protocol';
import { connectSidebar } from '../../lib/messaging/sidebar-client';
import {
  type FollowApi,
  followActiveTab,
  hasSidePanel,
  openSidePanel,
  type PanelApi,
  type Site,
  siteOfUrl,
} from '../../lib/sidebar/host';
import { createChangeFeed, createUnsavedDrafts, remoteSidebarData } from '../../lib/sidebar/remote';
import { Sidebar } from './Sidebar';
import type { SidebarState } from './state';

/**
 * One sidebar, two hosts (docs/decisions.md, "Two hosts"): the frame on the page
 * (entrypoints/sidebar) and the browser's own side panel (entrypoints/sidepanel). Both render
 * the same {@link Sidebar} on the same data port; they differ only in how they learn the page:
 * the frame is given its own tab's state, the panel names the tab it follows (the active tab of
 * its window) and gets that tab's.
 */
export type SidebarHostKind = SidebarMode;

const send = (message: unknown) => browser.runtime.sendMessage(message);
const changes = createChangeFeed();
const unsaved = createUnsavedDrafts();
const data = remoteSidebarData(send, changes, unsaved);
const panelApi = browser as unknown as PanelApi;

/** A redacted copy of the frame's own tab (lib/background/handlers.ts, `page.snapshot`). */
const takeSnapshot = () => request(send, 'page.snapshot', {});

interface PageView {
  state: SidebarState;
  /** The site of the page shown, when it is one of ours. */
  site?: Site;
}

/** The page state the host shows, live; a new `connection` number reconnects after an error. */
function usePageView(kind: SidebarHostKind, connection: number): PageView {
  const [view, setView] = useState<PageView>({ state: { kind: 'loading' } });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `connection` is the reconnect trigger, on purpose.
  useEffect(() => {
    const controller = new AbortController();
    setView({ state: { kind: 'loading' } });
    // The panel's followed tab, told again after every reconnect (a restarted worker forgot it).
    let followed: number | null = null;
    let post: ((message: SidebarUpMessage) => void) | undefined;
    connectSidebar({
      connect: (name) => browser.runtime.connect({ name }),
      ...(kind === 'panel' && { portName: PANEL_PORT }),
      signal: controller.signal,
      onError: (message) => setView({ state: { kind: 'error', message } }),
      onChanged: () => changes.emit(),
      onConnected: (next) => {
        unsaved.connected(next);
        post = next;
        if (kind === 'panel' && followed !== null) next({ type: 'panel.follow', tabId: followed });
      },
      onAbsent: () => setView({ state: { kind: 'none' } }),
      onState: ({ url, extraction }) =>
        setView({ state: extraction.kind === 'pending' ? { kind: 'loading' } : extraction, site: siteOfUrl(url) }),
    });
    if (kind === 'panel') {
      void followActiveTab(
        browser as unknown as FollowApi,
        (tabId) => {
          followed = tabId ?? null;
          setView({ state: { kind: 'loading' } });
          post?.({ type: 'panel.follow', tabId: followed });
        },
        controller.signal,
      ).catch((error: unknown) => setView({ state: { kind: 'error', message: String(error) } }));
    }
    return () => controller.abort();
  }, [kind, connection]);
  return view;
}

/** The window this page is in, read ahead: opening the panel must not wait inside the click. */
function useWindowId(): number | undefined {
  const [windowId, setWindowId] = useState<number>();
  useEffect(() => {
    // Firefox gives a page framed in a web page neither `windows` nor `tabs`: the call would
    // throw before any promise exists and take the whole sidebar down with it.
    browser.windows
      ?.getCurrent()
      .then((win) => setWindowId(win.id))
      .catch(() => {});
  }, []);
  return windowId;
}

function SidebarHost({ kind }: { kind: SidebarHostKind }) {
  const [connection, setConnection] = useState(0);
  const { state, site } = usePageView(kind, connection);
  const windowId = useWindowId();
  // Whether the panel page is a tab of its own (tests open it so): then it never closes itself.
  const inTab = useRef(false);
  useEffect(() => {
    void browser.tabs
      ?.getCurrent()
      .then((tab) => {
        inTab.current = tab !== undefined;
      })
      .catch(() => {});
  }, []);

  const setMode = (to: SidebarMode) =>
    site ? request(send, 'sidebar.setMode', { site, mode: to }).then(() => {}) : Promise.resolve();
  const moveToPanel = () => {
    // First, inside the click: the browser opens its panel only during the rep's gesture.
    openSidePanel(panelApi, windowId);
    void setMode('panel').catch(() => {});
  };
  const moveToPage = () => {
    void setMode('frame')
      .then(() => {
        if (!inTab.current) window.close();
      })
      .catch(() => {});
  };
  const placement =
    site && hasSidePanel(panelApi) ? { mode: kind, onMove: kind === 'frame' ? moveToPanel : moveToPage } : undefined;

  return (
    <Sidebar
      data={data}
      state={state}
      now={Date.now}
      onRetry={() => setConnection((n) => n + 1)}
      placement={placement}
      {...(kind === 'frame' && {
        onCollapse: () => void request(send, 'sidebar.setOpen', { open: false }).catch(() => {}),
        // The frame's own tab only: the panel shows a tab it is not in.
        onSnapshot: takeSnapshot,
      })}
    />
  );
}

/** Renders the sidebar in this page as the given host. */
export function mountSidebarHost(kind: SidebarHostKind): void {
  const root = document.getElementById('root');
  if (!root) throw new Error(`${kind === 'panel' ? 'sidepanel' : 'sidebar'}: #root missing`);
  createRoot(root).render(
    <StrictMode>
      <SidebarHost kind={kind} />
    </StrictMode>,
  );
}

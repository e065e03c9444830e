import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { AlertService, type NotificationsApi } from '../../lib/background/alerts';
import { DraftKeeper } from '../../lib/background/drafts';
import { firstRunTab } from '../../lib/background/first-run';
import { SidebarHub } from '../../lib/background/sidebar-hub';
import { SidebarModeCache } from '../../lib/background/sidebar-mode';
import { createRepositories, openHandoffDb } from '../../lib/db';
import { createHandlers } from '../../lib/background/handlers';
import { PANEL_PORT, PanelFollowMessageSchema, SIDEBAR_PORT } from '../../lib/messaging/protocol';
import { createRouter } from '../../lib/messaging/router';
import { readQueueState } from '../../lib/queue/read-plan';
import { onDexieChange } from '../../lib/sidebar/data';
import { hasSidePanel, openSidePanel, type PanelApi, siteOfUrl } from '../../lib/sidebar/host';
import { CONTENT_HOSTS, SITES } from '../../lib/sites/hosts';
import type { SiteKey } from '../../lib/sites/types';
import { SyncScheduler } from '../../lib/sync/scheduler';
import { SyncService } from '../../lib/sync/service';

// Wiring only: the database, the router, its handlers and the sidebar hub live in lib/.
export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/');
  // The site's page side, into a tab's page (the document where the browser names it, in
  // Chromium, so a page that navigated meanwhile gets its own loader's request, not this one's).
  const runPageSide = async ({ tabId, documentId }: { tabId: number; documentId?: string }, site: SiteKey) => {
    await browser.scripting.executeScript({
      target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] },
      files: [`/page-${site}.js`],
    });
  };
  // A tab whose page side waited (panel mode, nobody looking): run it once something shows it.
  // A page side already running ignores a second start (components/page/page-side.ts).
  const readTab = async (tabId: number) => {
    const site = siteOfUrl((await browser.tabs.get(tabId).catch(() => undefined))?.url);
    if (site) await runPageSide({ tabId }, site).catch(() => {});
  };
  const hub = new SidebarHub(browser.storage.session, (tabId) => void readTab(tabId));
  const repos = createRepositories(openHandoffDb());
  const drafts = new DraftKeeper((draft) => repos.qualifications.save(draft));
  const panels = browser as unknown as PanelApi;
  const modes = new SidebarModeCache(async () => (await repos.settings.get()).sidebarMode, hasSidePanel(panels));
  void modes.refresh();
  // Team sync: the one place syncs run. Off until the rep turns it on in the options page.
  const sync = new SyncService({
    repo: repos.sync,
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    random: Math.random,
    onToggle: (enabled) => void scheduler.toggled(enabled),
  });
  const scheduler = new SyncScheduler({
    run: () => sync.run(),
    status: () => repos.sync.status(),
    alarms: browser.alarms,
    isOnline: () => navigator.onLine,
    now: Date.now,
  });
  void scheduler.start();
  // The toolbar badge (leads that need the rep now) and the opt-in notifications.
  const alerts = new AlertService({
    read: (now) => readQueueState(repos, now),
    badge: browser.action,
    // An optional permission: the API is there only once the rep granted it (options page).
    notifications: async () =>
      (await browser.permissions.contains({ permissions: ['notifications'] }))
        ? (browser.notifications as unknown as NotificationsApi)
        : undefined,
    storage: browser.storage.local,
    alarms: browser.alarms,
    open: (url) => browser.tabs.create({ url }),
    pageUrl: (path) => browser.runtime.getURL(path as '/popup.html'),
    now: Date.now,
  });
  void alerts.start();
  globalThis.addEventListener?.('online', () => void scheduler.trigger('online'));
  const route = createRouter(
    createHandlers({
      version: browser.runtime.getManifest().version,
      repos,
      hub,
      sendToTab: (tabId, command) => browser.tabs.sendMessage(tabId, command, { frameId: 0 }),
      snapshotTab: async (tabId) => {
        const [frame] = await browser.scripting.executeScript({
          target: { tabId, frameIds: [0] },
          files: ['/snapshot.js'],
        });
        return frame?.result;
      },
      // The site's page side, once its page has loaded (components/page/page-loader.ts).
      runPageSide,
      sync,
      panelSupported: modes.panelSupported,
    }),
    { extensionId: browser.runtime.id, extensionOrigin, contentHosts: CONTENT_HOSTS },
  );

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // sendResponse + `return true` rather than a returned promise: works in every Chrome and Firefox.
    void route(message, sender).then(sendResponse);
    return true;
  });

  browser.runtime.onConnect.addListener((port) => {
    const tabId = port.sender?.tab?.id;
    const ours = port.sender?.id === browser.runtime.id && port.sender.url?.startsWith(extensionOrigin);
    // The side panel: our page in the browser's own panel, in no tab; it names the tab it shows.
    if (port.name === PANEL_PORT && ours) {
      drafts.attach(port);
      hub.connectPanel(port);
      port.onMessage.addListener((raw) => {
        const follow = PanelFollowMessageSchema.safeParse(raw);
        if (follow.success) void hub.follow(port, follow.data.tabId ?? undefined);
      });
      return;
    }
    // Only our sidebar page, framed in a tab, gets a tab's page state.
    if (port.name !== SIDEBAR_PORT || !ours || tabId === undefined) {
      port.disconnect();
      return;
    }
    drafts.attach(port);
    void hub.connect(tabId, port);
  });

  // Any write (ours, or a popup / options page / import in the same origin) refreshes open
  // sidebars, and, once the edits pause, pushes what it queued (the sidebar's answer never waits on it).
  onDexieChange(() => {
    hub.changed();
    scheduler.changed();
    alerts.changed();
    modes.changed((sites) => void tellModes(sites));
  });
  // A site moved host (options page, the sidebar's header): its open tabs mount or drop the frame now.
  const tellModes = async (sites: readonly (keyof typeof SITES)[]) => {
    for (const site of sites) {
      const command = { type: 'sidebar.mode', mode: modes.modeOf(site) } as const;
      for (const tab of await browser.tabs.query({ url: [...SITES[site].matches] })) {
        if (tab.id === undefined) continue;
        void browser.tabs.sendMessage(tab.id, command, { frameId: 0 }).catch(() => {});
        // A page whose side waited (panel mode) has none to tell: to the frame, it runs now.
        if (command.mode === 'frame') void readTab(tab.id);
      }
    }
  };

  browser.tabs.onRemoved.addListener((tabId) => void hub.forget(tabId));
  // A tab that leaves our sites has no content script to say so: a side panel following it
  // would keep showing the last person. Without the `tabs` permission the URL is there only
  // on our sites, so no URL means elsewhere.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading' && !siteOfUrl(tab.url)) void hub.left(tabId);
  });

  // A fresh install opens the welcome page once (who the rep is, what is kept where); updates do not.
  browser.runtime.onInstalled.addListener((details) => {
    const url = firstRunTab(details, (path) => browser.runtime.getURL(path));
    if (url) void browser.tabs.create({ url });
  });

  // Synchronous up to the panel's opening: the browsers open it only inside the rep's gesture.
  // A site in panel mode, or a page that is none of ours (the panel offers search there), opens
  // the panel; a site in frame mode toggles its frame.
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'toggle-sidebar') return;
    const site = siteOfUrl(tab?.url);
    if ((!site || modes.modeOf(site) === 'panel') && openSidePanel(panels, tab?.windowId)) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined)
      await browser.tabs.sendMessage(tabId, { type: 'sidebar.toggle' }, { frameId: 0 }).catch(() => {});
  });
});

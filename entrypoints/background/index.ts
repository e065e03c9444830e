import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { DraftKeeper } from '../../lib/background/drafts';
import { firstRunTab } from '../../lib/background/first-run';
import { SidebarHub } from '../../lib/background/sidebar-hub';
import { createRepositories, openHandoffDb } from '../../lib/db';
import { createHandlers } from '../../lib/background/handlers';
import { SIDEBAR_PORT } from '../../lib/messaging/protocol';
import { createRouter } from '../../lib/messaging/router';
import { onDexieChange } from '../../lib/sidebar/data';
import { CONTENT_HOSTS } from '../../lib/sites/hosts';
import { SyncScheduler } from '../../lib/sync/scheduler';
import { SyncService } from '../../lib/sync/service';

// Wiring only: the database, the router, its handlers and the sidebar hub live in lib/.
export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/');
  const hub = new SidebarHub(browser.storage.session);
  const repos = createRepositories(openHandoffDb());
  const drafts = new DraftKeeper((draft) => repos.qualifications.save(draft));
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
      sync,
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
    // Only our sidebar page, framed in a tab, gets a tab's page state.
    const ours = port.sender?.id === browser.runtime.id && port.sender.url?.startsWith(extensionOrigin);
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
  });

  browser.tabs.onRemoved.addListener((tabId) => void hub.forget(tabId));

  // A fresh install opens the welcome page once (who the rep is, what is kept where); updates do not.
  browser.runtime.onInstalled.addListener((details) => {
    const url = firstRunTab(details, (path) => browser.runtime.getURL(path));
    if (url) void browser.tabs.create({ url });
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'toggle-sidebar') return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined)
      await browser.tabs.sendMessage(tabId, { type: 'sidebar.toggle' }, { frameId: 0 }).catch(() => {});
  });
});

import type { SidebarHub } from '../background/sidebar-hub';
import type { Repositories } from '../db';
import type { ContentCommand } from './protocol';
import type { Handlers, Sender } from './router';

export interface BackgroundDeps {
  version: string;
  repos: Repositories;
  hub: SidebarHub;
  /** Sends a command to the content script in a tab's top frame. */
  sendToTab(tabId: number, command: ContentCommand): Promise<void>;
}

function tabOf(sender: Sender): number {
  const id = sender.tab?.id;
  if (id === undefined || id < 0) throw new Error('This message must come from a tab');
  return id;
}

/**
 * The background's handlers. Kept out of the entrypoint so they run in tests against
 * fake-indexeddb exactly as in the service worker. The tab a message concerns is always
 * the sender's own (`sender.tab.id`, set by the browser): a frame can only speak for its tab.
 */
export function createHandlers(deps: BackgroundDeps): Handlers {
  return {
    async 'health.ping'() {
      try {
        return { version: deps.version, database: 'ok', leads: await deps.repos.leads.count() };
      } catch {
        return { version: deps.version, database: 'error', leads: 0 };
      }
    },
    async 'page.state'(state, sender) {
      await deps.hub.update(tabOf(sender), state);
      return {};
    },
    async 'sidebar.setOpen'({ open }, sender) {
      await deps.sendToTab(tabOf(sender), { type: 'sidebar.setOpen', open });
      return {};
    },
  };
}

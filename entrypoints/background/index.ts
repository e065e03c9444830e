import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRepositories, openHandoffDb } from '../../lib/db';
import { createHandlers } from '../../lib/messaging/handlers';
import { createRouter } from '../../lib/messaging/router';
import { CONTENT_HOSTS } from '../../lib/sites/hosts';

// Wiring only: the database, the message router and its handlers live in lib/.
export default defineBackground(() => {
  const repos = createRepositories(openHandoffDb());
  const route = createRouter(createHandlers(repos, { version: browser.runtime.getManifest().version }), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    contentHosts: CONTENT_HOSTS,
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // sendResponse + `return true` rather than a returned promise: works in every Chrome and Firefox.
    void route(message, sender).then(sendResponse);
    return true;
  });
});

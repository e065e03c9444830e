import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPageLoader } from '../components/page/page-loader';

// Wiring only (components/page/page-loader.ts): the one content script in the manifest, on
// every site (wxt.config.ts lists it); after the page's load it asks the background for that
// site's page side. An unlisted script, not a WXT content script: WXT's content-script
// wrapper is four times the size of this whole loader, and it runs before the page's load.
export default defineUnlistedScript(() => {
  startPageLoader(window, (message) => browser.runtime.sendMessage(message), new AbortController().signal);
});

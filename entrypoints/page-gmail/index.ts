import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageSide } from '../../components/page/page-side';
import { SITES } from '../../lib/sites/hosts';
import { extractGmail } from '../../lib/sites/gmail/extract';

// Wiring only (components/page/page-side.ts). One content script per site, so a page
// compiles its own site's adapter and no other. main() only waits for the page's load.
export default defineContentScript({
  matches: [...SITES.gmail.matches],
  runAt: 'document_idle',
  // WXT would otherwise post a "script started" message to the page on every load, naming
  // this extension's id (which the per-session sidebar URL keeps from the page); it is for
  // replacing an older copy of the script after an update, which we do not need.
  noScriptStartedPostMessage: true,
  main: (ctx) => startPageSide(ctx, extractGmail),
});

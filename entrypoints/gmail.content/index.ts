import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageSide } from '../../components/page/page-side';
import { SITES } from '../../lib/sites/hosts';
import { extractGmail } from '../../lib/sites/gmail/extract';

// Wiring only (components/page/page-side.ts). One content script per site, so a page
// compiles its own site's adapter and no other. main() only waits for the page's load.
export default defineContentScript({
  matches: [...SITES.gmail.matches],
  runAt: 'document_idle',
  main: (ctx) => startPageSide(ctx, extractGmail),
});

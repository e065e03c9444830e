import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { firstPageSide, startPageSide } from '../../components/page/page-side';
import { extractOutlook } from '../../lib/sites/outlook/extract';
import { OUTLOOK_SENDS } from '../../lib/sites/outlook/sent';

// Wiring only (components/page/page-side.ts). One page side per site, so a page compiles its
// own site's adapter and no other. Not in the manifest: the background runs it in a page once
// the page has loaded and its loader asks (components/page/page-loader.ts, `page.load`). An
// unlisted script, not a WXT content script: nothing of WXT's content-script wrapper (its
// "script started" event on the page's document, its location watcher) is needed here.
export default defineUnlistedScript(() => {
  // The page side lives as long as the page: nothing aborts it but the tests' own signal.
  if (firstPageSide()) startPageSide(new AbortController().signal, extractOutlook, OUTLOOK_SENDS);
});

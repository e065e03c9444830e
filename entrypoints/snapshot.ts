import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { SIDEBAR_HOST_TAG } from '../components/page/sidebar-frame';
import { SNAPSHOT_KEEP, snapshotPage } from '../lib/sites/snapshot';

// Wiring only: the background injects this into a tab's top frame when the rep asks for a
// redacted copy of the page ("Save this page for a bug report"), and gets back what main()
// returns. Injected on demand rather than shipped in the page-side bundle: every page would
// otherwise carry the redactor and its word list for a button pressed once in a while.
export default defineUnlistedScript(() => {
  try {
    const isOwn = (node: Node) => node.nodeName.toLowerCase() === SIDEBAR_HOST_TAG;
    const { html, url } = snapshotPage(document, new URL(location.href), { keep: SNAPSHOT_KEEP, isOwn });
    return { ok: true, html, url } as const;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) } as const;
  }
});

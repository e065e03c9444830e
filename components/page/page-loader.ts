/**
 * The only content script the manifest declares (entrypoints/page-loader.ts): it waits for the
 * page's `load` event and an idle moment, then asks the background to run the site's page side
 * (components/page/page-side.ts, entrypoints/page-<site>, an unlisted script) in this
 * page. So before `load` the page gets only this script's evaluation, a few hundred bytes,
 * and the isolated world every content script has; the reading, the messaging and the frame
 * all come after (issue 16, item 5: "nothing of ours before the load event"; bench/FINDINGS.md).
 *
 * A static content script rather than the background injecting on `tabs.onUpdated`: the
 * browser runs this one even while the service worker sleeps, and tab events from every other
 * site would wake the worker for nothing.
 */
import { afterLoad } from '../../lib/sites/after-load';
import { benchMark } from './bench-mark';

export const PAGE_LOAD_MESSAGE = { type: 'page.load', payload: {} } as const;

/** Asks for the page side once this top-level page has loaded; frames inside it get nothing. */
export function startPageLoader(
  win: Window,
  send: (message: typeof PAGE_LOAD_MESSAGE) => Promise<unknown>,
  signal: AbortSignal,
): void {
  if (win.top !== win) return;
  afterLoad(
    () => {
      benchMark('asked');
      send(PAGE_LOAD_MESSAGE).catch(() => {
        // The extension was reloaded or updated under the page: the next page load asks again.
      });
    },
    { window: win, signal },
  );
}

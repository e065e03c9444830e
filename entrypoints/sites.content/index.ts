import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebarFrame } from '../../components/page/sidebar-frame';
import { adapterContextFrom } from '../../lib/sites/context';
import { SITES } from '../../lib/sites/hosts';
import { adapterFor } from '../../lib/sites/index';
import type { PageState } from '../../lib/sites/watch';
import { watchPage } from '../../lib/sites/watch';

const OPEN_KEY = 'sidebarOpen';

// Wiring only: the adapters and the watcher live in lib/sites, the frame in components/page.
// Nothing here imports zod or React: this is the page-side bundle, kept small.
export default defineContentScript({
  matches: Object.values(SITES).flatMap((site) => [...site.matches]),
  runAt: 'document_idle',
  async main(ctx) {
    const site = adapterFor(location.hostname);
    if (!site || window.top !== window) return;

    // The rep's choice to collapse is remembered across pages and sessions.
    let preferOpen = (await browser.storage.local.get(OPEN_KEY))[OPEN_KEY] !== false;
    // Who the rep is (settings), so a thread's prospect is never the rep or a colleague.
    // Read once per page load: a settings change applies from the next page.
    const context = adapterContextFrom(
      await browser.runtime.sendMessage({ type: 'adapter.context', payload: {} }).catch(() => undefined),
    );
    let state: PageState | undefined;
    let openedHere = false;

    const frame = mountSidebarFrame({
      document,
      src: browser.runtime.getURL('/sidebar.html'),
      onToggle: () => setOpen(!frame.visible),
    });
    ctx.onInvalidated(() => frame.destroy());

    const hasSomeone = () => state !== undefined && state.extraction.kind !== 'none';
    const render = () => frame.setVisible(openedHere || (preferOpen && hasSomeone()));
    const setOpen = (open: boolean) => {
      preferOpen = open;
      openedHere = open;
      void browser.storage.local.set({ [OPEN_KEY]: open });
      render();
    };

    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Only our own background can talk to us; checked without zod to keep this bundle small.
      if (sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return;
      const command = message as { type?: unknown; open?: unknown };
      if (command.type === 'sidebar.toggle') setOpen(!frame.visible);
      else if (command.type === 'sidebar.setOpen' && typeof command.open === 'boolean') setOpen(command.open);
    });

    watchPage({
      window,
      extract: (doc, url) => site.extract(doc, url, context),
      signal: ctx.signal,
      onChange(next) {
        if (state && next.url !== state.url) openedHere = false;
        state = next;
        render();
        browser.runtime.sendMessage({ type: 'page.state', payload: next }).catch(() => {
          // The background restarts on demand; the next change will be delivered.
        });
      },
    });
  },
});

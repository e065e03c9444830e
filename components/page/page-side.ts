/**
 * The page side of one site: what each site's page script runs (entrypoints/page-<site>).
 * It reads who is on the page with that site's adapter (lib/sites), tells the background, and
 * shows or collapses the sidebar frame. Nothing here imports zod or React: this is the
 * page-side bundle, kept small, and each site's bundle holds only its own adapter.
 *
 * The page barely notices it (DESIGN.md §5). The background runs this only once the page has
 * loaded and its loader asked (components/page/page-loader.ts), so before the page's `load`
 * event nothing of it runs at all; reading the page, messaging and mounting still wait for an
 * idle moment (and for `load` again, should the loader's wait for it have timed out).
 * The frame and its tab go on the page with the first page state, in one task; the page is
 * pushed aside only while the sidebar shows someone (or the rep opened it), never for a page
 * with nobody on it or while the next page is still settling.
 *
 * Where the site's sidebar is in the browser's own side panel (`panel` mode, LinkedIn's
 * default), the page side still reads the page and reports it, and adds nothing to the page:
 * no element, no style, no margin. The mode comes with the adapter context, one message.
 */
import { browser } from 'wxt/browser';
import { afterLoad } from '../../lib/sites/after-load';
import { adapterContextFrom } from '../../lib/sites/context';
import type { Adapter } from '../../lib/sites/types';
import { type SendReader, watchSends } from '../../lib/sites/sent';
import { type PageState, watchPage } from '../../lib/sites/watch';
import { benchMark } from './bench-mark';
import { mountSidebarFrame, type SidebarFrame } from './sidebar-frame';
import { sidebarShows, type Visibility } from './visibility';

const OPEN_KEY = 'sidebarOpen';

type Mode = 'panel' | 'frame';

/** The mode out of the `adapter.context` reply, checked by hand (no zod here); the frame unless it says panel. */
export function sidebarModeFrom(reply: unknown): Mode {
  const value = (reply as { ok?: unknown; value?: { sidebarMode?: unknown } } | null)?.value;
  return (reply as { ok?: unknown } | null)?.ok === true && value?.sidebarMode === 'panel' ? 'panel' : 'frame';
}

/** Whether the `adapter.context` reply says the rep opted in to touches that log themselves. */
export function touchesOn(reply: unknown): boolean {
  const value = (reply as { ok?: unknown; value?: { captureTouches?: unknown } } | null)?.value;
  return (reply as { ok?: unknown } | null)?.ok === true && value?.captureTouches === true;
}

const STARTED = Symbol.for('handoff.pageSide');

/**
 * True the first time in this page's isolated world, false after: the background runs the page
 * side when the page's loader asks, and one page side per page is all there may be.
 */
export function firstPageSide(world: object = globalThis): boolean {
  const flags = world as { [STARTED]?: true };
  if (flags[STARTED]) return false;
  flags[STARTED] = true;
  return true;
}

/**
 * Starts the page side on this page, after its load (see the file's comment). `sends` is the
 * site's reading of the rep's sends: followed only when the rep opted in (lib/sites/sent.ts).
 */
export function startPageSide(signal: AbortSignal, extract: Adapter, sends?: SendReader): void {
  if (window.top !== window) return;
  benchMark('evaluated');
  afterLoad(() => void run(signal, extract, sends), { window, signal });
}

async function run(signal: AbortSignal, extract: Adapter, sends: SendReader | undefined): Promise<void> {
  benchMark('start');
  // Who the rep is (settings), so a thread's prospect is never the rep or a colleague, and the
  // rep's choice to collapse, remembered across pages and sessions, and the site's sidebar mode.
  // All read once per page load, together: a settings change applies from the next page (the
  // mode at once too: `sidebar.mode`).
  const [stored, reply] = await Promise.all([
    browser.storage.local.get(OPEN_KEY).catch(() => ({}) as Record<string, unknown>),
    browser.runtime.sendMessage({ type: 'adapter.context', payload: {} }).catch(() => undefined),
  ]);
  if (signal.aborted) return;
  const context = adapterContextFrom(reply);
  let mode = sidebarModeFrom(reply);
  // Touches that log themselves: the background checks the setting, the site and the lead again.
  if (sends && touchesOn(reply)) {
    watchSends({
      window,
      reader: sends,
      signal,
      onSent: (touch) => void browser.runtime.sendMessage({ type: 'touch.sent', payload: touch }).catch(() => {}),
    });
  }
  const seen: Visibility = { preferOpen: stored[OPEN_KEY] !== false, openedHere: false, showing: false };
  let state: PageState | undefined;
  let frame: SidebarFrame | undefined;

  const render = () => {
    // The side panel's site: the page stays as it is (see the file's comment).
    if (mode === 'panel') return;
    seen.showing = sidebarShows(state, seen);
    if (!frame) {
      // With the first state, in the same task as the first show: one style and layout pass.
      frame = mountSidebarFrame({
        document,
        src: browser.runtime.getURL('/sidebar.html'),
        onToggle: () => setOpen(!seen.showing),
      });
      signal.addEventListener('abort', () => frame?.destroy(), { once: true });
    }
    frame.setVisible(seen.showing);
  };
  // The rep moved this site's sidebar (options page, the sidebar's header): applied at once.
  const setMode = (next: Mode) => {
    if (next === mode) return;
    mode = next;
    if (next === 'panel') {
      frame?.destroy();
      frame = undefined;
    } else {
      // Moved here from the panel: the rep wants to see it.
      seen.openedHere = true;
      render();
    }
  };
  const setOpen = (open: boolean) => {
    seen.preferOpen = open;
    seen.openedHere = open;
    void browser.storage.local.set({ [OPEN_KEY]: open });
    render();
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own background can talk to us; checked without zod to keep this bundle small.
    if (signal.aborted || sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return;
    const command = message as { type?: unknown; open?: unknown };
    const { mode: next } = message as { mode?: unknown };
    if (command.type === 'sidebar.mode' && (next === 'panel' || next === 'frame')) setMode(next);
    else if (mode === 'panel') return;
    else if (command.type === 'sidebar.toggle') setOpen(!seen.showing);
    else if (command.type === 'sidebar.setOpen' && typeof command.open === 'boolean') setOpen(command.open);
  });

  watchPage({
    window,
    extract: (doc, url) => extract(doc, url, context),
    signal,
    // Mounting the frame adds its host to the page: not a reason to read the page again.
    isOwn: (node) => frame?.owns(node) ?? false,
    onChange(next) {
      if (!state) benchMark('state');
      if (state && next.url !== state.url) seen.openedHere = false;
      state = next;
      render();
      browser.runtime.sendMessage({ type: 'page.state', payload: next }).catch(() => {
        // The background restarts on demand; the next change will be delivered.
      });
    },
  });
}

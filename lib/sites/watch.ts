import type { Extraction, PageIdentity } from './types';

/** What the sidebar is told: the page's URL and who is on it, or that it is still settling. */
export type PageState = { url: string; extraction: Extraction | { kind: 'pending' } };

export interface WatchOptions {
  /** The page's window (the content script's `window`; a jsdom window in tests). */
  window: Window;
  extract: (doc: Document, url: URL) => Extraction;
  onChange: (state: PageState) => void;
  /** Aborting stops every listener, observer and timer. */
  signal: AbortSignal;
  /**
   * After a navigation, how long the DOM may still show the previous page. Within it, an
   * extraction that repeats the previous person (same name or email) or fails is treated as
   * not rendered yet; after it, whatever the page shows is taken.
   */
  settleMs?: number;
  /** Debounce for DOM mutations: single-page apps mutate in bursts. */
  debounceMs?: number;
  /** URL poll interval: the only signal of `history.pushState` a content script's isolated world gets in every browser. */
  pollMs?: number;
  /**
   * Nodes of our own on the page (the sidebar's host element): adding or removing them is
   * not the page changing, so it does not make the watcher read the page again.
   */
  isOwn?: (node: Node) => boolean;
}

/**
 * Follows a single-page app from page to page and reports who is on each, without a
 * reload. One watcher serves LinkedIn, Gmail and Outlook: history and hash changes,
 * the Navigation API where present, a URL poll as the fallback, and DOM mutations for
 * late-rendered content.
 *
 * It never reports the previous person for a new URL: on a navigation it reports
 * `pending` at once, then holds back extractions that still show the previous page's
 * person until the DOM changes or `settleMs` passes.
 */
export function watchPage(options: WatchOptions): void {
  const { window: win, extract, onChange, signal } = options;
  const settleMs = options.settleMs ?? 1500;
  const debounceMs = options.debounceMs ?? 100;
  const pollMs = options.pollMs ?? 500;

  let url = win.location.href;
  let navigatedAt = Number.NEGATIVE_INFINITY;
  let previous: PageIdentity | undefined;
  let lastEmitted = '';
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;

  const emit = (state: PageState) => {
    const key = JSON.stringify(state);
    if (key === lastEmitted) return;
    lastEmitted = key;
    onChange(state);
  };

  const run = () => {
    if (signal.aborted) return;
    if (win.location.href !== url) {
      navigated();
      return;
    }
    let extraction: Extraction;
    try {
      extraction = extract(win.document, new URL(url));
    } catch (error) {
      // An adapter bug must degrade to search, never break the page.
      extraction = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    const settling = Date.now() - navigatedAt < settleMs;
    if (settling && (extraction.kind === 'failed' || isStale(extraction, previous))) return;
    if (extraction.kind === 'person') previous = extraction.identity;
    emit({ url, extraction });
  };

  const navigated = () => {
    url = win.location.href;
    navigatedAt = Date.now();
    emit({ url, extraction: { kind: 'pending' } });
    // Read at once: most navigations are noticed (navigatesuccess) once the new person is
    // already on the page, and waiting for the mutation debounce cost ~90 ms of the time to
    // sidebar (bench/FINDINGS.md). A page that still shows the previous person is caught by
    // the stale check in run(), and the debounce below reads again as it renders.
    run();
    schedule();
    clearTimeout(settle);
    // Take whatever the page shows once it has had time to render.
    settle = setTimeout(run, settleMs + 1);
  };

  const schedule = () => {
    clearTimeout(debounce);
    debounce = setTimeout(run, debounceMs);
  };

  const onUrlSignal = () => {
    if (win.location.href !== url) navigated();
  };

  const isOwn = options.isOwn;
  const ours = (record: MutationRecord) =>
    isOwn !== undefined &&
    record.type === 'childList' &&
    [...record.addedNodes, ...record.removedNodes].every((node) => isOwn(node));
  const observer = new (win as Window & typeof globalThis).MutationObserver((records) => {
    if (!records.every(ours)) schedule();
  });
  observer.observe(win.document, { childList: true, subtree: true, characterData: true });
  win.addEventListener('popstate', onUrlSignal, { signal });
  win.addEventListener('hashchange', onUrlSignal, { signal });
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', onUrlSignal, { signal });
  const poll = setInterval(onUrlSignal, pollMs);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(debounce);
      clearTimeout(settle);
    },
    { once: true },
  );
  run();
}

/** Whether an extraction still shows the person of the page before the navigation. */
function isStale(extraction: Extraction, previous: PageIdentity | undefined): boolean {
  if (extraction.kind !== 'person' || !previous) return false;
  const next = extraction.identity;
  if (next.name && next.name === previous.name) return true;
  return next.emails.some((email) => previous.emails.includes(email));
}

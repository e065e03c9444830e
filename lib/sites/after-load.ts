export interface AfterLoadOptions {
  /** The page's window (the content script's `window`; a jsdom window in tests). */
  window: Window;
  /** Aborting before the start cancels it. */
  signal: AbortSignal;
  /**
   * The longest wait for the `load` event, from the call: a page whose load never ends (a
   * subresource that hangs) still gets its sidebar. Real LinkedIn and Gmail pages load in
   * a few seconds; past this, the page side starts before `load`.
   */
  maxWaitMs?: number;
  /** After `load`, how long to wait for an idle moment at most. */
  idleTimeoutMs?: number;
}

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/**
 * Calls `start` once, after the page's `load` event and then an idle moment: the page
 * side's first extraction, its messages and the sidebar's mount stay off the page's load
 * path. A content script at `document_idle` runs between `DOMContentLoaded` and `load` on
 * a page that loads quickly, so work done at once delays the load event (bench/FINDINGS.md,
 * Page overhead). In-app navigations come long after load: this wait is only ever paid
 * once per page load.
 */
export function afterLoad(start: () => void, options: AfterLoadOptions): void {
  const win = options.window as IdleWindow;
  const { signal } = options;
  let started = false;
  let cap: ReturnType<typeof setTimeout> | undefined;

  const go = () => {
    if (started || signal.aborted) return;
    started = true;
    clearTimeout(cap);
    start();
  };
  const whenIdle = () => {
    clearTimeout(cap);
    if (signal.aborted) return;
    // Firefox and Chromium have requestIdleCallback; a plain task elsewhere (and in jsdom).
    if (typeof win.requestIdleCallback === 'function') {
      const handle = win.requestIdleCallback(go, { timeout: options.idleTimeoutMs ?? 500 });
      signal.addEventListener('abort', () => win.cancelIdleCallback?.(handle), { once: true });
    } else {
      const timer = setTimeout(go, 0);
      signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }
  };

  // Firefox injects `document_idle` scripts once the page is complete; so may Chromium on a slow page.
  if (win.document.readyState === 'complete') {
    whenIdle();
    return;
  }
  win.addEventListener('load', whenIdle, { once: true, signal });
  cap = setTimeout(whenIdle, options.maxWaitMs ?? 3000);
  signal.addEventListener('abort', () => clearTimeout(cap), { once: true });
}

/**
 * The sidebar's frame on the page: a closed shadow root holding an iframe of our own
 * extension page (where the lead data lives, out of the page's reach) and a small tab to
 * open and collapse it. Plain DOM, no React: this runs in the page and must stay small.
 *
 * The iframe is created the first time the sidebar is shown: a page with nobody on it costs
 * the rep a small button, not a second document.
 *
 * Page CSS cannot reach into the shadow root, ours cannot leak out; the one change to the
 * page itself is deliberate: while open, the page's root gets a right margin so the sidebar
 * sits beside the page, not over it.
 *
 * The page must not restyle the frame either: faded, moved or made click-through, it could lie
 * under the page's own decoy while the rep's clicks land on our buttons (issue 14, finding 5).
 * So every property that decides where and whether it shows is `!important` on `:host`, where
 * it beats the page's rules, even `!important` ones and inline styles (a shadow root's important
 * declarations win the cascade), and the host sits in the top layer (a manual popover), where
 * the page's own `opacity`, `transform` or `filter` on `html` do not reach it. Attributes CSS
 * cannot undo (`inert`) are taken off again, and the host raised again if the page hides or
 * moves it. tests/e2e/hostile-page.test.ts checks all of it in Chromium.
 */
export const SIDEBAR_WIDTH = 360;
/** The host element's tag: how the page snapshot (entrypoints/snapshot.ts) leaves our frame out. */
export const SIDEBAR_HOST_TAG = 'handoff-sidebar';

export interface SidebarFrame {
  setVisible(visible: boolean): void;
  readonly visible: boolean;
  /** Whether a node is the frame's own element on the page (its host). */
  owns(node: Node): boolean;
  destroy(): void;
}

export interface SidebarFrameOptions {
  document: Document;
  /** `browser.runtime.getURL('/sidebar.html')` */
  src: string;
  /** The rep clicked the tab. */
  onToggle(): void;
}

// !important throughout: on `:host` it is what beats the page (see the file's comment); inside,
// it keeps any later rule of ours from undoing it. `all: initial` resets the rest; the named ones
// are those a page would use to hide, fade, move or make click-through. The host is a 0x0 box; its
// parts are fixed to the viewport (it has no transform, filter or contain to capture them).
// Written tight: this string ships in every site's page-side bundle as is.
const CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;inset:0 0 auto auto!important;
width:0!important;height:0!important;overflow:visible!important;opacity:1!important;visibility:visible!important;
transform:none!important;filter:none!important;clip-path:none!important;mix-blend-mode:normal!important;
pointer-events:none!important;z-index:2147483647!important}
.frame,.tab{display:block!important;position:fixed!important;right:0!important;opacity:1!important;
visibility:visible!important;filter:none!important;clip-path:none!important;mix-blend-mode:normal!important;
pointer-events:auto!important}
.frame{top:0!important;transform:none!important;width:${SIDEBAR_WIDTH}px!important;height:100vh!important;
height:100dvh!important;z-index:2147483646!important;box-sizing:border-box;border:0;border-left:1px solid #d0d7de;
background:#fff;color-scheme:light dark}
.frame[hidden]{display:none!important}
.tab{top:50%!important;transform:translateY(-50%)!important;z-index:2147483647!important;writing-mode:vertical-rl;
font:600 12px/1 system-ui,sans-serif;letter-spacing:.04em;padding:10px 6px;border:1px solid #0a58ca;border-right:0;
border-radius:6px 0 0 6px;background:#0a58ca;color:#fff;cursor:pointer}
.tab.open{right:${SIDEBAR_WIDTH}px!important}
.tab:focus-visible{outline:2px solid #1b1f24;outline-offset:2px}
@media (prefers-color-scheme:dark){.frame{background:#15181c;border-left-color:#30363d}}
`;

export function mountSidebarFrame({ document: doc, src, onToggle }: SidebarFrameOptions): SidebarFrame {
  const host = doc.createElement(SIDEBAR_HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CSS;

  const tab = doc.createElement('button');
  tab.className = 'tab';
  tab.type = 'button';
  tab.textContent = 'Handoff';
  tab.addEventListener('click', onToggle);

  root.append(style, tab);
  let frame: HTMLIFrameElement | undefined;
  const frameOnce = () => {
    if (!frame) {
      frame = doc.createElement('iframe');
      frame.className = 'frame';
      frame.title = 'Handoff';
      frame.src = src;
      root.insertBefore(frame, tab);
    }
    return frame;
  };
  // The top layer: above the page's stacking contexts and out of reach of its ancestors' effects.
  host.setAttribute('popover', 'manual');
  doc.documentElement.append(host);
  let destroyed = false;
  const raise = () => {
    if (destroyed || !host.isConnected) return;
    try {
      // Optional: engines without the popover API (jsdom in the tests) keep the fixed, important styles.
      host.showPopover?.();
    } catch {
      // Already shown (older engines throw) or not showable now: the fixed, important styles still hold.
    }
  };
  // The page hid us (`hidePopover()`): raise it again.
  host.addEventListener('toggle', (event) => {
    if (event.newState === 'closed') raise();
  });
  // What the page does to the host itself. Attributes: `inert` (no CSS undoes it), `style`,
  // `hidden`, another `popover` value; none is ours but `popover`, so every other one goes.
  // A move (into a faded or transformed element, which also drops it from the top layer
  // without a `toggle` event) or a removal: it goes back under the root and up again.
  const home = doc.documentElement;
  const guard = new MutationObserver(() => {
    if (destroyed) return;
    if (host.parentNode !== home) home.append(host);
    for (const name of host.getAttributeNames()) if (name !== 'popover') host.removeAttribute(name);
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    raise();
  });
  guard.observe(host, { attributes: true });
  guard.observe(home, { childList: true });
  raise();

  const rootStyle = doc.documentElement.style;
  const originalMargin = rootStyle.getPropertyValue('margin-right');
  const originalPriority = rootStyle.getPropertyPriority('margin-right');
  let visible = false;

  const api: SidebarFrame = {
    get visible() {
      return visible;
    },
    owns: (node) => node === host,
    setVisible(next) {
      // Unchanged: touch nothing, so the page restyles nothing (the page side renders on every page state).
      if (next === visible) return;
      visible = next;
      if (next) frameOnce().hidden = false;
      else if (frame) frame.hidden = true;
      tab.classList.toggle('open', next);
      tab.setAttribute('aria-expanded', String(next));
      tab.setAttribute('aria-label', next ? 'Collapse the Handoff sidebar' : 'Show the Handoff sidebar');
      if (next) rootStyle.setProperty('margin-right', `${SIDEBAR_WIDTH}px`, 'important');
      else rootStyle.setProperty('margin-right', originalMargin, originalPriority);
    },
    destroy() {
      api.setVisible(false);
      destroyed = true;
      guard.disconnect();
      host.remove();
    },
  };
  tab.setAttribute('aria-expanded', 'false');
  tab.setAttribute('aria-label', 'Show the Handoff sidebar');
  return api;
}

/**
 * The sidebar's frame on the page: a closed shadow root holding an iframe of our own
 * extension page (where the lead data lives, out of the page's reach) and a small tab to
 * open and collapse it. Plain DOM, no React: this runs in the page and must stay small.
 *
 * The iframe is created the first time the sidebar is shown: a page with nobody on it costs
 * the rep a small button, not a second document.
 *
 * Page CSS cannot reach into the shadow root (`all: initial` on the host stops inherited
 * styles), ours cannot leak out; the one change to the page itself is deliberate: while
 * open, the page's root gets a right margin so the sidebar sits beside the page, not over it.
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

const CSS = `
:host { all: initial; }
.frame {
  position: fixed; top: 0; right: 0; width: ${SIDEBAR_WIDTH}px; height: 100vh; height: 100dvh;
  box-sizing: border-box; border: 0; border-left: 1px solid #d0d7de; background: #fff;
  z-index: 2147483646; color-scheme: light dark;
}
.frame[hidden] { display: none; }
.tab {
  position: fixed; top: 50%; right: 0; transform: translateY(-50%);
  z-index: 2147483647; writing-mode: vertical-rl;
  font: 600 12px/1 system-ui, sans-serif; letter-spacing: .04em;
  padding: 10px 6px; border: 1px solid #0a58ca; border-right: 0; border-radius: 6px 0 0 6px;
  background: #0a58ca; color: #fff; cursor: pointer;
}
.tab.open { right: ${SIDEBAR_WIDTH}px; }
.tab:focus-visible { outline: 2px solid #1b1f24; outline-offset: 2px; }
@media (prefers-color-scheme: dark) { .frame { background: #15181c; border-left-color: #30363d; } }
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
  doc.documentElement.append(host);

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
      host.remove();
    },
  };
  tab.setAttribute('aria-expanded', 'false');
  tab.setAttribute('aria-label', 'Show the Handoff sidebar');
  return api;
}

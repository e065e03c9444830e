import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  mountSidebarFrame as mount,
  SIDEBAR_WIDTH,
  type SidebarFrame,
  type SidebarFrameOptions,
} from '../../../components/page/sidebar-frame';

const SRC = 'chrome-extension://abcdefghijklmnop/sidebar.html';

// Every frame mounted here is destroyed after its test: a live frame puts its host back when removed.
const mounted: SidebarFrame[] = [];
const mountSidebarFrame = (options: SidebarFrameOptions) => {
  const frame = mount(options);
  mounted.push(frame);
  return frame;
};

afterEach(() => {
  for (const frame of mounted.splice(0)) frame.destroy();
  document.documentElement.removeAttribute('style');
  for (const el of document.querySelectorAll('handoff-sidebar')) el.remove();
});

describe('mountSidebarFrame', () => {
  it('keeps its parts in a closed shadow root the page cannot open', () => {
    mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
    const host = document.querySelector('handoff-sidebar');
    expect(host).not.toBeNull();
    expect(host?.shadowRoot).toBeNull();
    expect(document.querySelectorAll('iframe, button')).toHaveLength(0);
  });

  it('loads nothing until first shown, then frames the extension page beside the page', () => {
    const created = vi.spyOn(document, 'createElement');
    const frame = mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
    expect(created.mock.calls.map(([tag]) => tag)).not.toContain('iframe');
    expect(frame.visible).toBe(false);
    expect(document.documentElement.style.marginRight).toBe('');

    frame.setVisible(true);
    expect(created.mock.calls.map(([tag]) => tag)).toContain('iframe');
    const iframe = created.mock.results.find((r) => (r.value as Element).tagName === 'IFRAME')
      ?.value as HTMLIFrameElement;
    expect(iframe.src).toBe(SRC);
    expect(iframe.hidden).toBe(false);
    expect(frame.visible).toBe(true);
    expect(document.documentElement.style.marginRight).toBe(`${SIDEBAR_WIDTH}px`);
    created.mockRestore();
  });

  it('collapses without reloading the frame and gives the page its margin back', () => {
    document.documentElement.style.setProperty('margin-right', '12px');
    const created = vi.spyOn(document, 'createElement');
    const frame = mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
    frame.setVisible(true);
    frame.setVisible(false);
    frame.setVisible(true);
    expect(created.mock.calls.filter(([tag]) => tag === 'iframe')).toHaveLength(1);
    frame.setVisible(false);
    expect(document.documentElement.style.marginRight).toBe('12px');
    created.mockRestore();
  });

  it('has a labelled toggle that says whether the sidebar is open', () => {
    const onToggle = vi.fn();
    const created = vi.spyOn(document, 'createElement');
    const frame = mountSidebarFrame({ document, src: SRC, onToggle });
    const tab = created.mock.results.find((r) => (r.value as Element).tagName === 'BUTTON')?.value as HTMLButtonElement;
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(tab.getAttribute('aria-label')).toBe('Show the Handoff sidebar');
    tab.click();
    expect(onToggle).toHaveBeenCalledTimes(1);
    frame.setVisible(true);
    expect(tab.getAttribute('aria-expanded')).toBe('true');
    expect(tab.getAttribute('aria-label')).toBe('Collapse the Handoff sidebar');
    created.mockRestore();
  });

  it('leaves the page untouched when told what it already shows', () => {
    const frame = mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
    frame.setVisible(false);
    expect(document.documentElement.hasAttribute('style')).toBe(false);
    frame.setVisible(true);
    const style = document.documentElement.getAttribute('style');
    frame.setVisible(true);
    expect(document.documentElement.getAttribute('style')).toBe(style);
  });

  it('knows its own element on the page, and no other', () => {
    const frame = mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
    const host = document.querySelector('handoff-sidebar');
    expect(host && frame.owns(host)).toBe(true);
    expect(frame.owns(document.body)).toBe(false);
    expect(frame.owns(document.createElement('handoff-sidebar'))).toBe(false);
  });

  it('removes itself and restores the page on destroy', () => {
    const frame = mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
    frame.setVisible(true);
    frame.destroy();
    expect(document.querySelector('handoff-sidebar')).toBeNull();
    expect(document.documentElement.style.marginRight).toBe('');
  });
});

/** The shadow root's stylesheet, caught as it is made (the root is closed). */
function mountCatchingStyle() {
  const created = vi.spyOn(document, 'createElement');
  const frame = mountSidebarFrame({ document, src: SRC, onToggle: () => {} });
  const style = created.mock.results.find((r) => (r.value as Element).tagName === 'STYLE')?.value as HTMLStyleElement;
  created.mockRestore();
  return { frame, css: style.textContent ?? '', host: document.querySelector('handoff-sidebar') as HTMLElement };
}

/** The declarations of every rule whose selector list names `selector` (media queries aside). */
function declarations(css: string, selector: string): string[] {
  const found: string[] = [];
  for (const [, selectors = '', body = ''] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!selectors.split(',').some((s) => s.trim() === selector)) continue;
    found.push(
      ...body
        .split(';')
        .map((d) => d.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    );
  }
  return found;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the frame under a hostile page', () => {
  // What a page would restyle to hide, fade, move or make click-through the frame (issue 14, finding 5).
  const MATTERS = [
    'display',
    'position',
    'inset',
    'width',
    'height',
    'opacity',
    'visibility',
    'transform',
    'filter',
    'clip-path',
    'pointer-events',
    'z-index',
    'mix-blend-mode',
  ];

  it('holds every property that matters on the host with !important, which the page cannot override', () => {
    const { css } = mountCatchingStyle();
    const host = declarations(css, ':host');
    expect(host[0]).toBe('all:initial!important');
    for (const property of MATTERS) {
      const declared = host.filter((d) => d.startsWith(`${property}:`));
      expect(declared, property).not.toHaveLength(0);
      for (const d of declared) expect(d, property).toMatch(/!important$/);
    }
  });

  it('holds the same on the frame and its tab inside the shadow root', () => {
    const { css } = mountCatchingStyle();
    for (const part of ['.frame', '.tab']) {
      const rule = declarations(css, part);
      for (const property of MATTERS.filter((p) => p !== 'inset' && p !== 'width' && p !== 'height')) {
        const declared = rule.filter((d) => d.startsWith(`${property}:`));
        expect(declared, `${part} ${property}`).not.toHaveLength(0);
        for (const d of declared) expect(d, `${part} ${property}`).toMatch(/!important$/);
      }
    }
  });

  it('takes off what the page puts on the host: inline style, inert, hidden, another popover', async () => {
    const { host } = mountCatchingStyle();
    expect(host.getAttributeNames()).toEqual(['popover']);
    host.style.setProperty('opacity', '0', 'important');
    host.setAttribute('inert', '');
    host.hidden = true;
    host.setAttribute('class', 'decoy');
    host.setAttribute('popover', 'auto');
    await flush();
    expect(host.getAttributeNames()).toEqual(['popover']);
    expect(host.getAttribute('popover')).toBe('manual');
  });

  it('sits in the top layer, and goes back up when the page hides or moves it', async () => {
    const shown: Element[] = [];
    const proto = HTMLElement.prototype as { showPopover?: () => void };
    proto.showPopover = function (this: Element) {
      shown.push(this);
    };
    try {
      const { host } = mountCatchingStyle();
      expect(shown).toEqual([host]);

      const closed = new Event('toggle') as Event & { newState: string };
      Object.defineProperty(closed, 'newState', { value: 'closed' });
      host.dispatchEvent(closed);
      expect(shown).toHaveLength(2);

      // Moved into a faded element of the page: back under the root, raised again.
      const faded = document.createElement('div');
      faded.style.opacity = '0';
      document.body.append(faded);
      faded.append(host);
      await flush();
      expect(host.parentNode).toBe(document.documentElement);
      expect(shown.length).toBeGreaterThan(2);
      faded.remove();
    } finally {
      delete proto.showPopover;
    }
  });

  it('stops guarding once destroyed: removed for good', async () => {
    const { frame, host } = mountCatchingStyle();
    frame.destroy();
    await flush();
    expect(host.isConnected).toBe(false);
    expect(document.querySelector('handoff-sidebar')).toBeNull();
  });
});

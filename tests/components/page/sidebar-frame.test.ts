import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountSidebarFrame, SIDEBAR_WIDTH } from '../../../components/page/sidebar-frame';

const SRC = 'chrome-extension://abcdefghijklmnop/sidebar.html';

afterEach(() => {
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

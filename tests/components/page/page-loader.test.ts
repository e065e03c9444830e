import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LOAD_MESSAGE, startPageLoader } from '../../../components/page/page-loader';

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

/** A window still loading: `load` is ours to fire. */
function loadingWindow() {
  const target = new EventTarget();
  const win = Object.assign(target, {
    document: { readyState: 'interactive' },
    setTimeout: globalThis.setTimeout,
  }) as unknown as Window;
  (win as { top: unknown }).top = win;
  return win;
}

describe('the page loader', () => {
  it("asks for the page side only after the page's load event, once", async () => {
    const win = loadingWindow();
    const send = vi.fn(async () => ({ ok: true }));
    startPageLoader(win, send, controller.signal);
    await new Promise((done) => setTimeout(done, 20));
    expect(send).not.toHaveBeenCalled();
    win.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith(PAGE_LOAD_MESSAGE));
    win.dispatchEvent(new Event('load'));
    await new Promise((done) => setTimeout(done, 20));
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does nothing in a frame inside the page', async () => {
    const win = loadingWindow();
    (win as { top: unknown }).top = {};
    const send = vi.fn(async () => ({ ok: true }));
    startPageLoader(win, send, controller.signal);
    win.dispatchEvent(new Event('load'));
    await new Promise((done) => setTimeout(done, 20));
    expect(send).not.toHaveBeenCalled();
  });

  it('keeps quiet when the extension is gone (reloaded under the page)', async () => {
    const win = loadingWindow();
    const send = vi.fn(() => Promise.reject(new Error('Extension context invalidated.')));
    startPageLoader(win, send, controller.signal);
    win.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
  });
});

// jsdom only accepts its own AbortSignal in addEventListener, hence dom.window.AbortController below.
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterLoad } from '../../../lib/sites/after-load';

let dom: JSDOM;
let idle: (() => void)[];

/** A page still loading, with a requestIdleCallback the test runs by hand. */
function loadingPage(): JSDOM {
  const page = new JSDOM('<p>loading</p>', { url: 'https://mail.google.com/mail/u/0/' });
  Object.defineProperty(page.window.document, 'readyState', { value: 'interactive', configurable: true });
  Object.assign(page.window, {
    requestIdleCallback: (callback: () => void) => idle.push(callback),
    cancelIdleCallback: () => {},
  });
  return page;
}

const loaded = () => {
  Object.defineProperty(dom.window.document, 'readyState', { value: 'complete', configurable: true });
  dom.window.dispatchEvent(new dom.window.Event('load'));
};
const runIdle = () => {
  for (const callback of idle.splice(0)) callback();
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  idle = [];
  dom = loadingPage();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('afterLoad', () => {
  it('starts after the load event and an idle moment, never before', () => {
    const start = vi.fn();
    const c = new dom.window.AbortController() as unknown as AbortController;
    afterLoad(start, { window: dom.window as unknown as Window, signal: c.signal });
    runIdle();
    expect(start).not.toHaveBeenCalled();

    loaded();
    expect(start).not.toHaveBeenCalled();
    runIdle();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts at the next idle moment on a page that has already loaded', () => {
    Object.defineProperty(dom.window.document, 'readyState', { value: 'complete', configurable: true });
    const start = vi.fn();
    const c = new dom.window.AbortController() as unknown as AbortController;
    afterLoad(start, { window: dom.window as unknown as Window, signal: c.signal });
    expect(start).not.toHaveBeenCalled();
    runIdle();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts anyway on a page whose load never ends, and only once when it does end', () => {
    const start = vi.fn();
    const c = new dom.window.AbortController() as unknown as AbortController;
    afterLoad(start, { window: dom.window as unknown as Window, signal: c.signal, maxWaitMs: 3000 });
    vi.advanceTimersByTime(2999);
    runIdle();
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    runIdle();
    expect(start).toHaveBeenCalledTimes(1);

    loaded();
    runIdle();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('falls back to a task where there is no requestIdleCallback', () => {
    Object.assign(dom.window, { requestIdleCallback: undefined });
    const start = vi.fn();
    const c = new dom.window.AbortController() as unknown as AbortController;
    afterLoad(start, { window: dom.window as unknown as Window, signal: c.signal });
    loaded();
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('never starts once aborted (the extension was reloaded)', () => {
    const start = vi.fn();
    const c = new dom.window.AbortController() as unknown as AbortController;
    afterLoad(start, { window: dom.window as unknown as Window, signal: c.signal });
    c.abort();
    loaded();
    runIdle();
    vi.advanceTimersByTime(5000);
    runIdle();
    expect(start).not.toHaveBeenCalled();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { firstPageSide, sidebarModeFrom, startPageSide, touchesOn } from '../../../components/page/page-side';
import { SIDEBAR_HOST_TAG } from '../../../components/page/sidebar-frame';
import { GMAIL_SENDS } from '../../../lib/sites/gmail/sent';
import { type SentTouch, watchSends } from '../../../lib/sites/sent';
import type { Adapter } from '../../../lib/sites/types';

// The send watcher itself is tested on saved pages (tests/lib/sites/sent.test.ts and each site's):
// jsdom cannot make the trusted events it waits for. Here: whether the page side starts it.
vi.mock(import('../../../lib/sites/sent'), async (original) => ({ ...(await original()), watchSends: vi.fn() }));

const dana: Adapter = () => ({
  kind: 'person',
  identity: { site: 'linkedin', page: 'linkedin_profile', name: 'Dana Whitfield', emails: [] },
});

/**
 * The background, as the page side sees it: answers `adapter.context` with `mode` (and the
 * touches opt-in), records `page.state` and `touch.sent`.
 */
function background(mode: unknown, captureTouches = false, touches: unknown[] = []) {
  const states: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: unknown) => void) => {
    const { type, payload } = message as { type?: string; payload?: unknown };
    if (type === 'adapter.context') {
      sendResponse({ ok: true, value: { selfEmails: [], companyDomains: [], sidebarMode: mode, captureTouches } });
      return true;
    }
    if (type === 'page.state' || type === 'touch.sent') {
      (type === 'page.state' ? states : touches).push(payload);
      sendResponse({ ok: true, value: {} });
      return true;
    }
    return undefined;
  });
  return states;
}

/** A command from our background to the content script. */
const command = (message: object) =>
  fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, () => {});

/** Everything on the page that is not the page's own: our host, a style, a margin. */
function ours() {
  const root = document.documentElement;
  return {
    host: document.querySelector(SIDEBAR_HOST_TAG) !== null,
    rootStyle: root.getAttribute('style'),
    rootChildren: [...root.children].map((el) => el.tagName.toLowerCase()),
  };
}
const untouched = { host: false, rootStyle: null, rootChildren: ['head', 'body'] };

let controller: AbortController;
beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(watchSends).mockClear();
  controller = new AbortController();
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<main><h1>Dana Whitfield</h1></main>';
});
afterEach(() => {
  controller.abort();
  for (const el of document.querySelectorAll(SIDEBAR_HOST_TAG)) el.remove();
});

function start() {
  startPageSide(controller.signal, dana);
}

async function until(check: () => boolean) {
  await expect.poll(check, { timeout: 5000 }).toBe(true);
}

describe('the page side', () => {
  it('in panel mode reports the page and adds nothing to it: no element, no style, no margin', async () => {
    const states = background('panel');
    start();
    await until(() => states.length > 0);
    expect(states[0]).toMatchObject({ extraction: { kind: 'person' } });
    // A shortcut that reaches the page in panel mode changes nothing either.
    await command({ type: 'sidebar.toggle' });
    await command({ type: 'sidebar.setOpen', open: true });
    expect(ours()).toEqual(untouched);
  });

  it('in frame mode mounts the frame beside the page, as before', async () => {
    const states = background('frame');
    start();
    await until(() => states.length > 0);
    expect(ours().host).toBe(true);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('360px');
  });

  it('moves host at once on `sidebar.mode`: the frame comes, and goes leaving the page as it was', async () => {
    const states = background('panel');
    start();
    await until(() => states.length > 0);
    await command({ type: 'sidebar.mode', mode: 'frame' });
    expect(ours().host).toBe(true);
    await command({ type: 'sidebar.mode', mode: 'panel' });
    expect(ours().host).toBe(false);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });

  it('ignores a `sidebar.mode` from anyone but our background', async () => {
    const states = background('panel');
    start();
    await until(() => states.length > 0);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'sidebar.mode', mode: 'frame' }, { id: 'other' }, () => {});
    expect(ours()).toEqual(untouched);
  });
});

describe("the rep's sends", () => {
  it("are followed with the site's reading once the rep opted in, and each one reported to the background", async () => {
    const touches: unknown[] = [];
    const states = background('panel', true, touches);
    startPageSide(controller.signal, dana, GMAIL_SENDS);
    await until(() => states.length > 0);
    expect(watchSends).toHaveBeenCalledTimes(1);
    const [options] = vi.mocked(watchSends).mock.calls[0] ?? [];
    expect(options).toMatchObject({ window, reader: GMAIL_SENDS, signal: controller.signal });
    const touch: SentTouch = {
      kind: 'email',
      emails: ['dana@northwind.io'],
      thread: 'gmail:FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj',
    };
    options?.onSent(touch);
    await until(() => touches.length > 0);
    expect(touches).toEqual([touch]);
    // Following sends adds nothing to the page either.
    expect(ours()).toEqual(untouched);
  });

  it('are not followed at all while the opt-in is off (the default)', async () => {
    const states = background('panel', false);
    startPageSide(controller.signal, dana, GMAIL_SENDS);
    await until(() => states.length > 0);
    expect(watchSends).not.toHaveBeenCalled();
  });
});

describe('touchesOn', () => {
  it.each([
    [{ ok: true, value: { captureTouches: true } }, true],
    [{ ok: true, value: { captureTouches: false } }, false],
    // An older background, a refusal, anything odd: off.
    [{ ok: true, value: {} }, false],
    [{ ok: true, value: { captureTouches: 'yes' } }, false],
    [{ ok: false, value: { captureTouches: true } }, false],
    [undefined, false],
  ])('%j gives %s', (reply, on) => {
    expect(touchesOn(reply)).toBe(on);
  });
});

describe('firstPageSide', () => {
  it('lets one page side start per page (isolated world), however often the background runs it', () => {
    const world = {};
    expect(firstPageSide(world)).toBe(true);
    expect(firstPageSide(world)).toBe(false);
    expect(firstPageSide({})).toBe(true);
  });
});

describe('sidebarModeFrom', () => {
  it.each([
    [{ ok: true, value: { sidebarMode: 'panel' } }, 'panel'],
    [{ ok: true, value: { sidebarMode: 'frame' } }, 'frame'],
    // An older background, a failed or odd reply: the frame, as before the choice existed.
    [{ ok: true, value: {} }, 'frame'],
    [{ ok: false, error: 'x' }, 'frame'],
    [{ ok: true, value: { sidebarMode: 'PANEL' } }, 'frame'],
    [undefined, 'frame'],
    [null, 'frame'],
  ])('%j gives %s', (reply, mode) => {
    expect(sidebarModeFrom(reply)).toBe(mode);
  });
});

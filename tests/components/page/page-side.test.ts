import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { firstPageSide, sidebarModeFrom, startPageSide } from '../../../components/page/page-side';
import { SIDEBAR_HOST_TAG } from '../../../components/page/sidebar-frame';
import type { Adapter } from '../../../lib/sites/types';

const dana: Adapter = () => ({
  kind: 'person',
  identity: { site: 'linkedin', page: 'linkedin_profile', name: 'Dana Whitfield', emails: [] },
});

/** The background, as the page side sees it: answers `adapter.context` with `mode`, records `page.state`. */
function background(mode: unknown) {
  const states: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: unknown) => void) => {
    const { type, payload } = message as { type?: string; payload?: unknown };
    if (type === 'adapter.context') {
      sendResponse({ ok: true, value: { selfEmails: [], companyDomains: [], sidebarMode: mode } });
      return true;
    }
    if (type === 'page.state') {
      states.push(payload);
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

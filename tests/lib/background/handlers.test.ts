import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarHub } from '../../../lib/background/sidebar-hub';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/messaging/router';
import { CONTENT_HOSTS } from '../../../lib/sites/hosts';
import { setupRepositories } from '../../support/db';

const options = {
  extensionId: 'handoff-id',
  extensionOrigin: 'chrome-extension://handoff-id/',
  contentHosts: CONTENT_HOSTS,
};
const tab = { id: 3, url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj' };
const sidebarFrame: Sender = {
  id: options.extensionId,
  url: `${options.extensionOrigin}sidebar.html`,
  tab,
  frameId: 5,
};
const contentScript: Sender = { id: options.extensionId, url: tab.url, tab, frameId: 0 };

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

function routeWith(answer: () => Promise<unknown>) {
  const snapshotTab = vi.fn(answer);
  const route = createRouter(
    createHandlers({
      version: '1.0.0',
      repos: ctx,
      hub: new SidebarHub({ get: async () => ({}), set: async () => {}, remove: async () => {} }),
      sendToTab: async () => {},
      snapshotTab,
    }),
    options,
  );
  return { route, snapshotTab };
}

describe('page.snapshot', () => {
  const ask = { type: 'page.snapshot', payload: {} };

  it("asks the sidebar's own tab for its redacted page and hands back the checked answer", async () => {
    const { route, snapshotTab } = routeWith(async () => ({ ok: true, html: '<html></html>', url: 'https://x/' }));
    expect(await route(ask, sidebarFrame)).toEqual({ ok: true, value: { html: '<html></html>', url: 'https://x/' } });
    expect(snapshotTab).toHaveBeenCalledWith(3);
  });

  it('says in words when the page did not answer, answered nonsense, or could not save', async () => {
    for (const [answer, words] of [
      [async () => undefined, 'The page did not answer'],
      [async () => ({ ok: true, html: 42 }), 'The page did not answer'],
      [() => Promise.reject(new Error('Could not establish connection')), 'The page did not answer'],
      [async () => ({ ok: false, error: 'too large' }), 'The page could not be saved: too large'],
    ] as const) {
      const reply = await routeWith(answer).route(ask, sidebarFrame);
      expect(reply).toMatchObject({ ok: false, error: expect.stringContaining(words) });
    }
  });

  it('is asked by the sidebar frame only: not by a content script, nor by a page without a tab', async () => {
    const { route, snapshotTab } = routeWith(async () => ({ ok: true, html: '<html></html>', url: 'https://x/' }));
    expect(await route(ask, contentScript)).toMatchObject({ ok: false });
    expect(await route(ask, { id: options.extensionId, url: `${options.extensionOrigin}popup.html` })).toMatchObject({
      ok: false,
    });
    expect(snapshotTab).not.toHaveBeenCalled();
  });
});

describe('page.load', () => {
  const ask = { type: 'page.load', payload: {} };
  function routeLoads() {
    const runPageSide = vi.fn(async () => {});
    const route = createRouter(
      createHandlers({
        version: '1.0.0',
        repos: ctx,
        hub: new SidebarHub({ get: async () => ({}), set: async () => {}, remove: async () => {} }),
        sendToTab: async () => {},
        runPageSide,
      }),
      options,
    );
    return { route, runPageSide };
  }

  it("runs the sender's site's page side in the sender's document, once its loader asks", async () => {
    const { route, runPageSide } = routeLoads();
    expect(await route(ask, { ...contentScript, documentId: 'DOC-1' })).toEqual({ ok: true, value: {} });
    expect(runPageSide).toHaveBeenCalledWith({ tabId: 3, documentId: 'DOC-1' }, 'gmail');
    const linkedin = 'https://www.linkedin.com/in/dana-whitfield/';
    await route(ask, { ...contentScript, url: linkedin, tab: { id: 4, url: linkedin } });
    expect(runPageSide).toHaveBeenLastCalledWith({ tabId: 4, documentId: undefined }, 'linkedin');
  });

  describe('in side panel mode (LinkedIn by default, where the browser has a panel)', () => {
    const linkedin = 'https://www.linkedin.com/in/dana-whitfield/';
    const page: Sender = { ...contentScript, url: linkedin, tab: { id: 4, url: linkedin } };
    function routePanel() {
      const runPageSide = vi.fn(async () => {});
      const removed: string[] = [];
      const hub = new SidebarHub({
        get: async () => ({}),
        set: async () => {},
        remove: async (key) => {
          removed.push(key);
        },
      });
      const route = createRouter(
        createHandlers({
          version: '1.0.0',
          repos: ctx,
          hub,
          sendToTab: async () => {},
          runPageSide,
          panelSupported: true,
        }),
        options,
      );
      return { route, runPageSide, hub, removed };
    }

    it('lets the page side wait while no panel shows the tab, and forgets the last document’s state', async () => {
      const { route, runPageSide, removed } = routePanel();
      expect(await route(ask, page)).toEqual({ ok: true, value: {} });
      expect(runPageSide).not.toHaveBeenCalled();
      expect(removed).toEqual(['page:4']);
    });

    it('runs it at once when a panel shows the tab, or an opt-in needs the page read', async () => {
      const { route, runPageSide, hub } = routePanel();
      const port = { postMessage: () => {}, onDisconnect: { addListener: () => {} } };
      hub.connectPanel(port);
      await hub.follow(port, 4);
      await route(ask, page);
      expect(runPageSide).toHaveBeenCalledTimes(1);

      const other = routePanel();
      await ctx.settings.save({ ...(await ctx.settings.get()), captureTouches: true });
      await other.route(ask, page);
      expect(other.runPageSide).toHaveBeenCalledTimes(1);
    });

    it('runs it at once on a site in frame mode (the frame is drawn into the page)', async () => {
      const { route, runPageSide } = routePanel();
      await route(ask, contentScript);
      expect(runPageSide).toHaveBeenCalledWith({ tabId: 3, documentId: undefined }, 'gmail');
    });
  });

  it('is refused to a frame inside the page, an extension page and another site', async () => {
    const { route, runPageSide } = routeLoads();
    expect(await route(ask, { ...contentScript, frameId: 2 })).toMatchObject({ ok: false });
    expect(await route(ask, sidebarFrame)).toMatchObject({ ok: false });
    const elsewhere = 'https://example.com/';
    expect(await route(ask, { ...contentScript, url: elsewhere, tab: { id: 3, url: elsewhere } })).toMatchObject({
      ok: false,
    });
    expect(runPageSide).not.toHaveBeenCalled();
  });
});

describe('sample.load', () => {
  const ask = { type: 'sample.load', payload: {} };
  const optionsPage: Sender = { id: options.extensionId, url: `${options.extensionOrigin}popup.html`, frameId: 0 };

  it('loads the sample data in the background for our own pages, whatever happens to the page that asked', async () => {
    const reply = await routeWith(async () => undefined).route(ask, optionsPage);
    expect(reply).toMatchObject({ ok: true, value: { leads: 100 } });
    expect(await ctx.leads.count()).toBe(100);
    expect(await ctx.db.events.count()).toBe((reply as { value: { events: number } }).value.events);
  });

  it('is refused to a content script: no web page may fill the database', async () => {
    expect(await routeWith(async () => undefined).route(ask, contentScript)).toMatchObject({ ok: false });
    expect(await ctx.leads.count()).toBe(0);
  });
});

describe('the sidebar mode', () => {
  const hub = () => new SidebarHub({ get: async () => ({}), set: async () => {}, remove: async () => {} });
  const routeFor = (panelSupported: boolean) =>
    createRouter(
      createHandlers({ version: '1.0.0', repos: ctx, hub: hub(), sendToTab: async () => {}, panelSupported }),
      options,
    );
  const linkedinScript: Sender = {
    id: options.extensionId,
    url: 'https://www.linkedin.com/in/dana-whitfield/',
    tab: { id: 4, url: 'https://www.linkedin.com/in/dana-whitfield/' },
    frameId: 0,
  };
  const context = { type: 'adapter.context', payload: {} };
  const modeIn = async (route: ReturnType<typeof routeFor>, sender: Sender) =>
    ((await route(context, sender)) as { ok: true; value: { sidebarMode: string } }).value.sidebarMode;

  it("comes with the adapter context, for the sender's own site", async () => {
    const route = routeFor(true);
    expect(await modeIn(route, linkedinScript)).toBe('panel');
    expect(await modeIn(route, contentScript)).toBe('frame');
  });

  it('is the frame everywhere in a browser without a side panel', async () => {
    expect(await modeIn(routeFor(false), linkedinScript)).toBe('frame');
  });

  it('is moved by our pages (the sidebar header), saved in the settings, and refused to a content script', async () => {
    const route = routeFor(true);
    const move = { type: 'sidebar.setMode', payload: { site: 'linkedin', mode: 'frame' } };
    expect(await route(move, contentScript)).toMatchObject({ ok: false });
    expect(await route(move, sidebarFrame)).toEqual({ ok: true, value: {} });
    expect((await ctx.settings.get()).sidebarMode).toEqual({ linkedin: 'frame', gmail: 'frame', outlook: 'frame' });
    expect(await modeIn(route, linkedinScript)).toBe('frame');
    expect(
      await route({ type: 'sidebar.setMode', payload: { site: 'example', mode: 'frame' } }, sidebarFrame),
    ).toMatchObject({
      ok: false,
    });
  });
});

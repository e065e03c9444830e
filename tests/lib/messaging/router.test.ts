import { describe, expect, it, vi } from 'vitest';
import { request } from '../../../lib/messaging/client';
import {
  classifySender,
  createRouter,
  type Handlers,
  type RouterOptions,
  type Sender,
} from '../../../lib/messaging/router';
import { CONTENT_HOSTS } from '../../../lib/sites/hosts';

const options: RouterOptions = {
  extensionId: 'abcdefghijklmnopabcdefghijklmnop',
  extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
  contentHosts: CONTENT_HOSTS,
};
const popup: Sender = {
  id: options.extensionId,
  url: `${options.extensionOrigin}popup.html`,
  origin: options.extensionOrigin.slice(0, -1),
};
const linkedinTab: Sender = {
  id: options.extensionId,
  url: 'https://www.linkedin.com/in/dana-whitfield/',
  origin: 'https://www.linkedin.com',
  tab: { id: 7, url: 'https://www.linkedin.com/in/dana-whitfield/' },
  frameId: 0,
};
/** Our sidebar page, framed in a LinkedIn tab. */
const sidebarFrame: Sender = {
  id: options.extensionId,
  url: `${options.extensionOrigin}sidebar.html`,
  origin: options.extensionOrigin.slice(0, -1),
  tab: { id: 7, url: 'https://www.linkedin.com/in/dana-whitfield/' },
  frameId: 3,
};

const pong = { version: '1.0.0', database: 'ok' as const, leads: 3 };
const unused = vi.fn(async () => {
  throw new Error('not under test here');
});
const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'leads.forIdentity': unused,
  'leads.get': unused,
  'leads.search': unused,
  'leads.atDomain': unused,
  'sample.load': unused,
  'team.reps': unused,
  'leads.create': unused,
  'events.forLead': unused,
  'events.history': unused,
  'marketingScores.forLead': unused,
  'settings.get': unused,
  'qualification.get': unused,
  'qualification.save': unused,
  'dispositions.history': unused,
  'corrections.get': unused,
  'page.snapshot': unused,
  'sidebar.setMode': unused,
  'corrections.save': unused,
  'corrections.forget': unused,
  'decision.make': unused,
  'decision.addAsSql': unused,
  'decision.undo': unused,
  'decision.reopen': unused,
  'activities.log': unused,
  'activities.forLead': unused,
  'sync.status': unused,
  'sync.turnOn': unused,
  'sync.turnOff': unused,
  'sync.now': unused,
  'adapter.context': unused,
  'touch.sent': unused,
  'health.ping': vi.fn(async () => pong),
  'page.load': vi.fn(async () => ({})),
  'page.state': vi.fn(async () => ({})),
  'sidebar.setOpen': vi.fn(async () => ({})),
  ...overrides,
});

describe('classifySender', () => {
  it.each<[string, Sender, 'extension' | 'content' | null]>([
    ['our popup', popup, 'extension'],
    ['our content script on LinkedIn', linkedinTab, 'content'],
    ['our sidebar, framed in a LinkedIn tab', sidebarFrame, 'extension'],
    ['our popup, where the browser gives no origin (Firefox)', { ...popup, origin: undefined }, 'extension'],
    [
      'our content script on Outlook, where the browser gives no origin (Firefox)',
      {
        id: options.extensionId,
        url: 'https://outlook.office365.com/mail/inbox/id/AAQk',
        tab: { url: 'https://outlook.office365.com/mail/inbox/id/AAQk' },
        frameId: 0,
      },
      'content',
    ],
    ['a content script in a sub-frame of one of our sites', { ...linkedinTab, frameId: 2 }, null],
    ['a content script with no frame id', { ...linkedinTab, frameId: undefined }, null],
    [
      'a frame elsewhere inside a tab on one of our sites',
      { ...linkedinTab, url: 'https://ads.example/slot', origin: 'https://ads.example', frameId: 4 },
      null,
    ],
    [
      'a top frame whose own URL is not ours, in a tab the browser still lists on LinkedIn',
      { ...linkedinTab, url: 'https://evil.example/', origin: 'https://evil.example' },
      null,
    ],
    ['only the tab URL, no frame URL', { ...linkedinTab, url: undefined, origin: undefined }, null],
    [
      'an origin that disagrees with the frame URL',
      { ...linkedinTab, origin: 'https://www.linkedin.com.evil.example' },
      null,
    ],
    ['an about:blank frame with our site as its origin', { ...linkedinTab, url: 'about:blank' }, null],
    ['our page in a sandboxed frame (opaque origin)', { ...sidebarFrame, origin: 'null' }, null],
    [
      'a content script posing as our page: our URL, its origin',
      { ...popup, origin: 'https://www.linkedin.com' },
      null,
    ],
    ['another extension', { ...popup, id: 'otherextensionidotherextensionid' }, null],
    ['no extension id (a web page via externally_connectable)', { url: 'https://www.linkedin.com/' }, null],
    [
      'a tab on a site we do not run on',
      { id: options.extensionId, tab: { url: 'https://evil.example/' }, url: 'https://evil.example/', frameId: 0 },
      null,
    ],
    [
      'a look-alike host',
      { ...linkedinTab, url: 'https://www.linkedin.com.evil.example/in/x', origin: undefined },
      null,
    ],
    ['plain http', { ...linkedinTab, url: 'http://www.linkedin.com/in/x', origin: undefined }, null],
    ['an unparseable URL', { ...linkedinTab, url: 'not a url', origin: undefined }, null],
  ])('%s -> %s', (_name, sender, kind) => {
    expect(classifySender(sender, options)).toBe(kind);
  });
});

describe('createRouter', () => {
  it('routes a valid request from an allowed sender and parses the response', async () => {
    const h = handlers();
    const route = createRouter(h, options);
    expect(await route({ type: 'health.ping', payload: {} }, popup)).toEqual({ ok: true, value: pong });
    expect(h['health.ping']).toHaveBeenCalledWith({}, popup);
  });

  it.each([
    ['a non-object', 'ping', 'Malformed message'],
    ['an unknown type', { type: 'leads.dump', payload: {} }, 'Unknown message type "leads.dump"'],
    ['a prototype key as type', { type: 'constructor', payload: {} }, 'Unknown message type "constructor"'],
  ])('refuses %s without calling a handler', async (_name, message, error) => {
    const h = handlers();
    expect(await createRouter(h, options)(message, popup)).toEqual({ ok: false, error });
    expect(h['health.ping']).not.toHaveBeenCalled();
  });

  it('refuses a sender the browser does not vouch for', async () => {
    const h = handlers();
    const reply = await createRouter(h, options)({ type: 'health.ping', payload: {} }, { id: 'someone-else' });
    expect(reply).toEqual({ ok: false, error: 'Sender not allowed for "health.ping"' });
    expect(h['health.ping']).not.toHaveBeenCalled();
  });

  it('refuses a request that does not fit the schema, naming the field', async () => {
    const reply = await createRouter(handlers(), options)({ type: 'health.ping', payload: 'x' }, popup);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('Invalid health.ping request') });
  });

  it('turns a handler failure and an invalid response into an error reply', async () => {
    const failing = createRouter(
      handlers({ 'health.ping': async () => Promise.reject(new Error('db closed')) }),
      options,
    );
    expect(await failing({ type: 'health.ping', payload: {} }, popup)).toEqual({ ok: false, error: 'db closed' });
    const lying = createRouter(handlers({ 'health.ping': async () => ({ ...pong, leads: -1 }) }), options);
    expect(await lying({ type: 'health.ping', payload: {} }, popup)).toMatchObject({ ok: false });
  });
});

describe('request (client side)', () => {
  it('round-trips through the router', async () => {
    const route = createRouter(handlers(), options);
    expect(await request((m) => route(m, popup), 'health.ping', {})).toEqual(pong);
  });
  it('throws the background’s error message', async () => {
    const route = createRouter(handlers(), options);
    await expect(request((m) => route(m, { id: 'x' }), 'health.ping', {})).rejects.toThrowError(
      'Sender not allowed for "health.ping"',
    );
  });
  it('throws when there is no valid reply (background gone)', async () => {
    await expect(request(async () => undefined, 'health.ping', {})).rejects.toThrowError('No valid reply');
  });
});

describe('who may send what', () => {
  const state = {
    url: 'https://www.linkedin.com/in/dana-whitfield/',
    extraction: { kind: 'none' as const },
  };

  it('page.state only from a content script on one of our sites', async () => {
    const route = createRouter(handlers(), options);
    expect(await route({ type: 'page.state', payload: state }, linkedinTab)).toEqual({ ok: true, value: {} });
    expect(await route({ type: 'page.state', payload: state }, popup)).toEqual({
      ok: false,
      error: 'Sender not allowed for "page.state"',
    });
  });

  it('health.ping only from our own pages: a content script never learns how many leads there are', async () => {
    const h = handlers();
    const route = createRouter(h, options);
    expect(await route({ type: 'health.ping', payload: {} }, linkedinTab)).toEqual({
      ok: false,
      error: 'Sender not allowed for "health.ping"',
    });
    expect(h['health.ping']).not.toHaveBeenCalled();
    expect(await route({ type: 'health.ping', payload: {} }, sidebarFrame)).toEqual({ ok: true, value: pong });
  });

  it('page.state not from a frame inside one of our sites: only its top frame speaks for the page', async () => {
    const h = handlers();
    const route = createRouter(h, options);
    const framed: Sender = { ...linkedinTab, frameId: 5 };
    expect(await route({ type: 'page.state', payload: state }, framed)).toMatchObject({ ok: false });
    expect(h['page.state']).not.toHaveBeenCalled();
  });

  it('sidebar.setOpen only from our own pages (the sidebar frame), never from a content script', async () => {
    const route = createRouter(handlers(), options);
    expect(await route({ type: 'sidebar.setOpen', payload: { open: false } }, sidebarFrame)).toEqual({
      ok: true,
      value: {},
    });
    expect(await route({ type: 'sidebar.setOpen', payload: { open: false } }, linkedinTab)).toMatchObject({
      ok: false,
    });
  });

  it.each(['sync.status', 'sync.turnOn', 'sync.turnOff', 'sync.now'] as const)(
    '%s only from our own pages: a content script never reaches sync or its token',
    async (type) => {
      const h = handlers();
      const payload = type === 'sync.turnOn' ? { serverUrl: 'https://sync.example.com', token: 'hnd_x' } : {};
      expect(await createRouter(h, options)({ type, payload }, linkedinTab)).toEqual({
        ok: false,
        error: `Sender not allowed for "${type}"`,
      });
      expect(h[type]).not.toHaveBeenCalled();
    },
  );

  it('refuses what a hostile page put in its DOM before it reaches a handler', async () => {
    const h = handlers();
    const hostile = {
      url: 'https://www.linkedin.com/in/x/',
      extraction: {
        kind: 'person',
        identity: { site: 'linkedin', page: 'linkedin_profile', name: 'x'.repeat(5000), emails: ['not-an-email'] },
      },
    };
    const reply = await createRouter(h, options)({ type: 'page.state', payload: hostile }, linkedinTab);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('extraction.identity.emails.0') });
    expect(h['page.state']).not.toHaveBeenCalled();
  });
});

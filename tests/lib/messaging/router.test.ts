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
const popup: Sender = { id: options.extensionId, url: `${options.extensionOrigin}popup.html` };
const linkedinTab: Sender = {
  id: options.extensionId,
  url: 'https://www.linkedin.com/in/dana-whitfield/',
  tab: { id: 7, url: 'https://www.linkedin.com/in/dana-whitfield/' },
  frameId: 0,
};

const pong = { version: '1.0.0', database: 'ok' as const, leads: 3 };
const unused = vi.fn(async () => {
  throw new Error('not under test here');
});
const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'leads.forIdentity': unused,
  'leads.get': unused,
  'leads.search': unused,
  'leads.create': unused,
  'events.forLead': unused,
  'events.history': unused,
  'settings.get': unused,
  'qualification.get': unused,
  'qualification.save': unused,
  'dispositions.history': unused,
  'corrections.get': unused,
  'page.snapshot': unused,
  'corrections.save': unused,
  'corrections.forget': unused,
  'decision.make': unused,
  'decision.addAsSql': unused,
  'decision.undo': unused,
  'activities.log': unused,
  'activities.forLead': unused,
  'sync.status': unused,
  'sync.turnOn': unused,
  'sync.turnOff': unused,
  'sync.now': unused,
  'adapter.context': unused,
  'health.ping': vi.fn(async () => pong),
  'page.state': vi.fn(async () => ({})),
  'sidebar.setOpen': vi.fn(async () => ({})),
  ...overrides,
});

describe('classifySender', () => {
  it.each<[string, Sender, 'extension' | 'content' | null]>([
    ['our popup', popup, 'extension'],
    ['our content script on LinkedIn', linkedinTab, 'content'],
    [
      'our content script on Outlook',
      { id: options.extensionId, tab: { url: 'https://outlook.office365.com/mail/inbox/id/AAQk' } },
      'content',
    ],
    ['another extension', { ...popup, id: 'otherextensionidotherextensionid' }, null],
    ['no extension id (a web page via externally_connectable)', { url: 'https://www.linkedin.com/' }, null],
    [
      'a tab on a site we do not run on',
      { id: options.extensionId, tab: { url: 'https://evil.example/' }, url: 'https://evil.example/' },
      null,
    ],
    [
      'a look-alike host',
      { id: options.extensionId, tab: { url: 'https://www.linkedin.com.evil.example/in/x' } },
      null,
    ],
    ['plain http', { id: options.extensionId, tab: { url: 'http://www.linkedin.com/in/x' } }, null],
    ['an unparseable URL', { id: options.extensionId, tab: { url: 'not a url' } }, null],
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

  it('sidebar.setOpen only from our own pages (the sidebar frame), never from a content script', async () => {
    const route = createRouter(handlers(), options);
    const sidebarFrame: Sender = {
      id: options.extensionId,
      url: `${options.extensionOrigin}sidebar.html`,
      tab: { id: 7, url: 'https://www.linkedin.com/in/dana-whitfield/' },
      frameId: 3,
    };
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

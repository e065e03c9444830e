// jsdom only accepts its own AbortSignal in addEventListener, hence dom.window.AbortController below.
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addressesIn,
  CONFIRM_MS,
  labelOf,
  normalLabel,
  type SendReader,
  type SentTouch,
  watchSends,
} from '../../../lib/sites/sent';

/**
 * The rules every site shares (lib/sites/sent.ts), on a toy site: a compose is a `role=region`
 * holding chips with an `email` attribute, a body and a "Send" button; the site's notice begins
 * "Sent". Each site's own reading is tested on its saved pages (tests/lib/sites/<site>/sent.test.ts).
 */
const TOY: SendReader = {
  send: ['send'],
  sent: ['sent'],
  compose: (el) => el.closest('[role="region"]'),
  read(compose) {
    const emails = addressesIn(Array.from(compose.querySelectorAll('[email]'), (el) => el.getAttribute('email')));
    return emails.length > 0 ? { kind: 'email', emails } : null;
  },
};
const TO_DANA: SentTouch = { kind: 'email', emails: ['dana@northwind.io'] };

const PAGE = `
  <div role="region" id="compose">
    <span email="dana@northwind.io">Dana</span>
    <div id="body" contenteditable="true" role="textbox">Hi Dana</div>
    <div role="button" id="send" aria-label="Send ‪(Ctrl-Enter)‬">Send</div>
    <div role="button" id="discard" aria-label="Discard draft">Discard</div>
  </div>
  <div role="region" id="empty"><div contenteditable="true">No one yet</div><button id="send-empty">Send</button></div>
  <div role="alert" id="notice"></div>`;

let dom: JSDOM;
let controller: AbortController;
let sent: SentTouch[];
const $ = (id: string) => dom.window.document.getElementById(id) as HTMLElement;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Follows the page; `trusted` is the rep's-own check (`false`: the watcher's default, `isTrusted`). */
function watch(trusted: false | ((event: Event) => boolean) = () => true) {
  watchSends({
    window: dom.window as unknown as Window,
    reader: TOY,
    signal: controller.signal,
    onSent: (touch) => sent.push(touch),
    ...(trusted ? { trusted } : {}),
  });
}

beforeEach(() => {
  dom = new JSDOM(PAGE, { url: 'https://mail.example/' });
  controller = new dom.window.AbortController() as unknown as AbortController;
  sent = [];
});
afterEach(() => {
  controller.abort();
  dom.window.close();
  vi.useRealTimers();
});

describe('watchSends', () => {
  it('reports a send once the compose closes, once however often the rep clicks', async () => {
    watch();
    $('send').click();
    $('send').click();
    await flush();
    expect(sent).toEqual([]);
    $('compose').remove();
    await flush();
    expect(sent).toEqual([TO_DANA]);
  });

  it('takes a compose emptied, or hidden, for sent', async () => {
    watch();
    $('send').click();
    $('body').textContent = '';
    await flush();
    expect(sent).toEqual([TO_DANA]);
    $('body').textContent = 'Next one';
    $('send').click();
    $('compose').setAttribute('hidden', '');
    await flush();
    expect(sent).toEqual([TO_DANA, TO_DANA]);
  });

  it('takes a fresh "sent" notice for sent, never one that was there before', async () => {
    watch();
    $('notice').textContent = 'Sent. Undo';
    $('send').click();
    await flush();
    expect(sent).toEqual([]);
    $('notice').textContent = '';
    await flush();
    $('notice').textContent = 'Sent. Undo';
    await flush();
    expect(sent).toEqual([TO_DANA]);
  });

  it('ignores what the page dispatches itself: only events the browser calls trusted are the rep', async () => {
    watch(false);
    $('send').click();
    $('body').dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    $('compose').remove();
    await flush();
    expect(sent).toEqual([]);
  });

  it('follows nothing but sends: other buttons, plain Enter, a compose with nobody in it', async () => {
    watch();
    $('discard').click();
    $('body').dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    $('send-empty').click();
    $('compose').remove();
    $('empty').remove();
    await flush();
    expect(sent).toEqual([]);
  });

  it('sends with Ctrl or Cmd+Enter in the body, and Enter or Space on a button that is no <button>', async () => {
    watch();
    $('body').dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', metaKey: true, bubbles: true }));
    $('body').textContent = '';
    await flush();
    $('body').textContent = 'Again';
    $('send').dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    $('compose').remove();
    await flush();
    expect(sent).toEqual([TO_DANA, TO_DANA]);
  });

  it('lets a send go unlogged when the page refuses it with an alert dialog', async () => {
    watch();
    $('send').click();
    dom.window.document.body.insertAdjacentHTML('beforeend', '<div role="alertdialog">Address not recognised</div>');
    await flush();
    $('compose').remove();
    await flush();
    expect(sent).toEqual([]);
  });

  it(`lets a send go unlogged when the page shows nothing of it within ${CONFIRM_MS / 1000} s`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    watch();
    $('send').click();
    vi.advanceTimersByTime(CONFIRM_MS);
    $('compose').remove();
    await vi.waitFor(() => Promise.resolve());
    expect(sent).toEqual([]);
  });

  it('adds nothing to the page and observes nothing until the rep sends; aborting stops it', async () => {
    const observers = vi.spyOn(dom.window, 'MutationObserver');
    const before = dom.window.document.documentElement.outerHTML;
    watch();
    $('body').textContent = 'Typing…';
    await flush();
    expect(observers).not.toHaveBeenCalled();
    expect(dom.window.document.documentElement.outerHTML).toBe(before.replace('Hi Dana', 'Typing…'));
    controller.abort();
    $('send').click();
    $('compose').remove();
    await flush();
    expect(observers).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});

describe('labels', () => {
  it.each([
    ['Send ‪(Ctrl-Enter)‬', 'send'],
    ['Senden ‪(Strg + Eingabetaste)‬', 'senden'],
    ['Envoyer ‪(Ctrl+Entrée)‬', 'envoyer'],
    ['  Send\n  without a note ', 'send without a note'],
    ['Message sent.', 'message sent'],
    ['Sending…', 'sending'],
  ])('%j reads as %j', (text, label) => {
    expect(normalLabel(text)).toBe(label);
  });

  it('names a control by its aria-label, else its tooltip, else its text', () => {
    const doc = new JSDOM(
      '<b id="a" aria-label="Send" data-tooltip="x">y</b><b id="t" data-tooltip="Senden (Strg)">z</b><b id="x">Envoyer</b>',
    ).window.document;
    expect(['a', 't', 'x'].map((id) => labelOf(doc.getElementById(id) as Element))).toEqual([
      'send',
      'senden',
      'envoyer',
    ]);
  });

  it('finds addresses by their shape, each once, and nothing without a dot after the @', () => {
    expect(addressesIn(['Dana <dana@northwind.io>', 'dana@northwind.io, ops@x.co', 'dana@northwind', null])).toEqual([
      'dana@northwind.io',
      'ops@x.co',
    ]);
  });
});

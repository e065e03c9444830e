import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SITES } from '../../../../lib/sites/hosts';
import { PageStateSchema } from '../../../../lib/sites/identity';
import { extractOutlook as readMessage } from '../../../../lib/sites/outlook/extract';
import type { AdapterContext, Extraction } from '../../../../lib/sites/types';
import { OUTLOOK_CASES, OUTLOOK_CONTEXT_CASES } from '../../../fixtures/outlook/cases';
import { FIXTURES_DIR, fixtureFiles, loadFixture } from '../../../support/fixtures';

/**
 * The message's person alone: the tests below are about who that is; everyone else on the
 * conversation is checked by the case table (`OUTLOOK_CASES`).
 */
function extractOutlook(doc: Document, url: URL, context?: AdapterContext): Extraction {
  const read = readMessage(doc, url, context);
  if (read.kind !== 'person') return read;
  const { participants: _participants, ...identity } = read.identity;
  return { ...read, identity };
}

const load = (file: string, url: string) => loadFixture('outlook', file, url);
const html = (body: string) => new JSDOM(`<!DOCTYPE html><body>${body}</body>`).window.document;

describe('extractOutlook on the fixtures', () => {
  it.each(OUTLOOK_CASES.map((c) => [c.file, c.url, c] as const))('%s at %s', (_file, _url, c) => {
    const { doc, url } = load(c.file, c.url);
    const extraction = readMessage(doc, url, c.context);
    expect(extraction).toEqual(c.expected);
    // Whatever the adapter says must pass the extension side's check of page input.
    expect(PageStateSchema.safeParse({ url: c.url, extraction }).success).toBe(true);
  });

  it.each(OUTLOOK_CONTEXT_CASES.map((c) => [c.file, JSON.stringify(c.context), c] as const))(
    '%s with settings %s',
    (_file, _context, c) => {
      const { doc, url } = load(c.file, c.url);
      expect(extractOutlook(doc, url, c.context)).toEqual(c.expected);
    },
  );

  it('has a case for every fixture, and a fixture for every case', () => {
    expect([...new Set(OUTLOOK_CASES.map((c) => c.file))].sort()).toEqual(fixtureFiles('outlook'));
  });

  // jsdom runs no scripts by default; here the late fixture renders as a browser would.
  it.each(OUTLOOK_CASES.filter((c) => c.afterScripts).map((c) => [c.file, c] as const))(
    '%s once its scripts have run',
    async (_file, c) => {
      const dom = new JSDOM(readFileSync(join(FIXTURES_DIR, 'outlook', c.file), 'utf8'), {
        url: c.url,
        runScripts: 'dangerously',
      });
      try {
        const url = new URL(c.url);
        expect(extractOutlook(dom.window.document, url)).toEqual(c.expected);
        await new Promise((resolve) => setTimeout(resolve, 450));
        expect(extractOutlook(dom.window.document, url)).toEqual(c.afterScripts);
      } finally {
        dom.window.close();
      }
    },
  );
});

describe('extractOutlook routes by URL first', () => {
  const office = 'https://outlook.office.com';
  // Dana, keyed by the URL's item id when it has one.
  const dana = (itemId?: string): Extraction => ({
    kind: 'person',
    identity: {
      site: 'outlook',
      page: 'mail_thread',
      name: 'Dana Whitfield',
      emails: ['dana.whitfield@northwind-analytics.com'],
      readBy: { name: 'selector', emails: 'selector' },
      ...(itemId ? { pageKey: `outlook:${itemId}` } : {}),
    },
  });

  it.each([
    // Message shapes: the open message decides; the item id is the key.
    [`${office}/mail/inbox/id/AAQkADAw%3D`, 'message-office.html', dana('AAQkADAw%3D')],
    [`${office}/mail/sentitems/id/AAQkADAw%3D`, 'message-office.html', dana('AAQkADAw%3D')],
    [`${office}/mail/id/AAQkADAw%3D`, 'message-office.html', dana('AAQkADAw%3D')],
    [`${office}/mail/AAMkAGI2TG93AAA%3D/id/AAQkADAw%3D`, 'message-office.html', dana('AAQkADAw%3D')],
    [`${office}/mail/search/id/AAQkADAw%3D`, 'message-office.html', dana('AAQkADAw%3D')],
    [`${office}/mail/deeplink/read/AAkALgAAAAAAHYQD?ispopout=0`, 'message-office.html', dana('AAkALgAAAAAAHYQD')],
    [
      'https://outlook.live.com/mail/0/deeplink/read/AQMkADAwATM0?ispopout=0',
      'message-office.html',
      dana('AQMkADAwATM0'),
    ],
    ['https://outlook.office365.com/mail/inbox/id/AAQkADAw%3D', 'message-office.html', dana('AAQkADAw%3D')],
    // One key however the id is escaped: OWA writes `+` and `/` escaped, links may not.
    [`${office}/mail/inbox/id/AAQk+x=`, 'message-office.html', dana('AAQk%2Bx%3D')],
    // An id the key cannot hold: the person without a key, never a key the extension side rejects.
    [`${office}/mail/inbox/id/AAQk!x`, 'message-office.html', dana()],
    // A message URL with an empty pane is still loading.
    [
      `${office}/mail/inbox/id/AAQkADAw%3D`,
      'inbox.html',
      { kind: 'failed', reason: 'Outlook: the reading pane shows no message yet' },
    ],
    // List shapes: the pane decides.
    [`${office}/mail/inbox`, 'inbox.html', { kind: 'none' }],
    [`${office}/mail/`, 'inbox.html', { kind: 'none' }],
    ['https://outlook.live.com/mail/0/', 'inbox.html', { kind: 'none' }],
    [`${office}/mail/inbox`, 'message-office.html', dana()],
    // Compose and everything outside mail: nobody, whatever the DOM holds.
    [`${office}/mail/deeplink/compose`, 'message-office.html', { kind: 'none' }],
    [`${office}/mail/deeplink/compose?to=dana%40example.com`, 'message-office.html', { kind: 'none' }],
    ['https://outlook.live.com/mail/0/deeplink/compose', 'message-office.html', { kind: 'none' }],
    [`${office}/mail/compose`, 'message-office.html', { kind: 'none' }],
    [`${office}/calendar/view/week`, 'message-office.html', { kind: 'none' }],
    [`${office}/mailbox/id/AAQk`, 'message-office.html', { kind: 'none' }],
    ['https://mail.google.com/mail/u/0/#inbox/FMfcg', 'message-office.html', { kind: 'none' }],
    ['https://outlook.example.com/mail/inbox/id/AAQk', 'message-office.html', { kind: 'none' }],
  ] as const)('%s (%s)', (href, file, expected) => {
    const { doc, url } = load(file, href);
    expect(extractOutlook(doc, url)).toEqual(expected);
  });

  it('accepts exactly the hosts the manifest matches (lib/sites/hosts.ts)', () => {
    const hosts = [
      'outlook.office.com',
      'outlook.office365.com',
      'outlook.live.com',
      'outlook.com',
      'outlook.cloud.microsoft',
    ];
    const { doc } = load('message-office.html', `${office}/mail/`);
    for (const host of hosts) {
      const accepted = extractOutlook(doc, new URL(`https://${host}/mail/`)).kind !== 'none';
      expect(accepted, host).toBe(SITES.outlook.host.test(host));
    }
  });
});

describe('extractOutlook on hand-made markup', () => {
  const url = new URL('https://outlook.office.com/mail/inbox/id/AAQk');
  const message = (header: string) => `
    <div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer">
      <div aria-label="Email message">${header}<div role="document" aria-label="Message body"></div></div>
    </div></div>`;
  const from = (label: string, text: string) =>
    `<span role="button" aria-label="${label.replaceAll('"', '&quot;')}">${text}</span><div aria-label="To: Sam"><span role="button" title="sam@handoff-demo.io">Sam</span></div>`;
  const nameOf = (doc: Document) => {
    const extraction = extractOutlook(doc, url, { selfEmails: ['sam@handoff-demo.io'] });
    return extraction.kind === 'person' ? [extraction.identity.name, extraction.identity.emails] : extraction;
  };

  it.each([
    [
      'From: Dana Whitfield',
      'Dana Whitfield&lt;dana@northwind.example&gt;',
      ['Dana Whitfield', ['dana@northwind.example']],
    ],
    ['From: Whitfield, Dana', 'x&lt;dana@northwind.example&gt;', ['Dana Whitfield', ['dana@northwind.example']]],
    ['From: "Whitfield, Dana"', 'x&lt;dana@northwind.example&gt;', ['Dana Whitfield', ['dana@northwind.example']]],
    ['From: “Dana Whitfield”', 'x&lt;dana@northwind.example&gt;', ['Dana Whitfield', ['dana@northwind.example']]],
    ['From: Acme, Inc.', 'x&lt;billing@acme.example&gt;', ['Acme, Inc.', ['billing@acme.example']]],
    [
      "From: Siobhán O'Connor",
      'x&lt;siobhan@harbourview.example&gt;',
      ["Siobhán O'Connor", ['siobhan@harbourview.example']],
    ],
    [
      'From: \u200EZoë\u00A0 Müller\u200F',
      'x&lt;zoe@hochschule.example&gt;',
      ['Zoë Müller', ['zoe@hochschule.example']],
    ],
    // No display name: the address alone, no name.
    ['From: dana@northwind.example', 'dana@northwind.example', [undefined, ['dana@northwind.example']]],
    // No address anywhere: the name alone, for a manual search.
    ['From: Dana Whitfield', 'Dana Whitfield', ['Dana Whitfield', []]],
    // The address only in the label.
    ['From: Dana Whitfield <dana@northwind.example>', 'Dana Whitfield', ['Dana Whitfield', ['dana@northwind.example']]],
    // A directory's tags are not the name (message-de-recipient-well.html).
    ['From: Weiß, Jürgen (HW-Vertrieb)', 'x&lt;jw@holzbau.example&gt;', ['Jürgen Weiß', ['jw@holzbau.example']]],
    ['From: [EXT] Dana Whitfield', 'x&lt;dana@northwind.example&gt;', ['Dana Whitfield', ['dana@northwind.example']]],
    [
      'From: Dana Whitfield (she/her)',
      'x&lt;dana@northwind.example&gt;',
      ['Dana Whitfield', ['dana@northwind.example']],
    ],
    // A persona's own label is not a line label: the text names the person (message-popout-dash-subject.html).
    [
      'Opens Profile Card for Dana Whitfield',
      'Dana Whitfield&lt;dana@northwind.example&gt;',
      ['Dana Whitfield', ['dana@northwind.example']],
    ],
  ])('reads %j / %j', (label, text, expected) => {
    expect(nameOf(html(message(from(label, text))))).toEqual(expected);
  });

  it.each([
    // Three-pane: the module, then the signed-in account. Dana is the rep, Sam too: nobody outside.
    ['Mail - Dana Whitfield - Outlook', 'Pilot kickoff', { kind: 'none' }],
    // An item view names its subject, though it holds a dash and a name (message-popout-dash-subject.html).
    ['Pilot kickoff - Dana Whitfield - Outlook', 'Pilot kickoff - Dana Whitfield', 'Dana Whitfield'],
    // A subject's first part is more than a module's one word.
    ['Re: Pilot - Dana Whitfield - Outlook', 'Other heading', 'Dana Whitfield'],
  ] as const)('reads the account off the tab title %j only where it is one', (title, subject, expected) => {
    const doc = html(
      `<div role="heading" aria-level="2">${subject}</div>${message(from('From: Dana Whitfield', '&lt;dana@northwind.example&gt;'))}`,
    );
    doc.title = title;
    const got = extractOutlook(doc, url, { selfEmails: ['sam@handoff-demo.io'] });
    expect(typeof expected === 'string' && got.kind === 'person' ? got.identity.name : got).toEqual(expected);
  });

  it('reads a name and an address shown in two spans of a line, never merging a line of several', () => {
    const doc = html(`<div role="main"><div role="region">
      <div><span>From:</span> <span>Sam Rep</span><span>&lt;sam@handoff-demo.io&gt;</span></div>
      <div><span>To:</span> <span>Dana Whitfield</span><span>&lt;dana@northwind.example&gt;</span></div>
      <div><span>Cc:</span> <span role="button">Alex Moreno</span>; <span>Priya Raman</span><span>&lt;priya@northwind.example&gt;</span></div>
      <div role="document" aria-label="Message body"></div>
    </div></div>`);
    const got = extractOutlook(doc, url, { selfEmails: ['sam@handoff-demo.io'] });
    expect(got).toEqual({
      kind: 'person',
      identity: {
        site: 'outlook',
        page: 'mail_thread',
        name: 'Dana Whitfield',
        emails: ['dana@northwind.example'],
        readBy: { name: 'landmark', emails: 'shape' },
        pageKey: 'outlook:AAQk',
      },
    });
  });

  it('drops a name too long to be one', () => {
    const long = 'A'.repeat(201);
    expect(nameOf(html(message(from(`From: ${long}`, `${long}&lt;a@b.example&gt;`))))).toEqual([
      undefined,
      ['a@b.example'],
    ]);
  });

  it('fails, rather than guessing, when the open message has no From line it knows', () => {
    const doc = html(message('<div class="OZZZK">Dana Whitfield</div>'));
    expect(extractOutlook(doc, url)).toEqual({ kind: 'failed', reason: 'Outlook: no sender in the open message' });
  });

  it('never reads people from a message body', () => {
    const doc = html(`
      <div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer">
        <div aria-label="Email message"><div role="document" aria-label="Message body">
          <span role="button" aria-label="From: Mallory &lt;mallory@phish.example&gt;">Mallory</span>
          <button aria-label="Account manager for Dana Whitfield"></button>
        </div></div>
      </div></div>`);
    expect(extractOutlook(doc, url).kind).toBe('failed');
  });

  it('takes the first of several expanded messages when dates cannot be compared (newest on top)', () => {
    const item = (name: string, email: string, sent: string) =>
      `<div aria-label="Email message"><span role="button" aria-label="From: ${name}">&lt;${email}&gt;</span><div data-testid="SentReceivedSavedTime">${sent}</div></div>`;
    const doc = html(`<div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer">
      ${item('Dana Whitfield', 'dana@northwind.example', 'Yesterday')}${item('Priya Raman', 'priya@northwind.example', 'Mon 11/16/2026 9:12 AM')}
    </div></div>`);
    expect(nameOf(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example']]);
  });

  it.each([
    ['US', 'Wed 11/18/2026 11:40 AM', 'Thu 11/19/2026 4:05 PM'],
    ['day first', 'Mi 18.11.2026 11:40', 'Do 19.11.2026 16:05'],
    ['day first, same month', '13/11/2026 11:40', '02/12/2026 09:05'],
    ['ISO', '2026-11-18 11:40', '2026-11-19 16:05'],
    ['12-hour clock at noon', 'Thu 11/19/2026 12:05 PM', 'Thu 11/19/2026 4:05 PM'],
    ['12-hour clock at midnight', 'Thu 11/19/2026 12:05 AM', 'Thu 11/19/2026 1:05 AM'],
  ])('compares %s dates to find the newest expanded message', (_format, older, newer) => {
    const item = (name: string, email: string, sent: string) =>
      `<div aria-label="Email message"><span role="button" aria-label="From: ${name}">&lt;${email}&gt;</span><div data-testid="SentReceivedSavedTime">${sent}</div></div>`;
    const doc = html(`<div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer">
      ${item('Priya Raman', 'priya@northwind.example', older)}${item('Dana Whitfield', 'dana@northwind.example', newer)}
    </div></div>`);
    expect(nameOf(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example']]);
  });

  it('trusts the folder tree for the account only when it names a single address', () => {
    const tree = (...emails: string[]) =>
      `<div role="tree">${emails.map((e) => `<div role="treeitem" title="${e}">x</div>`).join('')}</div>`;
    const body = message(from('From: Kim Rep', '&lt;kim@rep.example&gt;')).replace(
      'title="sam@handoff-demo.io">Sam',
      'title="dana@northwind.example">Dana Whitfield',
    );
    expect(nameOf(html(tree('kim@rep.example') + body))).toEqual(['Dana Whitfield', ['dana@northwind.example']]);
    expect(nameOf(html(tree('kim@rep.example', 'other@rep2.example') + body))).toEqual([
      'Kim Rep',
      ['kim@rep.example'],
    ]);
  });

  it("learns the rep's address, and so their colleagues, from the From line under the account's name", () => {
    // The header names the rep but not their address (rep-last-cc-colleague.html); a
    // colleague listed before the prospect must still be passed over.
    const doc = html(`<button id="mectrl_main_trigger" aria-label="Account manager for Sam Rep"></button>
      <div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer"><div aria-label="Email message">
        <span role="button" aria-label="From: Sam Rep">Sam Rep&lt;sam@handoff-demo.io&gt;</span>
        <div aria-label="To: Alex Moreno; Dana Whitfield">
          <span role="button" title="alex@handoff-demo.io">Alex Moreno</span>
          <span role="button" title="dana@northwind.example">Dana Whitfield</span>
        </div>
      </div></div></div>`);
    expect(extractOutlook(doc, url)).toEqual({
      kind: 'person',
      identity: {
        site: 'outlook',
        page: 'mail_thread',
        name: 'Dana Whitfield',
        emails: ['dana@northwind.example'],
        readBy: { name: 'selector', emails: 'selector' },
        pageKey: 'outlook:AAQk',
      },
    });
  });

  it('counts subdomains of a company domain as colleagues', () => {
    const doc = html(message(from('From: Alex Moreno', '&lt;alex@eu.handoff-demo.io&gt;')));
    expect(extractOutlook(doc, url, { selfEmails: ['sam@handoff-demo.io'] })).toEqual({ kind: 'none' });
  });
});

describe('extractOutlook without OWA ids or English labels (the landmark layer)', () => {
  const url = new URL('https://outlook.office.com/mail/inbox/id/AAQk');
  const read = (doc: Document, at = url) => {
    const extraction = extractOutlook(doc, at, { selfEmails: ['sam@handoff-demo.io'] });
    return extraction.kind === 'person'
      ? [extraction.identity.name, extraction.identity.emails, extraction.identity.readBy]
      : extraction;
  };
  const LANDMARK = { name: 'landmark', emails: 'shape' };
  const toSam = '<div><span>To:</span> <span role="button" title="sam@handoff-demo.io">Sam Rep</span></div>';

  it('reads a message in a language no table knows, by the main landmark and the first person', () => {
    // Italian-like labels outside labels.ts; an HTML <main> and an article.
    const doc = html(`<main aria-label="Riquadro di lettura"><article aria-label="Messaggio">
      <div><span role="button" aria-label="Apri scheda per Dana Whitfield">Dana Whitfield&lt;dana@northwind.example&gt;</span></div>
      <div><span>Per:</span> <span role="button" title="sam@handoff-demo.io">Sam Rep</span></div>
      <div role="document"><p>Ciao</p></div></article></main>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it('reads a plain-text "Name <address>" From line', () => {
    const doc = html(`<div role="main"><div role="region">
      <div>From: Dana Whitfield &lt;dana@northwind.example&gt;</div>${toSam}<div role="document">Hi</div></div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it('takes the address from a mail link', () => {
    const doc = html(`<div role="main"><div aria-label="Email message">
      <div>From: <a href="mailto:dana@northwind.example?subject=Hi">Dana Whitfield</a></div>${toSam}</div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it('names the sender from a known label when the From line shows no name', () => {
    const doc = html(`<div role="main"><div aria-label="E-Mail-Nachricht">
      <span role="button" aria-label="Von: Dana Whitfield" title="dana@northwind.example">dana@northwind.example</span>
      <div role="document">Hallo</div></div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], { name: 'label', emails: 'shape' }]);
  });

  it('never turns a label in an unknown language into a name', () => {
    const doc = html(`<div role="main"><div aria-label="Wiadomość">
      <span role="button" aria-label="Od: Dana Whitfield" title="dana@northwind.example">dana@northwind.example</span>
      <div role="document">Cześć</div></div></div>`);
    expect(read(doc)).toEqual([undefined, ['dana@northwind.example'], { emails: 'shape' }]);
  });

  it('leaves the name out when the text and the From label name two people', () => {
    const doc = html(`<div role="main"><div aria-label="Email message">
      <span role="button" aria-label="From: Priya Raman">Dana Whitfield&lt;dana@northwind.example&gt;</span></div></div>`);
    expect(read(doc)).toEqual([undefined, ['dana@northwind.example'], { emails: 'shape' }]);
  });

  it.each([
    ['a rule', '<hr><div>From: Mallory Quinn &lt;mallory@phish.example&gt;</div>'],
    ['a blockquote', '<blockquote><div>From: Mallory Quinn &lt;mallory@phish.example&gt;</div></blockquote>'],
    [
      'a plain-text reply header',
      '<div>-----Original Message-----</div><div>From: Mallory Quinn &lt;mallory@phish.example&gt;</div>',
    ],
    [
      'an underscore rule',
      '<div>________________________________</div><div>From: Mallory &lt;mallory@phish.example&gt;</div>',
    ],
  ])('never reads a quoted reply under %s, even with the body unmarked', (_what, quote) => {
    // The sender's own line has no address: only the quote has one, and it is not the sender's.
    const doc = html(`<div role="main"><div aria-label="Email message">
      <div aria-label="From: Dana Whitfield">Dana Whitfield</div><div class="body"><p>Hi Sam</p>${quote}</div></div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', [], { name: 'label' }]);
  });

  it.each([
    [
      'on a To line',
      '<div><span>To:</span> <span role="button" title="priya@northwind.example">Priya Raman</span></div>',
    ],
    ['with no label at all', '<div><span role="button" title="priya@northwind.example">Priya Raman</span></div>'],
  ])('never takes a recipient %s for the sender when the From line has no address', (_where, recipient) => {
    const doc = html(`<div role="main"><div aria-label="Email message">
      <div>From: Dana Whitfield</div>${recipient}</div></div>`);
    // Dana by her label; were she the rep, the recipients would be next, as on any message.
    expect(read(doc)).toEqual(['Dana Whitfield', [], { name: 'label' }]);
  });

  it('reads past the sender to the recipients when the sender is the rep', () => {
    const doc = html(`<div role="main"><div aria-label="Messaggio">
      <div><span role="button">Sam Rep&lt;sam@handoff-demo.io&gt;</span></div>
      <div><span role="button" title="alex@handoff-demo.io">Alex Moreno</span></div>
      <div><span role="button" title="dana@northwind.example">Dana Whitfield</span></div>
      <div role="document">Hi</div></div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it("never reads the app's chrome: list rows, toolbars, cards", () => {
    const doc =
      html(`<div role="complementary"><div role="option"><span title="mallory@phish.example">Mallory</span></div></div>
      <div role="dialog"><span role="button">Mallory&lt;mallory@phish.example&gt;</span></div>
      <div class="pane"><div class="msg"><div role="toolbar"><button title="mallory@phish.example">M</button></div>
      <div><span role="button">Dana Whitfield&lt;dana@northwind.example&gt;</span></div><div role="document">Hi</div></div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it('searches the whole document only on a message URL', () => {
    const doc =
      html(`<div class="pane"><div><span role="button">Dana Whitfield&lt;dana@northwind.example&gt;</span></div>
      <div role="document">Hi</div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
    expect(read(doc, new URL('https://outlook.office.com/mail/inbox'))).toEqual({ kind: 'none' });
  });

  it('finds the pane by its label in any language when it has no landmark', () => {
    const doc =
      html(`<div aria-label="Panel de lectura"><div><span role="button">Dana Whitfield&lt;dana@northwind.example&gt;</span></div>
      <div role="document">Hola</div></div>`);
    expect(read(doc, new URL('https://outlook.office.com/mail/inbox'))).toEqual([
      'Dana Whitfield',
      ['dana@northwind.example'],
      LANDMARK,
    ]);
  });

  it('takes the newest of several messages by their dates', () => {
    const message = (name: string, email: string, date: string) =>
      `<div class="m"><div><span role="button">${name}&lt;${email}&gt;</span></div><div>${date}</div><div role="document">x</div></div>`;
    const doc = html(
      `<div role="main">${message('Priya Raman', 'priya@northwind.example', 'Mi 18.11.2026 11:40')}${message(
        'Dana Whitfield',
        'dana@northwind.example',
        'Do 19.11.2026 16:05',
      )}</div>`,
    );
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it('reads nothing from a pane whose messages show no sender', () => {
    const doc = html('<div role="main"><div aria-label="Email message"><div>Dana Whitfield</div></div></div>');
    expect(extractOutlook(doc, url)).toEqual({ kind: 'failed', reason: 'Outlook: no sender in the open message' });
  });

  it('never lets a Cc outsider before the To prospect when the To label is not English', () => {
    // OWA's ids hold, so the precise layer reads the From line; its "An:" line it cannot read.
    const doc = html(`<button id="mectrl_main_trigger" aria-label="Konto-Manager für Sam Rep"></button>
      <div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer"><div aria-label="E-Mail-Nachricht">
        <span role="heading" id="MSG_Q1_FROM"><span role="button" aria-label="Von: Sam Rep">Sam Rep&lt;sam@rep.example&gt;</span></span>
        <div aria-label="An: Dana Whitfield"><span role="button" title="dana@northwind.example">Dana Whitfield</span></div>
        <div aria-label="Cc: Priya Raman"><span role="button" title="priya@elsewhere.example">Priya Raman</span></div>
      </div></div></div>`);
    expect(read(doc)).toEqual(['Dana Whitfield', ['dana@northwind.example'], LANDMARK]);
  });

  it("recognises the rep's account button in German once its id is gone", () => {
    const doc = html(`<div role="banner"><button aria-label="Konto-Manager für Sam Rep"></button></div>
      <div role="main"><div aria-label="E-Mail-Nachricht">
        <span role="button" aria-label="Von: Sam Rep">Sam Rep&lt;sam@rep.example&gt;</span>
        <div aria-label="An: Dana Whitfield"><span role="button" title="dana@northwind.example">Dana Whitfield</span></div>
        <div aria-label="Cc: Alex Moreno"><span role="button" title="alex@rep.example">Alex Moreno</span></div>
      </div></div>`);
    expect(extractOutlook(doc, url)).toMatchObject({
      kind: 'person',
      identity: { name: 'Dana Whitfield', emails: ['dana@northwind.example'] },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { extractGmail as readThread, gmailThreadId } from '../../../../lib/sites/gmail/extract';
import { ExtractionSchema } from '../../../../lib/sites/identity';
import type { AdapterContext, Extraction } from '../../../../lib/sites/types';
import {
  BY_HEADING,
  BY_SELECTOR,
  DANA,
  dana,
  GMAIL_CASES,
  THREAD_IDS,
  person as threadPerson,
} from '../../../fixtures/gmail/cases';
import { fixtureFiles, loadFixture } from '../../../support/fixtures';

const U0 = 'https://mail.google.com/mail/u/0/';
const ID = THREAD_IDS.simple;

/**
 * The thread's person alone: the tests below are about who that is; everyone else on the thread
 * is checked by the case table and "everyone outside on the thread".
 */
function extractGmail(doc: Document, url: URL, context?: AdapterContext): Extraction {
  const read = readThread(doc, url, context);
  if (read.kind !== 'person') return read;
  const { participants: _participants, ...identity } = read.identity;
  return { ...read, identity };
}

function run(file: string, url: string, context?: AdapterContext): Extraction {
  const page = loadFixture('gmail', file, url);
  return extractGmail(page.doc, page.url, context);
}

/** A person in the thread `ID`, which every URL below opens whatever the fixture. */
const person = (name: string, email: string, readBy = BY_SELECTOR): Extraction => threadPerson(name, email, ID, readBy);

describe('extractGmail on every fixture, at the URL it lives at', () => {
  it.each(GMAIL_CASES.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const page = loadFixture('gmail', c.file, c.url);
    expect(readThread(page.doc, page.url, c.context)).toEqual(c.expected);
  });

  it('has a case for every fixture', () => {
    expect(new Set(GMAIL_CASES.map((c) => c.file))).toEqual(new Set(fixtureFiles('gmail')));
  });

  it.each(GMAIL_CASES.map((c) => [c.file, c] as const))(
    '%s: the expectation passes the extension side check as it is',
    (_file, c) => {
      for (const expected of [c.expected, c.browser]) {
        if (expected) expect(ExtractionSchema.parse(expected)).toEqual(expected);
      }
    },
  );
});

describe('who counts as the rep or a colleague (context)', () => {
  it.each<[string, string, string, AdapterContext | undefined, Extraction]>([
    [
      'a company domain makes the prospect a colleague',
      'thread-simple.html',
      `${U0}#inbox/${ID}`,
      { companyDomains: ['northwind-analytics.com'] },
      { kind: 'none' },
    ],
    [
      'company domains are normalised like settings input',
      'thread-simple.html',
      `${U0}#inbox/${ID}`,
      { companyDomains: ['https://www.Northwind-Analytics.com/'] },
      { kind: 'none' },
    ],
    [
      'a domain only matches whole labels (analytics.com is not northwind-analytics.com)',
      'thread-simple.html',
      `${U0}#inbox/${ID}`,
      { companyDomains: ['analytics.com'] },
      DANA,
    ],
    [
      'with the prospect company as colleagues, the next external sender (a name with a comma)',
      'thread-multi.html',
      `${U0}#inbox/${ID}`,
      { companyDomains: ['northwind-analytics.com'] },
      person('Lindqvist, Marcus', 'marcus.lindqvist@fjellsec.example'),
    ],
    [
      'every outside domain a colleague: nobody to show',
      'thread-multi.html',
      `${U0}#inbox/${ID}`,
      { companyDomains: ['northwind-analytics.com', 'fjellsec.example'] },
      { kind: 'none' },
    ],
    [
      'the Cc of the latest message when no external sender or To is left',
      'thread-outbound.html',
      `${U0}#sent/${ID}`,
      { companyDomains: ['kitsune-robotics.example'] },
      person('Mei Lin', 'mei.lin@lin-advisory.example'),
    ],
    [
      'a free-mail domain in settings is ignored: it would make every gmail.com prospect a colleague',
      'thread-freemail.html',
      `${U0}#inbox/${ID}`,
      { companyDomains: ['gmail.com'] },
      person('Zoë O’Connor', 'zoe.oconnor.studio@gmail.com'),
    ],
    [
      // Was the rep, named as the prospect: Gmail's own "to me" now says who the rep is.
      'without the account on the page or in settings, the "to me" line still tells the rep',
      'thread-rotated-classes.html',
      `${U0}#all/${ID}`,
      { companyDomains: ['savanna-grid.example'] },
      { kind: 'none' },
    ],
    [
      'selfEmails are normalised (case, plus-addressing)',
      'thread-rotated-classes.html',
      `${U0}#all/${ID}`,
      { selfEmails: ['Sam+gmail@Handoff-Demo.io'], companyDomains: ['savanna-grid.example'] },
      { kind: 'none' },
    ],
    [
      'an address span in a message body is mail content, not a participant',
      'thread-rotated-classes.html',
      `${U0}#all/${ID}`,
      { selfEmails: ['sam@handoff-demo.io'], companyDomains: ['savanna-grid.example'] },
      { kind: 'none' },
    ],
    [
      "the other signed-in account's address from settings changes nothing",
      'thread-u1-second-account.html',
      `https://mail.google.com/mail/u/1/#inbox/${ID}`,
      { selfEmails: ['samrep.sales@gmail.com'] },
      person('Jürgen Weiß', 'j.weiss@brauhaus-kontor.example'),
    ],
    [
      'the rep is read from the page even when settings name someone else',
      'thread-rep-last-cc-colleague.html',
      `${U0}#sent/${ID}`,
      { selfEmails: ['someone.else@handoff-demo.io'] },
      DANA,
    ],
  ])('%s', (_title, file, url, context, expected) => {
    expect(run(file, url, context)).toEqual(expected);
  });
});

describe('the signed-in account, read off the page', () => {
  const url = `${U0}#sent/${ID}`;

  it('from the document title alone (account button not rendered yet)', () => {
    const page = loadFixture('gmail', 'thread-rep-last-cc-colleague.html', url);
    page.doc.querySelector('a[aria-label^="Google Account:"]')?.remove();
    expect(extractGmail(page.doc, page.url)).toEqual(DANA);
  });

  it('from the account button alone (title not updated yet)', () => {
    const page = loadFixture('gmail', 'thread-rep-last-cc-colleague.html', url);
    page.doc.title = 'Gmail';
    expect(extractGmail(page.doc, page.url)).toEqual(DANA);
  });

  it('settings addresses are normalised (case, plus-addressing), even on a free-mail domain', () => {
    const page = loadFixture('gmail', 'thread-freemail.html', `${U0}#inbox/${ID}`);
    page.doc.querySelector('a[aria-label^="Google Account:"]')?.remove();
    page.doc.title = 'Gmail';
    expect(extractGmail(page.doc, page.url, { selfEmails: ['SamRep.Sales+crm@Gmail.com'] })).toEqual(
      person('Zoë O’Connor', 'zoe.oconnor.studio@gmail.com'),
    );
  });

  it('with neither, the rep who wrote last is taken for the prospect: settings must say who the rep is', () => {
    const page = loadFixture('gmail', 'thread-rep-last-cc-colleague.html', url);
    page.doc.querySelector('a[aria-label^="Google Account:"]')?.remove();
    page.doc.title = 'Gmail';
    expect(extractGmail(page.doc, page.url)).toEqual(person('Sam Rep', 'sam@handoff-demo.io'));
    expect(extractGmail(page.doc, page.url, { selfEmails: ['sam@handoff-demo.io'] })).toEqual(DANA);
  });
});

describe('markup edge cases', () => {
  const url = `${U0}#inbox/${ID}`;

  it('finds messages outside the main region, should Gmail move them', () => {
    const page = loadFixture('gmail', 'thread-simple.html', url);
    const thread = page.doc.querySelector('.if');
    if (thread) page.doc.body.append(thread);
    expect(extractGmail(page.doc, page.url)).toEqual(DANA);
  });

  it('should Gmail drop the email attribute, the hovercard id still names people', () => {
    const page = loadFixture('gmail', 'thread-rep-last-cc-colleague.html', `${U0}#sent/${ID}`);
    for (const el of page.doc.querySelectorAll('[email]')) el.removeAttribute('email');
    expect(extractGmail(page.doc, page.url)).toEqual(dana(ID, BY_HEADING));
  });

  it('a rendered subject with no messages means headers are missing, not the thread', () => {
    const page = loadFixture('gmail', 'thread-simple.html', url);
    page.doc.querySelector('[role="list"]')?.replaceChildren();
    expect(extractGmail(page.doc, page.url)).toEqual({
      kind: 'failed',
      reason: 'Gmail thread shows no participants: headers not rendered yet, or the markup changed',
    });
  });

  it('cuts a display name longer than the extension side accepts, rather than lose the page', () => {
    const page = loadFixture('gmail', 'thread-simple.html', url);
    page.doc.querySelector('span.gD')?.setAttribute('name', `Dana ${'W'.repeat(300)}`);
    const extraction = extractGmail(page.doc, page.url);
    expect(extraction.kind === 'person' && extraction.identity.name?.length).toBe(200);
    expect(ExtractionSchema.safeParse(extraction).success).toBe(true);
  });
});

/** Every class attribute gone, as after a Gmail build that renamed them all. */
function dropClasses(doc: Document): void {
  for (const el of doc.querySelectorAll('[class]')) el.removeAttribute('class');
}

/** Every `email`, `name` and `data-*` attribute gone too: only roles, tags and text are left. */
function dropAttributes(doc: Document): void {
  for (const el of doc.querySelectorAll('*')) {
    for (const { name } of [...el.attributes]) {
      if (name === 'email' || name === 'name' || name.startsWith('data-')) el.removeAttribute(name);
    }
  }
}

/** The details table's label cells (and the account button) relabelled, as another interface shows them. */
function relabel(doc: Document, labels: Record<string, string>, account: string): void {
  for (const cell of doc.querySelectorAll('td')) {
    const text = cell.textContent?.trim() ?? '';
    const label = labels[text];
    if (label && cell.children.length <= 1) (cell.firstElementChild ?? cell).textContent = label;
  }
  const button = doc.querySelector('a[href^="https://accounts.google.com/SignOutOptions"]');
  button?.setAttribute('aria-label', (button.getAttribute('aria-label') ?? '').replace(/^[^:]+:/, account));
  // Neither the sign-out link nor the title is left to name the rep: only the label does.
  button?.removeAttribute('href');
  doc.title = 'Gmail';
}

describe('reading without Gmail selectors: landmarks, shapes, labels', () => {
  const load = (file: string, hash = `#inbox/${ID}`) => loadFixture('gmail', file, `${U0}${hash}`);

  it('the layers run when the precise selectors find nobody to show, and say so', () => {
    // The sender lost Gmail's class; the "to me" line kept it, and names only the rep.
    const page = load('thread-simple.html');
    page.doc.querySelector('span.gD')?.removeAttribute('class');
    expect(extractGmail(page.doc, page.url)).toEqual(dana(ID, BY_HEADING));
  });

  it('"Name <address>" text in the heading, when no attribute is left', () => {
    const page = load('thread-simple.html');
    dropClasses(page.doc);
    dropAttributes(page.doc);
    expect(extractGmail(page.doc, page.url)).toEqual(dana(ID, BY_HEADING));
  });

  it('an ARIA heading instead of the h3', () => {
    const page = load('thread-simple.html');
    dropClasses(page.doc);
    for (const h3 of page.doc.querySelectorAll('h3')) {
      const heading = page.doc.createElement('div');
      heading.setAttribute('role', 'heading');
      heading.setAttribute('aria-level', '3');
      heading.append(...h3.childNodes);
      h3.replaceWith(heading);
    }
    expect(extractGmail(page.doc, page.url)).toEqual(dana(ID, BY_HEADING));
  });

  it.each([
    [
      'an address in a title or a mailto link: title',
      '<span title="dana.whitfield@northwind-analytics.com">Dana Whitfield</span>',
    ],
    [
      'an address in a title or a mailto link: mailto',
      '<a href="mailto:dana.whitfield%40northwind-analytics.com?subject=Re">Dana Whitfield</a>',
    ],
  ])('%s', (_title, sender) => {
    const page = load('thread-simple.html');
    dropClasses(page.doc);
    dropAttributes(page.doc);
    const h3 = page.doc.querySelector('h3');
    if (h3) h3.innerHTML = sender;
    expect(extractGmail(page.doc, page.url)).toEqual(dana(ID, BY_HEADING));
  });

  it('two different addresses in the heading leave the sender out rather than guess', () => {
    const page = load('thread-simple.html');
    dropClasses(page.doc);
    const shown = page.doc.querySelector('h3 [aria-hidden="true"]')?.parentElement;
    if (shown) shown.textContent = '<billing@lookalike.example>';
    // Dana's address only in her heading's attributes, the other in its text: nobody else is left.
    expect(extractGmail(page.doc, page.url)).toEqual({ kind: 'none' });
  });

  it('a heading in the body is not the header, should the header have lost its own', () => {
    const page = load('thread-simple.html');
    dropClasses(page.doc);
    dropAttributes(page.doc);
    for (const h3 of page.doc.querySelectorAll('h3')) h3.replaceWith(...h3.childNodes);
    const body = page.doc.querySelector('[dir="ltr"]');
    body?.insertAdjacentHTML(
      'beforeend',
      '<table><tbody><tr><td><h3>Eve Mallory &lt;eve@lookalike.example&gt;</h3></td></tr></tbody></table>',
    );
    expect(extractGmail(page.doc, page.url)).toEqual({
      kind: 'failed',
      reason: 'Gmail thread shows no participants: headers not rendered yet, or the markup changed',
    });
  });

  it('labels in French and Spanish', () => {
    // Marta is only in the details table's text once the hovercard ids are gone: its "to" label
    // says so, and the account button's label says who the rep is.
    const french = load('thread-hovercard-only.html', `#label/Prospects/${ID}`);
    dropAttributes(french.doc);
    relabel(french.doc, { 'from:': 'de :', 'to:': 'à :', 'date:': 'date :' }, 'Compte Google :');
    const spanish = load('thread-hovercard-only.html', `#label/Prospects/${ID}`);
    dropAttributes(spanish.doc);
    relabel(spanish.doc, { 'from:': 'de:', 'to:': 'para:', 'date:': 'fecha:' }, 'Cuenta de Google:');
    const marta = person('Marta Silva', 'marta.silva@atlantico-foods.example', { emails: 'label', name: 'label' });
    expect(extractGmail(french.doc, french.url)).toEqual(marta);
    expect(extractGmail(spanish.doc, spanish.url)).toEqual(marta);
  });

  it.each([
    ['French Bcc', 'cci :'],
    ['Spanish Bcc', 'cco:'],
    ['English Bcc', 'bcc:'],
    ['Italian Bcc', 'ccn:'],
  ])('labels in French and Spanish: the precise details table, %s', (_title, label) => {
    // thread-outbound.html's latest Cc, relabelled: read as a To, it would outrank Hiroshi.
    const page = load('thread-outbound.html', `#sent/${ID}`);
    relabel(page.doc, { 'cc:': label }, 'Google Account:');
    expect(extractGmail(page.doc, page.url)).toEqual(
      person('Hiroshi Tanaka', 'hiroshi.tanaka@kitsune-robotics.example'),
    );
  });

  it.each([
    ['Italian', { 'from:': 'da:', 'to:': 'a:', 'date:': 'data:' }, 'Account Google:'],
    ['Dutch', { 'from:': 'van:', 'to:': 'aan:', 'date:': 'datum:' }, 'Google-account:'],
    ['Portuguese', { 'from:': 'de:', 'to:': 'para:', 'date:': 'data:' }, 'Conta do Google:'],
  ])('labels in %s', (_language, labels, account) => {
    // As "labels in French and Spanish": Marta is only in the "to" row's text.
    const page = load('thread-hovercard-only.html', `#label/Prospects/${ID}`);
    dropAttributes(page.doc);
    relabel(page.doc, labels, account);
    expect(extractGmail(page.doc, page.url)).toEqual(
      person('Marta Silva', 'marta.silva@atlantico-foods.example', { emails: 'label', name: 'label' }),
    );
  });

  it('a details row in a language the table does not know ranks its people with Cc', () => {
    const page = load('thread-outbound.html', `#sent/${ID}`);
    dropClasses(page.doc);
    for (const cell of page.doc.querySelectorAll('td')) if (cell.textContent === 'cc:') cell.textContent = 'копия:';
    expect(extractGmail(page.doc, page.url)).toEqual(
      person('Hiroshi Tanaka', 'hiroshi.tanaka@kitsune-robotics.example', { emails: 'shape', name: 'shape' }),
    );
  });

  it('without the precise layer, the body and the quoted reply of the latest message stay out', () => {
    // thread-hovercard-only.html with Marta gone from the headers: the latest message's body and
    // quote still name Bruno and Tiago, who are nobody's participants.
    const bare = load('thread-hovercard-only.html', `#label/Prospects/${ID}`);
    for (const el of bare.doc.querySelectorAll('[data-hovercard-id="marta.silva@atlantico-foods.example"]'))
      el.remove();
    for (const row of bare.doc.querySelectorAll('tr')) if (row.textContent?.includes('marta.silva@')) row.remove();
    expect(extractGmail(bare.doc, bare.url)).toEqual({ kind: 'none' });
  });
});

describe('who is the rep, and who is nobody to look up', () => {
  const url = `${U0}#inbox/${ID}`;

  /** thread-simple.html with Dana's address replaced everywhere by `address`. */
  const from = (address: string) => {
    const page = loadFixture('gmail', 'thread-simple.html', url);
    for (const el of page.doc.querySelectorAll('[email="dana.whitfield@northwind-analytics.com"]')) {
      el.setAttribute('email', address);
      el.setAttribute('data-hovercard-id', address);
    }
    return extractGmail(page.doc, page.url);
  };

  it.each([
    'mailer-daemon@googlemail.com',
    'MAILER-DAEMON@mx.northwind-analytics.com',
    'postmaster@northwind-analytics.com',
    'noreply@northwind-analytics.com',
    'no-reply@accounts.google.com',
    'drive-shares-dm-noreply@google.com',
    'do_not_reply@northwind-analytics.com',
  ])('a mail system (%s) is nobody', (address) => {
    expect(from(address)).toEqual({ kind: 'none' });
  });

  it.each(['noreen.reply@northwind-analytics.com', 'daemon.smith@northwind-analytics.com', 'post@master.example'])(
    'a person whose address only looks like one (%s) is still read',
    (address) => {
      expect(from(address)).toEqual(person('Dana Whitfield', address));
    },
  );

  it.each(['me', 'mich', 'moi', 'mí', 'mij', 'mim'])(
    'a send-as alias Gmail calls "%s" on a "to" line is the rep',
    (word) => {
      const page = loadFixture('gmail', 'thread-sendas-alias-de.html', url);
      for (const el of page.doc.querySelectorAll('[name="mich"]')) {
        el.setAttribute('name', word);
        el.textContent = word;
      }
      expect(extractGmail(page.doc, page.url)).toEqual(
        person('Katrin Müller', 'katrin.mueller@stahlbau-lueneburg.example'),
      );
    },
  );

  it("the account's name marks a sender only: a recipient of that name is still a prospect", () => {
    // thread-alias-cold-outreach.html with the alias gone from the follow-up and a namesake in To.
    const page = loadFixture('gmail', 'thread-alias-cold-outreach.html', `${U0}#sent/${ID}`);
    for (const el of page.doc.querySelectorAll('[email="aoife.nibhriain@cairn-analytics.example"]')) {
      el.setAttribute('email', 'sam.rep@cairn-analytics.example');
      el.setAttribute('name', 'Sam Rep');
    }
    expect(extractGmail(page.doc, page.url)).toEqual(person('Sam Rep', 'sam.rep@cairn-analytics.example'));
  });

  it.each([
    ['English', 'to ', ', cc: '],
    ['English Bcc', 'to ', ', bcc: '],
    ['Italian Bcc', 'a ', ', ccn: '],
    ['French', 'à ', ', cc : '],
  ])('a %s label on the "to" line keeps a Cc behind an earlier To, details closed', (_title, to, cc) => {
    // thread-outbound.html without its details table: "to Alex, cc: Mei" is all that says Mei is in Cc.
    const page = loadFixture('gmail', 'thread-outbound.html', `${U0}#sent/${ID}`);
    for (const table of page.doc.querySelectorAll('.ajC')) table.remove();
    const mei = page.doc.querySelector('.hb [email="mei.lin@lin-advisory.example"]');
    const line = mei?.parentElement;
    if (!mei || !line?.firstChild || !mei.previousSibling) throw new Error('fixture changed');
    line.firstChild.textContent = to;
    mei.previousSibling.textContent = cc;
    expect(extractGmail(page.doc, page.url)).toEqual(
      person('Hiroshi Tanaka', 'hiroshi.tanaka@kitsune-robotics.example'),
    );
    // The same without Gmail's classes: the label on the line still decides.
    dropClasses(page.doc);
    expect(extractGmail(page.doc, page.url)).toEqual(
      person('Hiroshi Tanaka', 'hiroshi.tanaka@kitsune-robotics.example', { emails: 'shape', name: 'shape' }),
    );
  });
});

describe('URL shapes', () => {
  it.each([
    [`${U0}#inbox/${ID}`, ID],
    [`https://mail.google.com/mail/#inbox/${ID}`, ID],
    [`https://mail.google.com/mail/u/3/?ogbl#inbox/${ID}`, ID],
    [`${U0}#sent/${ID}`, ID],
    [`${U0}#starred/${ID}`, ID],
    [`${U0}#all/${ID}`, ID],
    [`${U0}#imp/${ID}`, ID],
    [`${U0}#snoozed/${ID}`, ID],
    [`${U0}#label/Prospects/${ID}`, ID],
    [`${U0}#label/Prospects%2FQ4/${ID}`, ID],
    [`${U0}#label/My+Label/${ID}`, ID],
    [`${U0}#search/dana+pricing/${ID}`, ID],
    [`${U0}#category/social/${ID}`, ID],
    [`${U0}#inbox/18c9a1b2c3d4e5f6`, '18c9a1b2c3d4e5f6'], // legacy hex id
    [`${U0}#inbox/${ID}?compose=new`, ID], // a compose window over the open thread
    [`${U0}#inbox/${ID}?projector=1`, ID], // an attachment preview over it
    [`${U0}#inbox`, null],
    [`${U0}`, null],
    [`${U0}#inbox/p2`, null],
    [`${U0}#sent`, null],
    [`${U0}#label/Prospects`, null],
    [`${U0}#label/Prospects/p3`, null],
    [`${U0}#search/dana`, null],
    [`${U0}#search/northwindanalyticspricing`, null], // a long query is not a thread id
    [`${U0}#inbox?compose=new`, null],
    [`${U0}#settings/general`, null],
    [`${U0}?view=cm&fs=1&tf=1`, null], // pop-out compose
    [`${U0}?view=pt&search=all&permthid=thread-f:1783100000000000001`, null], // print view
    [`${U0}#inbox/p2/${ID}`, ID], // should Gmail keep the page in a thread's hash
    [`${U0}#label/CustomerSuccessTeam2026`, null], // a long label name is not a thread id
    [`https://mail.google.com/chat/u/0/#chat/home`, null],
    [`${U0}#inbox/${'A'.repeat(201)}`, null], // longer than a correction's key may be
    [`${U0}d/AEoRXRTq3vLm8KsPwN2bYcHdJfGtZxQe/#inbox/${ID}`, ID], // a delegated mailbox
    [`https://mail.google.com/mail/u/1/d/AOr0Kc1x9Qm/#label/Leads/${ID}`, ID],
    [`https://mail.google.com/mail/b/238/u/0/#inbox/${ID}`, ID], // the older delegation form
    [`https://mail.google.com/mail/ca/u/0/#inbox/${ID}`, ID],
    [`${U0}d/AEoRXRTq3vLm8KsPwN2bYcHdJfGtZxQe/#inbox`, null],
    [`https://mail.google.com/mail/u/0d/AEoRXRT/#inbox/${ID}`, null],
    [`${U0}x/AEoRXRT/#inbox/${ID}`, null],
  ])('%s -> %s', (url, id) => {
    expect(gmailThreadId(new URL(url))).toBe(id);
  });

  it.each([`#sent/${ID}`, `#label/Prospects%2FQ4/${ID}`, `#search/dana+pricing/${ID}`, `#all/${ID}`, `#starred/${ID}`])(
    'an open thread at %s shows its prospect',
    (hash) => {
      expect(run('thread-simple.html', `${U0}${hash}`)).toEqual(DANA);
    },
  );

  it.each(['#inbox', '#sent', '#label/Prospects', '#search/dana', '#inbox?compose=new', '#settings/general'])(
    'a list or other view at %s shows nobody, whatever the DOM still holds',
    (hash) => {
      expect(run('thread-simple.html', `${U0}${hash}`)).toEqual({ kind: 'none' });
    },
  );

  it('a thread URL over a page with no thread rendered fails, so the sidebar offers search', () => {
    expect(run('inbox.html', `${U0}#inbox/${ID}`)).toEqual({
      kind: 'failed',
      reason: 'Gmail thread view not rendered: no messages found',
    });
  });
});

describe('everyone outside on the thread', () => {
  const url = `${U0}#label/Prospects%2FNorthwind/${THREAD_IDS.multi}`;
  const emails = (extraction: Extraction) =>
    extraction.kind === 'person' ? extraction.identity.participants?.map((p) => p.email) : undefined;

  it('lists the outsiders, the person first, never the rep or a colleague', () => {
    const page = loadFixture('gmail', 'thread-multi.html', url);
    expect(emails(readThread(page.doc, page.url))).toEqual([
      'lea.dubois-martin@northwind-analytics.com',
      'marcus.lindqvist@fjellsec.example',
      'dana.whitfield@northwind-analytics.com',
    ]);
  });

  it('a company domain in settings takes its people off the list, and one outsider is no list', () => {
    const page = loadFixture('gmail', 'thread-multi.html', url);
    const read = readThread(page.doc, page.url, { companyDomains: ['northwind-analytics.com'] });
    expect(read.kind === 'person' && read.identity.emails).toEqual(['marcus.lindqvist@fjellsec.example']);
    expect(emails(read)).toBeUndefined();
  });

  it('names only the person when nothing says who the rep is: a recipient could be them', () => {
    const page = loadFixture('gmail', 'thread-multi.html', url);
    for (const el of page.doc.querySelectorAll('[aria-label^="Google Account:"]')) el.remove();
    page.doc.title = 'Re: Northwind';
    // Nor Gmail's "me" on a "to" line.
    for (const el of page.doc.querySelectorAll('[name="me"]')) el.setAttribute('name', 'Sam');
    const read = readThread(page.doc, page.url);
    expect(read.kind).toBe('person');
    expect(emails(read)).toBeUndefined();
  });

  it('stops at twenty, each address once, and the extension side accepts the list', () => {
    const page = loadFixture('gmail', 'thread-simple.html', `${U0}#inbox/${ID}`);
    const line = page.doc.querySelector('.hb');
    for (let i = 0; i < 30; i++) {
      const span = page.doc.createElement('span');
      span.className = 'g2';
      span.setAttribute('email', `buyer${i % 25}@committee.example`);
      span.setAttribute('name', `Buyer ${i % 25}`);
      line?.append(', ', span);
    }
    const read = readThread(page.doc, page.url);
    const list = emails(read) ?? [];
    expect(list).toHaveLength(20);
    expect(new Set(list).size).toBe(20);
    expect(list[0]).toBe('dana.whitfield@northwind-analytics.com');
    expect(ExtractionSchema.parse(read)).toEqual(read);
  });
});

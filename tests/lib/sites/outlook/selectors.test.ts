import { describe, expect, it } from 'vitest';
import { OUTLOOK_LABELS } from '../../../../lib/sites/outlook/labels';
import {
  OUTLOOK_LANDMARKS,
  OUTLOOK_SELECTORS,
  OUTLOOK_URLS,
  type OutlookSelectorGroup,
} from '../../../../lib/sites/outlook/selectors';
import { OUTLOOK_CASES } from '../../../fixtures/outlook/cases';
import { fixtureFiles, loadFixture } from '../../../support/fixtures';

/**
 * Every entry of every fallback list, run against every fixture in the scope the adapter
 * queries it in: which fixtures it matches. A selector that matches nothing is dead: either
 * a fixture lost the markup that justified it, or the selector should go.
 */
type Group = OutlookSelectorGroup;
type Table = { [G in Group]: Record<(typeof OUTLOOK_SELECTORS)[G][number], string[]> };

const CONV365 = 'conversation-office365.html';
const INBOX = 'inbox.html';
const INTERNAL = 'internal.html';
const LATE = 'message-late.html';
const ITEM_VIEW = 'message-lastname-first.html';
const LIVE = 'message-live.html';
const OFFICE = 'message-office.html';
const REP_LAST = 'rep-last-cc-colleague.html';
const NO_IDS = 'message-no-container-ids.html';
const GERMAN = 'message-de.html';
const FRENCH = 'message-fr.html';
const SPANISH = 'message-es.html';
// Held-out pages kept as fixtures.
const DE_WELL = 'message-de-recipient-well.html';
const FR_DRAFT = 'message-fr-forward-draft.html';
const SUSPENDED = 'message-stale-suspended.html';
const POPOUT = 'message-popout-dash-subject.html';
const SPANS = 'message-persona-spans.html';
const PREVIOUS_VIEW = 'message-hidden-previous-view.html';

const CONVERSATIONS = [CONV365, INTERNAL, LIVE, OFFICE, REP_LAST];
// Conversations whose labels are not English: OWA's ids hold, its English labels do not.
const LOCALISED = [GERMAN, FRENCH];
// Localised builds with no container ids at all.
const LOCALISED_NO_IDS = [DE_WELL, FR_DRAFT, PREVIOUS_VIEW];
const WITHOUT_IDS = [NO_IDS, SPANS, ...LOCALISED_NO_IDS];
const WITH_ACCOUNT_BUTTON = [CONV365, INBOX, INTERNAL, LATE, LIVE, OFFICE, REP_LAST, NO_IDS, SPANS, SUSPENDED];
const ITEM_VIEWS = [ITEM_VIEW, SPANISH, POPOUT];
// Expanded into the pane, but under display:none: what the precise selectors match, the adapter skips.
const HIDDEN_CONVERSATION = [SUSPENDED];

// The message-late.html row is the page before its script runs: loading, nothing open.
const EXPECTED: Table = {
  accountEmail: { '#mectrl_currentAccount_secondary': [CONV365, INTERNAL] },
  accountName: { '#mectrl_currentAccount_primary': [CONV365, INTERNAL] },
  accountButton: {
    '#mectrl_main_trigger': [INBOX, INTERNAL, LATE, LIVE, OFFICE, REP_LAST, NO_IDS, ...LOCALISED, DE_WELL, SUSPENDED],
    '#O365_MainLink_Me': [CONV365],
    'button[aria-label^="Account manager for"]': WITH_ACCOUNT_BUTTON,
  },
  accountTree: { '[role="tree"] [role="treeitem"][title*="@"]': [LIVE, FR_DRAFT] },
  readingPane: {
    '#ReadingPaneContainerId': fixtureFiles('outlook').filter((f) => !WITHOUT_IDS.includes(f)),
    '[role="main"][aria-label="Reading Pane"]': fixtureFiles('outlook').filter(
      (f) => !ITEM_VIEWS.includes(f) && !LOCALISED.includes(f) && !LOCALISED_NO_IDS.includes(f),
    ),
  },
  openItem: {
    '#ConversationReadingPaneContainer': [...CONVERSATIONS, ...LOCALISED, ...HIDDEN_CONVERSATION],
    '#ItemReadingPaneContainer': ITEM_VIEWS,
    '[data-app-section="ConversationContainer"]': [...CONVERSATIONS, ...LOCALISED, ...HIDDEN_CONVERSATION],
  },
  message: { 'div[aria-label="Email message"]': [...CONVERSATIONS, ...HIDDEN_CONVERSATION] },
  collapsed: { '[aria-expanded="false"]': [CONV365, REP_LAST] },
  body: {
    '[id^="UniqueMessageBody"]': [...CONVERSATIONS, ...LOCALISED, POPOUT, ...HIDDEN_CONVERSATION],
    '[role="document"][aria-label="Message body"]': [...CONVERSATIONS, ITEM_VIEW, POPOUT, ...HIDDEN_CONVERSATION],
  },
  from: {
    '[id^="MSG_"][id$="_FROM"]': [CONV365, INTERNAL, OFFICE, REP_LAST, ...LOCALISED, POPOUT, ...HIDDEN_CONVERSATION],
    '[role="button"][aria-label^="From:"]': [...CONVERSATIONS, ...HIDDEN_CONVERSATION],
    'h3[aria-label^="From:"]': [ITEM_VIEW],
  },
  to: { '[aria-label^="To:"]': [...CONVERSATIONS, ITEM_VIEW, POPOUT, ...HIDDEN_CONVERSATION] },
  cc: { '[aria-label^="Cc:" i]': [CONV365, INTERNAL, REP_LAST, GERMAN, POPOUT] },
  recipient: { '[role="button"]': [...CONVERSATIONS, GERMAN, POPOUT, ...HIDDEN_CONVERSATION], button: [ITEM_VIEW] },
  sent: {
    '[data-testid="SentReceivedSavedTime"]': [
      CONV365,
      INTERNAL,
      OFFICE,
      REP_LAST,
      ...LOCALISED,
      POPOUT,
      ...HIDDEN_CONVERSATION,
    ],
    '[id^="MSG_"][id$="_DATETIME"]': [...CONVERSATIONS, ...LOCALISED, POPOUT, ...HIDDEN_CONVERSATION],
  },
};

/** Where each group is queried (extract.ts): the union of its parent group's matches. */
const PARENT: Partial<Record<Group, Group | readonly Group[]>> = {
  openItem: 'readingPane',
  message: 'openItem',
  collapsed: 'openItem',
  body: 'message',
  from: 'message',
  to: 'message',
  cc: 'message',
  sent: 'message',
  recipient: ['to', 'cc'],
};

const urlOf = (file: string) => OUTLOOK_CASES.find((c) => c.file === file)?.url ?? 'https://outlook.office.com/mail/';
const inBody = (el: Element) => OUTLOOK_SELECTORS.body.some((s) => el.closest(s) !== null);

function matches(doc: Document, group: Group, selector: string): Element[] {
  const parent = PARENT[group];
  let scopes: ParentNode[];
  if (parent === undefined) scopes = [doc];
  else {
    scopes = [parent].flat().flatMap((p) => OUTLOOK_SELECTORS[p].flatMap((s) => matches(doc, p, s)));
    // The item view has no message elements: its open item is the one message (extract.ts).
    if (parent === 'message' && scopes.length === 0) {
      scopes = OUTLOOK_SELECTORS.openItem.flatMap((s) => matches(doc, 'openItem', s));
    }
  }
  const found = new Set(scopes.flatMap((scope) => [...scope.querySelectorAll(selector)]));
  // Message bodies are the sender's content, never read (except to find the bodies themselves).
  return [...found].filter((el) => group === 'body' || !inBody(el));
}

const rows = (Object.keys(OUTLOOK_SELECTORS) as Group[]).flatMap((group) =>
  OUTLOOK_SELECTORS[group].map((selector) => [group, selector] as const),
);

describe('Outlook selectors against every fixture', () => {
  const docs = new Map(fixtureFiles('outlook').map((file) => [file, loadFixture('outlook', file, urlOf(file)).doc]));

  it.each(rows)('%s: %s', (group, selector) => {
    const matched = [...docs].filter(([, doc]) => matches(doc, group, selector).length > 0).map(([file]) => file);
    const expected = (EXPECTED[group] as Record<string, string[]>)[selector];
    expect(matched).toEqual([...(expected ?? [])].sort());
    expect(matched.length, `${group}: ${selector} matches no fixture`).toBeGreaterThan(0);
  });

  it('lists every selector in the table, and nothing else', () => {
    for (const group of Object.keys(OUTLOOK_SELECTORS) as Group[]) {
      expect(Object.keys(EXPECTED[group]).sort(), group).toEqual([...OUTLOOK_SELECTORS[group]].sort());
    }
  });

  it('has a fixture behind every file the tables name, and names every fixture', () => {
    // A page no precise selector knows (message-hidden-previous-view.html) is named by the landmarks.
    const named = new Set([
      ...Object.values(EXPECTED).flatMap((g) => Object.values(g as Record<string, string[]>).flat()),
      ...Object.values(LANDMARKS).flat(),
    ]);
    expect([...named].sort()).toEqual(fixtureFiles('outlook'));
  });
});

/**
 * The landmark layer's selectors (landmarks.ts), matched anywhere in each fixture: which
 * fixtures hold what they stand for. The adapter's own scoping is tested through the cases.
 */
const LANDMARKS: Record<keyof typeof OUTLOOK_LANDMARKS, string[]> = {
  pane: fixtureFiles('outlook').filter((f) => !ITEM_VIEWS.includes(f)),
  message: [NO_IDS, DE_WELL, PREVIOUS_VIEW],
  body: [...CONVERSATIONS, ...LOCALISED, ...ITEM_VIEWS, ...WITHOUT_IDS, SUSPENDED],
  headerEnd: [CONV365, NO_IDS, GERMAN, DE_WELL],
  person: fixtureFiles('outlook'),
  chrome: fixtureFiles('outlook'),
  // Two fixtures keep the account flyout [hidden] until it is opened: read all the same (extract.ts).
  invisible: [CONV365, INTERNAL, PREVIOUS_VIEW, SUSPENDED],
  draft: [FR_DRAFT],
};

describe('Outlook landmarks against every fixture', () => {
  const docs = new Map(fixtureFiles('outlook').map((file) => [file, loadFixture('outlook', file, urlOf(file)).doc]));

  it.each(Object.entries(OUTLOOK_LANDMARKS))('%s: %s', (key, selector) => {
    const matched = [...docs].filter(([, doc]) => doc.querySelector(selector)).map(([file]) => file);
    expect(matched).toEqual([...(LANDMARKS[key as keyof typeof LANDMARKS] ?? [])].sort());
  });
});

/**
 * The labels table against the localised fixtures: every label a fixture of that language
 * needs is in the table, as that fixture shows it (an `aria-label` or the text of an element).
 */
describe('Outlook labels against the localised fixtures', () => {
  const shown = (file: string) => {
    const doc = loadFixture('outlook', file, urlOf(file)).doc;
    const texts = [...doc.querySelectorAll('*')].flatMap((el) => [
      el.getAttribute('aria-label') ?? '',
      el.children.length === 0 ? (el.textContent ?? '') : '',
    ]);
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  };
  const has = (texts: string[], label: string, prefix: boolean) =>
    texts.some((t) => (prefix ? new RegExp(`^${label}\\s*:`).test(t) : t === label || t.startsWith(`${label} `)));

  it.each([
    [
      GERMAN,
      {
        readingPane: 'Lesebereich',
        message: 'E-Mail-Nachricht',
        body: 'Nachrichtentext',
        account: 'Konto-Manager für',
      },
      { from: 'Von', to: 'An', cc: 'Cc' },
    ],
    [
      FRENCH,
      {
        readingPane: 'Volet de lecture',
        message: 'Message électronique',
        body: 'Corps du message',
        account: 'Gestionnaire de comptes pour',
      },
      { from: 'De', to: 'À', cc: 'Cc' },
    ],
    [SPANISH, { body: 'Cuerpo del mensaje' }, { from: 'De', to: 'Para' }],
    [
      DE_WELL,
      { readingPane: 'Lesebereich', body: 'Nachrichtentext', account: 'Konto-Manager für' },
      { from: 'Von', to: 'An', cc: 'Cc' },
    ],
    [
      FR_DRAFT,
      { readingPane: 'Volet de lecture', body: 'Corps du message', account: 'Gestionnaire de comptes pour' },
      { from: 'De', to: 'À' },
    ],
  ] as const)('%s', (file, whole, prefixes) => {
    const texts = shown(file);
    for (const [key, label] of [...Object.entries(whole), ...Object.entries(prefixes)]) {
      expect(OUTLOOK_LABELS[key as keyof typeof OUTLOOK_LABELS] as readonly string[], key).toContain(label);
      expect(has(texts, label, key in prefixes), `${file} shows ${label}`).toBe(true);
    }
  });
});

describe('Outlook URL shapes against every case URL', () => {
  it.each(OUTLOOK_CASES.map((c) => [c.file, c.url] as const))('%s at %s', (file, href) => {
    const url = new URL(href);
    expect(OUTLOOK_URLS.host.test(url.hostname)).toBe(true);
    expect(OUTLOOK_URLS.mail.test(url.pathname)).toBe(true);
    expect(OUTLOOK_URLS.compose.test(url.pathname)).toBe(false);
    // Only the inbox fixture and the list-URL variant live at a URL with no message in it.
    const item = OUTLOOK_URLS.message.exec(url.pathname)?.[1];
    expect(item !== undefined).toBe(file !== INBOX && url.pathname !== '/mail/');
    // The captured item id is the URL's last path segment.
    if (item) expect(url.pathname.endsWith(`/${item}`)).toBe(true);
  });
});

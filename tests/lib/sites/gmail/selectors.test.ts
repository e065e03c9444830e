import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GMAIL_LAYERS,
  GMAIL_SELECTORS,
  type GmailLayerGroup,
  type GmailSelectorGroup,
} from '../../../../lib/sites/gmail/selectors';
import { GMAIL_CASES } from '../../../fixtures/gmail/cases';
import { fixtureFiles, loadFixture } from '../../../support/fixtures';

/**
 * Every entry of every fallback list, run against every fixture: which fixtures it matches is
 * written down below, so a markup change shows up as a diff in this table, and a selector that
 * matches no fixture (dead, or untested) fails.
 */
const FILES = fixtureFiles('gmail');
const DOCS = new Map(
  FILES.map((file) => {
    const url = GMAIL_CASES.find((c) => c.file === file)?.url;
    if (!url) throw new Error(`${file} has no case in cases.ts`);
    return [file, loadFixture('gmail', file, url).doc] as const;
  }),
);

/** Where extract.ts looks for each group: a selector only counts inside its scope. */
const SCOPE: Partial<Record<GmailSelectorGroup, GmailSelectorGroup>> = {
  subject: 'main',
  message: 'main',
  sender: 'message',
  recipient: 'message',
  detailsRow: 'message',
  detailsLabel: 'detailsRow',
  body: 'message',
};

function scopes(doc: Document, group: GmailSelectorGroup): ParentNode[] {
  const parent = SCOPE[group];
  if (!parent) return [doc];
  const found = new Set<Element>();
  for (const root of scopes(doc, parent)) {
    for (const selector of GMAIL_SELECTORS[parent]) for (const el of root.querySelectorAll(selector)) found.add(el);
  }
  return [...found];
}

function matching(group: GmailSelectorGroup, selector: string): string[] {
  return FILES.filter((file) => {
    const doc = DOCS.get(file);
    return !!doc && scopes(doc, group).some((root) => root.querySelector(selector) !== null);
  });
}

const LISTS = ['inbox.html', 'spa-inbox.html'];
const DETAILS = [
  'thread-crm-ccn-it.html',
  'thread-delegated-nl.html',
  'thread-german-details.html',
  'thread-group-via-replyto.html',
  'thread-outbound.html',
  'thread-reading-pane-fr.html',
  'thread-rep-last-cc-colleague.html',
  'thread-sendas-alias-de.html',
];
/** Threads as Gmail serves them, headers rendered. */
const GMAIL_THREADS = [
  'thread-alias-cold-outreach.html',
  'thread-bounce.html',
  'thread-crm-ccn-it.html',
  'thread-delegated-nl.html',
  'thread-freemail.html',
  'thread-german-details.html',
  'thread-group-via-replyto.html',
  'thread-internal.html',
  'thread-multi.html',
  'thread-outbound.html',
  'thread-reading-pane-fr.html',
  'thread-rep-last-cc-colleague.html',
  'thread-rtl-cc-pt.html',
  'thread-sendas-alias-de.html',
  'thread-simple.html',
  'thread-stale-hidden.html',
  'thread-u1-second-account.html',
];
/** Simulated drift: Gmail's classes gone. */
const DRIFTED = ['thread-hashed-cjk-es.html', 'thread-hovercard-only.html', 'thread-rotated-classes.html'];
/** The simulated build that also lost `data-message-id` and the subject's ids, and has no h3. */
const BARE = 'thread-hashed-cjk-es.html';
const RENDERED_THREADS = [...GMAIL_THREADS, ...DRIFTED].sort();
const THREADS = [...RENDERED_THREADS, 'thread-late.html'].sort();
const THREADS_WITH_IDS = THREADS.filter((f) => f !== BARE);
const THREADS_WITH_GMAIL_CLASSES = [...GMAIL_THREADS, 'thread-late.html'].sort();
/** Account buttons labelled in another language than English. */
const OTHER_ACCOUNT = [
  'thread-crm-ccn-it.html',
  'thread-delegated-nl.html',
  'thread-german-details.html',
  'thread-hashed-cjk-es.html',
  'thread-reading-pane-fr.html',
  'thread-rtl-cc-pt.html',
  'thread-sendas-alias-de.html',
  'thread-u1-second-account.html',
];
const ENGLISH_ACCOUNT = [...LISTS, ...THREADS]
  .filter((f) => f !== 'thread-rotated-classes.html' && !OTHER_ACCOUNT.includes(f))
  .sort();
/** Threads whose items hold a mail link, quoted mail or a Gmail quote (all in bodies). */
const MAILTO = [
  'thread-bounce.html',
  'thread-crm-ccn-it.html',
  'thread-group-via-replyto.html',
  'thread-hashed-cjk-es.html',
  'thread-hovercard-only.html',
  'thread-reading-pane-fr.html',
  'thread-rtl-cc-pt.html',
  'thread-sendas-alias-de.html',
];
const BLOCKQUOTE = [
  'thread-hashed-cjk-es.html',
  'thread-hovercard-only.html',
  'thread-reading-pane-fr.html',
  'thread-rotated-classes.html',
  'thread-sendas-alias-de.html',
];
const GMAIL_QUOTE = [
  'thread-bounce.html',
  'thread-crm-ccn-it.html',
  'thread-hovercard-only.html',
  'thread-reading-pane-fr.html',
  'thread-rotated-classes.html',
  'thread-sendas-alias-de.html',
];

const EXPECTED: { [G in GmailSelectorGroup]: Record<(typeof GMAIL_SELECTORS)[G][number], string[]> } = {
  account: {
    'a[aria-label^="Google Account:"]': ENGLISH_ACCOUNT,
    'a[href^="https://accounts.google.com/SignOutOptions"][aria-label]': [...ENGLISH_ACCOUNT, ...OTHER_ACCOUNT].sort(),
  },
  main: { '[role="main"]': FILES },
  subject: {
    'h2[data-thread-perm-id]': THREADS_WITH_IDS,
    'h2.hP': THREADS_WITH_GMAIL_CLASSES,
  },
  message: {
    '[data-message-id]': THREADS_WITH_IDS,
    '[data-legacy-message-id]': THREADS_WITH_IDS,
    '.adn, .adf': THREADS_WITH_GMAIL_CLASSES,
  },
  sender: {
    'span.gD[email]': GMAIL_THREADS,
  },
  recipient: {
    'span.g2[email]': GMAIL_THREADS,
    '.hb [email]': GMAIL_THREADS,
  },
  detailsRow: { 'tr.ajv': DETAILS, '.ajC tr': DETAILS },
  detailsLabel: { 'td.gG': DETAILS, 'td:first-child': DETAILS },
  // thread-rotated-classes.html kept the body's classes; thread-hovercard-only.html did not.
  body: {
    '.a3s': [...THREADS_WITH_GMAIL_CLASSES, 'thread-rotated-classes.html'].sort(),
    '.ii.gt': [...THREADS_WITH_GMAIL_CLASSES, 'thread-rotated-classes.html'].sort(),
  },
};

const EXTRACT_TEST = readFileSync(new URL('./extract.test.ts', import.meta.url), 'utf8');

const GROUPS = Object.keys(GMAIL_SELECTORS) as GmailSelectorGroup[];

describe.each(GROUPS)('Gmail selectors: %s', (group) => {
  const expected: Record<string, string[]> = EXPECTED[group];

  it.each([...GMAIL_SELECTORS[group]])('%s matches the fixtures the table says, and some', (selector) => {
    const matched = matching(group, selector);
    expect(matched).toEqual(expected[selector]);
    expect(matched.length, `${selector} matches no fixture: dead or untested`).toBeGreaterThan(0);
  });

  it('the table lists exactly the selectors of selectors.ts', () => {
    expect(Object.keys(expected).sort()).toEqual([...GMAIL_SELECTORS[group]].sort());
  });
});

/**
 * The layers after the precise selectors, each entry alone, scoped as extract.ts reads them: the
 * thread's list items inside the main region, and the rest inside those items (the header
 * alone, which extract.ts finds from the heading, is narrower). An entry no
 * fixture shows names the extract.test.ts test that covers it instead.
 */
const ITEMS_WITH_EMAIL = [...GMAIL_THREADS, 'thread-rotated-classes.html'].sort();
const LAYER_EXPECTED: { [G in GmailLayerGroup]: Record<(typeof GMAIL_LAYERS)[G][number], string[] | string> } = {
  message: { '[role="listitem"]': THREADS },
  heading: {
    h3: RENDERED_THREADS.filter((f) => f !== BARE),
    '[role="heading"]': [BARE],
  },
  address: {
    '[email]': ITEMS_WITH_EMAIL,
    '[data-hovercard-id]': RENDERED_THREADS,
    '[title*="@"]': 'an address in a title or a mailto link',
    // The body's mail link, which the header read must skip.
    'a[href^="mailto:"]': MAILTO,
  },
  quote: {
    blockquote: BLOCKQUOTE,
    '.gmail_quote': GMAIL_QUOTE,
  },
};

const mains = (doc: Document) => [...doc.querySelectorAll(GMAIL_SELECTORS.main.join())];
/** The thread's list items in the main region: where every layer but `message` reads. */
const items = (doc: Document) => mains(doc).flatMap((main) => [...main.querySelectorAll(GMAIL_LAYERS.message.join())]);

describe.each(Object.keys(GMAIL_LAYERS) as GmailLayerGroup[])('Gmail layers: %s', (group) => {
  const expected: Record<string, string[] | string> = LAYER_EXPECTED[group];

  it.each([...GMAIL_LAYERS[group]])('%s matches the fixtures the table says, or a named test covers it', (selector) => {
    const want = expected[selector];
    const matched = FILES.filter((file) => {
      const doc = DOCS.get(file);
      if (!doc) return false;
      const roots = group === 'message' ? mains(doc) : items(doc);
      return roots.some((root) => root.querySelector(selector) !== null);
    });
    if (typeof want === 'string') {
      expect(matched, `${selector}: no fixture shows it, extract.test.ts "${want}" does`).toEqual([]);
      expect(EXTRACT_TEST).toContain(want);
    } else {
      expect(matched).toEqual(want);
    }
  });

  it('the table lists exactly the entries of selectors.ts', () => {
    expect(Object.keys(expected).sort()).toEqual([...GMAIL_LAYERS[group]].sort());
  });
});

it('the fixtures the table is about are the ones on disk', () => {
  expect([...new Set([...THREADS, ...LISTS])].sort()).toEqual(FILES);
});

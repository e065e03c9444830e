import { describe, expect, it } from 'vitest';
import { GMAIL_SELECTORS, type GmailSelectorGroup } from '../../../../lib/sites/gmail/selectors';
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
const DETAILS = ['thread-outbound.html', 'thread-rep-last-cc-colleague.html'];
/** Threads as Gmail serves them, headers rendered. */
const GMAIL_THREADS = [
  'thread-freemail.html',
  'thread-internal.html',
  'thread-multi.html',
  'thread-outbound.html',
  'thread-rep-last-cc-colleague.html',
  'thread-simple.html',
  'thread-stale-hidden.html',
  'thread-u1-second-account.html',
];
const RENDERED_THREADS = [...GMAIL_THREADS, 'thread-rotated-classes.html'].sort();
const THREADS = [...RENDERED_THREADS, 'thread-late.html'].sort();
const THREADS_WITH_GMAIL_CLASSES = [...GMAIL_THREADS, 'thread-late.html'].sort();
const ENGLISH_ACCOUNT = [...LISTS, ...GMAIL_THREADS, 'thread-late.html']
  .filter((f) => f !== 'thread-u1-second-account.html')
  .sort();

const EXPECTED: { [G in GmailSelectorGroup]: Record<(typeof GMAIL_SELECTORS)[G][number], string[]> } = {
  account: {
    'a[aria-label^="Google Account:"]': ENGLISH_ACCOUNT,
    'a[href^="https://accounts.google.com/SignOutOptions"][aria-label]': [
      ...ENGLISH_ACCOUNT,
      'thread-u1-second-account.html',
    ].sort(),
  },
  main: { '[role="main"]': FILES },
  subject: {
    'h2[data-thread-perm-id]': THREADS,
    'h2.hP': THREADS_WITH_GMAIL_CLASSES,
  },
  message: {
    '[data-message-id]': THREADS,
    '[data-legacy-message-id]': THREADS,
    '.adn, .adf': THREADS_WITH_GMAIL_CLASSES,
    '[role="listitem"]': THREADS,
  },
  sender: {
    'span.gD[email]': GMAIL_THREADS,
    'h3 [email]': RENDERED_THREADS,
    'h3 [data-hovercard-id]': RENDERED_THREADS,
  },
  recipient: {
    'span.g2[email]': GMAIL_THREADS,
    '.hb [email]': GMAIL_THREADS,
    '[email]': RENDERED_THREADS,
    '[data-hovercard-id]': RENDERED_THREADS,
  },
  detailsRow: { 'tr.ajv': DETAILS, '.ajC tr': DETAILS },
  detailsLabel: { 'td.gG': DETAILS, 'td:first-child': DETAILS },
  body: { '.a3s': THREADS, '.ii.gt': THREADS },
};

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

it('the fixtures the table is about are the ones on disk', () => {
  expect([...new Set([...THREADS, ...LISTS])].sort()).toEqual(FILES);
});

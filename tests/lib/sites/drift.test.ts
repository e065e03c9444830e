import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { extractGmail } from '../../../lib/sites/gmail/extract';
import { extractLinkedin } from '../../../lib/sites/linkedin/extract';
import { extractOutlook } from '../../../lib/sites/outlook/extract';
import type { Adapter, AdapterContext, Extraction, PageIdentity, ReadField } from '../../../lib/sites/types';
import { GMAIL_CASES } from '../../fixtures/gmail/cases';
import { GERMAN as GMAIL_GERMAN } from '../../fixtures/gmail/drift-phrases';
import { FIELD_CASES as GMAIL_FIELD } from '../../fixtures/gmail/field-cases';
import { LINKEDIN_CASES } from '../../fixtures/linkedin/cases';
import { GERMAN as LINKEDIN_GERMAN } from '../../fixtures/linkedin/drift-phrases';
import { FIELD_CASES as LINKEDIN_FIELD } from '../../fixtures/linkedin/field-cases';
import { OUTLOOK_CASES } from '../../fixtures/outlook/cases';
import { GERMAN as OUTLOOK_GERMAN } from '../../fixtures/outlook/drift-phrases';
import { FIELD_CASES as OUTLOOK_FIELD } from '../../fixtures/outlook/field-cases';
import { DRIFTS, type Drift, drift, type Phrase } from '../../support/drift';
import { FIXTURES_DIR } from '../../support/fixtures';

/**
 * Every fixture of every site, in every drift variant (tests/support/drift.ts). A variant may
 * lose fields the drift genuinely took away, but must still name the person (a profile's or
 * lead's name, a thread's address), and may never name anyone else: every field it reads must
 * be the fixture's own. A page with nobody on it must stay that way.
 *
 * The table of what each variant read is printed after the run (fixture x variant -> fields).
 */
interface DriftCase {
  file: string;
  url: string;
  context?: AdapterContext;
  expected: Extraction;
  /** Outsiders a reading layer may list though `expected` does not (tests/fixtures/outlook/cases.ts). */
  alsoOnThread?: readonly string[];
}

/** Field snapshots (npm run fixture:add) join the harness once someone has written what they show. */
const checked = (cases: readonly { file: string; url: string; expected: Extraction | undefined }[]): DriftCase[] =>
  cases.flatMap((c) => (c.expected ? [{ ...c, expected: c.expected }] : []));

const SITES: readonly { site: string; adapter: Adapter; cases: readonly DriftCase[]; phrases: readonly Phrase[] }[] = [
  {
    site: 'linkedin',
    adapter: extractLinkedin,
    cases: [...LINKEDIN_CASES, ...checked(LINKEDIN_FIELD)],
    phrases: LINKEDIN_GERMAN,
  },
  { site: 'gmail', adapter: extractGmail, cases: [...GMAIL_CASES, ...checked(GMAIL_FIELD)], phrases: GMAIL_GERMAN },
  {
    site: 'outlook',
    adapter: extractOutlook,
    cases: [...OUTLOOK_CASES, ...checked(OUTLOOK_FIELD)],
    phrases: OUTLOOK_GERMAN,
  },
];

const FIELDS: readonly ReadField[] = [
  'name',
  'emails',
  'linkedinUrl',
  'salesNavigatorId',
  'title',
  'company',
  'location',
];

/** The field that names the person: the name on LinkedIn, the address in a mail thread. */
function keyField(identity: PageIdentity): ReadField {
  if (identity.site !== 'linkedin') return 'emails';
  return identity.name ? 'name' : 'linkedinUrl';
}

const present = (identity: PageIdentity, field: ReadField): boolean => {
  const value = identity[field];
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
};

/** Where the reading goes wrong, or `undefined`; plus the table cell. */
function judge(
  expected: Extraction,
  got: Extraction,
  alsoOnThread: readonly string[] = [],
): { wrong?: string; cell: string } {
  if (expected.kind !== 'person') {
    return got.kind === 'person'
      ? { wrong: `names ${got.identity.name ?? got.identity.emails[0]} on a page with nobody`, cell: 'WRONG: person' }
      : { cell: got.kind };
  }
  if (got.kind !== 'person') return { wrong: `no person (${got.kind})`, cell: `MISSING: ${got.kind}` };
  const want = expected.identity;
  const read: string[] = [];
  for (const field of FIELDS) {
    if (!present(got.identity, field)) continue;
    // A title may come back as the whole headline when the drift took the company that shortens
    // it ("Head of Sales at Acme" for "Head of Sales"): still this person's, not someone else's.
    const same =
      field === 'title'
        ? (got.identity.title ?? '').includes(want.title ?? '\u0000')
        : JSON.stringify(got.identity[field]) === JSON.stringify(want[field]);
    if (!same) {
      return {
        wrong: `${field} is ${JSON.stringify(got.identity[field])}, not ${JSON.stringify(want[field])}`,
        cell: `WRONG ${field}`,
      };
    }
    read.push(field === 'linkedinUrl' ? 'url' : field === 'salesNavigatorId' ? 'snId' : field);
  }
  const key = keyField(want);
  if (!present(got.identity, key)) return { wrong: `the ${key} is gone`, cell: `MISSING ${key}` };
  // Every field read says which layer read it, and no layer claims a field that is not there.
  const claimed = Object.keys(got.identity.readBy ?? {}).sort();
  const shown = FIELDS.filter((f) => present(got.identity, f)).sort();
  if (JSON.stringify(claimed) !== JSON.stringify(shown)) {
    return {
      wrong: `readBy names ${claimed.join(',') || 'nothing'} for fields ${shown.join(',')}`,
      cell: 'NO PROVENANCE',
    };
  }
  // Everyone else on the thread may thin out under drift, but is only ever the fixture's own
  // outsiders (never the rep, a colleague or a drop box), the person first.
  const others = got.identity.participants ?? [];
  const allowed = new Set([...want.emails, ...(want.participants ?? []).map((p) => p.email), ...alsoOnThread]);
  const stranger = others.find((p) => !allowed.has(p.email));
  if (stranger) return { wrong: `names ${stranger.email} on the thread`, cell: 'WRONG participants' };
  if (others.length > 0 && others[0]?.email !== got.identity.emails[0]) {
    return { wrong: `the thread's list starts with ${others[0]?.email}`, cell: 'WRONG participants' };
  }
  const lost = FIELDS.filter((f) => present(want, f) && !present(got.identity, f));
  const thinned =
    (want.participants?.length ?? 0) > others.length
      ? ` (${others.length} of ${want.participants?.length} on thread)`
      : '';
  return { cell: (lost.length === 0 ? 'all' : `${read.join(',')} (-${lost.join(',-')})`) + thinned };
}

const table: string[][] = [];

describe.each(SITES)('$site fixtures under drift', ({ site, adapter, cases, phrases }) => {
  const html = new Map<string, string>();
  const source = (file: string) => {
    let text = html.get(file);
    if (text === undefined) {
      text = readFileSync(join(FIXTURES_DIR, site, file), 'utf8');
      html.set(file, text);
    }
    return text;
  };

  describe.each(cases.map((c, i) => ({ ...c, label: `${c.file} #${i}` })))('$label', (c) => {
    const row = [`${site}/${c.file}`];
    table.push(row);
    it.each(DRIFTS.map((variant) => [variant] as [Drift]))('%s', (variant) => {
      const dom = new JSDOM(drift(source(c.file), variant, phrases), { url: c.url });
      try {
        const got = adapter(dom.window.document, new URL(c.url), c.context);
        const { wrong, cell } = judge(c.expected, got, c.alsoOnThread);
        row[DRIFTS.indexOf(variant) + 1] = cell;
        expect(wrong, `${c.file} (${variant}) at ${c.url}`).toBeUndefined();
      } finally {
        dom.window.close();
      }
    });
  });
});

describe('the drift harness itself', () => {
  const page =
    '<html lang="en"><body><main id="m" class="main-x"><section data-x="1" class="card"><h1>Ann Lee</h1>' +
    '<button aria-label="From: Ann Lee">Ann</button><span>to me</span></section></main></body></html>';
  const phrases: Phrase[] = [
    ['From:', 'Von:'],
    ['to me', 'an mich'],
  ];
  const parsed = (variant: Drift) => new JSDOM(drift(page, variant, phrases)).window.document;

  it('hashes every class, the same name to the same hash', () => {
    const doc = parsed('hashed-classes');
    expect(doc.querySelector('.main-x, .card')).toBeNull();
    expect(doc.querySelector('main')?.className).toMatch(/^_[a-z0-9]{6}$/);
  });

  it('removes ids and data attributes', () => {
    const doc = parsed('no-ids');
    expect(doc.querySelector('[id], [data-x]')).toBeNull();
  });

  it('translates labels, whole or leading a value, and never a word inside a name', () => {
    const doc = parsed('translated');
    expect(doc.querySelector('button')?.getAttribute('aria-label')).toBe('Von: Ann Lee');
    expect(doc.querySelector('span')?.textContent).toBe('an mich');
    expect(doc.querySelector('h1')?.textContent).toBe('Ann Lee');
    expect(doc.documentElement.lang).toBe('de');
  });

  it('wraps the main regions', () => {
    const doc = parsed('wrapped');
    expect(doc.querySelector('main')?.parentElement?.parentElement?.className).toBe('drift-wrapper');
    expect(doc.querySelector('h1')?.parentElement?.tagName).toBe('DIV');
  });
});

afterAll(() => {
  const header = ['fixture', ...DRIFTS];
  const rows = [header, ...table.map((row) => header.map((_, i) => row[i] ?? '-'))];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(`Drift harness: fields read per fixture and variant\n${rows.map(line).join('\n')}`);
});

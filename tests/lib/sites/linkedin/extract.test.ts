import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanName, extractLinkedin, linkedinPage } from '../../../../lib/sites/linkedin/extract';
import { BYSTANDERS, LATE_RENDER, LINKEDIN_CASES, SPA_NAVIGATION } from '../../../fixtures/linkedin/cases';
import { FIXTURES_DIR, loadFixture } from '../../../support/fixtures';

const load = (file: string, url: string) => loadFixture('linkedin', file, url);
const extract = ({ doc, url }: { doc: Document; url: URL }) => extractLinkedin(doc, url);
const caseOf = (file: string) => {
  const found = LINKEDIN_CASES.find((c) => c.file === file);
  if (!found) throw new Error(`no case for ${file}`);
  return found;
};

describe('extractLinkedin on saved pages', () => {
  it.each(LINKEDIN_CASES.map((c) => [c.file, c] as const))('%s', (file, { url, expected }) => {
    expect(extract(load(file, url))).toEqual(expected);
  });

  it.each(LINKEDIN_CASES.map((c) => [c.file, c] as const))(
    '%s: never answers with anyone else on the page (nav, rails, feed, similar leads)',
    (file, { url, expected }) => {
      const own = expected.kind === 'person' ? expected.identity.name : undefined;
      const answer = JSON.stringify(extract(load(file, url)));
      for (const bystander of BYSTANDERS.filter((name) => name !== own)) expect(answer).not.toContain(bystander);
    },
  );
});

describe('extractLinkedin while the page changes', () => {
  /** A fixture with its scripts running, as a browser would load it. */
  function live(file: string, url: string): JSDOM {
    return new JSDOM(readFileSync(join(FIXTURES_DIR, 'linkedin', file), 'utf8'), { url, runScripts: 'dangerously' });
  }
  const now = (dom: JSDOM) => extractLinkedin(dom.window.document, new URL(dom.window.location.href));
  const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

  it('reads the late top card once it renders (profile-late.html)', async () => {
    const dom = live(LATE_RENDER.file, LATE_RENDER.url);
    try {
      expect(now(dom)).toEqual(caseOf(LATE_RENDER.file).expected);
      await wait(LATE_RENDER.renderedAfterMs + 150);
      expect(now(dom)).toEqual(LATE_RENDER.expected);
    } finally {
      dom.window.close();
    }
  });

  it('follows SPA navigation, and gives only the URL while the old top card is still shown', async () => {
    const dom = live(SPA_NAVIGATION.file, SPA_NAVIGATION.url);
    try {
      expect(now(dom)).toEqual(SPA_NAVIGATION.before);
      const link = Array.from(dom.window.document.querySelectorAll('aside a')).find((a) =>
        a.textContent?.includes(SPA_NAVIGATION.linkName),
      ) as HTMLAnchorElement | undefined;
      expect(link).toBeDefined();
      link?.click();
      expect(dom.window.location.href).toBe(SPA_NAVIGATION.nextUrl);
      expect(now(dom)).toEqual(SPA_NAVIGATION.betweenPushAndSwap);
      await wait(SPA_NAVIGATION.swapAfterMs + 150);
      expect(now(dom)).toEqual(SPA_NAVIGATION.after);
    } finally {
      dom.window.close();
    }
  });

  it('treats a top card that links to another member as stale (static check of the same window)', () => {
    expect(extract(load(SPA_NAVIGATION.file, SPA_NAVIGATION.nextUrl))).toEqual(SPA_NAVIGATION.betweenPushAndSwap);
  });
});

describe('extractLinkedin fallbacks and limits', () => {
  it('reads the guest page from its server-rendered top card when JSON-LD is missing', () => {
    const { url, expected } = caseOf('profile-public.html');
    const page = load('profile-public.html', url);
    for (const script of Array.from(page.doc.querySelectorAll('script[type="application/ld+json"]'))) script.remove();
    expect(extract(page)).toEqual(expected);
  });

  it('ignores a JSON-LD Person that is not this profile', () => {
    const { url } = caseOf('profile-public.html');
    const page = load('profile-public.html', url);
    const script = page.doc.querySelector('script[type="application/ld+json"]');
    if (!script) throw new Error('fixture lost its JSON-LD');
    script.textContent = (script.textContent ?? '')
      .replaceAll('"Kofi Mensah"', '"Someone Else"')
      .replaceAll('kofi-mensah-2b7a91', 'someone-else');
    const result = extract(page);
    expect(result.kind === 'person' && result.identity.name).toBe('Kofi Mensah');
  });

  it('caps what a changed layout could pour into a field', () => {
    const { url } = caseOf('profile-hashed.html');
    const page = load('profile-hashed.html', url);
    const h1 = page.doc.querySelector('section[data-member-id] h1');
    if (!h1) throw new Error('fixture lost its name');
    h1.textContent = 'Ø'.repeat(500);
    const result = extract(page);
    expect(result.kind === 'person' && result.identity.name).toBe('Ø'.repeat(120));
  });

  it('keeps only well-formed, distinct addresses from the contact-info overlay', () => {
    const { url } = caseOf('profile-contact-info.html');
    const page = load('profile-contact-info.html', url);
    const dialog = page.doc.querySelector('[role="dialog"]');
    for (const href of ['mailto:DANA.WHITFIELD@northwind-analytics.com', 'mailto:not-an-address', 'mailto:%E0%A4%A']) {
      const link = page.doc.createElement('a');
      link.setAttribute('href', href);
      dialog?.append(link);
    }
    const result = extract(page);
    expect(result.kind === 'person' && result.identity.emails).toEqual(['dana.whitfield@northwind-analytics.com']);
  });

  it('reads no address outside the overlay route, even if a dialog is in the DOM', () => {
    const { url } = caseOf('profile-contact-info.html');
    const result = extract(load('profile-contact-info.html', url.replace('overlay/contact-info/', '')));
    expect(result.kind === 'person' && result.identity.emails).toEqual([]);
  });
});

describe('linkedinPage', () => {
  it.each([
    ['https://www.linkedin.com/in/dana-whitfield/', { slug: 'dana-whitfield', contactInfo: false }],
    ['https://www.linkedin.com/in/Dana-Whitfield', { slug: 'dana-whitfield', contactInfo: false }],
    ['https://www.linkedin.com/in/dana-whitfield/details/experience/', { slug: 'dana-whitfield', contactInfo: false }],
    ['https://www.linkedin.com/in/dana-whitfield/recent-activity/all/', { slug: 'dana-whitfield', contactInfo: false }],
    ['https://www.linkedin.com/in/dana-whitfield/overlay/contact-info/', { slug: 'dana-whitfield', contactInfo: true }],
    [
      'https://www.linkedin.com/in/dana-whitfield/?originalSubdomain=uk',
      { slug: 'dana-whitfield', contactInfo: false },
    ],
    ['https://www.linkedin.com/in/j%C3%A9r%C3%B4me-m%C3%BCller/', { slug: 'jérôme-müller', contactInfo: false }],
  ])('%s is a profile', (href, { slug, contactInfo }) => {
    expect(linkedinPage(new URL(href))).toEqual({
      kind: 'profile',
      slug,
      contactInfo,
      linkedinUrl: `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`,
    });
  });

  it.each([
    'https://www.linkedin.com/sales/lead/ACwAAB2xYz0BkQvX9pLmN4rT7uE1sD3fG5hJ8k,NAME_SEARCH,aB3d',
    'https://www.linkedin.com/sales/lead/ACwAAB2xYz0BkQvX9pLmN4rT7uE1sD3fG5hJ8k%2CNAME_SEARCH%2CaB3d?_ntb=x',
    'https://www.linkedin.com/sales/lead/ACwAAB2xYz0BkQvX9pLmN4rT7uE1sD3fG5hJ8k',
    'https://www.linkedin.com/sales/people/ACwAAB2xYz0BkQvX9pLmN4rT7uE1sD3fG5hJ8k,NAME_SEARCH,aB3d',
  ])('%s is a Sales Navigator lead', (href) => {
    expect(linkedinPage(new URL(href))).toEqual({
      kind: 'salesnav_lead',
      salesNavigatorId: 'ACwAAB2xYz0BkQvX9pLmN4rT7uE1sD3fG5hJ8k',
    });
  });

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/company/northwind-analytics/',
    'https://www.linkedin.com/search/results/people/?keywords=dana',
    'https://www.linkedin.com/messaging/thread/2-ZmI3YzQ1/',
    'https://www.linkedin.com/sales/search/people?query=(keywords%3Arevops)',
    'https://www.linkedin.com/sales/lists/people/7012345678901234567',
    'https://www.linkedin.com/in/',
    'http://www.linkedin.com/in/dana-whitfield/',
    'https://www.linkedin.com.evil.example/in/dana-whitfield/',
    'https://mail.google.com/mail/u/0/#inbox',
  ])('%s is no person page', (href) => {
    expect(linkedinPage(new URL(href))).toBeNull();
    const { doc } = load('feed.html', 'https://www.linkedin.com/feed/');
    expect(extractLinkedin(doc, new URL(href))).toEqual({ kind: 'none' });
  });
});

describe('cleanName', () => {
  it.each([
    ['  Dana\n   Whitfield  ', 'Dana Whitfield'],
    ['Dana Whitfield · 1st', 'Dana Whitfield'],
    ['Dana Whitfield (She/Her)', 'Dana Whitfield'],
    ['Priya Raman He/Him · 2nd', 'Priya Raman'],
    ['Jérôme Müller Il/Lui', 'Jérôme Müller'],
    ['Hannah Lindqvist 3rd+ degree connection', 'Hannah Lindqvist'],
    ['Lena Vogt Verified', 'Lena Vogt'],
    ['Je\u0301ro\u0302me Mu\u0308ller', 'Jérôme Müller'],
    ['Dana \u202eWhitfield\u200b', 'Dana Whitfield'],
    ["Siobhán O'Connor", "Siobhán O'Connor"],
    ['Anne CTO/CPO', 'Anne CTO/CPO'],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanName(raw)).toBe(clean);
  });
});

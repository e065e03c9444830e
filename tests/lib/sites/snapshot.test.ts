import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractGmail } from '../../../lib/sites/gmail/extract';
import { extractLinkedin } from '../../../lib/sites/linkedin/extract';
import { extractOutlook } from '../../../lib/sites/outlook/extract';
import {
  createRedactor,
  type Redactor,
  readSnapshotMeta,
  SNAPSHOT_KEEP,
  snapshotPage,
} from '../../../lib/sites/snapshot';
import type { Adapter, AdapterContext, Extraction, PageIdentity } from '../../../lib/sites/types';
import { GMAIL_CASES } from '../../fixtures/gmail/cases';
import { FIELD_CASES as GMAIL_FIELD } from '../../fixtures/gmail/field-cases';
import { BYSTANDERS, LATE_RENDER, LINKEDIN_CASES } from '../../fixtures/linkedin/cases';
import { FIELD_CASES as LINKEDIN_FIELD } from '../../fixtures/linkedin/field-cases';
import { OUTLOOK_CASES, OUTLOOK_CONTEXT_CASES } from '../../fixtures/outlook/cases';
import { FIELD_CASES as OUTLOOK_FIELD } from '../../fixtures/outlook/field-cases';
import { FIXTURES_DIR, fixtureFiles } from '../../support/fixtures';

/**
 * Page snapshots for bug reports (lib/sites/snapshot.ts). A snapshot of every fixture must hold
 * none of the fixture's names, addresses or sentences, keep its structure, and still read as a
 * page with the same person on it (pseudonymised) when the site's adapter runs on it.
 */

/** A small seeded generator (mulberry32): the same seed, the same snapshot. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = () => new Date('2026-05-01T09:30:00Z');

interface Case {
  file: string;
  url: string;
  context?: AdapterContext;
  expected?: Extraction;
  /** Other answers the fixture gives once its scripts ran: their names must be gone too. */
  also?: (Extraction | undefined)[];
}

const SITES: { site: 'linkedin' | 'gmail' | 'outlook'; adapter: Adapter; cases: Case[]; bystanders: string[] }[] = [
  {
    site: 'linkedin',
    adapter: extractLinkedin,
    cases: [
      ...LINKEDIN_CASES.map((c) => ({ ...c, also: c.file === LATE_RENDER.file ? [LATE_RENDER.expected] : [] })),
      ...LINKEDIN_FIELD,
    ],
    bystanders: [...BYSTANDERS],
  },
  {
    site: 'gmail',
    adapter: extractGmail,
    cases: [...GMAIL_CASES.map((c) => ({ ...c, also: [c.browser] })), ...GMAIL_FIELD],
    bystanders: [],
  },
  {
    site: 'outlook',
    adapter: extractOutlook,
    cases: [
      ...OUTLOOK_CASES.map((c) => ({ ...c, also: [c.afterScripts] })),
      ...OUTLOOK_CONTEXT_CASES,
      ...OUTLOOK_FIELD,
    ],
    bystanders: [],
  },
];

/** Elements a snapshot drops on purpose (scripts, what would load) or adds (its own meta). */
const DROPPED = new Set(['script', 'noscript', 'template', 'noembed', 'noframes', 'base', 'link', 'meta']);
const ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

function snapshotOf(site: string, c: Case, seed = 7) {
  const source = readFileSync(join(FIXTURES_DIR, site, c.file), 'utf8');
  const original = new JSDOM(source, { url: c.url }).window.document;
  const redactor = createRedactor(seeded(seed), SNAPSHOT_KEEP);
  const snapshot = snapshotPage(original, new URL(c.url), { redactor, now: NOW });
  const copy = new JSDOM(snapshot.html, { url: snapshot.url }).window.document;
  return { source, original, snapshot, copy, redactor };
}

/** Elements outside what a snapshot drops, in document order. */
function kept(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll('*')).filter(
    (el) => !DROPPED.has(el.localName) && !el.closest('script, noscript, template, noembed, noframes'),
  );
}

function countByTag(doc: Document): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const el of kept(doc)) counts[el.localName] = (counts[el.localName] ?? 0) + 1;
  return counts;
}

/** The words a redactor leaves alone (interface labels), found by asking it. */
const isLabel = (word: string) => createRedactor(seeded(1), SNAPSHOT_KEEP).text(word) === word;

/** What the test itself finds personal on the original page (see the file's comment). */
function secretsOf(source: string, original: Document, c: Case, bystanders: string[]) {
  const identities = [c.expected, ...(c.also ?? [])].flatMap((e) => (e?.kind === 'person' ? [e.identity] : []));
  const strings = new Set<string>(bystanders);
  for (const id of identities) {
    for (const value of [
      id.name,
      id.company,
      id.location,
      id.title,
      id.linkedinUrl,
      id.salesNavigatorId,
      ...id.emails,
    ]) {
      if (value) strings.add(value);
    }
  }
  // The URL's opaque ids: a thread, an item, a lead.
  const { pathname, search, hash } = new URL(c.url);
  for (const part of decodeURIComponent(pathname + search + hash).split(/[/#?,=]/)) {
    if (part.length >= 16) strings.add(part);
  }
  // Every address-shaped string on the page whose words are not all interface words.
  for (const address of source.match(ADDRESS) ?? []) {
    const words = address.split('@')[0]?.match(/\p{L}+/gu) ?? [];
    const domain =
      (address.split('@')[1] ?? '')
        .split('.')
        .slice(0, -1)
        .join(' ')
        .match(/\p{L}+/gu) ?? [];
    if ([...words, ...domain].some((w) => !isLabel(w))) strings.add(address);
  }
  const nameWords = new Set<string>();
  for (const name of [...bystanders, ...identities.map((id) => id.name ?? '')]) {
    for (const word of name.normalize('NFC').match(/\p{L}{3,}/gu) ?? []) if (!isLabel(word)) nameWords.add(word);
  }
  // Every run of four or more words in the body's text that is not all interface words.
  const runs = new Set<string>();
  const walker = original.createTreeWalker(original.body, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('script, style, noscript, template')) continue;
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    const words = text.match(/\p{L}+/gu) ?? [];
    if (words.length >= 4 && words.some((w) => !isLabel(w))) runs.add(text);
  }
  return { strings, nameWords, runs };
}

/** Where a fixture without a case is snapshot: its site's list page (no adapter check then). */
const LIST_PAGE = {
  linkedin: 'https://www.linkedin.com/feed/',
  gmail: 'https://mail.google.com/mail/u/0/#inbox',
  outlook: 'https://outlook.office.com/mail/inbox',
} as const;

const ALL = SITES.flatMap(({ site, adapter, cases, bystanders }) => {
  const withCase = new Set(cases.map((c) => c.file));
  const rest: Case[] = fixtureFiles(site)
    .filter((file) => !withCase.has(file))
    .map((file) => ({ file, url: LIST_PAGE[site] }));
  return [...cases, ...rest].map((c, i) => ({ label: `${site}/${c.file} #${i}`, site, adapter, c, bystanders }));
});

describe('snapshots of every fixture', () => {
  it.each(ALL)('$label: no name, address or sentence of the page survives', ({ site, c, bystanders }) => {
    const { source, original, snapshot, copy } = snapshotOf(site, c);
    const { strings, nameWords, runs } = secretsOf(source, original, c, bystanders);
    const html = snapshot.html.normalize('NFC').toLowerCase();
    const text = (copy.body?.textContent ?? '').replace(/\s+/g, ' ');
    for (const secret of strings) {
      expect(html, `"${secret}" survived`).not.toContain(secret.normalize('NFC').toLowerCase());
      expect(html, `"${secret}" survived`).not.toContain(escapeHtml(secret).normalize('NFC').toLowerCase());
    }
    for (const word of nameWords) {
      expect(html, `name part "${word}" survived`).not.toMatch(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu'));
    }
    for (const run of runs) expect(text, `sentence "${run}" survived`).not.toContain(run);
  });

  it.each(ALL)('$label: same elements per tag, same roles, nothing that runs or loads', ({ site, c }) => {
    const { original, snapshot, copy } = snapshotOf(site, c);
    expect(countByTag(copy)).toEqual(countByTag(original));
    const roles = (doc: Document) => kept(doc).map((el) => el.getAttribute('role') ?? '');
    expect(roles(copy)).toEqual(roles(original));
    expect(copy.documentElement.getAttribute('lang')).toBe(original.documentElement.getAttribute('lang'));
    expect(copy.querySelectorAll('script:not([type="application/ld+json"]), [src], [srcset], base').length).toBe(0);
    expect(kept(copy).some((el) => el.getAttributeNames().some((a) => a.startsWith('on')))).toBe(false);
    expect(snapshot.html).not.toContain('<!--');
    expect(readSnapshotMeta(snapshot.html)).toEqual({
      site,
      url: snapshot.url,
      takenAt: NOW().toISOString(),
      version: 1,
      stats: snapshot.stats,
    });
  });

  it.each(ALL)('$label: the adapter reads the same person, pseudonymised', ({ site, adapter, c }) => {
    const { snapshot, copy, redactor } = snapshotOf(site, c);
    const got = adapter(copy, new URL(snapshot.url), redactContext(c.context, redactor));
    if (!c.expected) return; // a field case not filled in yet
    expect(got.kind).toBe(c.expected.kind);
    if (c.expected.kind !== 'person' || got.kind !== 'person') return;
    const want = c.expected.identity;
    const text = (value: string | undefined) => value && redactor.text(value);
    const fields = (id: PageIdentity) => ({
      name: id.name,
      emails: id.emails,
      linkedinUrl: id.linkedinUrl,
      salesNavigatorId: id.salesNavigatorId,
      title: id.title,
      company: id.company,
      location: id.location,
    });
    expect(fields(got.identity)).toEqual({
      name: text(want.name),
      emails: want.emails.map((e) => redactor.email(e)),
      linkedinUrl: want.linkedinUrl && redactor.url(want.linkedinUrl),
      salesNavigatorId: text(want.salesNavigatorId),
      title: text(want.title),
      company: text(want.company),
      location: text(want.location),
    });
  });
});

function redactContext(context: AdapterContext | undefined, r: Redactor): AdapterContext | undefined {
  if (!context) return undefined;
  const domain = (d: string) => (d.includes('://') ? r.url(d) : (r.email(`x@${d}`).split('@')[1] ?? ''));
  return {
    ...(context.selfEmails ? { selfEmails: context.selfEmails.map((e) => r.email(e)) } : {}),
    ...(context.companyDomains ? { companyDomains: context.companyDomains.map(domain) } : {}),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('consistency', () => {
  const page = `<!DOCTYPE html><html lang="en"><head><title>Dana Whitfield | LinkedIn</title></head><body>
    <main><h1>Dana Whitfield</h1><p>DANA WHITFIELD, dana whitfield</p>
    <a href="/in/dana-whitfield/overlay/contact-info/">Contact info</a>
    <a href="mailto:dana.whitfield@northwind.com">dana.whitfield@northwind.com</a>
    <a href="https://www.northwind.com/team">Northwind</a></main></body></html>`;
  const url = 'https://www.linkedin.com/in/dana-whitfield/';
  const take = (seed: number) => {
    const doc = new JSDOM(page, { url }).window.document;
    return snapshotPage(doc, new URL(url), { random: seeded(seed), now: NOW, keep: SNAPSHOT_KEEP });
  };

  it('gives a word the same pseudo-word everywhere: title, heading, slug, address, site', () => {
    const snapshot = take(3);
    const doc = new JSDOM(snapshot.html, { url: snapshot.url }).window.document;
    const name = doc.querySelector('h1')?.textContent ?? '';
    expect(name).toMatch(/^[A-Z][a-z]{3} [A-Z][a-z]{8}$/);
    expect(name).not.toBe('Dana Whitfield');
    const [first = '', last = ''] = name.toLowerCase().split(' ');
    expect(doc.title).toBe(`${name} | LinkedIn`);
    expect(doc.querySelector('p')?.textContent).toBe(`${name.toUpperCase()}, ${first} ${last}`);
    expect(snapshot.url).toBe(`https://www.linkedin.com/in/${first}-${last}/`);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe(`/in/${first}-${last}/overlay/contact-info/`);
    const mail = doc.querySelector('a[href^="mailto:"]');
    const domain = /@([a-z]{9})\.com$/.exec(mail?.textContent ?? '')?.[1] ?? '';
    expect(mail?.getAttribute('href')).toBe(`mailto:${first}.${last}@${domain}.com`);
    expect(domain).not.toBe('northwind');
    expect(doc.querySelector('a[href^="https"]')?.getAttribute('href')).toMatch(
      new RegExp(`^https://www\\.${domain}\\.com/[a-z]{4}$`),
    );
    expect(doc.querySelectorAll('a')[2]?.textContent?.toLowerCase()).toBe(domain);
  });

  it('is deterministic for a given random source', () => {
    expect(take(11).html).toBe(take(11).html);
    expect(take(11).html).not.toBe(take(12).html);
  });

  it('keeps accents and the decomposed form, and matches a word across them', () => {
    const r = createRedactor(seeded(5), SNAPSHOT_KEEP);
    const composed = r.text('Jérôme');
    const decomposed = r.text('Je\u0301ro\u0302me');
    expect(composed).toHaveLength(6);
    expect(decomposed.normalize('NFC')).toBe(composed);
    expect(decomposed).not.toBe(composed);
    expect(r.text('jerome').normalize('NFD').replace(/\p{M}/gu, '')).toBe(
      composed.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''),
    );
    expect(r.url('https://www.linkedin.com/in/j%C3%A9r%C3%B4me/')).toBe(
      `https://www.linkedin.com/in/${encodeURIComponent(composed.toLowerCase())}/`,
    );
  });

  it("gives Gmail's thread id and Outlook's item id the same replacement in the URL and the page", () => {
    const thread = 'FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj';
    const gmail = `<html><body><div role="main"><a href="#inbox/${thread}">x</a></div></body></html>`;
    const gmailUrl = `https://mail.google.com/mail/u/0/#inbox/${thread}`;
    const g = snapshotPage(new JSDOM(gmail, { url: gmailUrl }).window.document, new URL(gmailUrl), {
      random: seeded(2),
      keep: SNAPSHOT_KEEP,
    });
    const pseudo = g.url.split('/').pop() ?? '';
    expect(g.url).toMatch(/^https:\/\/mail\.google\.com\/mail\/u\/0\/#inbox\/[A-Za-z]{32}$/);
    expect(pseudo).not.toBe(thread);
    expect(g.html).toContain(`href="#inbox/${pseudo}"`);

    const item = 'AAQkADAwATNiZmYAZC1hNTIyLTQ1MmMtMDACLTAwCgAQAM2K1ZD5VbhCl%2FdBzvQrUdE%3D';
    const outlook = `<html><body><div id="${decodeURIComponent(item)}" class="x"></div></body></html>`;
    const outlookUrl = `https://outlook.office.com/mail/inbox/id/${item}`;
    const o = snapshotPage(new JSDOM(outlook, { url: outlookUrl }).window.document, new URL(outlookUrl), {
      random: seeded(2),
      keep: SNAPSHOT_KEEP,
    });
    const itemPseudo = o.url.split('/').pop() ?? '';
    expect(o.url.startsWith('https://outlook.office.com/mail/inbox/id/')).toBe(true);
    expect(itemPseudo).not.toBe(item);
    expect(new JSDOM(o.html).window.document.querySelector('.x')?.id).toBe(decodeURIComponent(itemPseudo));
  });
});

describe('what a snapshot keeps, replaces and drops', () => {
  const page = `<!DOCTYPE html><html lang="de" dir="ltr"><head>
    <meta charset="utf-8"><meta http-equiv="refresh" content="0;url=https://evil.example/">
    <title>Posteingang - sam@handoff-demo.io - Gmail</title>
    <link rel="stylesheet" href="https://static.example/app.css"><link rel="canonical" href="https://www.linkedin.com/in/ann-lee/">
    <style>.a { background: url(https://cdn.example/x.png) } @import "https://cdn.example/y.css";</style>
    <script>window.secret = "Ann Lee";</script>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Ann Lee","url":"https://www.linkedin.com/in/ann-lee/"}</script>
    </head><body class="ember-view ember123" onload="steal()">
    <!-- Ann Lee's page -->
    <div id="ember4567" role="region" aria-expanded="true" aria-level="2" tabindex="-1" data-testid="card-2024"
      aria-label="From: Ann Lee" title="Ann Lee" data-hovercard-id="ann.lee@acme.example" data-member-id="4815162342">
      <img src="https://media.example/ann.jpg" srcset="a.jpg 1x" alt="Ann Lee">
      <img src="data:image/png;base64,AAAA" alt="">
      <a href="javascript:alert(1)" onclick="steal()">Ann</a>
      <a href="tel:+1 415 555 0143">+1 415 555 0143</a>
      <span style="background-image: url('https://media.example/bg.png'); color: red">Meeting on 2026-05-01 at 10:45</span>
      <input type="text" value="Ann Lee" placeholder="Search">
      <textarea>Dear Ann, see you soon</textarea>
      <p>An: Ann Lee; Anna: hi; an mich</p>
      <p>Von Lesebereich Nachrichtentext Coordonnées Información de contacto Reading Pane Email message Message body</p>
      <svg viewBox="0 0 24 24"><use href="#icon-1234"></use><image href="https://media.example/i.png"></image></svg>
      <iframe src="https://ads.example/"></iframe>
      <handoff-sidebar>ours</handoff-sidebar>
    </div></body></html>`;
  const url = 'https://www.linkedin.com/in/ann-lee/';
  const doc = new JSDOM(page, { url }).window.document;
  const snapshot = snapshotPage(doc, new URL(url), {
    random: seeded(9),
    now: NOW,
    keep: SNAPSHOT_KEEP,
    isOwn: (node) => (node as Element).localName === 'handoff-sidebar',
  });
  const copy = new JSDOM(snapshot.html).window.document;
  const div = copy.querySelector('div');

  it('drops scripts, handlers, comments, what would load, and our own elements', () => {
    expect(copy.querySelectorAll('script').length).toBe(1);
    expect(snapshot.html).not.toMatch(/onload|onclick|steal|<!--|javascript:|data:image|evil|static\.example/i);
    expect(snapshot.html).not.toMatch(/src=|srcset=|cdn\.example|media\.example|ads\.example/);
    expect(copy.querySelector('link[rel="stylesheet"], meta[http-equiv], handoff-sidebar')).toBeNull();
    expect(copy.querySelector('style')?.textContent).toBe('.a { background: url() } ');
    expect(copy.querySelector('span')?.getAttribute('style')).toBe('background-image: url(); color: red');
    expect(copy.querySelectorAll('meta[charset]').length).toBe(1);
    expect(copy.querySelector('use')?.getAttribute('href')).toMatch(/^#icon-\d{4}$/);
    expect(copy.querySelector('image')?.hasAttribute('href')).toBe(false);
    expect(snapshot.stats.removed).toBeGreaterThan(10);
  });

  it('keeps structure: roles, states, lang, classes and ids but for their digit runs', () => {
    expect(copy.documentElement.lang).toBe('de');
    expect(div?.getAttribute('role')).toBe('region');
    expect(div?.getAttribute('aria-expanded')).toBe('true');
    expect(div?.getAttribute('aria-level')).toBe('2');
    expect(div?.getAttribute('tabindex')).toBe('-1');
    expect(div?.getAttribute('data-testid')).toBe('card-2024');
    expect(div?.id).toMatch(/^ember\d{4}$/);
    expect(div?.id).not.toBe('ember4567');
    expect(copy.body.className).toMatch(/^ember-view ember\d{3}$/);
    expect(copy.body.className).not.toContain('123');
    expect(copy.querySelector('input')?.getAttribute('type')).toBe('text');
  });

  it('replaces text in labels, attributes, inputs, JSON-LD and numbers; keeps interface words and dates', () => {
    expect(snapshot.html).not.toMatch(/Ann|Lee|acme|sam@|handoff-demo|4815162342|415|555|0143|Dear|soon/);
    expect(div?.getAttribute('aria-label')).toMatch(/^From: [A-Z][a-z]{2} [A-Z][a-z]{2}$/);
    expect(div?.getAttribute('data-hovercard-id')).toMatch(/^[a-z]{3}\.[a-z]{3}@[a-z]{4}\.example$/);
    expect(div?.getAttribute('data-member-id')).toMatch(/^\d{10}$/);
    expect(copy.title).toMatch(/^Posteingang - [a-z]{3}@[a-z]{7}-[a-z]{4}\.io - Gmail$/);
    expect(copy.querySelector('input')?.getAttribute('placeholder')).toBe('Search');
    expect(copy.querySelector('textarea')?.textContent).toMatch(
      /^[A-Z][a-z]{3} [A-Z][a-z]{2}, [a-z]{3} [a-z]{3} [a-z]{4}$/,
    );
    expect(copy.querySelector('span')?.textContent).toMatch(/^[A-Z][a-z]{6} [a-z]{2} 2026-05-01 [a-z]{2} 10:45$/);
    expect(copy.querySelector('a[href^="tel:"]')?.textContent).toMatch(/^\+1 \d{3} \d{3} \d{4}$/);
    const [labels, words] = Array.from(copy.querySelectorAll('p')).map((p) => p.textContent ?? '');
    expect(labels).toMatch(/^An: [A-Z][a-z]{2} [A-Z][a-z]{2}; [A-Z][a-z]{3}: [a-z]{2}; an mich$/);
    expect(words).toBe(
      'Von Lesebereich Nachrichtentext Coordonnées Información de contacto Reading Pane Email message Message body',
    );
    const ld = JSON.parse(copy.querySelector('script')?.textContent ?? '{}');
    expect(ld['@type']).toBe('Person');
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld.name).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2}$/);
    expect(ld.url).toBe(snapshot.url);
    expect(copy.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(snapshot.url);
    expect(snapshot.stats).toMatchObject({ emails: 2, numbers: expect.any(Number), words: expect.any(Number) });
  });

  it('leaves no common first name as an interface word', () => {
    const keep = new Set(SNAPSHOT_KEEP.split(' '));
    const r = createRedactor(seeded(4), SNAPSHOT_KEEP);
    for (const name of COMMON_FIRST_NAMES) {
      expect(keep.has(name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')), name).toBe(false);
      expect(r.text(name), name).not.toBe(name);
    }
  });

  it('replaces every word when the caller passes no interface words', () => {
    const r = createRedactor(seeded(4));
    expect(r.text('From: Reading Pane')).toMatch(/^[A-Z][a-z]{3}: [A-Z][a-z]{6} [A-Z][a-z]{3}$/);
    expect(r.text('From: Reading Pane')).not.toContain('From');
  });
});

/** Common given names across the languages the sites serve (and "An", German for "To"). */
const COMMON_FIRST_NAMES = (
  'James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark ' +
  'Donald Steven Paul Andrew Joshua Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Eric ' +
  'Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra ' +
  'Ashley Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia ' +
  'Dana Priya Lena Marcus Anna Maria An Ana Eva Ali Mohammed Muhammad Wei Li Yan Jin Min Kim Lee Sam Max Ben Tom ' +
  'Tim Jo Al Ed Will Grace Hope Joy Faith Rose June May April Dawn Art Bill Bob Rob Don Ray Roy Guy Ian Ivy Eve ' +
  'Ada Ida Eli Noa Leo Ava Mia Zoe Lea Emma Olivia Sophia Hans Jürgen Klaus Peter Pierre Jean Marie Luc Juan José ' +
  'Carlos Luis Pedro Mateo Sofia Lucia Chen Hiroshi Yuki Kofi Ama Yaw Omar Fatima Aisha Ngozi Chidi Raj Ravi Amit ' +
  'Sanjay Deepa Mei Hana Sara Nina Lina Noah Liam Lucas Elias Felix Paula Julia Nora Ella Ida Jan Lars Sven Erik ' +
  'Ole Per Nils Emil Karl Otto Fritz Heinz Ute Uwe Jörg Dirk Anja Katja Marco Luca Giulia Francesca Antonio ' +
  'Manuel Javier Diego Pablo Alejandro Lucía Carmen Pilar Rosa Elena Isabel Andrés Camille Louis Hugo Chloé Manon'
).split(' ');

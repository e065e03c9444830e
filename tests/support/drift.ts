import { JSDOM } from 'jsdom';

/**
 * The drift harness: a saved page rewritten the way the sites' deployments drift, so every
 * fixture also tests the adapters against markup they have never seen. Each variant is one
 * kind of drift, and `all` is every one at once:
 * - `hashed-classes`: every class name replaced by a hash (LinkedIn's 2025 profile, Fluent UI
 *   and Gmail's own class rotation do exactly this);
 * - `no-ids`: every `id` and `data-*` attribute removed, except those the fixture's own inline
 *   scripts name (a deploy that drops a container id or an attribute);
 * - `translated`: every English interface label in German, from the site's phrase table
 *   (tests/fixtures/<site>/drift-phrases.ts), and `lang="de"`;
 * - `wrapped`: two extra `<div>`s around every main region (main, sections, articles, regions,
 *   dialogs, list items, headers, headings).
 * The rewrite is deterministic: the same fixture gives the same variant on every run.
 */
export const DRIFTS = ['hashed-classes', 'no-ids', 'translated', 'wrapped', 'all'] as const;
export type Drift = (typeof DRIFTS)[number];

/** An English interface phrase and its translation, as the site shows it in German. */
export type Phrase = readonly [english: string, translated: string];

/** Attributes whose values are interface text a translation changes. */
const TEXT_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription'];
const REGIONS =
  'main, [role="main"], section, article, [role="region"], [role="dialog"], dialog, [role="listitem"], header, [role="heading"], h1, h2, h3';

/** `html` (a whole document) as it would look after `variant`'s drift. */
export function drift(html: string, variant: Drift, phrases: readonly Phrase[]): string {
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  const all = variant === 'all';
  // Order matters for `all`: wrap first (the wrappers get hashed classes too), translate last.
  if (all || variant === 'wrapped') wrapRegions(doc);
  if (all || variant === 'hashed-classes') hashClasses(doc);
  if (all || variant === 'no-ids') dropIds(doc);
  if (all || variant === 'translated') translate(doc, phrases);
  const out = dom.serialize();
  dom.window.close();
  return out;
}

function hashClasses(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('[class]'))) {
    const hashed = Array.from(el.classList).map((name) => `_${hash(name)}`);
    el.setAttribute('class', hashed.join(' '));
  }
}

function dropIds(doc: Document): void {
  const scripts = Array.from(doc.querySelectorAll('script:not([type="application/ld+json"])'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  const needed = (name: string) => scripts.includes(name);
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name === 'id' && !needed(attr.value)) el.removeAttribute('id');
      if (attr.name.startsWith('data-') && !needed(attr.name)) el.removeAttribute(attr.name);
    }
  }
}

function translate(doc: Document, phrases: readonly Phrase[]): void {
  // Longest first: "Account manager for" before "Account".
  const sorted = [...phrases].sort((a, b) => b[0].length - a[0].length);
  const swap = (value: string): string => {
    const trimmed = value.trim();
    for (const [english, translated] of sorted) {
      if (!trimmed.startsWith(english)) continue;
      // The whole text, or a label leading a value: "From: Dana", "Account manager for Sam".
      const next = trimmed.charAt(english.length);
      if (next === '' || english.endsWith(':') || !/\p{L}/u.test(next)) return value.replace(english, translated);
    }
    return value;
  };
  doc.documentElement.setAttribute('lang', 'de');
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const name of TEXT_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value !== null) el.setAttribute(name, swap(value));
    }
  }
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && (parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE')) continue;
    node.textContent = swap(node.textContent ?? '');
  }
  // The document title is interface text too ("Posteingang", "Lesebereich").
  if (doc.title) doc.title = swap(doc.title);
}

function wrapRegions(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll(REGIONS))) {
    if (!el.parentNode || el === doc.body) continue;
    const outer = doc.createElement('div');
    const inner = doc.createElement('div');
    outer.setAttribute('class', 'drift-wrapper');
    outer.appendChild(inner);
    el.parentNode.insertBefore(outer, el);
    inner.appendChild(el);
  }
}

/** A short stable hash (FNV-1a), shaped like the build hashes the sites use. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(6, 'a').slice(0, 6);
}

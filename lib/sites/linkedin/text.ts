/**
 * Text as LinkedIn shows it: cleaning and capping, what a sighted reader sees of an element, the
 * elements the selectors find, names compared whatever their spelling, and the interface's words
 * (labels.ts) that tell a line's kind apart in any language.
 */
import { labelWords } from './labels';
import { HIDDEN_TEXT, HIDDEN_VIEW } from './selectors';

/** The first element matching the selectors, tried in order of preference (not document order). */
export function first(
  root: ParentNode,
  selectors: readonly string[],
  accept: (el: Element) => boolean = () => true,
): Element | null {
  for (const selector of selectors) {
    for (const el of Array.from(root.querySelectorAll(selector))) if (accept(el)) return el;
  }
  return null;
}

/** The first non-empty text the selectors yield, cleaned and capped. */
export function textOf(
  root: ParentNode,
  selectors: readonly string[],
  read: (el: Element) => string,
  max: number,
): string | undefined {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    const text = el ? clip(read(el), max) : undefined;
    if (text) return text;
  }
  return undefined;
}

export const HIDDEN = HIDDEN_TEXT.join(',');

/** Text as a sighted reader sees it: without LinkedIn's screen-reader copies and hidden duplicates. */
export function visibleText(el: Element): string {
  return textWithout(el, HIDDEN);
}

/** An element's text without what `drop` matches inside it. */
export function textWithout(el: Element, drop: string): string {
  if (!el.querySelector(drop)) return el.textContent ?? '';
  const copy = el.cloneNode(true) as Element;
  for (const node of Array.from(copy.querySelectorAll(drop))) node.remove();
  return copy.textContent ?? '';
}

const UNSHOWN = [...HIDDEN_VIEW, ...HIDDEN_TEXT].join(',');
/** Not inside a hidden view or a screen-reader copy. */
export const shown = (el: Element): boolean => !el.closest(UNSHOWN);

export function nameText(el: Element): string {
  return cleanName(visibleText(el));
}

const CURRENT_COMPANY = new RegExp(`^(?:${labelWords('currentCompany')})\\s*:\\s*`, 'i');
const EXPERIENCE_TAIL = new RegExp(`\\.?\\s*(?:${labelWords('experienceCardTail')})\\.?$`, 'i');

/** The Ember current-company button: its text is the name; its aria-label says what it is. */
export function companyText(el: Element): string {
  const text = visibleText(el);
  if (text.trim()) return text;
  return (el.getAttribute('aria-label') ?? '').replace(CURRENT_COMPANY, '').replace(EXPERIENCE_TAIL, '');
}

const PRONOUN_WORDS = labelWords('pronouns');
export const PRONOUNS = new RegExp(`^\\(?(?:${PRONOUN_WORDS})(?:\\s*/\\s*(?:${PRONOUN_WORDS}))+\\)?$`, 'i');
export const SCHOOL = new RegExp(labelWords('school'), 'i');

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are stripped.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Zero-width characters and bidirectional overrides: invisible, and a spoofing tool in names. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** NFC, no control or invisible characters, whitespace collapsed. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(CONTROL_CHARS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

export function clip(text: string, max: number): string | undefined {
  const value = clean(text);
  if (!value) return undefined;
  const chars = Array.from(value); // by code point: never split a surrogate pair
  return chars.length > max ? chars.slice(0, max).join('').trim() : value;
}

const NAME_TAIL = new RegExp(
  `(?:\\s*[·•]\\s*\\d(?:${labelWords('ordinals')})\\+?|\\s*\\(?(?:${PRONOUN_WORDS})(?:\\s*/\\s*(?:${PRONOUN_WORDS}))+\\)?|\\s+\\(?(?:${labelWords('verified')})\\)?|\\s+(?:1st|2nd|3rd\\+?) degree connection)$`,
  'i',
);

/**
 * A display name without what LinkedIn sometimes renders next to it: the connection degree
 * ("· 1st"), pronouns ("(She/Her)"), the verification badge's text.
 */
export function cleanName(raw: string): string {
  let name = clean(raw);
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(NAME_TAIL, '').trim();
  }
  return name;
}

/** Lower-case words without accents or apostrophes; `spelled` writes umlauts out ("ü" as "ue"). */
export function words(text: string, spelled = false): string[] {
  let folded = text.toLowerCase();
  if (spelled) folded = folded.replace(/[äöü]/g, (c) => `${c.normalize('NFD')[0]}e`).replace(/ß/g, 'ss');
  folded = folded.normalize('NFD').replace(/\p{M}/gu, '').replace(/['’]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The same name, whatever the case, accents and punctuation. */
export function same(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}

const AT = labelWords('at')
  .split('|')
  .map((word) => ` ${word} `);

/** The "Title at Company" headline's title, when Company is the current company shown; else the headline. */
export function titleFrom(headline: string | undefined, company: string | undefined): string | undefined {
  if (!headline || !company) return headline;
  const lead = headline.split(/\s+\|\s+/)[0] ?? headline;
  for (const separator of [...AT, ' @ ', ' · ']) {
    const tail = `${separator}${company}`;
    if (lead.length > tail.length && lead.slice(-tail.length).toLowerCase() === tail.toLowerCase()) {
      return lead.slice(0, -tail.length).trim() || headline;
    }
  }
  return headline;
}

/** Node.DOCUMENT_POSITION_FOLLOWING, spelled out: `Node` is no global where the unit tests run. */
const FOLLOWING = 4;
export function precedes(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & FOLLOWING) !== 0;
}

interface Line {
  node: Node;
  text: string;
  /** Inside a link or button: a badge, a count or an action, never a headline or a place. */
  control: Element | null;
}

export const CONTROL = 'a, button, [role="button"], [role="link"]';
const SKIPPED = `${HIDDEN_TEXT.join(',')}, script, style, template, svg`;

/** Every visible text of `root`, in document order. */
export function textLines(root: Element): Line[] {
  const lines: Line[] = [];
  const walk = (node: Node, control: Element | null) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const text = clean(child.nodeValue ?? '');
        if (text) lines.push({ node: child, text, control });
      } else if (child.nodeType === 1 && !(child as Element).matches(SKIPPED)) {
        const el = child as Element;
        walk(el, control ?? (el.matches(CONTROL) ? el : null));
      }
    }
  };
  walk(root, null);
  return lines;
}

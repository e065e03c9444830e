/**
 * Who is the person on a LinkedIn page: a pure function of the document and its URL. It runs in
 * the page (content script), so it imports nothing but the identity helpers, the selectors and
 * the labels: no zod, no messaging, no storage. The extension origin validates what it returns.
 *
 * Rules that hold for every layout:
 * - The URL decides what kind of page this is; the markup only fills in the person.
 * - Only the top card (profile) or the lead header (Sales Navigator) may answer; the rest of the
 *   page is full of other people (see profile-crowded.html).
 * - A wrong person is worse than no name: when in doubt, or when two layers disagree, leave a
 *   field out.
 *
 * Reading is layered, and every field says which layer read it (`identity.readBy`):
 * 1. `url`: the profile slug or Sales Navigator id, always;
 * 2. `selector` (and `label` for the localised current-company button): the precise selectors of
 *    selectors.ts, on the layouts they know (server-driven, Ember, guest, Sales Navigator);
 * then, only for what those left out:
 * 3. `metadata`: schema.org JSON-LD tied to the profile by its `url`; the document title and
 *    `og:title`, whose name counts only when corroborated (`corroborated`): the slug spells it, the
 *    heading says it, or a link to the profile itself shows it (profile-feed-first-nl.html),
 *    because a title lags behind SPA navigation and can still name the previous person
 *    (profile-stale-title.html);
 * 4. `landmark`: the main region's first heading whose card (`cardOf`: its largest part of main
 *    that links to no other member) links to this profile, so a rail rendered first is passed
 *    over (profile-sdui-rail-first.html); the card's lines by their place: the line after the name
 *    is the headline, the last line before "Contact info" the location, the current company a
 *    badge the headline ends with (profile-hashed-2025.html);
 * 5. `shape`: an address in the open contact-info dialog's text, where it shows no mailto link;
 * 6. `label`: the current-company button in the interface's language (labels.ts).
 * Every layer keeps the stale-card rule: a card, dialog or lead header whose links name another
 * member (or lead) is the previous one's (spa-profile-a.html, salesnav-lead-stale-de.html), and
 * nothing is read from it; nor from a view the app keeps hidden (profile-sdui-spa-hidden.html).
 */
import { linkedinSlug, normalizeLinkedinUrl } from '../../domain/identity';
import type { Extraction, PageIdentity, ReadBy, ReadLayer } from '../types';
import { labelWords } from './labels';
import {
  CONTACT_INFO,
  EMBER_TOP_CARD,
  GUEST_PROFILE,
  HIDDEN_TEXT,
  HIDDEN_VIEW,
  LANDMARKS,
  METADATA,
  SALES_NAV_LEAD,
  SDUI_TOP_CARD,
  TOP_CARD_LINKS,
} from './selectors';

/** What a LinkedIn URL is about, from the URL alone. */
export type LinkedinPage =
  | { kind: 'profile'; slug: string; linkedinUrl: string; contactInfo: boolean }
  | { kind: 'salesnav_lead'; salesNavigatorId: string };

/** The text fields a page can show of its person. */
type Field = 'name' | 'title' | 'company' | 'location' | 'linkedinUrl';

/** What the layers have read so far: each field once, with the layer that read it. */
interface Reading {
  fields: Partial<Record<Field, string>>;
  by: ReadBy;
}

/**
 * Longest values kept. Real names, titles and places fit well inside; anything longer is a
 * layout change feeding us a paragraph, and the cap keeps it from filling the sidebar.
 */
const MAX = { name: 120, title: 200, company: 120, location: 120, email: 254, emails: 5 } as const;

const LINKEDIN_HOST = /^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/i;
/** `/sales/lead/<id>,NAME_SEARCH,<x>`; `/sales/people/` is the pre-2021 form of the same page. */
const SALES_NAV_LEAD_PATH = /^\/sales\/(?:lead|people)\/([A-Za-z0-9_-]{8,200})(?:[,/]|$)/;

/** Classifies a LinkedIn URL: a public profile (any sub-path of `/in/<slug>/`), a lead, or `null`. */
export function linkedinPage(url: URL): LinkedinPage | null {
  if (url.protocol !== 'https:' || !LINKEDIN_HOST.test(url.hostname)) return null;
  const slug = linkedinSlug(url.href);
  const linkedinUrl = normalizeLinkedinUrl(url.href);
  // `/in/<slug>/details/experience/`, `/recent-activity/`, `/overlay/...`: still the slug's owner.
  if (slug !== null && linkedinUrl !== null) {
    return { kind: 'profile', slug, linkedinUrl, contactInfo: url.pathname.includes('/overlay/contact-info') };
  }
  const lead = leadIdOf(url.pathname);
  return lead ? { kind: 'salesnav_lead', salesNavigatorId: lead } : null;
}

function leadIdOf(path: string): string | undefined {
  try {
    path = decodeURIComponent(path); // commas arrive as %2C from some links
  } catch {
    // keep the raw path
  }
  return SALES_NAV_LEAD_PATH.exec(path)?.[1];
}

/**
 * The person on a LinkedIn profile or Sales Navigator lead page; `none` on every other page
 * (feed, search, company, messaging).
 *
 * A profile URL always yields a person: the slug identifies them even before the top card has
 * rendered (profile-late.html), and the sidebar can match the lead by URL alone. A Sales
 * Navigator lead yields `failed` when no layer finds the lead's name: the opaque id alone
 * matches no stored lead, so the rep needs the manual search.
 */
export function extractLinkedin(doc: Document, url: URL): Extraction {
  const page = linkedinPage(url);
  if (page === null) return { kind: 'none' };
  if (page.kind === 'salesnav_lead') return salesNavLead(doc, page.salesNavigatorId);

  const { slug } = page;
  const reading = empty();
  let emails: string[] = [];
  const card = topCard(doc, slug);
  if (card !== 'stale') {
    if (card) merge(reading, card);
    const owner = profileOwner(slug);
    const heading = landmark(doc, owner);
    if (!reading.fields.name) {
      const ld = jsonLdPerson(doc, slug);
      if (ld) merge(reading, ld);
      // The slug spells the name, or a link to this profile shows it (profile-feed-first-nl.html).
      const shownBy = linkedNames(doc, owner);
      const confirms = (name: string) => namedBySlug(name, slug) || shownBy.some((shown) => same(shown, name));
      const named = corroborated(titleNames(doc, slug), heading?.name, confirms);
      if (named) put(reading, 'name', named.name, named.by);
    }
    // The heading's card fills what the precise layer left out, when it names the same person.
    const { name } = reading.fields;
    if (heading && name && same(heading.name, name)) merge(reading, cardLines(heading, reading.fields.company));
    // Addresses only with a card or name read: the overlay opens over the profile it belongs to.
    if (page.contactInfo && (card || name)) emails = contactInfoEmails(doc, slug, reading);
  }
  put(reading, 'linkedinUrl', page.linkedinUrl, 'url');
  return person('linkedin_profile', emails, reading, `in/${keyPart(encodeURIComponent(slug))}`);
}

// ---------------------------------------------------------------------------------------------
// Profiles: the precise layer

/**
 * The top card's fields, `null` when no known top card is on the page, or `stale` when it
 * belongs to someone else. The first layout whose root is shown on the page decides; they never
 * coexist. A hidden one is a view the app keeps for the back button (profile-sdui-spa-hidden.html).
 */
function topCard(doc: Document, slug: string): Reading | 'stale' | null {
  const sdui = first(doc, SDUI_TOP_CARD.root, shown);
  if (sdui) return ownedBy(sdui, slug) ? sduiTopCard(sdui) : 'stale';
  const ember = first(doc, EMBER_TOP_CARD.root, shown);
  if (ember) return ownedBy(ember, slug) ? emberTopCard(ember) : 'stale';
  return guestProfile(doc, slug);
}

/**
 * False when the card links to another member's overlays: LinkedIn pushes the next profile's
 * URL before it swaps the card, and in between the card still shows the previous person.
 */
function ownedBy(card: Element, slug: string): boolean {
  const links = card.querySelectorAll([...TOP_CARD_LINKS.contactInfo, ...TOP_CARD_LINKS.aboutThisProfile].join(','));
  for (const link of Array.from(links)) {
    const owner = slugOf(link.getAttribute('href'));
    if (owner !== null && owner !== slug) return false;
  }
  return true;
}

function emberTopCard(card: Element): Reading {
  const labelled = textOf(card, EMBER_TOP_CARD.currentCompany, companyText, MAX.company);
  const company = labelled ?? textOf(card, EMBER_TOP_CARD.company, visibleText, MAX.company);
  const headline = textOf(card, EMBER_TOP_CARD.headline, visibleText, MAX.title);
  const reading = read(
    {
      name: textOf(card, EMBER_TOP_CARD.name, nameText, MAX.name),
      title: titleFrom(headline, company),
      company,
      location: textOf(card, EMBER_TOP_CARD.location, visibleText, MAX.location),
    },
    'selector',
  );
  if (labelled) reading.by.company = 'label';
  return reading;
}

const CURRENT_COMPANY = new RegExp(`^(?:${labelWords('currentCompany')})\\s*:\\s*`, 'i');
const EXPERIENCE_TAIL = new RegExp(`\\.?\\s*(?:${labelWords('experienceCardTail')})\\.?$`, 'i');

/** The Ember current-company button: its text is the name; its aria-label says what it is. */
function companyText(el: Element): string {
  const text = visibleText(el);
  if (text.trim()) return text;
  return (el.getAttribute('aria-label') ?? '').replace(CURRENT_COMPANY, '').replace(EXPERIENCE_TAIL, '');
}

/**
 * The server-driven card has no labels: after the name come bare `<p>` lines (pronouns, degree,
 * headline, location) and the company/school badges. Lines are told apart by shape, never by
 * English words, since the interface may be in any language (profile-unicode.html).
 */
function sduiTopCard(card: Element): Reading {
  const nameEl = first(card, SDUI_TOP_CARD.name, (el) => nameText(el) !== '');
  const name = nameEl ? clip(nameText(nameEl), MAX.name) : undefined;
  const contact = first(card, TOP_CARD_LINKS.contactInfo);

  const lines: { el: Element; text: string }[] = [];
  for (const el of Array.from(card.querySelectorAll(SDUI_TOP_CARD.lines.join(',')))) {
    if (el.closest(`${HIDDEN},${SDUI_TOP_CARD.badges.join(',')}`)) continue;
    // A line's own text, without its links: "Leipzig, Sachsen, Deutschland · Kontaktinfo" is the
    // location, a line of links only is none (profile-sdui-de-marker.html).
    const text = clean(textWithout(el, `${HIDDEN},${SDUI_TOP_CARD.lineLinks.join(',')}`)).replace(/\s*[·•]$/, '');
    if (!text || text === name || DEGREE_LINE.test(text) || PRONOUNS.test(text)) continue;
    lines.push({ el, text });
  }
  const headline = lines[0]?.text;

  const badges = Array.from(card.querySelectorAll(SDUI_TOP_CARD.badges.join(',')))
    .filter((badge) => !(nameEl && (badge.contains(nameEl) || nameEl.contains(badge))))
    .map((badge) => clean(visibleText(badge.querySelector('p') ?? badge)))
    .filter((text) => text !== '');
  // LinkedIn lists the current company first, then the school; a lone school is no employer.
  const only = badges.length === 1 && badges[0] !== undefined && SCHOOL.test(badges[0]);
  let company = only ? undefined : clip(badges[0] ?? '', MAX.company);
  // Without badges, the "Company · School" line under the headline names the company, when the
  // headline ends with it (profile-sdui-de-marker.html): never a guess.
  const firstPart = (line: { text: string }) => line.text.split(/\s+[·•]\s+/)[0] ?? '';
  const summary = lines.find(
    (line, i) => i > 0 && /\s[·•]\s/.test(line.text) && titleFrom(headline, firstPart(line)) !== headline,
  );
  if (!badges.length && summary) company = clip(firstPart(summary), MAX.company);
  // The location is the last line before the Contact info link, never that company line;
  // without the link, none.
  const beforeContact = contact
    ? lines.filter((line) => precedes(line.el, contact) && firstPart(line) !== company)
    : [];
  const last = beforeContact[beforeContact.length - 1];
  const location = last && last !== lines[0] ? last.text : undefined;

  return read(
    {
      name,
      title: titleFrom(clip(headline ?? '', MAX.title), company),
      company,
      location: clip(location ?? '', MAX.location),
    },
    'selector',
  );
}

/** Degree lines start with a middle dot in every language ("· 2nd", "· 3e+"). */
const DEGREE_LINE = /^[·•]/;
const PRONOUN_WORDS = labelWords('pronouns');
const PRONOUNS = new RegExp(`^\\(?(?:${PRONOUN_WORDS})(?:\\s*/\\s*(?:${PRONOUN_WORDS}))+\\)?$`, 'i');
const SCHOOL = new RegExp(labelWords('school'), 'i');
/**
 * A connection degree, alone or in its screen-reader sentence: "2nd", "3e+", "1st degree
 * connection", "Kontakt 1. Grades", "Relation de 1er niveau". The ordinal ending is required, so
 * a headline such as "Top 3 Voice" is not one.
 */
const DEGREE = new RegExp(`^(?:\\p{L}+\\s+){0,2}\\d(?:${labelWords('ordinals')})\\+?(?:\\s+\\p{L}+){0,2}$`, 'iu');
const VERIFIED = new RegExp(`^(?:${labelWords('verified')})$`, 'i');
const CONTACT_LABEL = new RegExp(`^(?:${labelWords('contactInfo')})$`, 'i');

/** Node.DOCUMENT_POSITION_FOLLOWING, spelled out: `Node` is no global where the unit tests run. */
const FOLLOWING = 4;
function precedes(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & FOLLOWING) !== 0;
}

/**
 * The logged-out public profile: schema.org JSON-LD first (structured, and tied to the profile
 * by its `url`), the server-rendered top card for whatever it lacks.
 */
function guestProfile(doc: Document, slug: string): Reading | null {
  const card = first(doc, GUEST_PROFILE.root);
  const ld = jsonLdPerson(doc, slug);
  if (!card && !ld) return null;
  const reading = ld ?? empty();
  if (card) {
    const text = (selectors: readonly string[], max: number) => textOf(card, selectors, visibleText, max);
    const company = reading.fields.company ?? text(GUEST_PROFILE.company, MAX.company);
    const fields = {
      name: textOf(card, GUEST_PROFILE.name, nameText, MAX.name),
      title: titleFrom(text(GUEST_PROFILE.headline, MAX.title), company),
      company,
      location: text(GUEST_PROFILE.location, MAX.location),
    };
    merge(reading, read(fields, 'selector'));
  }
  return reading;
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The JSON-LD `Person` whose `url` is this profile (a page may describe other people too). */
function jsonLdPerson(doc: Document, slug: string): Reading | undefined {
  for (const script of Array.from(doc.querySelectorAll(GUEST_PROFILE.jsonLd.join(',')))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const nodes: unknown[] = Array.isArray(data)
      ? data
      : isJson(data) && Array.isArray(data['@graph'])
        ? data['@graph']
        : [data];
    for (const node of nodes) {
      if (!isJson(node) || node['@type'] !== 'Person' || slugOf(str(node.url)) !== slug) continue;
      const titles: unknown[] = Array.isArray(node.jobTitle) ? node.jobTitle : [node.jobTitle];
      const employers: unknown[] = Array.isArray(node.worksFor) ? node.worksFor : [node.worksFor];
      // The current employer is the one whose membership has no end date.
      const current = employers.find((org) => isJson(org) && !(isJson(org.member) && org.member.endDate));
      const address = isJson(node.address) ? node.address : {};
      const fields = {
        name: clip(cleanName(str(node.name)), MAX.name),
        title: clip(str(titles[0]), MAX.title),
        company: clip(isJson(current) ? str(current.name) : '', MAX.company),
        location: clip(str(address.addressLocality), MAX.location),
      };
      return read(fields, 'metadata');
    }
  }
  return undefined;
}

/**
 * Addresses in the open "Contact info" overlay, as shown (not normalised), from mailto links, or
 * by their shape in its text where a build shows no link (profile-contact-info-es-text.html).
 * The precise dialog first; else any open dialog that links to this profile and no other member.
 */
function contactInfoEmails(doc: Document, slug: string, reading: Reading): string[] {
  let layer: ReadLayer = 'selector';
  let dialog = first(doc, CONTACT_INFO.dialog);
  if (!dialog) {
    layer = 'landmark';
    dialog = first(doc, LANDMARKS.dialog, (el) => owned(el, profileOwner(slug), true));
  }
  if (!dialog) return [];
  const emails: string[] = [];
  const add = (address: string) => {
    const seen = emails.some((known) => known.toLowerCase() === address.toLowerCase());
    if (address.length <= MAX.email && EMAIL.test(address) && !seen) emails.push(address);
  };
  for (const link of Array.from(dialog.querySelectorAll(CONTACT_INFO.email.join(',')))) {
    try {
      add(decodeURIComponent((link.getAttribute('href') ?? '').replace(/^mailto:/i, '').split('?')[0] ?? '').trim());
    } catch {
      // not an address
    }
  }
  if (emails.length === 0) {
    for (const line of textLines(dialog)) for (const found of line.text.match(EMAIL_IN_TEXT) ?? []) add(found);
    layer = 'shape';
  }
  if (emails.length > 0) reading.by.emails = layer;
  return emails.slice(0, MAX.emails);
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

// ---------------------------------------------------------------------------------------------
// The fallback layers: document metadata and landmarks

/** Says whose a link is: `true` this page's person, `false` someone else, `null` no one's. */
type Owner = (href: string) => boolean | null;

const profileOwner =
  (slug: string): Owner =>
  (href) => {
    const owner = slugOf(href);
    return owner === null ? null : owner === slug;
  };

/**
 * Whether nothing in `region` links to another member (a stale card, or a list of other people),
 * and, when `tie` is asked for, something links to this one (`/in/<slug>/overlay/...`, the
 * profile's own URL).
 */
function owned(region: Element, owner: Owner, tie: boolean): boolean {
  let tied = false;
  for (const link of Array.from(region.querySelectorAll('a[href]'))) {
    const own = owner(link.getAttribute('href') ?? '');
    if (own === false) return false;
    if (own) tied = true;
  }
  return tied || !tie;
}

interface Landmark {
  /** The heading (or, on a lead page, the element) holding the name. */
  el: Element;
  /** Its card (`cardOf`). */
  region: Element;
  name: string;
}

/**
 * The main region's first shown heading (`<h1>`, else `<h2>`) whose card links to this person
 * and to no other member: a rail rendered before the top card has its own headings, in links to
 * other members (profile-sdui-rail-first.html), and a previous profile's card links to its owner.
 */
function landmark(doc: Document, owner: Owner): Landmark | undefined {
  const main = first(doc, LANDMARKS.main, shown);
  for (const selector of main ? LANDMARKS.heading : []) {
    for (const el of Array.from(main?.querySelectorAll(selector) ?? [])) {
      const name = shown(el) ? clip(nameText(el), MAX.name) : undefined;
      const region = name && main ? cardOf(el, main, owner) : null;
      if (name && region && owned(region, owner, true)) return { el, region, name };
    }
  }
  return undefined;
}

/**
 * An element's card, whatever the markup wraps it in (a `<section>`, or hashed `<div>`s only):
 * its largest ancestor inside `main` that links to no other member. `null` when the element sits
 * in a link to someone else (a rail, "People also viewed").
 */
function cardOf(el: Element, main: Element, owner: Owner): Element | null {
  if (owner(el.closest('a[href]')?.getAttribute('href') ?? '') === false) return null;
  let card: Element | null = null;
  for (let node: Element | null = el; node && owned(node, owner, false); node = node.parentElement) {
    card = node;
    if (node === main) break;
  }
  return card;
}

/**
 * What links in main to this profile itself (not its overlays or detail pages, whose links say
 * "Contact info" or "Experience") show first: an author card's name, the name's own link.
 */
function linkedNames(doc: Document, owner: Owner): string[] {
  const main = first(doc, LANDMARKS.main, shown);
  return Array.from(main?.querySelectorAll('a[href]') ?? []).flatMap((link) => {
    const href = link.getAttribute('href') ?? '';
    const itself = /\/in\/[^/?#]+\/?(?:[?#]|$)/.test(href) && owner(href) && shown(link);
    return itself ? [cleanName(textLines(link)[0]?.text ?? '')] : [];
  });
}

/**
 * The names the document's own title and `og:title` give, most likely first: "(3) Dana
 * Whitfield | LinkedIn", "Dana Whitfield | Sales Navigator", "Kofi Mensah - Baobab Payments |
 * LinkedIn". Every part is a candidate; only a corroborated one is ever used.
 */
function titleNames(doc: Document, slug?: string): string[] {
  const titles = [doc.title];
  const og = first(doc, METADATA.ogTitle)?.getAttribute('content');
  const ogUrl = first(doc, METADATA.ogUrl)?.getAttribute('content');
  if (og && (!ogUrl || !slug || slugOf(ogUrl) === slug)) titles.push(og);
  const names: string[] = [];
  for (const title of titles) {
    const parts = title.replace(/^\s*\(\d+\+?\)\s*/, '').split(/\s+[|\-–—]\s+/);
    for (const part of parts) {
      const name = clip(cleanName(part), MAX.name);
      if (name) names.push(name);
    }
  }
  return names;
}

/**
 * The name two independent layers agree on: a title name the URL confirms (`confirms`) or the
 * heading repeats (then `metadata`), else a heading name the URL confirms (then `landmark`). A
 * title alone never names anyone: after an SPA navigation it still names the previous person
 * (profile-stale-title.html).
 */
function corroborated(
  titles: readonly string[],
  heading: string | undefined,
  confirms: (name: string) => boolean,
): { name: string; by: ReadLayer } | undefined {
  const title = titles.find((name) => confirms(name) || (heading !== undefined && same(name, heading)));
  if (title) return { name: title, by: 'metadata' };
  return heading && confirms(heading) ? { name: heading, by: 'landmark' } : undefined;
}

/**
 * Whether a profile slug spells this name: "dana-whitfield", "danawhitfield",
 * "siobhan-oconnor-7f3a21" (the trailing id ignored), "jerome-muller" or "joerg-mueller" for
 * "Jörg Müller", "dana-whitfield" for "Dana Whitfield, MBA". An opaque member id
 * (`/in/ACoAAB…/`) spells nobody.
 */
export function namedBySlug(name: string, slug: string): boolean {
  const tokens = words(slug);
  while (tokens.length > 0 && /\d/.test(tokens[tokens.length - 1] ?? '')) tokens.pop();
  if (tokens.length === 0) return false;
  return [words(name), words(name, true)].some((n) => {
    if (n.join('') === tokens.join('')) return true;
    const [given, family] = [n[0] ?? '', n[n.length - 1] ?? ''];
    if (n.length >= 2 && tokens.includes(given) && tokens.includes(family)) return true;
    return tokens.length >= 2 && tokens.every((token) => n.includes(token));
  });
}

/** Lower-case words without accents or apostrophes; `spelled` writes umlauts out ("ü" as "ue"). */
function words(text: string, spelled = false): string[] {
  let folded = text.toLowerCase();
  if (spelled) folded = folded.replace(/[äöü]/g, (c) => `${c.normalize('NFD')[0]}e`).replace(/ß/g, 'ss');
  folded = folded.normalize('NFD').replace(/\p{M}/gu, '').replace(/['’]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The same name, whatever the case, accents and punctuation. */
function same(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}

interface Line {
  node: Node;
  text: string;
  /** Inside a link or button: a badge, a count or an action, never a headline or a place. */
  control: Element | null;
}

const CONTROL = 'a, button, [role="button"], [role="link"]';
const SKIPPED = `${HIDDEN_TEXT.join(',')}, script, style, template, svg`;

/** Every visible text of `root`, in document order. */
function textLines(root: Element): Line[] {
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

/** Pronouns, the connection degree, the verified badge or the name again: no field of its own. */
function aside(text: string, name: string): boolean {
  if (same(text, name)) return true;
  return text.split(/[·•]/).every((part) => {
    const p = part.trim();
    return !/\p{L}/u.test(p) || PRONOUNS.test(p) || DEGREE.test(p) || VERIFIED.test(p);
  });
}

/**
 * The card's other fields, read by their place around the name (`landmark`), never by class:
 * the line right after the name (past pronouns and degree) is the headline, unless it is a link
 * or a button; the last plain line before the "Contact info" link is the location; the current
 * company is the labelled button (`label`), else a badge or link whose text (or logo's title) the
 * headline ends with ("Directeur commercial · Lumière Analytique"), so it is never a guess.
 */
function cardLines({ el, region, name }: Landmark, known?: string): Reading {
  const reading = empty();
  const lines = textLines(region).filter((line) => precedes(el, line.node) && !el.contains(line.node));
  const at = lines.findIndex((line) => !aside(line.text, name));
  const headline = lines[at]?.control === null ? lines[at] : undefined;
  if (!headline) return reading;
  const rest = lines.slice(at + 1);

  put(reading, 'company', textOf(region, EMBER_TOP_CARD.currentCompany, companyText, MAX.company), 'label');
  if (!known && !reading.fields.company) {
    for (const control of Array.from(region.querySelectorAll(CONTROL))) {
      if (!precedes(headline.node, control)) continue;
      const image = control.querySelector('img[title], img[alt]');
      const text = clip(
        visibleText(control) || image?.getAttribute('title') || image?.getAttribute('alt') || '',
        MAX.company,
      );
      if (text && !SCHOOL.test(text) && titleFrom(headline.text, text) !== headline.text) {
        put(reading, 'company', text, 'landmark');
        break;
      }
    }
  }
  put(reading, 'title', titleFrom(clip(headline.text, MAX.title), known ?? reading.fields.company), 'landmark');

  const contact =
    first(region, TOP_CARD_LINKS.contactInfo) ??
    Array.from(region.querySelectorAll(CONTROL)).find((c) => CONTACT_LABEL.test(clean(c.textContent ?? '')));
  if (contact) {
    const before = rest.filter((line) => !line.control && !aside(line.text, name) && precedes(line.node, contact));
    put(reading, 'location', clip(before[before.length - 1]?.text ?? '', MAX.location), 'landmark');
  }
  return reading;
}

// ---------------------------------------------------------------------------------------------
// Sales Navigator

const leadOwner =
  (id: string): Owner =>
  (href) => {
    const path = /\/sales\/(?:lead|people)\/[^?#]*/.exec(href)?.[0];
    const lead = path && leadIdOf(path);
    return lead ? lead === id : null;
  };

function salesNavLead(doc: Document, salesNavigatorId: string): Extraction {
  const key = `salesnav/${salesNavigatorId}`;
  const nameEl = first(doc, SALES_NAV_LEAD.name, (el) => nameText(el) !== '' && shown(el));
  const header = nameEl?.closest(SALES_NAV_LEAD.header.join(','));
  // A header that links to another lead and never to this one is the previous lead's, still
  // shown after a lead-to-lead navigation has pushed the next URL (salesnav-lead-stale-de.html).
  const owner = leadOwner(salesNavigatorId);
  const owners = Array.from(header?.querySelectorAll('a[href]') ?? []).map((a) => owner(a.getAttribute('href') ?? ''));
  const stale = owners.includes(false) && !owners.includes(true);
  if (stale) return { kind: 'failed', reason: 'Sales Navigator lead page still showing the previous lead' };
  const reading = nameEl && header ? leadHeader(nameEl, header) : leadByLandmarks(doc, salesNavigatorId);
  if (!reading) {
    return {
      kind: 'failed',
      reason: 'Sales Navigator lead page without a lead header (not rendered yet, or changed markup)',
    };
  }
  return person('salesnav_lead', [], reading, key, salesNavigatorId);
}

function leadHeader(nameEl: Element, header: Element): Reading {
  const company = textOf(header, SALES_NAV_LEAD.company, leadCompanyText, MAX.company);
  const headline = textOf(header, SALES_NAV_LEAD.headline, visibleText, MAX.title);
  const link = first(header, SALES_NAV_LEAD.publicProfile, (el) => slugOf(el.getAttribute('href')) !== null);
  return read(
    {
      name: clip(nameText(nameEl), MAX.name),
      // The classic header shows the current role's title apart from the headline; prefer it.
      title: textOf(header, SALES_NAV_LEAD.jobTitle, visibleText, MAX.title) ?? titleFrom(headline, company),
      company,
      location: textOf(header, SALES_NAV_LEAD.location, visibleText, MAX.location),
      linkedinUrl: normalizeLinkedinUrl(link?.getAttribute('href') ?? '') ?? undefined,
    },
    'selector',
  );
}

/**
 * The lead without `data-*` attributes or known classes. There is no slug to check the title
 * against, so the title's name ("Hannah Lindqvist | Sales Navigator") counts only when the lead
 * header says the same: its heading (the first whose card links to this lead and to no other), or
 * a public-profile link in it whose slug spells the name (the classic header has no heading).
 * Either way the header must not link to another lead (a stale header, "Similar leads").
 *
 * A title alone is not enough, even with no heading on the page: between two leads the title
 * lags like a profile's, so on a lead-to-lead navigation it names the previous lead while the new
 * header is still loading (salesnav-lead-loading.html). The rep then gets the manual search.
 */
function leadByLandmarks(doc: Document, id: string): Reading | undefined {
  const titles = titleNames(doc);
  const owner = leadOwner(id);
  let found = landmark(doc, owner);
  let name = found && titles.find((title) => same(title, found?.name ?? ''));
  if (!name) {
    found = undefined;
    const main = first(doc, LANDMARKS.main, shown) ?? doc.documentElement;
    for (const link of Array.from(main.querySelectorAll('a[href*="/in/"]'))) {
      const slug = slugOf(link.getAttribute('href'));
      const region = cardOf(link, main, owner);
      name = slug ? titles.find((title) => namedBySlug(title, slug)) : undefined;
      const el = name && region ? nameElement(region, name) : null;
      if (name && region && el) {
        found = { el, region, name };
        break;
      }
    }
  }
  if (!found || !name) return undefined;
  const reading = empty();
  put(reading, 'name', name, 'metadata');
  merge(reading, cardLines(found));
  for (const link of Array.from(found.region.querySelectorAll('a[href*="/in/"]'))) {
    const slug = slugOf(link.getAttribute('href'));
    if (slug && namedBySlug(name, slug)) put(reading, 'linkedinUrl', profileUrl(slug), 'landmark');
  }
  return reading;
}

/** The innermost element of `region` whose whole text is the name. */
function nameElement(region: Element, name: string): Element | null {
  const named = (el: Element) => same(nameText(el), name);
  let el = Array.from(region.querySelectorAll('*')).find(named) ?? null;
  for (let inner = el; inner; inner = Array.from(inner.children).find(named) ?? null) el = inner;
  return el;
}

/** The 2023- header shows the company only as its logo, named in the image's title. */
function leadCompanyText(el: Element): string {
  return el.tagName === 'IMG' ? (el.getAttribute('title') ?? el.getAttribute('alt') ?? '') : visibleText(el);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

const empty = (): Reading => ({ fields: {}, by: {} });

/** The fields one layer read, those it found marked with it. */
function read(fields: Partial<Record<Field, string>>, layer: ReadLayer): Reading {
  const reading = empty();
  for (const [field, value] of Object.entries(fields) as [Field, string | undefined][])
    put(reading, field, value, layer);
  return reading;
}

/** Sets a field the layers before have not: the most precise layer wins. */
function put(reading: Reading, field: Field, value: string | undefined, layer: ReadLayer): void {
  if (!value || reading.fields[field]) return;
  reading.fields[field] = value;
  reading.by[field] = layer;
}

function merge(reading: Reading, more: Reading): void {
  for (const [field, value] of Object.entries(more.fields) as [Field, string][]) {
    const layer = more.by[field];
    if (layer && layer !== 'correction') put(reading, field, value, layer);
  }
}

/** Percent-encodes what `encodeURIComponent` leaves but a page key may not hold (`'`, `(`, ...). */
function keyPart(text: string): string {
  return text.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function person(
  page: PageIdentity['page'],
  emails: string[],
  { fields, by }: Reading,
  key: string,
  salesNavigatorId?: string,
): Extraction {
  const identity: PageIdentity = { site: 'linkedin', page, emails };
  // Only the fields the page showed: no `undefined` keys crossing the message channel.
  if (fields.name) identity.name = fields.name;
  if (fields.linkedinUrl) identity.linkedinUrl = fields.linkedinUrl;
  if (salesNavigatorId) {
    identity.salesNavigatorId = salesNavigatorId;
    by.salesNavigatorId = 'url';
  }
  if (fields.title) identity.title = fields.title;
  if (fields.company) identity.company = fields.company;
  if (fields.location) identity.location = fields.location;
  identity.readBy = by;
  if (key.length <= 300) identity.pageKey = `linkedin:${key}`;
  return { kind: 'person', identity };
}

/** The first element matching the selectors, tried in order of preference (not document order). */
function first(
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
function textOf(
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

const AT = labelWords('at')
  .split('|')
  .map((word) => ` ${word} `);

/** The "Title at Company" headline's title, when Company is the current company shown; else the headline. */
function titleFrom(headline: string | undefined, company: string | undefined): string | undefined {
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

const HIDDEN = HIDDEN_TEXT.join(',');

/** Text as a sighted reader sees it: without LinkedIn's screen-reader copies and hidden duplicates. */
function visibleText(el: Element): string {
  return textWithout(el, HIDDEN);
}

/** An element's text without what `drop` matches inside it. */
function textWithout(el: Element, drop: string): string {
  if (!el.querySelector(drop)) return el.textContent ?? '';
  const copy = el.cloneNode(true) as Element;
  for (const node of Array.from(copy.querySelectorAll(drop))) node.remove();
  return copy.textContent ?? '';
}

const UNSHOWN = [...HIDDEN_VIEW, ...HIDDEN_TEXT].join(',');
/** Not inside a hidden view or a screen-reader copy. */
const shown = (el: Element): boolean => !el.closest(UNSHOWN);

function nameText(el: Element): string {
  return cleanName(visibleText(el));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are stripped.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Zero-width characters and bidirectional overrides: invisible, and a spoofing tool in names. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** NFC, no control or invisible characters, whitespace collapsed. */
function clean(text: string): string {
  return text.normalize('NFC').replace(CONTROL_CHARS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string | undefined {
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

/** The canonical profile URL of a slug (as `normalizeLinkedinUrl` writes it). */
function profileUrl(slug: string): string | undefined {
  return normalizeLinkedinUrl(`https://www.linkedin.com/in/${encodeURIComponent(slug)}/`) ?? undefined;
}

/** The public-profile slug a link points at, relative links resolved against LinkedIn. */
function slugOf(href: string | null): string | null {
  if (!href) return null;
  try {
    return linkedinSlug(new URL(href, 'https://www.linkedin.com').href);
  } catch {
    return null;
  }
}

/**
 * Who is the person on a LinkedIn page: a pure function of the document and its URL. It runs in
 * the page (content script), so it imports nothing but the identity helpers and the selectors:
 * no zod, no messaging, no storage. The extension origin validates what it returns.
 *
 * Rules that hold for every layout:
 * - The URL decides what kind of page this is; the markup only fills in the person.
 * - Only the top card (profile) or the lead header (Sales Navigator) may answer; the rest of the
 *   page is full of other people (see profile-crowded.html).
 * - A wrong person is worse than no name: when in doubt, leave a field out.
 */
import { linkedinSlug, normalizeLinkedinUrl } from '../../domain/identity';
import type { Extraction, PageIdentity } from '../types';
import {
  CONTACT_INFO,
  EMBER_TOP_CARD,
  GUEST_PROFILE,
  HIDDEN_TEXT,
  SALES_NAV_LEAD,
  SDUI_TOP_CARD,
  TOP_CARD_LINKS,
} from './selectors';

/** What a LinkedIn URL is about, from the URL alone. */
export type LinkedinPage =
  | { kind: 'profile'; slug: string; linkedinUrl: string; contactInfo: boolean }
  | { kind: 'salesnav_lead'; salesNavigatorId: string };

/** The person fields a page can show; every one optional. */
type Fields = Partial<Pick<PageIdentity, 'name' | 'title' | 'company' | 'location' | 'linkedinUrl'>>;

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
  let path = url.pathname;
  try {
    path = decodeURIComponent(path); // commas arrive as %2C from some links
  } catch {
    // keep the raw path
  }
  const lead = SALES_NAV_LEAD_PATH.exec(path);
  return lead?.[1] ? { kind: 'salesnav_lead', salesNavigatorId: lead[1] } : null;
}

/**
 * The person on a LinkedIn profile or Sales Navigator lead page; `none` on every other page
 * (feed, search, company, messaging).
 *
 * A profile URL always yields a person: the slug identifies them even before the top card has
 * rendered (profile-late.html), and the sidebar can match the lead by URL alone. A Sales
 * Navigator lead yields `failed` when its header (found by the lead's name) is not on the page:
 * the opaque id alone matches no stored lead, so the rep needs the manual search.
 */
export function extractLinkedin(doc: Document, url: URL): Extraction {
  const page = linkedinPage(url);
  if (page === null) return { kind: 'none' };
  if (page.kind === 'salesnav_lead') return salesNavLead(doc, page.salesNavigatorId);

  const card = topCard(doc, page.slug);
  const emails = card && page.contactInfo ? contactInfoEmails(doc) : [];
  return person('linkedin_profile', emails, { ...card, linkedinUrl: page.linkedinUrl });
}

// ---------------------------------------------------------------------------------------------
// Profiles

/**
 * The top card's fields, or `null` when there is no top card yet or it belongs to someone else.
 * The first layout whose root is on the page decides; they never coexist.
 */
function topCard(doc: Document, slug: string): Fields | null {
  const sdui = first(doc, SDUI_TOP_CARD.root);
  if (sdui) return ownedBy(sdui, slug) ? sduiTopCard(sdui) : null;
  const ember = first(doc, EMBER_TOP_CARD.root);
  if (ember) return ownedBy(ember, slug) ? emberTopCard(ember) : null;
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

function emberTopCard(card: Element): Fields {
  const company = textOf(card, EMBER_TOP_CARD.company, companyText, MAX.company);
  const headline = textOf(card, EMBER_TOP_CARD.headline, visibleText, MAX.title);
  return {
    name: textOf(card, EMBER_TOP_CARD.name, nameText, MAX.name),
    title: titleFrom(headline, company),
    company,
    location: textOf(card, EMBER_TOP_CARD.location, visibleText, MAX.location),
  };
}

/** The Ember current-company button: its text is the name; its aria-label says what it is. */
function companyText(el: Element): string {
  const text = visibleText(el);
  if (text.trim()) return text;
  const label = el.getAttribute('aria-label') ?? '';
  return label.replace(/^Current company:\s*/i, '').replace(/\.?\s*Click to skip to experience card\.?$/i, '');
}

/**
 * The server-driven card has no labels: after the name come bare `<p>` lines (pronouns, degree,
 * headline, location) and the company/school badges. Lines are told apart by shape, never by
 * English words, since the interface may be in any language (profile-unicode.html).
 */
function sduiTopCard(card: Element): Fields {
  const nameEl = first(card, SDUI_TOP_CARD.name, (el) => nameText(el) !== '');
  const name = nameEl ? clip(nameText(nameEl), MAX.name) : undefined;
  const contact = first(card, TOP_CARD_LINKS.contactInfo);

  const lines: { el: Element; text: string }[] = [];
  for (const el of Array.from(card.querySelectorAll(SDUI_TOP_CARD.lines.join(',')))) {
    if (
      el.closest(`${HIDDEN},${SDUI_TOP_CARD.badges.join(',')}`) ||
      el.querySelector(SDUI_TOP_CARD.lineLinks.join(','))
    )
      continue;
    const text = clean(visibleText(el));
    if (!text || text === name || DEGREE_LINE.test(text) || PRONOUNS.test(text)) continue;
    lines.push({ el, text });
  }
  const headline = lines[0]?.text;
  // The location is the last line before the Contact info link; without that landmark, none.
  const beforeContact = contact ? lines.filter((line) => precedes(line.el, contact)) : [];
  const last = beforeContact[beforeContact.length - 1];
  const location = last && last !== lines[0] ? last.text : undefined;

  const badges = Array.from(card.querySelectorAll(SDUI_TOP_CARD.badges.join(',')))
    .filter((badge) => !(nameEl && (badge.contains(nameEl) || nameEl.contains(badge))))
    .map((badge) => clean(visibleText(badge.querySelector('p') ?? badge)))
    .filter((text) => text !== '');
  // LinkedIn lists the current company first, then the school; a lone school is no employer.
  const only = badges.length === 1 && badges[0] !== undefined && SCHOOL.test(badges[0]);
  const company = only ? undefined : clip(badges[0] ?? '', MAX.company);

  return {
    name,
    title: titleFrom(clip(headline ?? '', MAX.title), company),
    company,
    location: clip(location ?? '', MAX.location),
  };
}

/** Degree lines start with a middle dot in every language ("· 2nd", "· 3e+"). */
const DEGREE_LINE = /^[·•]/;
const PRONOUN_WORDS =
  'he|him|his|she|her|hers|they|them|theirs|ze|zir|hir|xe|xem|il|lui|elle|iel|er|ihm|sie|ihr|él|ella|hij|hem|zij|haar|ele|dele|ela|dela';
const PRONOUNS = new RegExp(`^\\(?(?:${PRONOUN_WORDS})(?:\\s*/\\s*(?:${PRONOUN_WORDS}))+\\)?$`, 'i');
const SCHOOL = /universit|school|college|institut|academy|akademie|hochschule|école|ecole|escuela|polytechn/i;

/** Node.DOCUMENT_POSITION_FOLLOWING, spelled out: `Node` is no global where the unit tests run. */
const FOLLOWING = 4;
function precedes(a: Element, b: Element): boolean {
  return (a.compareDocumentPosition(b) & FOLLOWING) !== 0;
}

/**
 * The logged-out public profile: schema.org JSON-LD first (structured, and tied to the profile
 * by its `url`), the server-rendered top card for whatever it lacks.
 */
function guestProfile(doc: Document, slug: string): Fields | null {
  const card = first(doc, GUEST_PROFILE.root);
  const ld = jsonLdPerson(doc, slug);
  if (!card && !ld) return null;
  const read = (selectors: readonly string[], max: number) =>
    card ? textOf(card, selectors, visibleText, max) : undefined;
  const company = ld?.company ?? read(GUEST_PROFILE.company, MAX.company);
  return {
    name: ld?.name ?? (card ? textOf(card, GUEST_PROFILE.name, nameText, MAX.name) : undefined),
    title: ld?.title ?? titleFrom(read(GUEST_PROFILE.headline, MAX.title), company),
    company,
    location: ld?.location ?? read(GUEST_PROFILE.location, MAX.location),
  };
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The JSON-LD `Person` whose `url` is this profile (a page may describe other people too). */
function jsonLdPerson(doc: Document, slug: string): Fields | undefined {
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
      return {
        name: clip(cleanName(str(node.name)), MAX.name),
        title: clip(str(titles[0]), MAX.title),
        company: clip(isJson(current) ? str(current.name) : '', MAX.company),
        location: clip(str(address.addressLocality), MAX.location),
      };
    }
  }
  return undefined;
}

/** Addresses in the open "Contact info" overlay, as shown (not normalised), from mailto links. */
function contactInfoEmails(doc: Document): string[] {
  const dialog = first(doc, CONTACT_INFO.dialog);
  if (!dialog) return [];
  const emails: string[] = [];
  for (const link of Array.from(dialog.querySelectorAll(CONTACT_INFO.email.join(',')))) {
    let address = (link.getAttribute('href') ?? '').replace(/^mailto:/i, '').split('?')[0] ?? '';
    try {
      address = decodeURIComponent(address);
    } catch {
      continue;
    }
    address = address.trim();
    const seen = emails.some((known) => known.toLowerCase() === address.toLowerCase());
    if (address.length <= MAX.email && EMAIL.test(address) && !seen) emails.push(address);
  }
  return emails.slice(0, MAX.emails);
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

// ---------------------------------------------------------------------------------------------
// Sales Navigator

function salesNavLead(doc: Document, salesNavigatorId: string): Extraction {
  const nameEl = first(doc, SALES_NAV_LEAD.name, (el) => nameText(el) !== '');
  const header = nameEl?.closest(SALES_NAV_LEAD.header.join(','));
  if (!nameEl || !header) {
    return {
      kind: 'failed',
      reason: 'Sales Navigator lead page without a lead header (not rendered yet, or changed markup)',
    };
  }
  const company = textOf(header, SALES_NAV_LEAD.company, leadCompanyText, MAX.company);
  const headline = textOf(header, SALES_NAV_LEAD.headline, visibleText, MAX.title);
  const link = first(header, SALES_NAV_LEAD.publicProfile, (el) => slugOf(el.getAttribute('href')) !== null);
  return person('salesnav_lead', [], {
    name: clip(nameText(nameEl), MAX.name),
    // The classic header shows the current role's title apart from the headline; prefer it.
    title: textOf(header, SALES_NAV_LEAD.jobTitle, visibleText, MAX.title) ?? titleFrom(headline, company),
    company,
    location: textOf(header, SALES_NAV_LEAD.location, visibleText, MAX.location),
    linkedinUrl: normalizeLinkedinUrl(link?.getAttribute('href') ?? '') ?? undefined,
    salesNavigatorId,
  });
}

/** The 2023- header shows the company only as its logo, named in the image's title. */
function leadCompanyText(el: Element): string {
  return el.tagName === 'IMG' ? (el.getAttribute('title') ?? el.getAttribute('alt') ?? '') : visibleText(el);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function person(
  page: PageIdentity['page'],
  emails: string[],
  fields: Fields & Pick<PageIdentity, 'salesNavigatorId'>,
): Extraction {
  const identity: PageIdentity = { site: 'linkedin', page, emails };
  // Only the fields the page showed: no `undefined` keys crossing the message channel.
  if (fields.name) identity.name = fields.name;
  if (fields.linkedinUrl) identity.linkedinUrl = fields.linkedinUrl;
  if (fields.salesNavigatorId) identity.salesNavigatorId = fields.salesNavigatorId;
  if (fields.title) identity.title = fields.title;
  if (fields.company) identity.company = fields.company;
  if (fields.location) identity.location = fields.location;
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

/** The "Title at Company" headline's title, when Company is the current company shown; else the headline. */
function titleFrom(headline: string | undefined, company: string | undefined): string | undefined {
  if (!headline || !company) return headline;
  const lead = headline.split(/\s+\|\s+/)[0] ?? headline;
  for (const separator of [' at ', ' @ ', ' · ']) {
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
  if (!el.querySelector(HIDDEN)) return el.textContent ?? '';
  const copy = el.cloneNode(true) as Element;
  for (const hidden of Array.from(copy.querySelectorAll(HIDDEN))) hidden.remove();
  return copy.textContent ?? '';
}

function nameText(el: Element): string {
  return cleanName(visibleText(el));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are stripped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Zero-width characters and bidirectional overrides: invisible, and a spoofing tool in names. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** NFC, no control or invisible characters, whitespace collapsed. */
function clean(text: string): string {
  return text.normalize('NFC').replace(CONTROL, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string | undefined {
  const value = clean(text);
  if (!value) return undefined;
  const chars = Array.from(value); // by code point: never split a surrogate pair
  return chars.length > max ? chars.slice(0, max).join('').trim() : value;
}

const NAME_TAIL = new RegExp(
  `(?:\\s*[·•]\\s*(?:1st|2nd|3rd\\+?)|\\s*\\(?(?:${PRONOUN_WORDS})(?:\\s*/\\s*(?:${PRONOUN_WORDS}))+\\)?|\\s+\\(?verified\\)?|\\s+(?:1st|2nd|3rd\\+?) degree connection)$`,
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

/** The public-profile slug a link points at, relative links resolved against LinkedIn. */
function slugOf(href: string | null): string | null {
  if (!href) return null;
  try {
    return linkedinSlug(new URL(href, 'https://www.linkedin.com').href);
  } catch {
    return null;
  }
}

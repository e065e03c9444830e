/**
 * Profiles, the precise layer: the server-driven, Ember and guest top cards read by the selectors
 * of selectors.ts, and the addresses of the open contact-info dialog.
 */
import type { ReadLayer } from '../types';
import { owned, profileOwner, slugOf } from './links';
import { jsonLdPerson } from './metadata';
import { empty, MAX, merge, type Reading, read } from './reading';
import { CONTACT_INFO, EMBER_TOP_CARD, GUEST_PROFILE, LANDMARKS, SDUI_TOP_CARD, TOP_CARD_LINKS } from './selectors';
import {
  clean,
  clip,
  companyText,
  first,
  HIDDEN,
  nameText,
  PRONOUNS,
  precedes,
  SCHOOL,
  shown,
  textLines,
  textOf,
  textWithout,
  titleFrom,
  visibleText,
} from './text';

/**
 * The top card's fields, `null` when no known top card is on the page, or `stale` when it
 * belongs to someone else. The first layout whose root is shown on the page decides; they never
 * coexist. A hidden one is a view the app keeps for the back button (profile-sdui-spa-hidden.html).
 */
export function topCard(doc: Document, slug: string): Reading | 'stale' | null {
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

/**
 * Addresses in the open "Contact info" overlay, as shown (not normalised), from mailto links, or
 * by their shape in its text where a build shows no link (profile-contact-info-es-text.html).
 * The precise dialog first; else any open dialog that links to this profile and no other member.
 */
export function contactInfoEmails(doc: Document, slug: string, reading: Reading): string[] {
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

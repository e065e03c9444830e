/**
 * Who is the person on a LinkedIn page: a pure function of the document and its URL. It runs in
 * the page (content script), so it and the modules beside it import nothing but the identity
 * helpers, the selectors and the labels: no zod, no messaging, no storage. The extension origin
 * validates what it returns. This file holds the URL's reading and the layers' order; each layer
 * lives in the module named below.
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
 *    selectors.ts, on the layouts they know (server-driven, Ember, guest: profile-cards.ts; Sales
 *    Navigator: sales-navigator.ts);
 * then, only for what those left out:
 * 3. `metadata` (metadata.ts): schema.org JSON-LD tied to the profile by its `url`; the document
 *    title and `og:title`, whose name counts only when corroborated (`corroborated`): the slug
 *    spells it, the heading says it, or a link to the profile itself shows it
 *    (profile-feed-first-nl.html), because a title lags behind SPA navigation and can still name
 *    the previous person (profile-stale-title.html);
 * 4. `landmark` (landmarks.ts): the main region's first heading whose card (`cardOf`: its
 *    largest part of main that links to no other member) links to this profile, so a rail
 *    rendered first is passed over (profile-sdui-rail-first.html); the card's lines by their
 *    place: the line after the name is the headline, the last line before "Contact info" the
 *    location, the current company a badge the headline ends with (profile-hashed-2025.html);
 * 5. `shape`: an address in the open contact-info dialog's text, where it shows no mailto link;
 * 6. `label`: the current-company button in the interface's language (labels.ts).
 * Every layer keeps the stale-card rule (links.ts): a card, dialog or lead header whose links
 * name another member (or lead) is the previous one's (spa-profile-a.html,
 * salesnav-lead-stale-de.html), and nothing is read from it; nor from a view the app keeps hidden
 * (profile-sdui-spa-hidden.html).
 */
import { linkedinSlug, normalizeLinkedinUrl } from '../../domain/identity';
import type { Extraction } from '../types';
import { cardLines, landmark } from './landmarks';
import { leadIdOf, profileOwner } from './links';
import { corroborated, jsonLdPerson, linkedNames, namedBySlug, titleNames } from './metadata';
import { contactInfoEmails, topCard } from './profile-cards';
import { empty, merge, person, put } from './reading';
import { salesNavLead } from './sales-navigator';
import { same } from './text';

export { namedBySlug } from './metadata';
export { cleanName } from './text';

/** What a LinkedIn URL is about, from the URL alone. */
export type LinkedinPage =
  | { kind: 'profile'; slug: string; linkedinUrl: string; contactInfo: boolean }
  | { kind: 'salesnav_lead'; salesNavigatorId: string };

const LINKEDIN_HOST = /^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/i;

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
    // The landmark layer walks the main region's text: only when the precise layer left a field out.
    const { fields } = reading;
    const heading = fields.name && fields.title && fields.company && fields.location ? undefined : landmark(doc, owner);
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

/** Percent-encodes what `encodeURIComponent` leaves but a page key may not hold (`'`, `(`, ...). */
function keyPart(text: string): string {
  return text.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

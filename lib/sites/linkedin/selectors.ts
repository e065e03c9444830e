/**
 * Every CSS selector Handoff uses on linkedin.com, and nothing else. When LinkedIn changes its
 * markup, this file, labels.ts and the fixtures in tests/fixtures/linkedin/ are all that should
 * change.
 *
 * Each array is a list of fallbacks, most stable first: URL shapes, ARIA labels and LinkedIn's
 * own data attributes (`data-anonymize`, `data-x--lead--*`, `componentkey`) before class names,
 * and the classic utility classes (`text-heading-xlarge`) before nothing. Each entry names the
 * fixture that needs it and a date to re-check it; an entry whose fixture no longer reflects a
 * live page should be retired. tests/lib/sites/linkedin/selectors.test.ts runs every entry
 * against every fixture and fails on an entry that matches none.
 *
 * Scopes: the profile `root`s, `GUEST_PROFILE.jsonLd`, `CONTACT_INFO.dialog`,
 * `SALES_NAV_LEAD.name`, `METADATA` and `LANDMARKS.main`/`.dialog` are queried on the document;
 * every other group only inside what those found (tests/lib/sites/linkedin/selector-scopes.ts
 * spells it out), never on the whole page, so the "People also viewed" rail, the activity feed,
 * the sticky header, the rep in the global nav and "Similar leads" can never answer.
 *
 * These are the precise layer, plus what the fallback layers (extract.ts) need when they fail:
 * `METADATA` (the document's own `og:` tags), `LANDMARKS` (main, its headings, an open dialog)
 * and `HIDDEN_VIEW` (views kept mounted but hidden). The document title and `og:title` lag behind SPA navigation (they can
 * still name the previous profile while the URL already names the next), so extract.ts takes a
 * name from them only when the URL's slug or the main heading says the same.
 *
 * Where the markup knowledge comes from: tests/fixtures/linkedin/README.md.
 */
import { labels } from './labels';

/** `tag[attribute^="<label>"]` for the label in every language of labels.ts, as one selector. */
const labelled = (tag: string, attribute: string, key: Parameters<typeof labels>[0]): string =>
  labels(key)
    .map((label) => `${tag}[${attribute}^="${label}"]`)
    .join(', ');

/**
 * LinkedIn's server-driven profile ("SDUI", served from 2025): hashed classes, no `<h1>`, the
 * name in an `<h2>`, the other top-card lines as unlabelled sibling `<p>`s, company and school
 * as `[role="button"]` badges. The card is keyed by a stable `componentkey` (or `id`) ending in
 * `Topcard`.
 */
export const SDUI_TOP_CARD = {
  root: [
    '[componentkey^="com.linkedin.sdui.profile.card."][componentkey$="Topcard"]', // profile-sdui.html, profile-sdui-contact-info.html; re-check 2027-05-23
    '[id^="com.linkedin.sdui.profile.card."][id$="Topcard"]', // profile-unicode.html (same key rendered as id); re-check 2027-05-23
  ],
  name: [
    '[data-view-name="profile-top-card-verified-badge"] h2', // profile-sdui.html (verified members); re-check 2027-05-23
    'h2', // profile-unicode.html (unverified members: no badge wrapper; the card's only h2); re-check 2027-05-23
  ],
  /** Headline, degree, pronouns, location...: the reader classifies them (extract.ts). */
  lines: [
    'p', // profile-sdui.html, profile-unicode.html: every top-card line is a bare <p>; re-check 2027-05-23
  ],
  /**
   * Links inside a line (Contact info, connections, mutual connections): not the line's text. A
   * line that is only a link is no line; "Leipzig, Sachsen, Deutschland · Kontaktinfo" in one
   * `<p>` is the location (profile-sdui-de-marker.html).
   */
  lineLinks: [
    'a', // profile-sdui.html, profile-unicode.html ("Coordonnées", "312 relations"), profile-sdui-de-marker.html; re-check 2027-06
  ],
  /** Current company first, then school; the name's own verified badge is also a button. */
  badges: [
    '[role="button"]', // profile-sdui.html, profile-unicode.html; re-check 2027-05-23
  ],
} as const;

/**
 * LinkedIn's Ember profile (before the server-driven one, still served to some members):
 * `section.artdeco-card` with the member id; the classic utility classes (2022,
 * `pv-text-details__*`) and, from 2024, hashed wrapper classes around the same `text-body-*`
 * text classes.
 */
export const EMBER_TOP_CARD = {
  root: [
    'section[data-member-id]', // profile-classic, -hashed, -crowded, -contact-info, spa-profile-a .html; re-check 2027-05-23
    'section.pv-top-card', // profile-classic.html (2022); retire 2027-05-23 unless a live page still has it
  ],
  name: [
    'a[href*="/overlay/about-this-profile/"] h1', // profile-hashed.html and every 2024 page: the h1's class is hashed, the link is not; re-check 2027-05-23
    'h1.text-heading-xlarge', // profile-classic.html (2022, no about-this-profile link); retire 2027-05-23
  ],
  headline: [
    '.text-body-medium.break-words', // profile-classic, -hashed, -crowded, -contact-info, spa-profile-a .html; re-check 2027-05-23
  ],
  location: [
    '.text-body-small.inline.t-black--light.break-words', // profile-classic, -hashed, -crowded, -contact-info, spa-profile-a .html; re-check 2027-05-23
    '.pv-text-details__left-panel span.text-body-small.inline', // profile-classic.html (2022); retire 2027-05-23
  ],
  /**
   * `aria-label="Current company: X. Click to skip to experience card"`, in the interface's
   * language (labels.ts): one entry holding every language's label.
   */
  currentCompany: [
    labelled('button', 'aria-label', 'currentCompany'), // profile-classic, -hashed, -crowded, -contact-info, -german, spa-profile-a .html; re-check 2027-06
  ],
  company: [
    '.pv-text-details__right-panel-item-text', // profile-classic.html (2022; text, any UI language); retire 2027-05-23
  ],
} as const;

/**
 * Links inside a top card that carry its owner's slug (`/in/<slug>/overlay/...`). A top card
 * whose links name another slug is stale: the SPA has pushed the next profile's URL but not
 * yet replaced the previous profile's card (spa-profile-a.html). Contact info also anchors
 * the location line in the server-driven layout.
 */
export const TOP_CARD_LINKS = {
  contactInfo: [
    'a[href*="/overlay/contact-info"]', // every logged-in profile fixture with a rendered top card; re-check 2027-05-23
  ],
  aboutThisProfile: [
    'a[href*="/overlay/about-this-profile"]', // profile-hashed, -crowded, -contact-info, spa-profile-a .html (2024 Ember); re-check 2027-05-23
  ],
} as const;

/**
 * The logged-out ("guest") public profile: server-rendered, never SPA-navigated, and the only
 * LinkedIn profile page that carries schema.org JSON-LD.
 */
export const GUEST_PROFILE = {
  root: [
    'section.top-card-layout', // profile-public.html; re-check 2027-05-23
  ],
  jsonLd: [
    'script[type="application/ld+json"]', // profile-public.html (a Person in an @graph); re-check 2027-05-23
  ],
  name: [
    'h1.top-card-layout__title', // profile-public.html; re-check 2027-05-23
  ],
  headline: [
    'h2.top-card-layout__headline', // profile-public.html; re-check 2027-05-23
  ],
  location: [
    '.top-card-layout__first-subline .top-card__subline-item', // profile-public.html; re-check 2027-05-23
  ],
  company: [
    '[data-section="currentPositionsDetails"] .top-card-link__description', // profile-public.html; re-check 2027-05-23
  ],
} as const;

/** The "Contact info" overlay (`/in/<slug>/overlay/contact-info/`), shown to 1st-degree connections. */
export const CONTACT_INFO = {
  dialog: [
    '[role="dialog"][aria-labelledby="pv-contact-info"]', // profile-contact-info.html (Ember artdeco modal); re-check 2027-05-23
    'dialog[data-testid="dialog"]', // profile-sdui-contact-info.html (2025 native <dialog>); re-check 2027-05-23
  ],
  email: [
    'a[href^="mailto:"]', // profile-contact-info.html, profile-sdui-contact-info.html; re-check 2027-05-23
  ],
} as const;

/**
 * A Sales Navigator lead page (`/sales/lead/<id>,NAME_SEARCH,<x>`). `name` is queried on the
 * document and must be unique to the lead: "Similar leads" and the account section mark their
 * people with `data-anonymize="person-name"` too, but on links and spans, never on the heading.
 * Everything else is read inside the `header` that contains the name.
 */
export const SALES_NAV_LEAD = {
  name: [
    'h1[data-x--lead--name]', // salesnav-lead-new.html (2023- lead page); re-check 2027-05-23
    'h1[data-anonymize="person-name"]', // salesnav-lead-new.html; re-check 2027-05-23
    '.profile-topcard-person-entity__name', // salesnav-lead-classic.html (profile-topcard era); retire 2027-05-23
    '#profile-card-section [data-anonymize="person-name"]', // salesnav-lead-classic.html; retire 2027-05-23
  ],
  /** Passed to `closest()` from the name: the lead's header card. */
  header: [
    'section', // salesnav-lead-classic.html (#profile-card-section), salesnav-lead-new.html (_header_ section); re-check 2027-05-23
  ],
  headline: [
    '[data-anonymize="headline"]', // salesnav-lead-classic.html, salesnav-lead-new.html; re-check 2027-05-23
  ],
  /** The current role's title, shown separately from the headline on the classic header only. */
  jobTitle: [
    '[data-anonymize="job-title"]', // salesnav-lead-classic.html; re-check 2027-05-23
    '.profile-topcard__summary-position-title', // salesnav-lead-classic.html; retire 2027-05-23
  ],
  company: [
    '[data-anonymize="company-name"]', // salesnav-lead-classic.html (text); re-check 2027-05-23
    'img[data-anonymize="company-logo"][title]', // salesnav-lead-new.html (name in the logo's title); re-check 2027-05-23
  ],
  /** The 2023- header shows the location without an attribute: not read there (no guessing). */
  location: [
    '[data-anonymize="location"]', // salesnav-lead-classic.html; re-check 2027-05-23
    '.profile-topcard__location-data', // salesnav-lead-classic.html; retire 2027-05-23
  ],
  /** "View LinkedIn profile" in the header's overflow menu, present once the menu has been opened. */
  publicProfile: [
    'a[data-control-name="view_linkedin"]', // salesnav-lead-classic.html; re-check 2027-05-23
    'a[href*="linkedin.com/in/"]', // salesnav-lead-classic.html; re-check 2027-05-23
  ],
} as const;

/** Screen-reader copies and hidden duplicates that must not reach a name or a title. */
export const HIDDEN_TEXT = [
  '.visually-hidden', // profile-classic, -hashed, -crowded, -contact-info, spa-profile-a, salesnav-lead-classic .html ("1st degree connection"); re-check 2027-05-23
  '[style*="display:none"]', // profile-sdui.html (a hidden duplicate degree line); re-check 2027-05-23
] as const;

/**
 * Views an app keeps mounted but hidden, such as the previous profile's screen after an SPA
 * navigation (kept for the back button, and first in document order): no card, heading or lead
 * header is read inside one. `aria-hidden` is not among them: an open dialog hides the page
 * behind it that way (profile-contact-info-es-text.html).
 */
export const HIDDEN_VIEW = [
  '[hidden]', // profile-sdui-spa-hidden.html; re-check 2027-06
] as const;

/**
 * The document's own metadata: the logged-out page's `og:` tags (logged-in pages have none). A
 * name from `og:title` counts only when `og:url`, if present, is this profile.
 */
export const METADATA = {
  ogTitle: [
    'meta[property="og:title"]', // profile-public.html; re-check 2027-06
  ],
  ogUrl: [
    'meta[property="og:url"]', // profile-public.html; re-check 2027-06
  ],
} as const;

/**
 * Landmarks and roles, for when the precise selectors find nothing (a deploy that drops
 * `data-member-id`, the card's `componentkey` or `data-anonymize`): the page's main region, its
 * headings, and an open dialog. These survive class hashing, lost ids and `data-*` attributes
 * and another language. A heading's card is no selector: it is the largest part of main around
 * the heading that links to this profile (or lead) and to no other (extract.ts), so a top card
 * without `<section>` (profile-sdui-rail-first.html) has one too, and nothing is taken on trust.
 */
export const LANDMARKS = {
  main: [
    'main, [role="main"]', // every fixture; re-check 2027-06
  ],
  /**
   * The person's name: the main region's first `<h1>`, else `<h2>`, whose card links to this
   * profile (or lead) and to no other: a rail rendered before the top card has names too
   * (profile-sdui-rail-first.html).
   */
  heading: [
    'h1', // profile-hashed-2025.html, salesnav-lead-bare.html and every Ember profile; re-check 2027-06
    'h2', // profile-stale-title, -sdui, -unicode, -sdui-rail-first, -cyrillic-it .html (the server-driven profile has no <h1>); re-check 2027-06
  ],
  /** An open dialog (the contact-info overlay) without its precise attributes. */
  dialog: [
    'dialog, [role="dialog"]', // profile-contact-info, -sdui-contact-info, -contact-info-es-text .html; re-check 2027-06
  ],
} as const;

/**
 * Where each selector group of lib/sites/linkedin/selectors.ts is meant to be queried, so the
 * selector table test runs every entry in its real scope (inside the top card, the lead header,
 * the contact-info dialog), never on the whole page where other people would match too.
 */
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
} from '../../../../lib/sites/linkedin/selectors';

type Scope = (doc: Document) => Element[];

const all = (root: ParentNode, selectors: readonly string[]): Element[] =>
  selectors.flatMap((selector) => Array.from(root.querySelectorAll(selector)));
const unique = (elements: Element[]): Element[] => [...new Set(elements)];

const page: Scope = (doc) => [doc.documentElement];
/** A card in a view the app keeps hidden is never read (profile-sdui-spa-hidden.html). */
const shown = (elements: Element[]): Element[] => elements.filter((el) => !el.closest(HIDDEN_VIEW.join(',')));
const sduiCards: Scope = (doc) => shown(unique(all(doc, SDUI_TOP_CARD.root)));
const emberCards: Scope = (doc) => shown(unique(all(doc, EMBER_TOP_CARD.root)));
const guestCards: Scope = (doc) => unique(all(doc, GUEST_PROFILE.root));
const profileCards: Scope = (doc) => [...sduiCards(doc), ...emberCards(doc)];
const dialogs: Scope = (doc) => unique(all(doc, CONTACT_INFO.dialog));
const leadHeaders: Scope = (doc) =>
  unique(
    all(doc, SALES_NAV_LEAD.name).flatMap((name) => {
      const header = name.closest(SALES_NAV_LEAD.header.join(','));
      return header ? [header] : [];
    }),
  );

export interface SelectorGroup {
  /** e.g. `EMBER_TOP_CARD.name` */
  id: string;
  selectors: readonly string[];
  scope: Scope;
  /** How the group is applied: `closest` groups are matched from the scope upwards. */
  mode?: 'closest';
}

const nameScope: Scope = (doc) => unique(all(doc, SALES_NAV_LEAD.name));
const mains: Scope = (doc) => unique(all(doc, LANDMARKS.main));

export const SELECTOR_GROUPS: readonly SelectorGroup[] = [
  { id: 'SDUI_TOP_CARD.root', selectors: SDUI_TOP_CARD.root, scope: page },
  { id: 'SDUI_TOP_CARD.name', selectors: SDUI_TOP_CARD.name, scope: sduiCards },
  { id: 'SDUI_TOP_CARD.lines', selectors: SDUI_TOP_CARD.lines, scope: sduiCards },
  { id: 'SDUI_TOP_CARD.lineLinks', selectors: SDUI_TOP_CARD.lineLinks, scope: sduiCards },
  { id: 'SDUI_TOP_CARD.badges', selectors: SDUI_TOP_CARD.badges, scope: sduiCards },
  { id: 'EMBER_TOP_CARD.root', selectors: EMBER_TOP_CARD.root, scope: page },
  { id: 'EMBER_TOP_CARD.name', selectors: EMBER_TOP_CARD.name, scope: emberCards },
  { id: 'EMBER_TOP_CARD.headline', selectors: EMBER_TOP_CARD.headline, scope: emberCards },
  { id: 'EMBER_TOP_CARD.location', selectors: EMBER_TOP_CARD.location, scope: emberCards },
  { id: 'EMBER_TOP_CARD.currentCompany', selectors: EMBER_TOP_CARD.currentCompany, scope: emberCards },
  { id: 'EMBER_TOP_CARD.company', selectors: EMBER_TOP_CARD.company, scope: emberCards },
  { id: 'TOP_CARD_LINKS.contactInfo', selectors: TOP_CARD_LINKS.contactInfo, scope: profileCards },
  { id: 'TOP_CARD_LINKS.aboutThisProfile', selectors: TOP_CARD_LINKS.aboutThisProfile, scope: profileCards },
  { id: 'GUEST_PROFILE.root', selectors: GUEST_PROFILE.root, scope: page },
  { id: 'GUEST_PROFILE.jsonLd', selectors: GUEST_PROFILE.jsonLd, scope: page },
  { id: 'GUEST_PROFILE.name', selectors: GUEST_PROFILE.name, scope: guestCards },
  { id: 'GUEST_PROFILE.headline', selectors: GUEST_PROFILE.headline, scope: guestCards },
  { id: 'GUEST_PROFILE.location', selectors: GUEST_PROFILE.location, scope: guestCards },
  { id: 'GUEST_PROFILE.company', selectors: GUEST_PROFILE.company, scope: guestCards },
  { id: 'CONTACT_INFO.dialog', selectors: CONTACT_INFO.dialog, scope: page },
  { id: 'CONTACT_INFO.email', selectors: CONTACT_INFO.email, scope: dialogs },
  { id: 'SALES_NAV_LEAD.name', selectors: SALES_NAV_LEAD.name, scope: page },
  { id: 'SALES_NAV_LEAD.header', selectors: SALES_NAV_LEAD.header, scope: nameScope, mode: 'closest' },
  { id: 'SALES_NAV_LEAD.headline', selectors: SALES_NAV_LEAD.headline, scope: leadHeaders },
  { id: 'SALES_NAV_LEAD.jobTitle', selectors: SALES_NAV_LEAD.jobTitle, scope: leadHeaders },
  { id: 'SALES_NAV_LEAD.company', selectors: SALES_NAV_LEAD.company, scope: leadHeaders },
  { id: 'SALES_NAV_LEAD.location', selectors: SALES_NAV_LEAD.location, scope: leadHeaders },
  { id: 'SALES_NAV_LEAD.publicProfile', selectors: SALES_NAV_LEAD.publicProfile, scope: leadHeaders },
  { id: 'HIDDEN_TEXT', selectors: HIDDEN_TEXT, scope: unionOfCards },
  { id: 'HIDDEN_VIEW', selectors: HIDDEN_VIEW, scope: page },
  { id: 'METADATA.ogTitle', selectors: METADATA.ogTitle, scope: page },
  { id: 'METADATA.ogUrl', selectors: METADATA.ogUrl, scope: page },
  { id: 'LANDMARKS.main', selectors: LANDMARKS.main, scope: page },
  { id: 'LANDMARKS.heading', selectors: LANDMARKS.heading, scope: mains },
  { id: 'LANDMARKS.dialog', selectors: LANDMARKS.dialog, scope: page },
];

/** Hidden-text selectors matter only where text is read: top cards and lead headers. */
function unionOfCards(doc: Document): Element[] {
  return [...profileCards(doc), ...guestCards(doc), ...leadHeaders(doc)];
}

/** The elements one selector of a group matches in its scope. */
export function matchesOf(doc: Document, group: SelectorGroup, selector: string): Element[] {
  return unique(
    group.scope(doc).flatMap((root) => {
      if (group.mode === 'closest') {
        const found = root.closest(selector);
        return found ? [found] : [];
      }
      return [
        ...(root.matches(selector) && root !== doc.documentElement ? [root] : []),
        ...Array.from(root.querySelectorAll(selector)),
      ];
    }),
  );
}

/** Every group's every entry, as `<group id>[<index>]` with its selector, in file order. */
export function selectorEntries(): { key: string; group: SelectorGroup; selector: string }[] {
  return SELECTOR_GROUPS.flatMap((group) =>
    group.selectors.map((selector, index) => ({ key: `${group.id}[${index}]`, group, selector })),
  );
}

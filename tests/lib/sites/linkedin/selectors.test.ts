import { describe, expect, it } from 'vitest';
import { LINKEDIN_CASES } from '../../../fixtures/linkedin/cases';
import { fixtureFiles, loadFixture } from '../../../support/fixtures';
import { matchesOf, SELECTOR_GROUPS, selectorEntries } from './selector-scopes';

/**
 * Which fixtures each selector entry matches, in its real scope (see selector-scopes.ts). When
 * LinkedIn changes its markup, a new fixture goes in and this table says which fallbacks still
 * hold; an entry that matches no fixture is dead and must go (or get the fixture that needs it).
 */
const EXPECTED: Record<string, readonly string[]> = {
  'SDUI_TOP_CARD.root[0]': [
    'profile-contact-info-es-text',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-spa-hidden',
  ],
  'SDUI_TOP_CARD.root[1]': ['profile-unicode'],
  'SDUI_TOP_CARD.name[0]': ['profile-contact-info-es-text', 'profile-sdui', 'profile-sdui-contact-info'],
  'SDUI_TOP_CARD.name[1]': [
    'profile-contact-info-es-text',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-spa-hidden',
    'profile-unicode',
  ],
  'SDUI_TOP_CARD.lines[0]': [
    'profile-contact-info-es-text',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-spa-hidden',
    'profile-unicode',
  ],
  'SDUI_TOP_CARD.lineLinks[0]': [
    'profile-contact-info-es-text',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-spa-hidden',
    'profile-unicode',
  ],
  'SDUI_TOP_CARD.badges[0]': [
    'profile-contact-info-es-text',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-spa-hidden',
    'profile-unicode',
  ],
  'EMBER_TOP_CARD.root[0]': [
    'profile-classic',
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'spa-profile-a',
  ],
  'EMBER_TOP_CARD.root[1]': ['profile-classic'],
  'EMBER_TOP_CARD.name[0]': [
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'spa-profile-a',
  ],
  'EMBER_TOP_CARD.name[1]': ['profile-classic'],
  'EMBER_TOP_CARD.headline[0]': [
    'profile-classic',
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'spa-profile-a',
  ],
  'EMBER_TOP_CARD.location[0]': [
    'profile-classic',
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'spa-profile-a',
  ],
  'EMBER_TOP_CARD.location[1]': ['profile-classic'],
  'EMBER_TOP_CARD.currentCompany[0]': [
    'profile-classic',
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'spa-profile-a',
  ],
  'EMBER_TOP_CARD.company[0]': ['profile-classic'],
  'TOP_CARD_LINKS.contactInfo[0]': [
    'profile-classic',
    'profile-contact-info',
    'profile-contact-info-es-text',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-spa-hidden',
    'profile-unicode',
    'spa-profile-a',
  ],
  'TOP_CARD_LINKS.aboutThisProfile[0]': [
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'spa-profile-a',
  ],
  'GUEST_PROFILE.root[0]': ['profile-public'],
  'GUEST_PROFILE.jsonLd[0]': ['profile-public'],
  'GUEST_PROFILE.name[0]': ['profile-public'],
  'GUEST_PROFILE.headline[0]': ['profile-public'],
  'GUEST_PROFILE.location[0]': ['profile-public'],
  'GUEST_PROFILE.company[0]': ['profile-public'],
  'CONTACT_INFO.dialog[0]': ['profile-contact-info'],
  'CONTACT_INFO.dialog[1]': ['profile-sdui-contact-info'],
  'CONTACT_INFO.email[0]': ['profile-contact-info', 'profile-sdui-contact-info'],
  'SALES_NAV_LEAD.name[0]': ['salesnav-lead-de', 'salesnav-lead-new', 'salesnav-lead-stale-de'],
  'SALES_NAV_LEAD.name[1]': ['salesnav-lead-de', 'salesnav-lead-new', 'salesnav-lead-stale-de'],
  'SALES_NAV_LEAD.name[2]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.name[3]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.header[0]': [
    'salesnav-lead-classic',
    'salesnav-lead-de',
    'salesnav-lead-new',
    'salesnav-lead-stale-de',
  ],
  'SALES_NAV_LEAD.headline[0]': [
    'salesnav-lead-classic',
    'salesnav-lead-de',
    'salesnav-lead-new',
    'salesnav-lead-stale-de',
  ],
  'SALES_NAV_LEAD.jobTitle[0]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.jobTitle[1]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.company[0]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.company[1]': ['salesnav-lead-de', 'salesnav-lead-new', 'salesnav-lead-stale-de'],
  'SALES_NAV_LEAD.location[0]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.location[1]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.publicProfile[0]': ['salesnav-lead-classic'],
  'SALES_NAV_LEAD.publicProfile[1]': ['salesnav-lead-classic'],
  'HIDDEN_TEXT[0]': [
    'profile-classic',
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'salesnav-lead-classic',
    'spa-profile-a',
  ],
  'HIDDEN_TEXT[1]': ['profile-sdui'],
  'HIDDEN_VIEW[0]': ['profile-sdui-spa-hidden'],
  'METADATA.ogTitle[0]': ['profile-public'],
  'METADATA.ogUrl[0]': ['profile-public'],
  'LANDMARKS.main[0]': [
    'feed',
    'profile-classic',
    'profile-contact-info',
    'profile-contact-info-es-text',
    'profile-crowded',
    'profile-cyrillic-it',
    'profile-ember-fr-2025',
    'profile-ember-pt-br',
    'profile-feed-first-nl',
    'profile-german',
    'profile-hashed',
    'profile-hashed-2025',
    'profile-late',
    'profile-public',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-rail-first',
    'profile-sdui-spa-hidden',
    'profile-stale-title',
    'profile-unicode',
    'salesnav-lead-bare',
    'salesnav-lead-classic',
    'salesnav-lead-de',
    'salesnav-lead-loading',
    'salesnav-lead-new',
    'salesnav-lead-stale-de',
    'spa-profile-a',
  ],
  'LANDMARKS.heading[0]': [
    'feed',
    'profile-classic',
    'profile-contact-info',
    'profile-crowded',
    'profile-ember-fr-2025',
    'profile-ember-pt-br',
    'profile-german',
    'profile-hashed',
    'profile-hashed-2025',
    'profile-public',
    'salesnav-lead-bare',
    'salesnav-lead-de',
    'salesnav-lead-new',
    'salesnav-lead-stale-de',
    'spa-profile-a',
  ],
  'LANDMARKS.heading[1]': [
    'profile-classic',
    'profile-contact-info',
    'profile-contact-info-es-text',
    'profile-crowded',
    'profile-cyrillic-it',
    'profile-ember-fr-2025',
    'profile-ember-pt-br',
    'profile-feed-first-nl',
    'profile-german',
    'profile-hashed',
    'profile-hashed-2025',
    'profile-public',
    'profile-sdui',
    'profile-sdui-contact-info',
    'profile-sdui-de-marker',
    'profile-sdui-rail-first',
    'profile-sdui-spa-hidden',
    'profile-stale-title',
    'profile-unicode',
    'salesnav-lead-bare',
    'salesnav-lead-classic',
    'salesnav-lead-de',
    'salesnav-lead-new',
    'salesnav-lead-stale-de',
  ],
  'LANDMARKS.dialog[0]': ['profile-contact-info', 'profile-contact-info-es-text', 'profile-sdui-contact-info'],
};

/** Groups whose every entry must point at one element only: the person's own name. */
const NAME_GROUPS = ['SDUI_TOP_CARD.name', 'EMBER_TOP_CARD.name', 'GUEST_PROFILE.name', 'SALES_NAV_LEAD.name'];

const FILES = fixtureFiles('linkedin');
const DOCS = FILES.map((file) => {
  const entry = LINKEDIN_CASES.find((c) => c.file === file);
  if (!entry) throw new Error(`${file} has no case in tests/fixtures/linkedin/cases.ts`);
  return { name: file.replace(/\.html$/, ''), doc: loadFixture('linkedin', file, entry.url).doc };
});
const ENTRIES = selectorEntries();

describe('LinkedIn selectors against every fixture', () => {
  it('has a case for every fixture file and a fixture file for every case', () => {
    expect(LINKEDIN_CASES.map((c) => c.file).sort()).toEqual(FILES);
  });

  it('lists every selector entry in the table, and nothing else', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(ENTRIES.map((e) => e.key).sort());
  });

  it.each(ENTRIES.map((e) => [e.key, e.selector, e] as const))(
    '%s %s matches exactly its fixtures',
    (key, _, entry) => {
      const matched = DOCS.filter(({ doc }) => matchesOf(doc, entry.group, entry.selector).length > 0).map(
        (d) => d.name,
      );
      expect(matched.sort()).toEqual([...(EXPECTED[key] ?? [])].sort());
    },
  );

  it('has no dead selector: every entry matches at least one fixture', () => {
    const dead = ENTRIES.filter(
      (entry) => !DOCS.some(({ doc }) => matchesOf(doc, entry.group, entry.selector).length > 0),
    ).map((e) => `${e.key} ${e.selector}`);
    expect(dead).toEqual([]);
  });

  it('finds at most one name per page, whatever else the page shows', () => {
    const groups = SELECTOR_GROUPS.filter((g) => NAME_GROUPS.includes(g.id));
    expect(groups).toHaveLength(NAME_GROUPS.length);
    for (const group of groups) {
      for (const selector of group.selectors) {
        for (const { name, doc } of DOCS) {
          expect(matchesOf(doc, group, selector).length, `${group.id} ${selector} on ${name}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

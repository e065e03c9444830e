/** Sales Navigator lead pages: the lead header by its selectors, else by landmarks and the title. */
import { normalizeLinkedinUrl } from '../../domain/identity';
import type { Extraction } from '../types';
import { cardLines, cardOf, landmark } from './landmarks';
import { leadOwner, profileUrl, slugOf } from './links';
import { namedBySlug, titleNames } from './metadata';
import { empty, MAX, merge, person, put, type Reading, read } from './reading';
import { LANDMARKS, SALES_NAV_LEAD } from './selectors';
import { clip, first, nameText, same, shown, textOf, titleFrom, visibleText } from './text';

export function salesNavLead(doc: Document, salesNavigatorId: string): Extraction {
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

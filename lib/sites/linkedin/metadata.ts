/**
 * The names the document gives about itself (schema.org JSON-LD, the title, `og:title`) and the
 * rules that confirm a name against the slug, the heading or a link to the profile itself.
 */
import type { ReadLayer } from '../types';
import { type Owner, slugOf } from './links';
import { MAX, type Reading, read } from './reading';
import { GUEST_PROFILE, LANDMARKS, METADATA } from './selectors';
import { cleanName, clip, first, same, shown, textLines, words } from './text';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The JSON-LD `Person` whose `url` is this profile (a page may describe other people too). */
export function jsonLdPerson(doc: Document, slug: string): Reading | undefined {
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
 * The names the document's own title and `og:title` give, most likely first: "(3) Dana
 * Whitfield | LinkedIn", "Dana Whitfield | Sales Navigator", "Kofi Mensah - Baobab Payments |
 * LinkedIn". Every part is a candidate; only a corroborated one is ever used.
 */
export function titleNames(doc: Document, slug?: string): string[] {
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
 * What links in main to this profile itself (not its overlays or detail pages, whose links say
 * "Contact info" or "Experience") show first: an author card's name, the name's own link.
 */
export function linkedNames(doc: Document, owner: Owner): string[] {
  const main = first(doc, LANDMARKS.main, shown);
  return Array.from(main?.querySelectorAll('a[href]') ?? []).flatMap((link) => {
    const href = link.getAttribute('href') ?? '';
    const itself = /\/in\/[^/?#]+\/?(?:[?#]|$)/.test(href) && owner(href) && shown(link);
    return itself ? [cleanName(textLines(link)[0]?.text ?? '')] : [];
  });
}

/**
 * The name two independent layers agree on: a title name the URL confirms (`confirms`) or the
 * heading repeats (then `metadata`), else a heading name the URL confirms (then `landmark`). A
 * title alone never names anyone: after an SPA navigation it still names the previous person
 * (profile-stale-title.html).
 */
export function corroborated(
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

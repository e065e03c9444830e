/**
 * What a LinkedIn link points at (a profile slug, a Sales Navigator lead) and whose it is: this
 * page's person, someone else, or no one. Every layer's stale-card rule rests on it.
 */
import { linkedinSlug, normalizeLinkedinUrl } from '../../domain/identity';

/** The public-profile slug a link points at, relative links resolved against LinkedIn. */
export function slugOf(href: string | null): string | null {
  if (!href) return null;
  try {
    return linkedinSlug(new URL(href, 'https://www.linkedin.com').href);
  } catch {
    return null;
  }
}

/** The canonical profile URL of a slug (as `normalizeLinkedinUrl` writes it). */
export function profileUrl(slug: string): string | undefined {
  return normalizeLinkedinUrl(`https://www.linkedin.com/in/${encodeURIComponent(slug)}/`) ?? undefined;
}

/** `/sales/lead/<id>,NAME_SEARCH,<x>`; `/sales/people/` is the pre-2021 form of the same page. */
const SALES_NAV_LEAD_PATH = /^\/sales\/(?:lead|people)\/([A-Za-z0-9_-]{8,200})(?:[,/]|$)/;

export function leadIdOf(path: string): string | undefined {
  try {
    path = decodeURIComponent(path); // commas arrive as %2C from some links
  } catch {
    // keep the raw path
  }
  return SALES_NAV_LEAD_PATH.exec(path)?.[1];
}

/** Says whose a link is: `true` this page's person, `false` someone else, `null` no one's. */
export type Owner = (href: string) => boolean | null;

export const profileOwner =
  (slug: string): Owner =>
  (href) => {
    const owner = slugOf(href);
    return owner === null ? null : owner === slug;
  };

export const leadOwner =
  (id: string): Owner =>
  (href) => {
    const path = /\/sales\/(?:lead|people)\/[^?#]*/.exec(href)?.[0];
    const lead = path && leadIdOf(path);
    return lead ? lead === id : null;
  };

/**
 * Whether nothing in `region` links to another member (a stale card, or a list of other people),
 * and, when `tie` is asked for, something links to this one (`/in/<slug>/overlay/...`, the
 * profile's own URL).
 */
export function owned(region: Element, owner: Owner, tie: boolean): boolean {
  let tied = false;
  for (const link of Array.from(region.querySelectorAll('a[href]'))) {
    const own = owner(link.getAttribute('href') ?? '');
    if (own === false) return false;
    if (own) tied = true;
  }
  return tied || !tie;
}

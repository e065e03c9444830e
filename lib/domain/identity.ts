/**
 * Normalisation of the keys a person is recognised by. A lead imported from a CRM as
 * `Jane.Doe+webinar@Acme.com` must be found when the rep opens a Gmail thread from
 * `jane.doe@acme.com`, and `https://de.linkedin.com/in/Jane-Doe/?locale=de_DE` must
 * match `linkedin.com/in/jane-doe`.
 */

/** Lower-cases, trims and drops plus-addressing (`jane+news@x.com` -> `jane@x.com`). */
export function normalizeEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return trimmed;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}@${domain}`;
}

/** The domain part of an email address, lower-cased; `undefined` when there is none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return undefined;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

/** Lower-cases a company domain and strips scheme, `www.`, path and trailing dot. */
export function normalizeDomain(input: string): string {
  let value = input.trim().toLowerCase();
  value = value.replace(/^[a-z]+:\/\//, '');
  value = value.split(/[/?#]/, 1)[0] ?? '';
  value = value.replace(/:\d+$/, '').replace(/\.$/, '');
  return value.startsWith('www.') ? value.slice(4) : value;
}

const LINKEDIN_HOST = /^([a-z]{2,3}\.|www\.|m\.)?linkedin\.com$/;

/**
 * The public-profile slug of a LinkedIn URL (`/in/<slug>`), decoded and lower-cased,
 * whatever the locale subdomain, trailing path (`/details/experience/`), query or
 * fragment. `null` for anything that is not a public profile URL (Sales Navigator
 * lead URLs carry an opaque id, not the slug).
 */
export function linkedinSlug(input: string): string | null {
  let raw = input.trim();
  if (!raw) return null;
  if (!/^[a-z]+:\/\//i.test(raw)) raw = `https://${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!LINKEDIN_HOST.test(url.hostname.toLowerCase())) return null;
  const match = /^\/(?:in|pub)\/([^/]+)/i.exec(url.pathname);
  if (!match?.[1]) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]);
  } catch {
    slug = match[1];
  }
  slug = slug.trim().toLowerCase();
  return slug.length > 0 && slug.length <= 200 ? slug : null;
}

/** The canonical form of a LinkedIn profile URL: `https://www.linkedin.com/in/<slug>/`. */
export function normalizeLinkedinUrl(input: string): string | null {
  const slug = linkedinSlug(input);
  return slug === null ? null : `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`;
}

/**
 * Free-mail providers: an address there says nothing about the company. Used by the
 * scoring model's `personal_email` rule and to avoid taking gmail.com as a company domain.
 */
export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'ymail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.ru',
  'qq.com',
  '163.com',
  'zoho.com',
  'fastmail.com',
];

const PERSONAL = new Set(PERSONAL_EMAIL_DOMAINS);

export function isPersonalEmailDomain(domain: string): boolean {
  return PERSONAL.has(domain.toLowerCase());
}

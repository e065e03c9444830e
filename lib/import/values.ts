import type { PageCategory } from '../domain/enums';
import { normalizeName } from './mapping';

/**
 * A cell as the importer reads it: trimmed, `undefined` when empty. Two things are undone:
 * the apostrophe a spreadsheet-safe export puts before `= + - @` (ours does, so a phone
 * "+1 415..." exported as "'+1 415..." comes back as it was), and Excel's `#N/A` and a
 * database dump's `NULL`, which mean "no value", not the text.
 */
export function cleanCell(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let value = raw.trim();
  if (/^'[=+\-@\t\r]/.test(value)) value = value.slice(1);
  if (value === '' || value === '#N/A' || value === 'NULL') return undefined;
  return value;
}

/** Shortens a value for a report line; a cell can hold a whole paragraph. */
export function preview(value: string, max = 120): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Email addresses of a cell: one, or several separated by `;`, `,` or spaces (HubSpot's additional emails). */
export function splitEmails(value: string): string[] {
  return value
    .split(/[;,\s]+/)
    .map((part) => part.replace(/^mailto:/i, '').replace(/^<|>$/g, ''))
    .filter((part) => part.length > 0);
}

/**
 * A head count as CRMs and enrichment tools write it: `1200`, `1,200`, `1.200` (thousands
 * dot), `1 200`, or a band such as `51-200` / `10,001+`, read as its lower bound (the
 * company has at least that many). `undefined` for anything else.
 */
export function parseEmployees(value: string): number | undefined {
  const text = value.replace(/[\s\u00a0\u202f]/g, '').replace(/employees?$/i, '');
  const band = /^([\d.,]+)(?:[-–—]([\d.,]+)|\+)?$/.exec(text);
  if (!band?.[1]) return undefined;
  const number = parseGrouped(band[1]);
  return number !== undefined && number <= 10_000_000 ? number : undefined;
}

function parseGrouped(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''));
  // "1500.0" from a spreadsheet that stored the count as a float
  if (/^\d+\.0+$/.test(text)) return Number(text.split('.')[0]);
  return undefined;
}

/** Names for countries that the region names of `Intl.DisplayNames` do not produce. */
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  us: 'US',
  unitedstatesofamerica: 'US',
  america: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  britain: 'GB',
  holland: 'NL',
  thenetherlands: 'NL',
  southkorea: 'KR',
  korea: 'KR',
  republicofkorea: 'KR',
  czechrepublic: 'CZ',
  russianfederation: 'RU',
  uae: 'AE',
  vietnam: 'VN',
  turkey: 'TR',
  ivorycoast: 'CI',
};

/** Region codes `Intl.DisplayNames` knows that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);

let countryIndex: Map<string, string> | undefined;

/**
 * Country names -> ISO 3166-1 alpha-2, built once from the browser's own region names in
 * the languages CRM exports are usually written in, so "Germany", "Deutschland" and
 * "Allemagne" all find DE without a hand-kept table.
 */
function countries(): Map<string, string> {
  if (countryIndex) return countryIndex;
  const index = new Map<string, string>();
  const names = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'].map((l) => new Intl.DisplayNames([l], { type: 'region' }));
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      // Deprecated codes (DD, UK, YU) are displayed under their successor's name: skip them.
      if (NOT_COUNTRIES.has(code) || Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      for (const display of names) {
        const name = display.of(code);
        if (!name || name === code) continue;
        index.set(code.toLowerCase(), code);
        // "Myanmar (Burma)" is also written "Myanmar".
        for (const variant of [name, name.replace(/\s*\(.*\)$/, '')]) {
          const key = normalizeName(variant);
          if (!index.has(key)) index.set(key, code);
        }
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) index.set(alias, code);
  countryIndex = index;
  return index;
}

/** The ISO 3166-1 alpha-2 code of a country written as a code or a name, or `undefined`. */
export function resolveCountry(value: string): string | undefined {
  return countries().get(normalizeName(value));
}

/** The kind of page a URL or page title is about, for a page visit from an activity log. */
export function pageCategoryOf(value: string): PageCategory {
  // The path only: "brightpath-demo.com/docs" is a docs page, not a demo page.
  let text = value.toLowerCase();
  try {
    const url = new URL(/^[a-z]+:\/\//.test(text) ? text : `https://${text}`);
    if (url.hostname.includes('.')) text = `${url.pathname}${url.search}`;
  } catch {
    // Not a URL: a page title such as "Pricing | Acme"
  }
  if (/pricing|\/plans?\b|\/price/.test(text)) return 'pricing';
  if (/\bdemo\b|book-a-demo|request-demo/.test(text)) return 'demo';
  if (/\/vs\b|-vs-|compare|comparison|alternative/.test(text)) return 'comparison';
  if (/case-stud|case stud|customers?\//.test(text)) return 'case_study';
  if (/\/features?\b|\/product\b|\/platform\b/.test(text)) return 'features';
  if (/\/blog\b/.test(text)) return 'blog';
  if (/\/docs?\b|documentation|\/help\b/.test(text)) return 'docs';
  if (/careers|\/jobs?\b/.test(text)) return 'careers';
  return 'other';
}

const SF_SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a Salesforce id: reports export 15 case-sensitive characters,
 * Data Loader and the API 18 (a 3-character checksum of the case makes them safe for
 * case-insensitive tools). Importing both shapes as 18 lets a re-import of either export
 * match. Anything that is not a 15- or 18-character id is returned as given.
 */
export function salesforceId18(id: string): string {
  if (/^[a-zA-Z0-9]{18}$/.test(id)) return id;
  if (!/^[a-zA-Z0-9]{15}$/.test(id)) return id;
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(block * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SF_SUFFIX.charAt(bits);
  }
  return id + suffix;
}

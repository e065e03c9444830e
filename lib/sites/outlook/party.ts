import type { ReadLayer } from '../types';
import { ROLE_PREFIX } from './labels';

// What both reading layers share: people, messages, names, dates. Runs in the page.

/** One person of a message, and the layer that read each of their fields. */
export interface Party {
  name?: string;
  email?: string;
  nameBy?: ReadLayer;
  emailBy?: ReadLayer;
}

export interface Message {
  from: Party;
  /** To recipients first, then Cc: the order the prospect is looked for in. */
  recipients: Party[];
  sent?: number[];
}

// Deliberately loose on the local part, strict on the domain: the receiving side validates.
export const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+[a-z]{2,}/i;
// "Okonkwo, Chidi" is Outlook's Last, First; "Acme, Inc." or "Lee, Jr." is not.
const NOT_A_FIRST_NAME = /^(?:jr|sr|ii|iii|iv|phd|md|esq|inc|llc|ltd|gmbh|co|corp|plc|ag|sa)\.?$/i;
// A directory's tag on a display name, not part of it: "Weiß, Jürgen (HW-Vertrieb)"
// (message-de-recipient-well.html), "[EXT] Dana", "Dana Whitfield (she/her)".
const ORG_TAG = /^\[[^\]]*\]\s*(?=\S)|(?<=\S)\s*[([][^()[\]]*[)\]]$/g;

/** Text as shown: no invisible marks, one space between words. */
export function clean(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A text without its From/To/Cc prefix, in any language of labels.ts. */
export const unprefixed = (text: string): string => text.replace(ROLE_PREFIX, '');

/**
 * "'Okonkwo, Chidi' <chidi@x.com>" -> "Chidi Okonkwo"; nothing if only an address is left, or
 * if a colon is: "Da: Dana" is a label in a language labels.ts does not know, not a name.
 */
export function displayName(raw: string): string | undefined {
  let name = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(new RegExp(EMAIL.source, 'gi'), ' ')
    .trim()
    .replace(ORG_TAG, '')
    .replace(/[\s()[\]<>;]+/g, ' ')
    .trim();
  name = name.replace(/^(["'\u2018\u201C])(.*)["'\u2019\u201D]$/, '$2').trim();
  const parts = name.split(',').map((s) => s.trim());
  if (parts.length === 2 && parts[0] && parts[1] && !NOT_A_FIRST_NAME.test(parts[1])) name = `${parts[1]} ${parts[0]}`;
  return name && name.length <= 200 && !/[@:]/.test(name) ? name : undefined;
}

/**
 * The open message: the newest expanded one. OWA expands the newest and any unread, and
 * sorts either way (newest on top is its default). When every expanded message has a date
 * we compare them; otherwise the first in the document is taken, which is the newest in the
 * default order.
 */
export function newest(messages: Message[]): Message | undefined {
  const dated = messages.every((m) => m.sent);
  // Day before month when any date says so (13/11/2026); US order otherwise.
  const dayFirst = messages.some((m) => m.sent && m.sent[0] !== undefined && m.sent[0] > 12);
  const key = (m: Message): number => {
    const [a = 0, b = 0, y = 0, h = 0, min = 0] = m.sent ?? [];
    const [month, day] = dayFirst ? [b, a] : [a, b];
    return (((y * 13 + month) * 32 + day) * 24 + h) * 60 + min;
  };
  let best = messages[0];
  if (dated) for (const m of messages) if (best && key(m) > key(best)) best = m;
  return best;
}

/**
 * "Thu 11/19/2026 4:05 PM" -> [11, 19, 2026, 16, 5] (first, second, year, hour, minute), the
 * day/month order left to `newest`; ISO "2026-11-19 16:05" comes out month first; German
 * "Do 19.11.2026 16:05" day first.
 */
export function dateParts(text: string): number[] | undefined {
  const m = /(\d{1,4})[./-](\d{1,2})[./-](\d{2,4})(?:\D+?(\d{1,2})[:.](\d{2})\s*([ap])?)?/i.exec(text);
  if (!m) return undefined;
  const [, p = '', q, r, hh = '0', mm = '0', ampm] = m;
  const h = Number(hh);
  const hour = ampm ? (h % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0) : h;
  // A four-digit first field is a year: year-month-day, which sorts as month-day-year.
  return p.length === 4
    ? [Number(q), Number(r), Number(p), hour, Number(mm)]
    : [Number(p), Number(q), Number(r), hour, Number(mm)];
}

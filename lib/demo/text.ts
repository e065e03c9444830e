/**
 * ASCII folding of names for the parts of an identity that must be ASCII in practice:
 * email local parts, company domains and LinkedIn slugs.
 */

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ø: 'o', ł: 'l', ı: 'i', æ: 'ae', đ: 'd' };

const folded = new Map<string, string>();

/** Lower-case ASCII for emails, domains and URL slugs ("Ñúñez" -> "nunez", "Müller" -> "mueller"). */
export function fold(text: string): string {
  let ascii = folded.get(text);
  if (ascii === undefined) {
    ascii = foldUncached(text);
    // Inputs come from the bounded word lists, so the cache stays small.
    folded.set(text, ascii);
  }
  return ascii;
}

function foldUncached(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äöüßøłıæđ]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Letters and digits only: "O'Connor" -> "oconnor", "Orchard & Finch" -> "orchardfinch". */
export const emailPart = (text: string): string => fold(text).replace(/[^a-z0-9]/g, '');
/** Hyphen-separated: "van der Berg" -> "van-der-berg". */
export const slugPart = (text: string): string =>
  fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

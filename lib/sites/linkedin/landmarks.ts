/**
 * The person without known classes: the main region's heading tied to the profile by its links,
 * its card, and the card's lines read by their place around the name.
 */
import { labelWords } from './labels';
import { type Owner, owned } from './links';
import { empty, MAX, put, type Reading } from './reading';
import { EMBER_TOP_CARD, LANDMARKS, TOP_CARD_LINKS } from './selectors';
import {
  CONTROL,
  clean,
  clip,
  companyText,
  first,
  nameText,
  PRONOUNS,
  precedes,
  SCHOOL,
  same,
  shown,
  textLines,
  textOf,
  titleFrom,
  visibleText,
} from './text';

export interface Landmark {
  /** The heading (or, on a lead page, the element) holding the name. */
  el: Element;
  /** Its card (`cardOf`). */
  region: Element;
  name: string;
}

/**
 * The main region's first shown heading (`<h1>`, else `<h2>`) whose card links to this person
 * and to no other member: a rail rendered before the top card has its own headings, in links to
 * other members (profile-sdui-rail-first.html), and a previous profile's card links to its owner.
 */
export function landmark(doc: Document, owner: Owner): Landmark | undefined {
  const main = first(doc, LANDMARKS.main, shown);
  for (const selector of main ? LANDMARKS.heading : []) {
    for (const el of Array.from(main?.querySelectorAll(selector) ?? [])) {
      const name = shown(el) ? clip(nameText(el), MAX.name) : undefined;
      const region = name && main ? cardOf(el, main, owner) : null;
      if (name && region && owned(region, owner, true)) return { el, region, name };
    }
  }
  return undefined;
}

/**
 * An element's card, whatever the markup wraps it in (a `<section>`, or hashed `<div>`s only):
 * its largest ancestor inside `main` that links to no other member. `null` when the element sits
 * in a link to someone else (a rail, "People also viewed").
 */
export function cardOf(el: Element, main: Element, owner: Owner): Element | null {
  if (owner(el.closest('a[href]')?.getAttribute('href') ?? '') === false) return null;
  let card: Element | null = null;
  for (let node: Element | null = el; node && owned(node, owner, false); node = node.parentElement) {
    card = node;
    if (node === main) break;
  }
  return card;
}

/**
 * A connection degree, alone or in its screen-reader sentence: "2nd", "3e+", "1st degree
 * connection", "Kontakt 1. Grades", "Relation de 1er niveau". The ordinal ending is required, so
 * a headline such as "Top 3 Voice" is not one.
 */
const DEGREE = new RegExp(`^(?:\\p{L}+\\s+){0,2}\\d(?:${labelWords('ordinals')})\\+?(?:\\s+\\p{L}+){0,2}$`, 'iu');
const VERIFIED = new RegExp(`^(?:${labelWords('verified')})$`, 'i');
const CONTACT_LABEL = new RegExp(`^(?:${labelWords('contactInfo')})$`, 'i');

/** Pronouns, the connection degree, the verified badge or the name again: no field of its own. */
function aside(text: string, name: string): boolean {
  if (same(text, name)) return true;
  return text.split(/[·•]/).every((part) => {
    const p = part.trim();
    return !/\p{L}/u.test(p) || PRONOUNS.test(p) || DEGREE.test(p) || VERIFIED.test(p);
  });
}

/**
 * The card's other fields, read by their place around the name (`landmark`), never by class:
 * the line right after the name (past pronouns and degree) is the headline, unless it is a link
 * or a button; the last plain line before the "Contact info" link is the location; the current
 * company is the labelled button (`label`), else a badge or link whose text (or logo's title) the
 * headline ends with ("Directeur commercial · Lumière Analytique"), so it is never a guess.
 */
export function cardLines({ el, region, name }: Landmark, known?: string): Reading {
  const reading = empty();
  const lines = textLines(region).filter((line) => precedes(el, line.node) && !el.contains(line.node));
  const at = lines.findIndex((line) => !aside(line.text, name));
  const headline = lines[at]?.control === null ? lines[at] : undefined;
  if (!headline) return reading;
  const rest = lines.slice(at + 1);

  put(reading, 'company', textOf(region, EMBER_TOP_CARD.currentCompany, companyText, MAX.company), 'label');
  if (!known && !reading.fields.company) {
    for (const control of Array.from(region.querySelectorAll(CONTROL))) {
      if (!precedes(headline.node, control)) continue;
      const image = control.querySelector('img[title], img[alt]');
      const text = clip(
        visibleText(control) || image?.getAttribute('title') || image?.getAttribute('alt') || '',
        MAX.company,
      );
      if (text && !SCHOOL.test(text) && titleFrom(headline.text, text) !== headline.text) {
        put(reading, 'company', text, 'landmark');
        break;
      }
    }
  }
  put(reading, 'title', titleFrom(clip(headline.text, MAX.title), known ?? reading.fields.company), 'landmark');

  const contact =
    first(region, TOP_CARD_LINKS.contactInfo) ??
    Array.from(region.querySelectorAll(CONTROL)).find((c) => CONTACT_LABEL.test(clean(c.textContent ?? '')));
  if (contact) {
    const before = rest.filter((line) => !line.control && !aside(line.text, name) && precedes(line.node, contact));
    put(reading, 'location', clip(before[before.length - 1]?.text ?? '', MAX.location), 'landmark');
  }
  return reading;
}

import { labelled, prefix, ROLE_PREFIX } from './labels';
import { clean, dateParts, displayName, EMAIL, type Message, type Party, unprefixed } from './party';
import { OUTLOOK_LANDMARKS as L, OUTLOOK_SELECTORS as S } from './selectors';

// The second reading of an Outlook page, for when the precise selectors find no open message
// (a build without OWA's container ids, a localised interface): by landmarks and roles, data
// shapes (an address in a persona's title, a mail link, "Name <address>" text) and, last, the
// labels of labels.ts. Pure and page-side like extract.ts.

const BODY = `${L.body}, ${labelled('body')}`;
const HEADER_END = `${BODY}, ${L.headerEnd}`;
const HIDDEN = `${BODY}, ${L.chrome}, ${L.invisible}, ${L.draft}, ${S.collapsed.join()}`;
const FROM = prefix('from');
const TO = prefix('to');
const CC = prefix('cc');
// A person's own text, title or label: the address alone, or "Name <address>".
const SHAPE = new RegExp(`^(?:[^<>]*<\\s*(${EMAIL.source})\\s*>|(${EMAIL.source}))$`, 'i');
// A plain-text reply header's rule: "-----Original Message-----", "-----Ursprüngliche Nachricht-----",
// Outlook's row of underscores (message-no-container-ids.html).
const SEPARATOR = /^(?:-{3,}[^-]{1,40}-{3,}|_{10,})$/;
const TEXT_NODES = 4; // NodeFilter.SHOW_TEXT: the page's own globals are not ours to rely on in tests.
const PRECEDING = 2; // Node.DOCUMENT_POSITION_PRECEDING

/**
 * Where the open message is when the precise selectors did not say: the pane or item they
 * found, else the shown main landmark (the one holding a message body, if several; a previous
 * view's may linger hidden: message-hidden-previous-view.html), else an element labelled as the
 * reading pane in any language; else, on a message URL only, the whole document (the item view
 * has no landmark: message-lastname-first.html without its ids).
 */
export function landmarkScope(doc: Document, found: Element | undefined, messageUrl: boolean): Element | undefined {
  if (found) return found;
  const shown = (selector: string) => [...doc.querySelectorAll(selector)].filter((el) => !el.closest(L.invisible));
  const mains = shown(L.pane);
  const pane = mains.find((main) => main.querySelector(BODY)) ?? mains[0] ?? shown(labelled('readingPane'))[0];
  return pane ?? (messageUrl && doc.body ? doc.body : undefined);
}

/**
 * The expanded messages in `scope`, each with a sender. `opened` says whether the scope shows
 * a message at all, with or without a sender this layer could read.
 */
export function readLandmarks(scope: Element): { opened: boolean; messages: Message[] } {
  const regions = messageRegions(scope);
  const messages = regions.map(readMessage).filter((m): m is Message => m !== undefined);
  return { opened: regions.length > 0, messages };
}

/**
 * The messages of the scope: elements labelled as one (any language); else each body's nearest
 * enclosing element with a person in its header; else the innermost regions or articles with
 * one; else the scope itself, when it holds a person.
 */
function messageRegions(scope: Element): Element[] {
  const usable = (el: Element) => !hidden(el, scope);
  const named = [...scope.querySelectorAll(labelled('message'))].filter(usable);
  if (named.length > 0) return named;
  // A draft's editor may be labelled like a body (message-fr-forward-draft.html): not a message.
  const bodies = [...scope.querySelectorAll(BODY)].filter((b) => usable(b) && !b.matches(L.draft));
  const enclosing = new Set(bodies.map((b) => enclosingMessage(b, scope)).filter((m) => m !== undefined));
  if (enclosing.size > 0) return [...enclosing];
  const regions = [...scope.querySelectorAll(L.message)].filter((r) => usable(r) && persons(r).length > 0);
  const innermost = regions.filter((r) => !regions.some((other) => other !== r && r.contains(other)));
  if (innermost.length > 0) return innermost;
  return persons(scope).length > 0 ? [scope] : [];
}

/** The nearest ancestor of `body` with a person in its header, before it takes in another body. */
function enclosingMessage(body: Element, scope: Element): Element | undefined {
  for (let el = body.parentElement; el && scope.contains(el); el = el.parentElement) {
    if ([...el.querySelectorAll(BODY)].some((other) => !body.contains(other))) return undefined;
    if (persons(el).length > 0) return el;
  }
  return undefined;
}

/**
 * Whether `node` sits, below `root`, in what is never a participant: a body or quote, the app's
 * chrome, a collapsed item. Asked of its parent, so a body is not hidden by being one.
 */
function hidden(node: Node, root: Element): boolean {
  const found = node.parentElement?.closest(HIDDEN);
  return !!found && found !== root && root.contains(found);
}

/** The first element or text that ends the message's header: its body, a quote, a rule. */
function headerEnd(message: Element): Node | undefined {
  const marked = message.querySelector(HEADER_END) ?? undefined;
  const walker = message.ownerDocument.createTreeWalker(message, TEXT_NODES);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (marked && !(marked.compareDocumentPosition(node) & PRECEDING)) break;
    if (SEPARATOR.test(clean(node.textContent))) return node;
  }
  return marked;
}

function inHeader(node: Node, message: Element, end: Node | undefined): boolean {
  if (hidden(node, message)) return false;
  return !end || (end !== node && !end.contains(node) && (end.compareDocumentPosition(node) & PRECEDING) !== 0);
}

/**
 * The people of a message's header, in document order: persona buttons, mail links and
 * elements titled with an address, outermost first; and any other text shaped like an address.
 */
function persons(message: Element): Element[] {
  const end = headerEnd(message);
  const found = [...message.querySelectorAll(L.person)].filter((el) => inHeader(el, message, end) && addressOf(el));
  const walker = message.ownerDocument.createTreeWalker(message, TEXT_NODES);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && SHAPE.test(unprefixed(clean(node.textContent))) && inHeader(node, message, end)) {
      if (!parent.closest(L.person)) found.push(personaOf(parent));
    }
  }
  const outermost = found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
  return [...new Set(outermost)].sort((a, b) => (b.compareDocumentPosition(a) & PRECEDING ? -1 : 1));
}

/**
 * An "<address>" shown apart from its name, in a persona of two spans and no role
 * (message-de-recipient-well.html): the persona is the parent holding just the two, and at
 * most a line label ("To: Name<address>"); never a line of several people.
 */
function personaOf(el: Element): Element {
  const up = el.parentElement;
  const squash = (node: Node | null | undefined) => unprefixed(clean(node?.textContent)).replace(/\s/g, '');
  const pair = squash(el.previousElementSibling) + squash(el);
  return up && clean(el.textContent).startsWith('<') && squash(up) === pair ? up : el;
}

/** The address a person element shows by its shape: title, mail link, text, label. */
function addressOf(el: Element): string | undefined {
  const titled = [el, ...el.querySelectorAll('[title*="@"]')].map((t) => t.getAttribute('title'));
  const link = el.closest('a[href^="mailto:" i]') ?? el.querySelector('a[href^="mailto:" i]');
  const href = link?.getAttribute('href')?.slice(7).split('?')[0];
  for (const raw of [...titled, href, el.textContent, el.getAttribute('aria-label')]) {
    const m = raw ? SHAPE.exec(unprefixed(clean(raw))) : null;
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

/**
 * A person's name and address. The name is the visible text beside the address; a From/To/Cc
 * label ("Von: Dana Whitfield") only when the text has none. When both say a name and they
 * differ, no name: a label in a language we do not know must not become one.
 */
function readPerson(el: Element): Party {
  const email = addressOf(el);
  const text = displayName(unprefixed(clean(el.textContent)));
  const label = labelName(el);
  const party: Party = email ? { email, emailBy: 'shape' } : {};
  if (text && label && text.toLowerCase() !== label.toLowerCase()) return party;
  if (text) return { ...party, name: text, nameBy: 'landmark' };
  if (label) return { ...party, name: label, nameBy: 'label' };
  return party;
}

function labelName(el: Element): string | undefined {
  const label = clean(el.getAttribute('aria-label'));
  return ROLE_PREFIX.test(label) ? displayName(unprefixed(label)) : undefined;
}

type Role = 'from' | 'to' | 'cc' | undefined;

/** Which line a person stands on, by the nearest From/To/Cc label around them, in any language. */
function roleOf(el: Element, message: Element): Role {
  for (let node: Element | null = el; node && node !== message; node = node.parentElement) {
    for (const text of [clean(node.getAttribute('aria-label')), clean(node.textContent)]) {
      if (FROM.test(text)) return 'from';
      if (TO.test(text)) return 'to';
      if (CC.test(text)) return 'cc';
    }
  }
  return undefined;
}

/**
 * One message: its sender is the person on the From line; with no From label around anyone,
 * the header's first person, unless that one stands on a To or Cc line. A From line without
 * an address gives the name alone, from its label. Recipients: To, unlabelled, then Cc.
 */
function readMessage(message: Element): Message | undefined {
  const people = persons(message);
  const roles = people.map((p) => roleOf(p, message));
  let fromAt = roles.indexOf('from');
  const fromLine = fromAt < 0 ? labelledFrom(message) : undefined;
  if (fromAt < 0 && !fromLine && people.length > 0 && roles[0] === undefined) fromAt = 0;
  const fromEl = people[fromAt];
  const from = fromEl ? readPerson(fromEl) : fromLine;
  if (!from || (!from.name && !from.email)) return undefined;
  const rank = (role: Role) => (role === 'to' ? 0 : role === undefined ? 1 : 2);
  const recipients = people
    .map((el, i) => ({ el, role: roles[i] }))
    .filter(({ el, role }) => el !== fromEl && role !== 'from')
    .sort((a, b) => rank(a.role) - rank(b.role))
    .map(({ el }) => readPerson(el));
  return { from, recipients, sent: sentOf(message, people) };
}

/** A From line with no address on it: the name its label or text gives, if any. */
function labelledFrom(message: Element): Party | undefined {
  const end = headerEnd(message);
  // A line is labelled and says more than its label: "From: Dana", not the "From:" span in it.
  const says = (text: string) => FROM.test(text) && unprefixed(text) !== '';
  const lines = [...message.querySelectorAll('*')].filter(
    (el) => inHeader(el, message, end) && (says(clean(el.getAttribute('aria-label'))) || says(clean(el.textContent))),
  );
  const line = lines.find((el) => !lines.some((other) => other !== el && el.contains(other)));
  if (!line) return undefined;
  const name = labelName(line) ?? displayName(unprefixed(clean(line.textContent)));
  return name ? { name, nameBy: 'label' } : {};
}

/** When the message was sent: the first date in its header outside the people. */
function sentOf(message: Element, people: Element[]): number[] | undefined {
  const end = headerEnd(message);
  const walker = message.ownerDocument.createTreeWalker(message, TEXT_NODES);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!inHeader(node, message, end) || people.some((p) => p.contains(node))) continue;
    const date = dateParts(clean(node.textContent));
    if (date) return date;
  }
  return undefined;
}

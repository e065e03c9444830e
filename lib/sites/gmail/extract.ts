import { emailDomain, isPersonalEmailDomain, normalizeDomain, normalizeEmail } from '../../domain/identity';
import {
  type AdapterContext,
  type Extraction,
  MAX_PARTICIPANTS,
  type PageIdentity,
  type ReadBy,
  type ReadLayer,
} from '../types';
import { isMailSystem, isNoPerson } from '../mail-systems';
import { gmailLabel } from './labels';
import { GMAIL_LAYERS as L, GMAIL_SELECTORS as S } from './selectors';

/**
 * The Gmail page adapter: who the rep is talking to in the open thread. Pure: it reads the
 * document and URL it is given, and nothing else. It runs in the page, so it imports no zod;
 * the extension side parses what it returns.
 */

/** Folders whose hash is `#<folder>` for the list and `#<folder>/<threadId>` for a thread. */
const FOLDERS = new Set(['inbox', 'starred', 'snoozed', 'imp', 'sent', 'scheduled', 'drafts', 'all', 'spam', 'trash']);
/** Views with an argument: `#label/<name>`, `#search/<query>`, `#category/<tab>`, then `/<threadId>`. */
const NESTED = new Set(['label', 'search', 'advanced-search', 'category']);
/**
 * Thread ids: the 16-hex legacy ids and today's `FMfcgz...` tokens. Excludes list pages (`p2`), and
 * anything too long to be a correction's key (`PageKeySchema`).
 */
const THREAD_ID = /^[A-Za-z0-9_-]{16,200}$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
/** Invisible format characters a display name can carry to spoof or reorder text. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The id of the thread a Gmail URL shows, or `null` for any other view (a list, a search
 * without an open thread, settings, a compose window). A compose query over an open thread
 * (`#inbox/<id>?compose=new`) still shows the thread, so it still counts.
 */
export function gmailThreadId(url: URL): string | null {
  // `/mail/`, `/mail/u/<n>/`, a delegated mailbox's `/mail/u/<n>/d/<token>/` (thread-delegated-nl.html)
  // and the older `/mail/ca/` and `/mail/b/<n>/` forms. Pop-out compose (`?view=cm`) and print
  // (`?view=pt`) have no hash.
  if (!/^\/mail\/(ca\/)?(b\/[^/]+\/)?(u\/\d+(\/d\/[\w-]+)?\/?)?$/.test(url.pathname)) return null;
  const path = url.hash.replace(/^#/, '').split('?')[0] ?? '';
  const parts = path.split('/');
  const view = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const shape = FOLDERS.has(view) ? parts.length >= 2 : NESTED.has(view) && parts.length >= 3;
  return shape && THREAD_ID.test(last) ? last : null;
}

type Role = 'from' | 'to' | 'cc';
interface Participant {
  address: string;
  key: string;
  name?: string;
  role: Role;
  /** Position of the message in the thread, oldest first. */
  message: number;
  /** The layer that read the address, and the one that read the name (`PageIdentity.readBy`). */
  by: ReadLayer;
  nameBy: ReadLayer;
}

/** Anything a header read must skip: quoted mail, and the body should its classes still be there. */
const QUOTED = [...L.quote, ...S.body].join();
const ADDRESS = L.address.join();
const MESSAGE = L.message.join();

/**
 * Who the rep is talking to in the open Gmail thread: the **external** participant, i.e. neither
 * the rep (the signed-in account read off the page, plus `context.selfEmails`, plus any send-as
 * alias: a recipient Gmail calls "me", a sender under the account's own name) nor a colleague
 * (the domains of the rep's addresses, plus `context.companyDomains`; never a free-mail domain, or
 * every gmail.com address would be a colleague of a rep on gmail.com) nor a mail system
 * (mailer-daemon, postmaster, no-reply). Among external participants the most recent sender wins,
 * then the most recent To recipient, then Cc (the details table's labels and a "bcc:" on the "to"
 * line say who is in Cc or Bcc).
 *
 * Reading is layered, and `identity.readBy` says which layer read each field: Gmail's own
 * selectors first (`selector`); when they find nobody to show, the thread is read again through
 * what a Gmail build rarely changes (`readHeader`): the ARIA list of messages and each message
 * header's heading (`landmark`), addresses by their shape (`shape`), and the details table's
 * labels in several languages (`label`). The thread id in the URL is the page's key.
 *
 * - Not a thread URL (a list, compose, settings): `none`.
 * - A thread whose participants are all internal: `none` (nobody to look up).
 * - A thread with no participant elements at all: `failed`, because Gmail has not rendered the
 *   headers yet or its markup changed; the sidebar falls back to search.
 */
export function extractGmail(doc: Document, url: URL, context: AdapterContext = {}): Extraction {
  const threadId = gmailThreadId(url);
  if (threadId === null) return { kind: 'none' };

  // Gmail keeps threads it has left in the DOM, hidden: read the shown one only.
  const main = all(doc, S.main, isShown)[0];
  const shown = (selectors: readonly string[]) => {
    const found = main ? all(main, selectors, isShown) : [];
    return found.length > 0 ? found : all(doc, selectors, isShown);
  };

  const [self, names] = account(doc, context);
  const company = (context.companyDomains ?? []).map(normalizeDomain);
  const external = (p: Participant) => {
    const domain = emailDomain(p.key) ?? '';
    const colleague = (d: string) => d && !isPersonalEmailDomain(d) && (domain === d || domain.endsWith(`.${d}`));
    return (
      !self.has(p.key) &&
      !isMailSystem(p.key) &&
      ![...[...self].map((a) => emailDomain(a) ?? ''), ...company].some(colleague)
    );
  };
  // A send-as alias is the rep too: Gmail calls it "me" on a "to" line (thread-sendas-alias-de.html),
  // or it sends under the account's own name (thread-alias-cold-outreach.html).
  const pick = (read: Participant[]) => {
    for (const p of read) {
      if (p.role === 'from' ? names.has(p.name?.toLowerCase() ?? '') : gmailLabel(p.name) === 'me') self.add(p.key);
    }
    return choose(read.filter(external));
  };

  const messages = shown(S.message);
  let participants = messages.flatMap(readMessage);
  let chosen = pick(participants);
  // The precise selectors found nobody to show: read the headers through landmarks and shapes.
  let items: Element[] = [];
  if (!chosen) {
    items = shown(L.message).filter((el) => !el.parentElement?.closest(MESSAGE));
    const read = (items.length > 0 ? items : messages).flatMap(readHeader);
    chosen = pick(read);
    if (chosen || participants.length === 0) participants = read;
  }

  if (!chosen) {
    // Only the rep and colleagues: an internal thread, nobody to show.
    if (participants.length > 0) return { kind: 'none' };
    const subject = all(main ?? doc, S.subject, isShown).length > 0;
    return {
      kind: 'failed',
      reason:
        messages.length > 0 || items.length > 0 || subject
          ? 'Gmail thread shows no participants: headers not rendered yet, or the markup changed'
          : 'Gmail thread view not rendered: no messages found',
    };
  }

  const identity = identityOf(chosen, participants);
  identity.pageKey = `gmail:${threadId}`;
  // Nobody known as the rep (no account on the page, no settings): a recipient could be them, so
  // only the prospect is named (the "to" line of an inbound mail is the rep).
  const known = self.size > 0 || names.size > 0;
  const outsiders = known ? participants.filter((p) => external(p) && !isNoPerson(p.key)) : [];
  const others = everyone(chosen, outsiders).map((p) => {
    const { name, emails, readBy } = identityOf(p, participants);
    return { ...(name ? { name } : {}), email: emails[0] ?? p.address, readBy: { ...readBy } };
  });
  if (others.length > 1) identity.participants = others;
  return { kind: 'person', identity };
}

/** One participant as the sidebar shows them: their address, and the best name the thread gives. */
function identityOf(chosen: Participant, participants: Participant[]): PageIdentity {
  // A sender's header shows the full name, the "to" line often only the first name: a sender's
  // name first, then the longest one shown for the address.
  const key = chosen.key;
  const same = participants.filter((p) => p.key === key && p.name);
  const senders = same.filter((p) => p.role === 'from');
  let named: Participant | undefined;
  for (const p of senders.length > 0 ? senders : same) {
    if (!named || (p.name?.length ?? 0) > (named.name?.length ?? 0)) named = p;
  }
  const readBy: ReadBy = { emails: chosen.by };
  const identity: PageIdentity = { site: 'gmail', page: 'mail_thread', emails: [chosen.address], readBy };
  if (named?.name) {
    identity.name = named.name;
    readBy.name = named.nameBy;
  }
  return identity;
}

/**
 * Every outsider of the thread, each once: the prospect first, then in the order `choose` ranks
 * them (senders, To, Cc; the most recent first), at most `MAX_PARTICIPANTS`.
 */
function everyone(chosen: Participant, external: Participant[]): Participant[] {
  const rank = { from: 0, to: 1, cc: 2 } as const;
  const sorted = [...external].sort((a, b) => rank[a.role] - rank[b.role] || b.message - a.message);
  const seen = new Set<string>();
  const out: Participant[] = [];
  for (const p of [chosen, ...sorted]) {
    if (seen.has(p.key) || out.length >= MAX_PARTICIPANTS) continue;
    seen.add(p.key);
    out.push(p);
  }
  return out;
}

/** The most recent external sender, else the most recent To, else Cc; the first listed on a tie. */
function choose(external: Participant[]): Participant | undefined {
  for (const role of ['from', 'to', 'cc'] as const) {
    let chosen: Participant | undefined;
    for (const p of external) if (p.role === role && (!chosen || p.message > chosen.message)) chosen = p;
    if (chosen) return chosen;
  }
  return undefined;
}

/** The sender and recipients of one message, by Gmail's own selectors; collapsed: the sender only. */
function readMessage(message: Element, index: number): Participant[] {
  // Mail content can hold anything, address spans included: never read participants from it.
  const header = (el: Element) => !S.body.some((sel) => el.closest(sel) !== null);

  const out: Participant[] = [];
  const sender = all(message, S.sender, header)[0];
  const from = sender && fromElement(sender, 'from', index, 'selector', 'selector');
  if (from) out.push(from);

  // The details table, when the rep opened it, is the only place that tells Cc from To.
  const cc = new Set<string>();
  for (const row of all(message, S.detailsRow)) {
    if (gmailLabel(all(row, S.detailsLabel)[0]?.textContent) !== 'cc') continue;
    for (const el of all(row, S.recipient)) {
      const p = fromElement(el, 'cc', index, 'selector', 'selector');
      if (p) cc.add(p.key);
    }
  }
  // The details table repeats the header's people: a repeat changes nothing.
  for (const el of all(message, S.recipient, header)) {
    const p = fromElement(el, 'to', index, 'selector', 'selector');
    if (p) out.push(cc.has(p.key) || inlineCc(el) ? { ...p, role: 'cc' } : p);
  }
  return out;
}

/**
 * One message read without Gmail's classes: the sender from the header's heading, the recipients
 * from the rest of the header, each address by its shape. The header is the outermost table
 * around the heading: Gmail lays the body out after that table, outside it (every thread
 * fixture), so nothing of the body or a quoted reply is read, whatever address it shows.
 */
function readHeader(message: Element, index: number): Participant[] {
  const heading = message.querySelector(L.heading.join());
  if (!heading || heading.closest(QUOTED)) return [];
  let header: Element = heading;
  for (let t = heading.closest('table'); t && message.contains(t); t = t.parentElement?.closest('table') ?? null) {
    header = t;
  }
  // A heading of the body's own layout, should the header have lost its heading: the message's
  // first table then comes before the heading without holding it.
  const first = message.querySelector('table');
  if (first && !first.contains(heading) && first.compareDocumentPosition(heading) & 4) return [];

  const out: Participant[] = [];
  // The sender: an address-carrying element or "Name <address>" text in the heading. Two
  // different addresses there leave the sender out rather than guess.
  const text = clean(heading.textContent ?? '');
  const pairs = nameAddresses(text);
  const carriers = [...heading.querySelectorAll(ADDRESS)].filter(addressOf);
  const addresses = new Set(
    [...carriers.map(addressOf), ...pairs.map(([, a]) => a), text].filter(isEmail).map(normalizeEmail),
  );
  const address = carriers[0] ? addressOf(carriers[0]) : (pairs[0]?.[1] ?? text);
  if (addresses.size === 1) {
    const shown = carriers[0] ? clean(nameOf(carriers[0])) : '';
    const name = shown && !shown.includes('@') ? shown : (pairs[0]?.[0] ?? '');
    const p = participant(address, name, 'from', index, 'shape', 'landmark');
    if (p) out.push(p);
  }

  // The details table, once the rep opened it: a row per field, led by a "label:" cell. A known
  // label (labels.ts) gives its people's role; one in a language the table does not know ranks
  // them with Cc, never ahead of a To. Anything else in the header is the "to" line.
  const rows = [...header.querySelectorAll<HTMLTableRowElement>('tr')].filter((row) => !row.closest(QUOTED));
  const roleIn = (row: HTMLTableRowElement | null, el?: Element): Role | undefined => {
    const cell = row?.cells[0];
    const text = clean(cell?.textContent ?? '');
    if (!cell || (el && cell.contains(el)) || !/[:：]$/.test(text)) return undefined;
    const label = gmailLabel(text);
    return label === 'from' || label === 'to' ? label : 'cc';
  };
  for (const e of header.querySelectorAll(ADDRESS)) {
    if (heading.contains(e) || e.closest(QUOTED)) continue;
    const p = fromElement(e, roleIn(e.closest('tr'), e) ?? (inlineCc(e) ? 'cc' : 'to'), index, 'shape', 'shape');
    if (p) out.push(p);
  }
  // A from/to/cc row whose people carry no address attribute still shows "Name <address>"; only
  // a known label says the text names people (a subject can hold "<address>" too).
  for (const row of rows) {
    const role = gmailLabel(row.cells[0]?.textContent) ? roleIn(row) : undefined;
    if (!role || [...row.querySelectorAll(ADDRESS)].some(addressOf)) continue;
    for (const cell of [...row.cells].slice(1)) {
      for (const [name, a] of nameAddresses(clean(cell.textContent ?? ''))) {
        const p = participant(a, name, role, index, 'label', 'label');
        if (p) out.push(p);
      }
    }
  }
  const cc = new Set(out.filter((p) => p.role === 'cc').map((p) => p.key));
  return out.map((p) => (p.role === 'to' && cc.has(p.key) ? { ...p, role: 'cc' } : p));
}

/**
 * Whether the "to" line puts `el` after a Cc or Bcc label ("to Jonas, bcc: 4071…", "a Alex,
 * ccn: …"): the nearest text before it, among its own and its parent's siblings, that holds a
 * "label:" decides. thread-bounce.html, thread-crm-ccn-it.html.
 */
function inlineCc(el: Element): boolean {
  for (let e: Element | null = el, up = 0; e && up < 2; e = e.parentElement, up++) {
    for (let n = e.previousSibling; n; n = n.previousSibling) {
      const label = n.nodeType === 3 && /([^\s,;:：]+)\s*[:：][^:：]*$/.exec(n.textContent ?? '');
      if (label) return gmailLabel(label[1]) === 'cc';
    }
  }
  return false;
}

/** "Name <address>" pairs of a header line: "Alex Kim <alex@x.io>, Lindqvist, Marcus <m@y.io>". */
function nameAddresses(text: string): [name: string, address: string][] {
  const out: [string, string][] = [];
  let start = 0;
  for (const m of text.matchAll(/<([^<>\s]+)>/g)) {
    out.push([text.slice(start, m.index).replace(/^[\s,;]+/, ''), m[1] ?? '']);
    start = (m.index ?? 0) + m[0].length;
  }
  return out;
}

/** The address an element carries: `email`, the hovercard id, a tooltip or a mail link. */
function addressOf(el: Element): string {
  const href = el.getAttribute('href') ?? '';
  let mailto = '';
  if (href.startsWith('mailto:')) {
    try {
      mailto = decodeURIComponent(href.slice(7).split('?')[0] ?? '');
    } catch {}
  }
  const values = [el.getAttribute('email'), el.getAttribute('data-hovercard-id'), el.getAttribute('title'), mailto];
  return values.map((v) => clean(v ?? '')).find(isEmail) ?? '';
}

const nameOf = (el: Element) => el.getAttribute('name') || el.textContent || '';
const isEmail = (text: string) => EMAIL.test(text);

function fromElement(el: Element, role: Role, message: number, by: ReadLayer, nameBy: ReadLayer) {
  return participant(addressOf(el), nameOf(el), role, message, by, nameBy);
}

function participant(
  raw: string,
  rawName: string,
  role: Role,
  message: number,
  by: ReadLayer,
  nameBy: ReadLayer,
): Participant | undefined {
  const address = clean(raw);
  if (!isEmail(address)) return undefined;
  // Strip quotes a mail client put around a display name ("\"Lindqvist, Marcus\"").
  let name = clean(rawName)
    .replace(/^["'“‘«](.*)["'”’»]$/u, '$1')
    .trim();
  // A name that is an address (no display name) is not a name.
  if (name.includes('@')) name = '';
  return {
    address,
    key: normalizeEmail(address),
    // The receiving schema caps names at 200 characters; a longer one would reject the page.
    ...(name ? { name: name.slice(0, 200) } : {}),
    role,
    message,
    by,
    nameBy,
  };
}

/**
 * The rep's own addresses (settings, the account button's label, the document title) and the
 * account's display name, lower-cased. More of either can only make someone internal, never
 * name a wrong person.
 */
function account(doc: Document, context: AdapterContext): [addresses: Set<string>, names: Set<string>] {
  const found = [...(context.selfEmails ?? [])];
  const names = new Set<string>();
  let buttons = all(doc, S.account);
  // Without Gmail's sign-out link, the button is still labelled, in the interface's language.
  if (buttons.length === 0) {
    buttons = [...doc.querySelectorAll('[aria-label]')].filter(
      (el) => gmailLabel(el.getAttribute('aria-label')?.split(':')[0]) === 'account',
    );
  }
  for (const button of buttons) {
    // "Google Account: Sam Rep\n(sam@handoff-demo.io)", in any UI language.
    const label = clean(button.getAttribute('aria-label') ?? '');
    for (const m of label.matchAll(/\(([^()\s]+@[^()\s]+)\)/g)) {
      if (m[1]) found.push(m[1]);
    }
    const name = /:(.+?)\(/.exec(label)?.[1]?.trim().toLowerCase();
    if (name) names.add(name);
  }
  // "Inbox (3) - sam@handoff-demo.io - Gmail", "Subject - sam@... - Gmail": the address is the
  // second-to-last part, whatever the subject holds (Workspace may brand the last part).
  const parts = doc.title.split(' - ');
  const fromTitle = parts[parts.length - 2]?.trim();
  if (fromTitle && EMAIL.test(fromTitle)) found.push(fromTitle);
  return [new Set(found.map(normalizeEmail)), names];
}

/** Matches of the first selector in a fallback list that yields any element passing `keep`. */
function all(root: ParentNode, selectors: readonly string[], keep: (el: Element) => boolean = () => true): Element[] {
  for (const selector of selectors) {
    const found = [...root.querySelectorAll(selector)].filter(keep);
    if (found.length > 0) return found;
  }
  return [];
}

/** Not inside a hidden view (`hidden`, or the inline `display: none` Gmail hides views with). */
function isShown(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden') || (e as HTMLElement).style?.display === 'none') return false;
  }
  return true;
}

/** Whitespace collapsed, invisible format characters dropped, composed (NFC) form. */
function clean(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

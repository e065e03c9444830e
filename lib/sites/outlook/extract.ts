import { emailDomain, isPersonalEmailDomain, normalizeDomain, normalizeEmail } from '../../domain/identity';
import type { AdapterContext, Extraction, PageIdentity } from '../types';
import { OUTLOOK_SELECTORS as S, OUTLOOK_URLS as U } from './selectors';

// Outlook on the web's page adapter. Runs in the page: no zod, no messaging, no storage;
// the extension side validates what it returns (lib/sites/identity.ts).

interface Party {
  name?: string;
  email?: string;
}

interface Message {
  from: Party;
  to: Party[];
  cc: Party[];
  sent?: number[];
}

// Deliberately loose on the local part, strict on the domain: the receiving side validates.
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+[a-z]{2,}/i;
// English only; a localised header still yields the address from the flyout or settings.
const ACCOUNT_LABEL = /^Account manager for\s+/i;
const ROLE_PREFIX = /^(?:From|To|Cc)\s*:\s*/i;
// "Okonkwo, Chidi" is Outlook's Last, First; "Acme, Inc." or "Lee, Jr." is not.
const NOT_A_FIRST_NAME = /^(?:jr|sr|ii|iii|iv|phd|md|esq|inc|llc|ltd|gmbh|co|corp|plc|ag|sa)\.?$/i;

/**
 * Who is the prospect in the message open in Outlook on the web: its sender, unless that is
 * the rep or a colleague; then the first outside To recipient, then Cc. The open message is
 * the newest expanded one of the conversation.
 *
 * `none` off mail, on compose, with no message open, or when everyone is internal;
 * `failed` when a message should be open but shows no sender (still rendering, or markup
 * these selectors no longer know), so the sidebar falls back to search.
 */
export function extractOutlook(doc: Document, url: URL, context?: AdapterContext): Extraction {
  if (!U.host.test(url.hostname) || !U.mail.test(url.pathname) || U.compose.test(url.pathname)) {
    return { kind: 'none' };
  }
  const messageUrl = U.message.test(url.pathname);
  const pane = first(doc, S.readingPane);
  const item = pane && first(pane, S.openItem);
  if (!item) {
    // A message URL whose pane is empty or not there yet is still loading (message-late.html):
    // `failed` lets the watcher wait for the render. Off a message URL (the inbox) the pane
    // decides: OWA keeps a list row selected beside an empty pane, so the row is no evidence.
    return messageUrl ? failed('the reading pane shows no message yet') : { kind: 'none' };
  }
  // Some layouts keep the list URL while the pane shows a message; then the rendered
  // conversation container is the evidence, as it is on a message URL.
  const messages = readMessages(item);
  const open = newest(messages);
  if (!open) return failed('no sender in the open message');

  const self = selfOf(doc, context, messages);
  const prospect = [open.from, ...open.to, ...open.cc].find((party) => isOutsider(party, self));
  if (!prospect) return { kind: 'none' };
  const identity: PageIdentity = {
    site: 'outlook',
    page: 'mail_thread',
    emails: prospect.email ? [prospect.email] : [],
  };
  if (prospect.name) identity.name = prospect.name;
  return { kind: 'person', identity };
}

function failed(reason: string): Extraction {
  return { kind: 'failed', reason: `Outlook: ${reason}` };
}

/**
 * Within `scope`, every match of the first selector of `group` that matches anything outside
 * a message body. A body is whatever the sender wrote, lookalike labels included
 * (conversation-office365.html quotes an `aria-label="From: ..."`), so it is never read.
 */
function all(scope: ParentNode, group: readonly string[]): Element[] {
  for (const selector of group) {
    const found = [...scope.querySelectorAll(selector)].filter((el) => !within(el, S.body));
    if (found.length > 0) return found;
  }
  return [];
}

function first(scope: ParentNode, group: readonly string[]): Element | undefined {
  return all(scope, group)[0];
}

function within(el: Element, group: readonly string[]): boolean {
  return group.some((selector) => el.closest(selector) !== null);
}

/** The expanded messages of the open item, in document order, each with a sender. */
function readMessages(item: Element): Message[] {
  const found = all(item, S.message);
  const messages: Message[] = [];
  for (const el of found.length > 0 ? found : [item]) {
    if (within(el, S.collapsed)) continue;
    const fromEl = first(el, S.from);
    const from = fromEl && readParty(fromEl);
    if (!from) continue;
    const line = (group: readonly string[]) =>
      all(el, group).flatMap((lineEl) =>
        all(lineEl, S.recipient)
          .map(readParty)
          .filter((p): p is Party => p !== undefined),
      );
    const sentEl = first(el, S.sent);
    messages.push({ from, to: line(S.to), cc: line(S.cc), sent: sentEl && dateParts(clean(sentEl.textContent)) });
  }
  return messages;
}

/**
 * Name and address of one person element: the address from a `title`, the label or the
 * "Name<address>" text; the name from the label ("From: Name") or that text.
 */
function readParty(el: Element): Party | undefined {
  const labelled = el.hasAttribute('aria-label') ? el : (el.querySelector('[aria-label]') ?? el);
  const label = clean(labelled.getAttribute('aria-label')).replace(ROLE_PREFIX, '');
  const titled = el.matches('[title*="@"]') ? el : el.querySelector('[title*="@"]');
  const text = clean(el.textContent).replace(ROLE_PREFIX, '');
  const email = [titled?.getAttribute('title'), label, text].map((s) => s?.match(EMAIL)?.[0]).find(Boolean);
  const name = displayName(label) ?? displayName(text);
  return email || name ? { name, email } : undefined;
}

/** "'Okonkwo, Chidi' <chidi@x.com>" -> "Chidi Okonkwo"; nothing if only an address is left. */
function displayName(raw: string): string | undefined {
  let name = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(new RegExp(EMAIL.source, 'gi'), ' ')
    .replace(/[\s()[\]<>;]+/g, ' ')
    .trim();
  name = name.replace(/^(["'\u2018\u201C])(.*)["'\u2019\u201D]$/, '$2').trim();
  const parts = name.split(',').map((s) => s.trim());
  if (parts.length === 2 && parts[0] && parts[1] && !NOT_A_FIRST_NAME.test(parts[1])) name = `${parts[1]} ${parts[0]}`;
  return name && name.length <= 200 && !name.includes('@') ? name : undefined;
}

/** Text as shown: no invisible marks, one space between words. */
function clean(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The open message: the newest expanded one. OWA expands the newest and any unread, and
 * sorts either way (newest on top is its default). When every expanded message has a date
 * we compare them; otherwise the first in the document is taken, which is the newest in the
 * default order.
 */
function newest(messages: Message[]): Message | undefined {
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
 * day/month order left to `newest`; ISO "2026-11-19 16:05" comes out month first.
 */
function dateParts(text: string): number[] | undefined {
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

interface Self {
  emails: Set<string>;
  names: Set<string>;
  domains: string[];
}

/**
 * The rep and their colleagues. Addresses from settings and from the page (account flyout,
 * account button label, outlook.live.com's folder tree); the account's display name from the
 * page, which also claims any participant shown under that name (rep-last-cc-colleague.html
 * shows the rep's name but not their address). Colleagues share a domain with the rep or
 * with `companyDomains`, never a free-mail one: two gmail.com users are not colleagues.
 */
function selfOf(doc: Document, context: AdapterContext | undefined, messages: Message[]): Self {
  const emails = new Set((context?.selfEmails ?? []).map(normalizeEmail));
  const names = new Set<string>();
  const addText = (text: string) => {
    const email = text.match(EMAIL)?.[0];
    if (email) emails.add(normalizeEmail(email));
    else if (text) names.add(text.toLowerCase());
  };
  for (const el of all(doc, S.accountEmail)) addText(clean(el.textContent));
  for (const el of all(doc, S.accountName)) addText(clean(el.textContent));
  for (const el of all(doc, S.accountButton)) {
    const label = clean(el.getAttribute('aria-label'));
    if (ACCOUNT_LABEL.test(label)) addText(displayName(label.replace(ACCOUNT_LABEL, '')) ?? label);
  }
  const tree = new Set(all(doc, S.accountTree).map((el) => clean(el.getAttribute('title')).match(EMAIL)?.[0]));
  const [treeEmail] = tree;
  // With several accounts in the tree we cannot tell whose mailbox this is.
  if (tree.size === 1 && treeEmail) emails.add(normalizeEmail(treeEmail));

  for (const m of messages) {
    for (const party of [m.from, ...m.to, ...m.cc]) {
      if (party.email && party.name && names.has(party.name.toLowerCase())) emails.add(normalizeEmail(party.email));
    }
  }
  const domains = [...[...emails].map(emailDomain), ...(context?.companyDomains ?? []).map(normalizeDomain)];
  return { emails, names, domains: domains.filter((d): d is string => !!d && !isPersonalEmailDomain(d)) };
}

function isOutsider(party: Party, self: Self): boolean {
  if (party.name && self.names.has(party.name.toLowerCase())) return false;
  if (!party.email) return party.name !== undefined;
  if (self.emails.has(normalizeEmail(party.email))) return false;
  const domain = emailDomain(party.email) ?? '';
  return !self.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

import { emailDomain, isPersonalEmailDomain, normalizeDomain, normalizeEmail } from '../../domain/identity';
import type { AdapterContext, Extraction } from '../types';
import { GMAIL_SELECTORS as S } from './selectors';

/**
 * The Gmail page adapter: who the rep is talking to in the open thread. Pure: it reads the
 * document and URL it is given, and nothing else. It runs in the page, so it imports no zod;
 * the extension side parses what it returns.
 */

/** Folders whose hash is `#<folder>` for the list and `#<folder>/<threadId>` for a thread. */
const FOLDERS = new Set(['inbox', 'starred', 'snoozed', 'imp', 'sent', 'scheduled', 'drafts', 'all', 'spam', 'trash']);
/** Views with an argument: `#label/<name>`, `#search/<query>`, `#category/<tab>`, then `/<threadId>`. */
const NESTED = new Set(['label', 'search', 'advanced-search', 'category']);
/** Thread ids: the 16-hex legacy ids and today's `FMfcgz...` tokens. Excludes list pages (`p2`). */
const THREAD_ID = /^[A-Za-z0-9_-]{16,}$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
/** Invisible format characters a display name can carry to spoof or reorder text. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The id of the thread a Gmail URL shows, or `null` for any other view (a list, a search
 * without an open thread, settings, a compose window). A compose query over an open thread
 * (`#inbox/<id>?compose=new`) still shows the thread, so it still counts.
 */
export function gmailThreadId(url: URL): string | null {
  // `/mail/` or `/mail/u/<n>/`. Pop-out compose (`?view=cm`) and print (`?view=pt`) have no hash.
  if (!/^\/mail\/(u\/\d+\/?)?$/.test(url.pathname)) return null;
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
}

/**
 * Who the rep is talking to in the open Gmail thread: the **external** participant, i.e. neither
 * the rep (the signed-in account read off the page, plus `context.selfEmails`) nor a colleague
 * (the account's domain, plus `context.companyDomains`; never a free-mail domain, or every
 * gmail.com address would be a colleague of a rep on gmail.com). Among external participants the
 * most recent sender wins, then the most recent To recipient, then Cc.
 *
 * - Not a thread URL (a list, compose, settings): `none`.
 * - A thread whose participants are all internal: `none` (nobody to look up).
 * - A thread with no participant elements at all: `failed`, because Gmail has not rendered the
 *   headers yet or its markup changed; the sidebar falls back to search.
 */
export function extractGmail(doc: Document, url: URL, context: AdapterContext = {}): Extraction {
  if (gmailThreadId(url) === null) return { kind: 'none' };

  // Gmail keeps threads it has left in the DOM, hidden: read the shown one only.
  const main = all(doc, S.main, isShown)[0];
  let messages = main ? all(main, S.message, isShown) : [];
  if (messages.length === 0) messages = all(doc, S.message, isShown);

  const participants = messages.flatMap(readMessage);
  if (participants.length === 0) {
    const subject = all(main ?? doc, S.subject, isShown).length > 0;
    return {
      kind: 'failed',
      reason:
        messages.length > 0 || subject
          ? 'Gmail thread shows no participants: headers not rendered yet, or the markup changed'
          : 'Gmail thread view not rendered: no messages found',
    };
  }

  const self = selfAddresses(doc, context);
  const domains = [...self].map((a) => emailDomain(a) ?? '');
  for (const d of context.companyDomains ?? []) domains.push(normalizeDomain(d));
  const colleagues = domains.filter((d) => d && !isPersonalEmailDomain(d));
  const internal = (p: Participant) => {
    const domain = emailDomain(p.key) ?? '';
    return self.has(p.key) || colleagues.some((d) => domain === d || domain.endsWith(`.${d}`));
  };
  const external = participants.filter((p) => !internal(p));

  let chosen: Participant | undefined;
  for (const role of ['from', 'to', 'cc'] as const) {
    for (const p of external) if (p.role === role && (!chosen || p.message > chosen.message)) chosen = p;
    if (chosen) break;
  }
  // Only the rep and colleagues: an internal thread, nobody to show.
  if (!chosen) return { kind: 'none' };

  // A sender's header shows the full name; the "to" line often only the first name.
  const same = participants.filter((p) => p.key === chosen.key && p.name);
  const name = (same.find((p) => p.role === 'from') ?? same[0])?.name;
  return {
    kind: 'person',
    identity: { site: 'gmail', page: 'mail_thread', ...(name ? { name } : {}), emails: [chosen.address] },
  };
}

/** The sender and recipients of one message; a collapsed message shows its sender only. */
function readMessage(message: Element, index: number): Participant[] {
  // Mail content can hold anything, address spans included: never read participants from it.
  const header = (el: Element) => !S.body.some((sel) => el.closest(sel) !== null);

  const out: Participant[] = [];
  const push = (el: Element, role: Role) => {
    const p = participant(el, role, index);
    if (p) out.push(p);
  };

  const sender = all(message, S.sender, header)[0];
  if (sender) push(sender, 'from');

  // The details table, when the rep opened it, is the only place that tells Cc from To.
  const cc = new Set<string>();
  for (const row of all(message, S.detailsRow)) {
    const label = all(row, S.detailsLabel)[0]?.textContent ?? '';
    if (!/^\s*(b?cc|cci)\b/i.test(label)) continue;
    for (const el of all(row, S.recipient)) {
      const p = participant(el, 'cc', index);
      if (p) cc.add(p.key);
    }
  }
  // The details table repeats the header's people, and the class-free fallbacks match the sender
  // too: a repeat changes nothing, since a sender still ranks as a sender.
  for (const el of all(message, S.recipient, header)) {
    const p = participant(el, 'to', index);
    if (p) out.push(cc.has(p.key) ? { ...p, role: 'cc' } : p);
  }
  return out;
}

function participant(el: Element, role: Role, message: number): Participant | undefined {
  const address = clean(el.getAttribute('email') || el.getAttribute('data-hovercard-id') || '');
  if (!EMAIL.test(address)) return undefined;
  let name = clean(el.getAttribute('name') || el.textContent || '');
  // Strip quotes a mail client put around a display name ("\"Lindqvist, Marcus\"").
  name = name.replace(/^["'“‘«](.*)["'”’»]$/u, '$1').trim();
  // A name that is an address (no display name) is not a name.
  if (name.includes('@')) name = '';
  return {
    address,
    key: normalizeEmail(address),
    // The receiving schema caps names at 200 characters; a longer one would reject the page.
    ...(name ? { name: name.slice(0, 200) } : {}),
    role,
    message,
  };
}

/** The rep's own addresses: settings, the account button's label and the document title. */
function selfAddresses(doc: Document, context: AdapterContext): Set<string> {
  const found = [...(context.selfEmails ?? [])];
  for (const button of all(doc, S.account)) {
    // "Google Account: Sam Rep\n(sam@handoff-demo.io)", in any UI language.
    for (const m of (button.getAttribute('aria-label') ?? '').matchAll(/\(([^()\s]+@[^()\s]+)\)/g)) {
      if (m[1]) found.push(m[1]);
    }
  }
  // "Inbox (3) - sam@handoff-demo.io - Gmail", "Subject - sam@... - Gmail": the address is the
  // second-to-last part, whatever the subject holds (Workspace may brand the last part).
  const parts = doc.title.split(' - ');
  const fromTitle = parts[parts.length - 2]?.trim();
  if (fromTitle && EMAIL.test(fromTitle)) found.push(fromTitle);
  return new Set(found.map(normalizeEmail));
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

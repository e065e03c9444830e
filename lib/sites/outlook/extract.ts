import { emailDomain, isPersonalEmailDomain, normalizeDomain, normalizeEmail } from '../../domain/identity';
import {
  type AdapterContext,
  type Extraction,
  MAX_PARTICIPANTS,
  type PageIdentity,
  type ReadBy,
  type ThreadParticipant,
} from '../types';
import { isNoPerson } from '../mail-systems';
import { ACCOUNT_PREFIX, ROLE_PREFIX } from './labels';
import { landmarkScope, readLandmarks } from './landmarks';
import { clean, dateParts, displayName, EMAIL, type Message, newest, type Party } from './party';
import { OUTLOOK_LANDMARKS as L, OUTLOOK_SELECTORS as S, OUTLOOK_URLS as U } from './selectors';

// Outlook on the web's page adapter. Runs in the page: no zod, no messaging, no storage;
// the extension side validates what it returns (lib/sites/identity.ts).

/** What one reading layer made of the page. */
interface Reading {
  /** The pane shows a message (whether or not this layer found its sender). */
  opened: boolean;
  messages: Message[];
}

// "Mail - Sam Rep - Outlook": OWA's tab names the module, one word in every language, and the
// signed-in account (message-office.html; "E-Mail – Sam Rep – Outlook" in message-de.html). An
// item view's names its subject, which may hold dashes and a name of its own: "Pilot kickoff -
// Kofi Mensah - Outlook" (message-popout-dash-subject.html) is checked against the headings.
const TITLE_ACCOUNT = /^(\S+\s[-–]\s(.+))\s[-–]\sOutlook$/;
const ITEM_ID = /^[\w%.+=-]{1,300}$/;

/**
 * Who is the prospect in the message open in Outlook on the web: its sender, unless that is
 * the rep or a colleague; then the first outside To recipient, then Cc. The open message is
 * the newest expanded one of the conversation.
 *
 * Read in layers, each on its own: OWA's ids and English labels (selectors.ts) first; when
 * they find no open message, or only colleagues, the page's landmarks, data shapes and labels
 * in any language (landmarks.ts). The first layer that names someone outside wins, and every
 * field says which layer read it (`readBy`); `pageKey` is the URL's item id.
 *
 * `none` off mail, on compose, with no message open, or when everyone is internal;
 * `failed` when a message should be open but shows no sender (still rendering, or markup
 * no layer knows), so the sidebar falls back to search.
 */
export function extractOutlook(doc: Document, url: URL, context?: AdapterContext): Extraction {
  if (!U.host.test(url.hostname) || !U.mail.test(url.pathname) || U.compose.test(url.pathname)) {
    return { kind: 'none' };
  }
  const itemId = U.message.exec(url.pathname)?.[1];
  const pane = first(doc, S.readingPane);
  const item = pane && first(pane, S.openItem);
  const layers: (() => Reading)[] = [
    () => (item ? { opened: true, messages: readMessages(item) } : { opened: false, messages: [] }),
    () => {
      const scope = landmarkScope(doc, item ?? pane, itemId !== undefined);
      return scope ? readLandmarks(scope) : { opened: false, messages: [] };
    },
  ];
  let opened = false;
  let nobody = false;
  for (const layer of layers) {
    const reading = layer();
    opened ||= reading.opened;
    const open = newest(reading.messages);
    if (!open) continue;
    const self = selfOf(doc, context, reading.messages);
    const prospect = [open.from, ...open.recipients].find((party) => isOutsider(party, self));
    if (prospect) {
      const identity = identityOf(prospect, itemId);
      const others = everyone(prospect, open, reading.messages, self);
      if (others.length > 1) identity.participants = others;
      return { kind: 'person', identity };
    }
    nobody = true;
  }
  if (nobody) return { kind: 'none' };
  if (opened) return failed('no sender in the open message');
  // A message URL whose pane is empty or not there yet is still loading (message-late.html):
  // `failed` lets the watcher wait for the render. Off a message URL (the inbox) the pane
  // decides: OWA keeps a list row selected beside an empty pane, so the row is no evidence.
  return itemId !== undefined ? failed('the reading pane shows no message yet') : { kind: 'none' };
}

function identityOf(prospect: Party, itemId: string | undefined): PageIdentity {
  const readBy: ReadBy = {};
  const identity: PageIdentity = { site: 'outlook', page: 'mail_thread', emails: [] };
  if (prospect.name) {
    identity.name = prospect.name;
    readBy.name = prospect.nameBy ?? 'selector';
  }
  if (prospect.email) {
    identity.emails = [prospect.email];
    readBy.emails = prospect.emailBy ?? 'selector';
  }
  identity.readBy = readBy;
  const key = pageKey(itemId);
  if (key) identity.pageKey = key;
  return identity;
}

/**
 * Every outsider with an address on the conversation, each once by normalised address: the
 * prospect first, then the open message's people (From, To, Cc), then the other expanded
 * messages' in the order they are shown; at most `MAX_PARTICIPANTS`. A name shown only on
 * a later line fills one the first line left out.
 */
function everyone(prospect: Party, open: Message, messages: Message[], self: Self): ThreadParticipant[] {
  // Nobody known as the rep (an item view names no account, no settings): a recipient could be
  // them (message-lastname-first.html), so only the prospect is named.
  if (!prospect.email || (self.emails.size === 0 && self.names.size === 0)) return [];
  const byKey = new Map<string, ThreadParticipant>();
  const parties = [
    prospect,
    ...[open, ...messages.filter((m) => m !== open)].flatMap((m) => [m.from, ...m.recipients]),
  ];
  for (const party of parties) {
    if (!party.email || !isOutsider(party, self) || isNoPerson(party.email)) continue;
    const key = normalizeEmail(party.email);
    const known = byKey.get(key);
    if (known) {
      if (!known.name && party.name) {
        known.name = party.name;
        known.readBy = { ...known.readBy, name: party.nameBy ?? 'selector' };
      }
      continue;
    }
    if (byKey.size >= MAX_PARTICIPANTS) continue;
    const readBy: ThreadParticipant['readBy'] = { emails: party.emailBy ?? 'selector' };
    if (party.name) readBy.name = party.nameBy ?? 'selector';
    byKey.set(key, { ...(party.name ? { name: party.name } : {}), email: party.email, readBy });
  }
  return [...byKey.values()];
}

/** `outlook:<item id>`, one spelling however the URL escaped it (`+` or `%2B`). */
function pageKey(itemId: string | undefined): string | undefined {
  if (!itemId) return undefined;
  try {
    const id = encodeURIComponent(decodeURIComponent(itemId));
    return ITEM_ID.test(id) ? `outlook:${id}` : undefined;
  } catch {
    return undefined;
  }
}

function failed(reason: string): Extraction {
  return { kind: 'failed', reason: `Outlook: ${reason}` };
}

/**
 * Within `scope`, every match of the first selector of `group` that matches anything outside
 * a message body, and (unless `hiddenToo`) shown. A body is whatever the sender wrote, lookalike
 * labels included (conversation-office365.html quotes an `aria-label="From: ..."`), so it is
 * never read; a hidden view is a previous one (message-stale-suspended.html). The account
 * flyout is read hidden: it is one until the rep opens it (internal.html).
 */
function all(scope: ParentNode, group: readonly string[], hiddenToo = false): Element[] {
  for (const selector of group) {
    const found = [...scope.querySelectorAll(selector)].filter(
      (el) => !within(el, S.body) && (hiddenToo || !el.closest(L.invisible)),
    );
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

/**
 * The precise layer: the expanded messages of the open item, in document order, each with a
 * sender. Without message elements the item is one message (the item view), unless it shows
 * several From lines: then the messages cannot be told apart here (a localised conversation,
 * whose "Email message" label these selectors do not know).
 */
function readMessages(item: Element): Message[] {
  const found = all(item, S.message);
  if (found.length === 0 && all(item, S.from).filter((el) => !within(el, S.collapsed)).length > 1) return [];
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
    // No To line these selectors know (a localised "An:"): its Cc alone would put a Cc'd
    // outsider before the To prospect, so the recipients are left to the landmark layer.
    const to = line(S.to);
    messages.push({
      from,
      recipients: to.length > 0 ? [...to, ...line(S.cc)] : [],
      sent: sentEl && dateParts(clean(sentEl.textContent)),
    });
  }
  return messages;
}

/**
 * Name and address of one person element: the address from a `title`, the label or the
 * "Name<address>" text; the name from a line label ("From: Name", "Von: Name"), else from that
 * text, else from any other label. A persona's own label says more than a name ("Opens Profile
 * Card for Kofi Mensah", message-popout-dash-subject.html) wherever the text shows one.
 */
function readParty(el: Element): Party | undefined {
  const labelled = el.hasAttribute('aria-label') ? el : (el.querySelector('[aria-label]') ?? el);
  const raw = clean(labelled.getAttribute('aria-label'));
  const label = raw.replace(ROLE_PREFIX, '');
  const titled = el.matches('[title*="@"]') ? el : el.querySelector('[title*="@"]');
  const text = clean(el.textContent).replace(ROLE_PREFIX, '');
  const email = [titled?.getAttribute('title'), label, text].map((s) => s?.match(EMAIL)?.[0]).find(Boolean);
  const shown = displayName(text);
  const name = (label !== raw || !shown ? displayName(label) : undefined) ?? shown;
  return email || name ? { name, email } : undefined;
}

interface Self {
  emails: Set<string>;
  names: Set<string>;
  domains: string[];
}

/**
 * The rep and their colleagues. Addresses from settings and from the page (account flyout,
 * account button label, outlook.live.com's folder tree); the account's display name from the
 * page (the same, and the tab's title), which also claims any participant shown under that
 * name (rep-last-cc-colleague.html shows the rep's name but not their address). Colleagues
 * share a domain with the rep or with `companyDomains`, never a free-mail one: two gmail.com
 * users are not colleagues.
 */
function selfOf(doc: Document, context: AdapterContext | undefined, messages: Message[]): Self {
  const emails = new Set((context?.selfEmails ?? []).map(normalizeEmail));
  const names = new Set<string>();
  const addText = (text: string) => {
    const email = text.match(EMAIL)?.[0];
    if (email) emails.add(normalizeEmail(email));
    else if (text) names.add(text.toLowerCase());
  };
  for (const el of all(doc, S.accountEmail, true)) addText(clean(el.textContent));
  for (const el of all(doc, S.accountName, true)) addText(clean(el.textContent));
  // The account button by its id, or by its label in any language of labels.ts once the ids go.
  const labelledButtons = all(doc, ['button[aria-label]'], true).filter(
    (el) => !el.closest('[role="document"], blockquote'),
  );
  for (const el of [...all(doc, S.accountButton, true), ...labelledButtons]) {
    const label = clean(el.getAttribute('aria-label'));
    if (ACCOUNT_PREFIX.test(label)) addText(displayName(label.replace(ACCOUNT_PREFIX, '')) ?? label);
  }
  const [, titled, account] = TITLE_ACCOUNT.exec(clean(doc.title)) ?? [];
  const headings = [...doc.querySelectorAll('[role="heading"], h1, h2')].map((h) => clean(h.textContent));
  if (account && !headings.includes(titled ?? '')) addText(account);
  const tree = new Set(all(doc, S.accountTree, true).map((el) => clean(el.getAttribute('title')).match(EMAIL)?.[0]));
  const [treeEmail] = tree;
  // With several accounts in the tree we cannot tell whose mailbox this is.
  if (tree.size === 1 && treeEmail) emails.add(normalizeEmail(treeEmail));

  for (const m of messages) {
    for (const party of [m.from, ...m.recipients]) {
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

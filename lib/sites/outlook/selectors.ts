import { SITES } from '../hosts';

/**
 * Every URL shape and selector Handoff relies on in Outlook on the web (OWA), in one place.
 *
 * Each group is a fallback list, most stable first: the adapter takes, within its scope,
 * the first entry that matches anything. We lean on what OWA keeps across builds (its own
 * element ids, ARIA landmarks and labels, `data-testid`, the `MSG_<id>_<FIELD>` id family)
 * and never on Fluent UI's build-hashed class names (`.OZZZK`, `.pU1YL`, `.lDdSm`), which
 * change with every deployment.
 *
 * One comment per selector: which fixture in tests/fixtures/outlook/ needs it, and the date
 * to re-check it against a freshly saved page. tests/lib/sites/outlook/selectors.test.ts
 * runs every entry against every fixture, so a selector no fixture needs fails the build.
 *
 * ARIA labels here are English; their translations live in labels.ts. When these selectors find
 * no open message (a build without the container ids, a localised interface), the adapter reads
 * the page again by OUTLOOK_LANDMARKS below: roles and data shapes, in every language.
 */

/** URL shapes. A URL is the cheapest and steadiest signal OWA gives, so it is asked first. */
export const OUTLOOK_URLS = {
  /** The manifest's own list (lib/sites/hosts.ts): every site bundle already carries it. */
  host: SITES.outlook.host,
  /** Mail, as opposed to calendar or people. `/mail/0/` is outlook.live.com's account index. Re-check 2027-05. */
  mail: /^\/mail(?:\/|$)/,
  /** New message, pop-out or docked (no fixture: decided by URL alone). Re-check 2027-05. */
  compose: /^\/mail\/(?:\d+\/)?(?:deeplink\/)?compose(?:[/?]|$)/,
  /**
   * An open message or conversation: `/mail/inbox/id/<AAQk...>`, `/mail/0/inbox/id/<AQQk...>`
   * (message-live.html), `/mail/sentitems/id/...` (rep-last-cc-colleague.html), `/mail/id/...`,
   * `/mail/<folderId>/id/<itemId>`, and the stand-alone item view `/mail/deeplink/read/<id>`
   * (message-lastname-first.html). Captures the item id, the key a rep's correction is kept
   * under. Re-check 2027-05.
   */
  message: /^\/mail\/(?:[^/]+\/)*?(?:id|deeplink\/read)\/([^/]+)/,
} as const;

/**
 * Selector groups. A group's scope (where it is queried) is noted on it; the selector test
 * walks the same scopes.
 */
export const OUTLOOK_SELECTORS = {
  /** Document. The signed-in account's address, in the Microsoft account flyout once it has rendered. */
  accountEmail: [
    // conversation-office365.html, internal.html (flyout already opened once). Re-check 2027-05.
    '#mectrl_currentAccount_secondary',
  ],
  /** Document. The signed-in account's display name, in the same flyout. */
  accountName: [
    // conversation-office365.html, internal.html. Re-check 2027-05.
    '#mectrl_currentAccount_primary',
  ],
  /** Document. The header's account button, labelled "Account manager for <name or address>". */
  accountButton: [
    // The current suite header: message-office.html, rep-last-cc-colleague.html, message-live.html, internal.html. Re-check 2027-05.
    '#mectrl_main_trigger',
    // The older suite header, still served on some tenants: conversation-office365.html. Re-check 2027-05.
    '#O365_MainLink_Me',
    // The label alone, for when both ids go (every fixture with an account button). Re-check 2027-05.
    'button[aria-label^="Account manager for"]',
  ],
  /**
   * Document. outlook.live.com names the account nowhere in its header; the root of the folder
   * tree carries the address (message-live.html). Trusted only when a single address shows.
   */
  accountTree: [
    // message-live.html. Re-check 2027-05.
    '[role="tree"] [role="treeitem"][title*="@"]',
  ],
  /** Document. The reading pane, whether it shows a message or the "select an item" state. */
  readingPane: [
    // OWA's own id, unlocalised, in every layout including the deeplink item view. Re-check 2027-05.
    '#ReadingPaneContainerId',
    // The landmark, should the id go; absent from the deeplink view (message-lastname-first.html). Re-check 2027-05.
    '[role="main"][aria-label="Reading Pane"]',
  ],
  /** Reading pane. A rendered conversation or item: what tells an open message from the empty pane. */
  openItem: [
    // Conversation view: message-office.html, conversation-office365.html and most others. Re-check 2027-05.
    '#ConversationReadingPaneContainer',
    // The stand-alone item view behind /mail/deeplink/read/ (message-lastname-first.html). Re-check 2027-05.
    '#ItemReadingPaneContainer',
    // The app-section marker OWA sets around a rendered conversation (same fixtures as the first). Re-check 2027-05.
    '[data-app-section="ConversationContainer"]',
  ],
  /**
   * Open item. One message of the conversation. The item view has none: it shows a single
   * message, so the open item itself is that message (message-lastname-first.html).
   */
  message: [
    // Every conversation fixture. Re-check 2027-05.
    'div[aria-label="Email message"]',
  ],
  /** Ancestor test. A collapsed item part: sender and preview only, never the open message. */
  collapsed: [
    // conversation-office365.html, rep-last-cc-colleague.html. Re-check 2027-05.
    '[aria-expanded="false"]',
  ],
  /**
   * Message. The body: what the sender wrote, lookalike labels included, so nothing inside it
   * is ever read for participants (conversation-office365.html quotes a fake From persona).
   */
  body: [
    // The conversation fixtures (message-office.html and others). Re-check 2027-05.
    '[id^="UniqueMessageBody"]',
    // The document role; the item view's only body marker (message-lastname-first.html). Re-check 2027-05.
    '[role="document"][aria-label="Message body"]',
  ],
  /** Message. The From line: "Name<address>" text, "From: Name" label, address in a title. */
  from: [
    // The level-3 metadata heading `MSG_<id>_FROM`: message-office.html and the conversations but one. Re-check 2027-05.
    '[id^="MSG_"][id$="_FROM"]',
    // The sender persona button, labelled "From: Name": message-live.html has no MSG_ ids. Re-check 2027-05.
    '[role="button"][aria-label^="From:"]',
    // The older heading-with-button From line of the item view (message-lastname-first.html). Re-check 2027-05.
    'h3[aria-label^="From:"]',
  ],
  /** Message. The To line, labelled "To: names". */
  to: [
    // Every fixture with a rendered message. Re-check 2027-05.
    '[aria-label^="To:"]',
  ],
  /** Message. The Cc line; OWA has written both "Cc:" and "CC:", hence the `i` flag. */
  cc: [
    // rep-last-cc-colleague.html, conversation-office365.html; internal.html writes "CC:". Re-check 2027-05.
    '[aria-label^="Cc:" i]',
  ],
  /** To or Cc line. One recipient. */
  recipient: [
    // The persona span of the current builds: rep-last-cc-colleague.html and most others. Re-check 2027-05.
    '[role="button"]',
    // Plain buttons of the item view's older header (message-lastname-first.html). Re-check 2027-05.
    'button',
  ],
  /** Message. When it was sent, to find the newest of several expanded messages. */
  sent: [
    // conversation-office365.html (whose dates decide) and the other conversations. Re-check 2027-05.
    '[data-testid="SentReceivedSavedTime"]',
    // The `MSG_<id>_DATETIME` heading (same element; message-live.html has no data-testid). Re-check 2027-05.
    '[id^="MSG_"][id$="_DATETIME"]',
  ],
} as const satisfies Record<string, readonly string[]>;

export type OutlookSelectorGroup = keyof typeof OUTLOOK_SELECTORS;

/**
 * The landmark and data-shape layer (landmarks.ts): what a deploy rarely changes, in any
 * language. It runs only when the selectors above find no open message, or only colleagues.
 * Each entry is one selector (alternatives in one string are one concept, ARIA or HTML), with
 * the fixture that needs it; labels.ts adds the labelled variants in every language.
 * tests/lib/sites/outlook/selectors.test.ts lists which fixtures each matches.
 */
export const OUTLOOK_LANDMARKS = {
  /**
   * The reading pane without its id: the main landmark, whatever its label's language (every
   * three-pane fixture; message-no-container-ids.html has nothing else). Survives ids, classes,
   * translation. Re-check 2027-06.
   */
  pane: 'main, [role="main"]',
  /**
   * A message when no label names it: a region or article holding a From line
   * (message-no-container-ids.html labels its region too; the role alone serves an unknown
   * language). Re-check 2027-06.
   */
  message: '[role="region"], [role="article"]',
  /**
   * What the sender wrote or quoted: the document role OWA gives every rendered body, a quote
   * (message-fr.html quotes with Gmail's blockquote), Outlook's reply header block
   * (conversation-office365.html, message-no-container-ids.html). Never read for people.
   * Re-check 2027-06.
   */
  body: '[role="document"], blockquote, [id$="divRplyFwdMsg"]',
  /**
   * Where a message header ends at the latest, besides a body: the rule Outlook puts above a
   * quoted reply header (conversation-office365.html, message-no-container-ids.html,
   * message-de.html), which still ends the header should a body lose its role. Re-check 2027-06.
   */
  headerEnd: 'hr',
  /**
   * A person: a persona button (every fixture), a plain button (message-lastname-first.html),
   * anything titled with an address (message-live.html), a mail link (message-fr.html has them,
   * in its quote only). Re-check 2027-06.
   */
  person: '[role="button"], button, a[href^="mailto:" i], [title*="@"]',
  /**
   * The app around the reading pane: list rows, the folder tree, toolbars, cards and the header
   * carry addresses too, and are never the open message (every fixture). Re-check 2027-06.
   */
  chrome:
    '[role="banner"], [role="navigation"], [role="complementary"], [role="tree"], [role="listbox"], [role="toolbar"], [role="dialog"], [role="menu"]',
  /**
   * What the page keeps but does not show: a previous view under `hidden`
   * (message-hidden-previous-view.html), or under the inline `display: none` React puts on a
   * suspended view's old content while the next loads (message-stale-suspended.html). Never
   * the open message, in either layer; `aria-hidden` is not in it, as OWA puts that on the
   * visible names of labelled personas. Re-check 2027-06.
   */
  invisible: '[hidden], [style*="display: none" i], [style*="display:none" i]',
  /**
   * A reply or forward being written: its editor and its To well (message-fr-forward-draft.html
   * docks one above the open message, its editor labelled like a body). A draft is not a
   * message: neither its body nor its recipients are read. Re-check 2027-06.
   */
  draft: '[contenteditable="true"], [role="textbox"], textarea',
} as const;

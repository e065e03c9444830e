/**
 * Every selector Handoff reads Gmail with. `GMAIL_SELECTORS` is the precise layer: Gmail's own
 * class names and attributes as of the last fixture check, each entry a fallback list tried in
 * order (the first selector that matches anything wins). `GMAIL_LAYERS` is what the adapter
 * falls back to when the precise layer finds nobody: roles, headings and data shapes, which
 * survive a build that rotates class names or drops an attribute.
 *
 * Each selector's comment names the fixture (tests/fixtures/gmail/) that needs it and the date
 * to re-check it against live Gmail. tests/lib/sites/gmail/selectors.test.ts runs every entry
 * against every fixture and fails on one that matches nothing.
 *
 * Where the markup knowledge comes from: gmail.js (`span[email].gD` sender, `span[email].g2`
 * recipients in `span.hb`, `div.adn` messages, `h2.hP` subject), InboxSDK's message view
 * (`[data-message-id]`/`[data-legacy-message-id]`, `td.gF span[email]`, `h3.iw`, message states
 * `h7` expanded / `kv` collapsed / `kQ` hidden) and extensions reading the details table
 * (`div.ajB.gt table.ajC tr.ajv`, label in `td.gG`, value in `td.gL`).
 */
export const GMAIL_SELECTORS = {
  /**
   * The signed-in account button; its aria-label ends with the address in parentheses:
   * "Google Account: Sam Rep\n(sam@handoff-demo.io)".
   */
  account: [
    // English UI: thread-simple.html and most fixtures. Re-check 2027-05-01.
    'a[aria-label^="Google Account:"]',
    // Any UI language: the label is translated ("Google-Konto: ..."), the sign-out link is not.
    // thread-u1-second-account.html (German UI). Re-check 2027-05-01.
    'a[href^="https://accounts.google.com/SignOutOptions"][aria-label]',
  ],

  /** The main region; Gmail keeps views it has left in the DOM, hidden, so only a shown one counts. */
  main: [
    // Every fixture. Re-check 2027-05-01.
    '[role="main"]',
  ],

  /** The thread's subject: only used to tell "thread not rendered" from "headers missing". */
  subject: [
    // thread-simple.html and every rendered thread. Re-check 2027-05-01.
    'h2[data-thread-perm-id]',
    // Same fixtures; the class gmail.js has used since 2013. Re-check 2027-05-01.
    'h2.hP',
  ],

  /** One element per message of the open thread, oldest first (Gmail's own order). */
  message: [
    // Expanded (div.adn.ads) and collapsed (div.adf.ads) messages alike: every thread fixture.
    // Re-check 2027-05-01.
    '[data-message-id]',
    // A reply sent from this tab has data-message-id at once and the legacy id only once synced
    // (InboxSDK); the reverse has not been seen. Every thread fixture. Re-check 2027-05-01.
    '[data-legacy-message-id]',
    // The class names of expanded / collapsed message blocks (gmail.js, InboxSDK). Every thread
    // fixture except thread-rotated-classes.html. Re-check 2027-05-01.
    '.adn, .adf',
  ],

  /** A message's sender, in its header. */
  sender: [
    // thread-simple.html and every rendered thread but the rotated one. Re-check 2027-05-01.
    'span.gD[email]',
  ],

  /**
   * A message's recipients, To and Cc together, as the header's "to ..." line lists them; also the
   * people of a details row.
   */
  recipient: [
    // thread-simple.html and every expanded message but the rotated one. Re-check 2027-05-01.
    'span.g2[email]',
    // The "to ..." line (gmail.js `to_wrapper`, InboxSDK `.hb span[email]`). Same fixtures.
    // Re-check 2027-05-01.
    '.hb [email]',
  ],

  /**
   * Rows of the "Show details" table (from, to, cc, date, ...), present once the rep opened it.
   * Only used to tell Cc from To: thread-rep-last-cc-colleague.html, thread-outbound.html.
   */
  detailsRow: [
    // Re-check 2027-05-01.
    'tr.ajv',
    // The table itself is `table.ajC`. Re-check 2027-05-01.
    '.ajC tr',
  ],

  /** The label cell of a details row ("cc:"). Same fixtures as detailsRow. */
  detailsLabel: [
    // Re-check 2027-05-01.
    'td.gG',
    // The label is the row's first cell. Re-check 2027-05-01.
    'td:first-child',
  ],

  /** A message's body: participant spans inside it are mail content, never participants. */
  body: [
    // Every expanded message; thread-rotated-classes.html has an address span in its body.
    // Re-check 2027-05-01.
    '.a3s',
    // The body's wrapper (gmail.js `div.ii.gt`). Every expanded message. Re-check 2027-05-01.
    '.ii.gt',
  ],
} as const satisfies Record<string, readonly string[]>;

export type GmailSelectorGroup = keyof typeof GMAIL_SELECTORS;

/**
 * The layers after the precise selectors (extract.ts `readHeader`), each entry a union of what
 * survives the drift named. tests/lib/sites/gmail/selectors.test.ts runs them against every
 * fixture too; tests/lib/sites/drift.test.ts shows them reading the fixtures with hashed
 * classes, without ids and data attributes, and in German.
 */
export const GMAIL_LAYERS = {
  /** landmark: the thread is an ARIA list, one item per message. Survives class rotation. */
  message: [
    // Every thread fixture; the only message marker left in thread-hovercard-only.html under
    // the no-ids drift. Re-check 2027-06.
    '[role="listitem"]',
  ],
  /**
   * landmark: the message header's heading, which holds the sender (InboxSDK `h3.iw`). The header
   * is the table around it; the body comes after that table, outside it.
   */
  heading: [
    // Every rendered thread fixture. Re-check 2027-06.
    'h3',
    // Should Gmail trade the h3 for an ARIA heading: thread-hashed-cjk-es.html, extract.test.ts "an
    // ARIA heading". Re-check 2027-06.
    '[role="heading"]',
  ],
  /** shape: attributes that can carry a participant's address (checked for an address's shape). */
  address: [
    // Every rendered thread fixture; thread-rotated-classes.html has nothing else. Re-check 2027-06.
    '[email]',
    // The hovercard's id: thread-hovercard-only.html has no `email` attribute. Re-check 2027-06.
    '[data-hovercard-id]',
    // An address in a tooltip: extract.test.ts "an address in a title or a mailto link". Re-check 2027-06.
    '[title*="@"]',
    // A mail link in the header: extract.test.ts "an address in a title or a mailto link". Re-check 2027-06.
    'a[href^="mailto:"]',
  ],
  /** Quoted mail, never a participant, wherever it sits: thread-hovercard-only.html. Re-check 2027-06. */
  quote: ['blockquote', '.gmail_quote'],
} as const satisfies Record<string, readonly string[]>;

export type GmailLayerGroup = keyof typeof GMAIL_LAYERS;

/**
 * Every interface label the Outlook adapter reads, in the languages of the interface: English
 * (the precise selectors in selectors.ts use it too), German, French, Spanish, and for the
 * From/To/Cc prefixes also Italian, Portuguese and Dutch. A label is the last road to a field:
 * the adapter reads the page by its ids, landmarks and data shapes first, and uses these to
 * find a message, keep a body out, tell the From line from the To line, strip "Von:" off a
 * name and recognise the rep's own account button.
 *
 * One comment per label: the fixture that needs it and the date to re-check it against a page
 * saved from an Outlook on the web set to that language. Labels without a fixture of their
 * language are Microsoft's own terms for that interface string, unverified on a live page.
 */
export const OUTLOOK_LABELS = {
  /** The reading pane's label, for a pane that lost both its id and its `main` role. */
  readingPane: [
    // English: message-office.html and every three-pane fixture. Re-check 2027-06.
    'Reading Pane',
    // German: message-de.html. Re-check 2027-06.
    'Lesebereich',
    // French: message-fr.html. Re-check 2027-06.
    'Volet de lecture',
    // Spanish: no fixture yet. Re-check 2027-06.
    'Panel de lectura',
  ],
  /** One message of the open conversation. */
  message: [
    // English: message-office.html, message-no-container-ids.html. Re-check 2027-06.
    'Email message',
    // German: message-de.html. Re-check 2027-06.
    'E-Mail-Nachricht',
    // French: message-fr.html. Re-check 2027-06.
    'Message électronique',
    // Spanish: no fixture yet. Re-check 2027-06.
    'Mensaje de correo electrónico',
  ],
  /** A message's body: what the sender wrote, never read for participants. */
  body: [
    // English: message-office.html and every fixture with an open message. Re-check 2027-06.
    'Message body',
    // German: message-de.html. Re-check 2027-06.
    'Nachrichtentext',
    // French: message-fr.html. Re-check 2027-06.
    'Corps du message',
    // Spanish: message-es.html. Re-check 2027-06.
    'Cuerpo del mensaje',
  ],
  /** The From line's prefix, before its colon ("From:", "Von:", "De :"). */
  from: [
    // English: message-office.html, conversation-office365.html (labels and quoted reply headers). Re-check 2027-06.
    'From',
    // German: message-de.html. Re-check 2027-06.
    'Von',
    // French and Spanish (also Portuguese): message-fr.html, message-es.html. Re-check 2027-06.
    'De',
    // Italian: no fixture yet. Re-check 2027-06.
    'Da',
    // Dutch: no fixture yet. Re-check 2027-06.
    'Van',
  ],
  /** The To line's prefix. */
  to: [
    // English: every fixture with an open message. Re-check 2027-06.
    'To',
    // German: message-de.html. Re-check 2027-06.
    'An',
    // French: message-fr.html. Re-check 2027-06.
    'À',
    // Spanish and Portuguese: message-es.html. Re-check 2027-06.
    'Para',
    // Italian: no fixture yet. Re-check 2027-06.
    'A',
    // Dutch: no fixture yet. Re-check 2027-06.
    'Aan',
  ],
  /** The Cc (and Bcc) line's prefix; case does not matter ("CC:" in internal.html). */
  cc: [
    // Every language but these: rep-last-cc-colleague.html, message-de.html, message-fr.html. Re-check 2027-06.
    'Cc',
    // English and German Bcc: no fixture yet. Re-check 2027-06.
    'Bcc',
    // French Bcc: no fixture yet. Re-check 2027-06.
    'Cci',
    // Spanish Bcc: no fixture yet. Re-check 2027-06.
    'CCO',
  ],
  /** The suite header's account button: "<label> <name or address>". */
  account: [
    // English: message-office.html and every fixture with a header. Re-check 2027-06.
    'Account manager for',
    // German: message-de.html. Re-check 2027-06.
    'Konto-Manager für',
    // French: message-fr.html. Re-check 2027-06.
    'Gestionnaire de comptes pour',
    // Spanish: no fixture yet. Re-check 2027-06.
    'Administrador de cuentas para',
  ],
} as const satisfies Record<string, readonly string[]>;

export type OutlookLabel = keyof typeof OUTLOOK_LABELS;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (label: OutlookLabel) => OUTLOOK_LABELS[label].map(escapeRegExp).join('|');

/** One of the line prefixes leading a text, with its colon: "From: ", "Von:", "De :" (French spaces it). */
export const prefix = (label: 'from' | 'to' | 'cc'): RegExp => new RegExp(`^(?:${alternatives(label)})\\s*:\\s*`, 'i');

/** Any of the three line prefixes, to strip off a name. */
export const ROLE_PREFIX = new RegExp(
  `^(?:${(['from', 'to', 'cc'] as const).map(alternatives).join('|')})\\s*:\\s*`,
  'i',
);

/** The account button's label before the account's name or address. */
export const ACCOUNT_PREFIX = new RegExp(`^(?:${alternatives('account')})\\s+`, 'i');

/** Elements whose whole `aria-label` is one of `label`'s, in any language. */
export const labelled = (label: OutlookLabel): string => OUTLOOK_LABELS[label].map((l) => `[aria-label="${l}"]`).join();

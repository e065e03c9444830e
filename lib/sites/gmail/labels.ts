/**
 * Every interface label the Gmail adapter reads, in each language it knows, lower-cased and
 * without the trailing colon (French sets it off with a space: "cc :", Chinese a full-width
 * one). A label is read only where it is the one signal left: the account button's prefix; the
 * "Show details" table and the Bcc/Cc label Gmail prints on a "to" line ("to Alex, bcc: …"), the
 * only places Gmail tells Cc from To; and the word Gmail puts for the rep's own addresses ("me").
 * Addresses never depend on a label: they are read by their shape (extract.ts). The details
 * table's other rows (date, subject, mailed-by) are not read: the table is told by its "label:"
 * cells, in any language.
 *
 * Each label's comment names the fixture or test that needs it and the date to re-check it
 * against live Gmail in that language.
 */
export const GMAIL_LABELS = {
  /** The account button's aria-label, before its colon: "Google Account: Sam Rep\n(sam@…)". */
  account: [
    // English: thread-simple.html and most fixtures. Re-check 2027-06.
    'google account',
    // German: thread-u1-second-account.html, thread-german-details.html. Re-check 2027-06.
    'google-konto',
    // French: extract.test.ts "labels in French and Spanish". Re-check 2027-06.
    'compte google',
    // Spanish: extract.test.ts "labels in French and Spanish". Re-check 2027-06.
    'cuenta de google',
    // Italian, Dutch, Portuguese: only when the sign-out link is gone (the button is found by it in
    // thread-crm-ccn-it.html, thread-delegated-nl.html, thread-rtl-cc-pt.html). Re-check 2027-06.
    'account google',
    'google-account',
    'conta do google',
  ],
  /** Rows of the details table that name the sender. */
  from: [
    // English: thread-outbound.html, thread-hovercard-only.html. Re-check 2027-06.
    'from',
    // German: thread-german-details.html. Re-check 2027-06.
    'von',
    // French, Spanish, Portuguese: extract.test.ts "labels in French and Spanish",
    // thread-hashed-cjk-es.html. Re-check 2027-06.
    'de',
    // Italian: thread-crm-ccn-it.html. Re-check 2027-06.
    'da',
    // Dutch: thread-delegated-nl.html. Re-check 2027-06.
    'van',
  ],
  /** Rows of the details table that name the To recipients. */
  to: [
    // English: thread-outbound.html, thread-hovercard-only.html. Re-check 2027-06.
    'to',
    // German: thread-german-details.html. Re-check 2027-06.
    'an',
    // French: extract.test.ts "labels in French and Spanish". Re-check 2027-06.
    'à',
    // Spanish and Portuguese: extract.test.ts "labels in French and Spanish",
    // thread-hashed-cjk-es.html. Re-check 2027-06.
    'para',
    // Italian: thread-crm-ccn-it.html. Re-check 2027-06.
    'a',
    // Dutch: thread-delegated-nl.html. Re-check 2027-06.
    'aan',
  ],
  /**
   * Rows of the details table that name Cc and Bcc recipients: never ahead of a To. (A row with a
   * label of no language here ranks its people the same way: extract.ts.)
   */
  cc: [
    // English and German (Gmail keeps "cc"): thread-outbound.html, thread-german-details.html.
    // Re-check 2027-06.
    'cc',
    // English and German Bcc (shown on the rep's own sent messages): thread-german-details.html.
    // Re-check 2027-06.
    'bcc',
    // French Bcc ("cci :"): extract.test.ts "labels in French and Spanish". Re-check 2027-06.
    'cci',
    // Spanish and Portuguese Bcc ("cco:"): extract.test.ts "labels in French and Spanish".
    // Re-check 2027-06.
    'cco',
    // Italian Bcc ("ccn:", copia carbone nascosta), in the details table and on the "a" line:
    // thread-crm-ccn-it.html. Re-check 2027-06.
    'ccn',
  ],
  /**
   * Gmail's word for the signed-in account's own addresses on a "to" line ("to me", "an mich"),
   * send-as aliases included: such a recipient is the rep, whatever the address.
   */
  me: [
    // English: thread-simple.html and most fixtures. Re-check 2027-06.
    'me',
    // German: thread-sendas-alias-de.html (an alias "an mich"). Re-check 2027-06.
    'mich',
    // French: thread-reading-pane-fr.html ("à moi"). Re-check 2027-06.
    'moi',
    // Spanish: thread-hashed-cjk-es.html ("para mí"). Re-check 2027-06.
    'mí',
    // Dutch: thread-delegated-nl.html ("aan mij"). Re-check 2027-06.
    'mij',
    // Portuguese: thread-rtl-cc-pt.html ("para mim"). Re-check 2027-06. (Italian: "a me".)
    'mim',
  ],
} as const satisfies Record<string, readonly string[]>;

export type GmailLabel = keyof typeof GMAIL_LABELS;

/** Which label `text` is ("Cc :", " von:", "Datum:", "mich"), or `undefined` for anything else. */
export function gmailLabel(text: string | null | undefined): GmailLabel | undefined {
  const key = (text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:：]$/, '')
    .toLowerCase()
    .normalize('NFC');
  for (const label of Object.keys(GMAIL_LABELS) as GmailLabel[]) {
    if ((GMAIL_LABELS[label] as readonly string[]).includes(key)) return label;
  }
  return undefined;
}

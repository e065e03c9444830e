import { addressesIn, type SendReader } from '../sent';
import { gmailThreadId } from './extract';

/**
 * Gmail's sends (lib/sites/sent.ts). The compose is an ARIA region (the inline reply, and the
 * "New Message" window's body, InboxSDK's compose parser) or the window's dialog; its send
 * button is a `div[role="button"]` named "Send ‪(Ctrl-Enter)‬" in its aria-label and tooltip;
 * once sent, the compose goes and the "Message sent" notice (`#link_undo`, `#link_vsm` in the
 * alert region) shows. Recipients are the chips' addresses (`data-hovercard-id`, `email`, and
 * the pre-2021 compose's hidden `to`/`cc`/`bcc` inputs), never the body or its quote.
 *
 * Each label's comment names the fixture (tests/fixtures/gmail/sent/) that needs it and the date
 * to re-check it against live Gmail in that language.
 */
export const GMAIL_SEND_LABELS = {
  send: [
    // English: reply-inline.html ("Send ‪(Ctrl-Enter)‬"). Re-check 2027-06.
    'send',
    // German: compose-new-de-rotated.html ("Senden ‪(Strg + Eingabetaste)‬"). Re-check 2027-06.
    'senden',
    // French: compose-refused-fr.html ("Envoyer ‪(Ctrl+Entrée)‬"). Re-check 2027-06.
    'envoyer',
    // Spanish and Portuguese: not on a fixture yet, Google's own term. Re-check 2027-06.
    'enviar',
    // Italian and Dutch: not on a fixture yet, Google's own terms. Re-check 2027-06.
    'invia',
    'verzenden',
  ],
  sent: [
    // English: reply-inline.html. Re-check 2027-06.
    'message sent',
    // German: compose-new-de-rotated.html. Re-check 2027-06.
    'nachricht gesendet',
    // French: Google's term, not on a fixture yet (compose-refused-fr.html is refused). Re-check 2027-06.
    'message envoyé',
    // Spanish, Portuguese, Italian, Dutch: not on a fixture yet. Re-check 2027-06.
    'mensaje enviado',
    'mensagem enviada',
    'messaggio inviato',
    'bericht verzonden',
  ],
} as const;

/** Where a chip keeps its address; the body and its quote name other people. */
const RECIPIENT = '[data-hovercard-id], [email], input[name="to"], input[name="cc"], input[name="bcc"]';
const OUTSIDE = '[contenteditable="true"], blockquote, .gmail_quote';

export const GMAIL_SENDS: SendReader = {
  ...GMAIL_SEND_LABELS,
  compose: (el) => el.closest('[role="region"], [role="dialog"]'),
  read(compose, url) {
    const chips = Array.from(compose.querySelectorAll(RECIPIENT)).filter((el) => !el.closest(OUTSIDE));
    const emails = addressesIn(
      chips.flatMap((el) => [
        el.getAttribute('data-hovercard-id'),
        el.getAttribute('email'),
        (el as HTMLInputElement).value,
      ]),
    );
    if (emails.length === 0) return null;
    const thread = gmailThreadId(url);
    return { kind: 'email', emails, ...(thread ? { thread: `gmail:${thread}` } : {}) };
  },
};

import { addressesIn, ancestor, EDITOR, holdsSend, type SendReader } from '../sent';
import { OUTLOOK_LABELS } from './labels';
import { OUTLOOK_URLS } from './selectors';

/**
 * Outlook on the web's sends (lib/sites/sent.ts). OWA's compose (an inline reply, a forward
 * docked above the message, a new message in the reading pane) has no role or id that lasts: it
 * is the nearest element holding both an editor and the Send button. Its Send button is labelled
 * "Send" (title "Send (Ctrl+Enter)"); once sent, the compose goes. No "sent" notice is read: the
 * wording of OWA's announcement has not been seen on a saved page.
 *
 * Recipients are the addresses in the To/Cc/Bcc wells (a pill's title or label, or the typed
 * address): every editor of the compose but the body, which is the last one, multi-line, and
 * labelled "Message body" in OWA's languages (its quoted reply names other people).
 *
 * Each label's comment names the fixture (tests/fixtures/outlook/sent/) that needs it and the
 * date to re-check it against a page saved from OWA in that language.
 */
export const OUTLOOK_SEND_LABELS = {
  send: [
    // English: reply-inline.html (aria-label "Send", title "Send (Ctrl+Enter)"). Re-check 2027-06.
    'send',
    // French: compose-new-fr-rotated.html, and message-fr-forward-draft.html's docked forward. Re-check 2027-06.
    'envoyer',
    // German, Spanish and Portuguese, Italian, Dutch: Microsoft's terms, not on a fixture yet. Re-check 2027-06.
    'senden',
    'enviar',
    'invia',
    'verzenden',
  ],
  sent: [],
} as const;

const BODY_LABELS = OUTLOOK_LABELS.body.map((label) => label.toLowerCase());

export const OUTLOOK_SENDS: SendReader = {
  ...OUTLOOK_SEND_LABELS,
  compose: (el) => ancestor(el, (at) => at.querySelector(EDITOR) !== null && holdsSend(at, OUTLOOK_SENDS)),
  read(compose, url) {
    const editors = Array.from(compose.querySelectorAll('[role="textbox"], [contenteditable="true"]'));
    const wells = editors.filter(
      (el, i) =>
        i < editors.length - 1 &&
        el.getAttribute('aria-multiline') !== 'true' &&
        !BODY_LABELS.some((label) => (el.getAttribute('aria-label') ?? '').toLowerCase().startsWith(label)),
    );
    const emails = addressesIn(
      wells.flatMap((well) => [
        well.textContent,
        ...Array.from(well.querySelectorAll('[title], [aria-label]')).flatMap((el) => [
          el.getAttribute('title'),
          el.getAttribute('aria-label'),
        ]),
      ]),
    );
    if (emails.length === 0) return null;
    const item = OUTLOOK_URLS.message.exec(url.pathname)?.[1];
    return { kind: 'email', emails, ...(item ? { thread: `outlook:${item}` } : {}) };
  },
};

import type { SendReader } from '../sent';
import { linkedinPage } from './extract';
import { profileUrl, slugOf } from './links';

/**
 * LinkedIn's sends (lib/sites/sent.ts): a message from the messaging overlay's conversation
 * bubble, and a connection request from the invitation dialog. Both are ARIA dialogs. A message
 * goes to the profile the bubble's header links to (its first link to a member), and once sent
 * LinkedIn empties the message box; Enter sends there, as LinkedIn's default "Press Enter to
 * send" has it. A request goes to the profile the dialog links to, else the profile the page
 * shows; once sent the dialog closes and the "Invitation sent" toast shows.
 *
 * Each label's comment names the fixture (tests/fixtures/linkedin/sent/) that needs it and the
 * date to re-check it against live LinkedIn in that language.
 */
export const LINKEDIN_SEND_LABELS = {
  send: [
    // English: message-overlay.html (the message form's "Send"; the invitation's once a note is added). Re-check 2027-06.
    'send',
    // English: invite-without-note.html. Re-check 2027-06.
    'send without a note',
    // English, other builds of the invitation dialog (public automation scripts). Re-check 2027-06.
    'send invitation',
    'send now',
    // German: invite-de-rotated.html ("Ohne Notiz senden"), message-shadow-de.html ("Senden"). Re-check 2027-06.
    'ohne notiz senden',
    'senden',
    // Portuguese ("Enviar agora", "Enviar sem nota", in public automation scripts); Spanish and French
    // as LinkedIn words them, not on a fixture yet. Re-check 2027-06.
    'enviar',
    'enviar agora',
    'enviar sem nota',
    'enviar sin nota',
    'envoyer',
    'envoyer sans note',
  ],
  sent: [
    // English: invite-without-note.html ("Invitation sent to Marcus Feld"). Re-check 2027-06.
    'invitation sent',
    // French, as public code reads the toast ("Invitation envoyée à …"); no fixture yet. Re-check 2027-06.
    'invitation envoyée',
  ],
} as const;

/** The first member a dialog links to, outside what the rep types. */
function linkedProfile(dialog: Element): string | undefined {
  for (const link of Array.from(dialog.querySelectorAll('a[href]'))) {
    const slug = link.closest('[contenteditable="true"]') ? null : slugOf(link.getAttribute('href'));
    if (slug) return profileUrl(slug);
  }
  return undefined;
}

export const LINKEDIN_SENDS: SendReader = {
  ...LINKEDIN_SEND_LABELS,
  compose: (el) => el.closest('[role="dialog"], dialog'),
  enterSends: (compose) => compose.querySelector('[contenteditable="true"]') !== null,
  read(compose, url) {
    // A message box makes it a conversation; the invitation's note is a textarea, or nothing.
    const message = compose.querySelector('[contenteditable="true"]') !== null;
    const page = linkedinPage(url);
    const linkedinUrl = linkedProfile(compose) ?? (!message && page?.kind === 'profile' ? page.linkedinUrl : undefined);
    const slug = linkedinUrl && slugOf(linkedinUrl);
    if (!linkedinUrl || !slug) return null;
    return {
      kind: message ? 'linkedin_message' : 'linkedin_invite',
      emails: [],
      linkedinUrl,
      thread: `linkedin:in/${encodeURIComponent(slug)}`,
    };
  },
};

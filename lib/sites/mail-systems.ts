// Addresses on a mail thread that are no person to look up. Runs in the page: plain regexes.

/**
 * shape: the local part of a mail system's address, never a person to look up: a bounce's
 * "Mail Delivery Subsystem <mailer-daemon@googlemail.com>" (gmail thread-bounce.html), a
 * postmaster, a no-reply sender. Re-check 2027-06.
 */
const MACHINE = /(^|[._+-])(mailer-daemon|postmaster|no[-_]?reply|do[-_]?not[-_]?reply)([._+-]|$)/i;

/**
 * shape: a CRM's drop box, the address a rep Bccs so the CRM logs the mail: a `bcc` subdomain
 * (`<id>@bcc.hubspot.com`; gmail thread-bounce.html, thread-crm-ccn-it.html), a "crm-dropbox"
 * domain (gmail thread-german-details.html), Salesforce's and Pipedrive's own. Never a person,
 * so never a participant to switch to. Re-check 2027-06.
 */
const DROP_BOX = [
  /@(?:[^@]+\.)?bcc\.[^@.]+\.[^@.]+$/i,
  /@(?:[^@]+\.)?(?:[a-z0-9]+-dropbox|dropbox-[a-z0-9]+)\./i,
  /^emailtosalesforce@/i,
  /@pipedrivemail\.com$/i,
];

/** A mail system's address (mailer-daemon, postmaster, no-reply), by its local part. */
export function isMailSystem(address: string): boolean {
  return MACHINE.test(address.slice(0, address.lastIndexOf('@')));
}

/** A mail system's or a CRM drop box's address: on the thread, but nobody to show. */
export function isNoPerson(address: string): boolean {
  return isMailSystem(address) || DROP_BOX.some((shape) => shape.test(address.trim()));
}

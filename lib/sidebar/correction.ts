import type { PageCorrection } from '../domain/correction';
import type { Lead } from '../domain/lead';
import type { PageIdentity, ReadBy, ReadField } from '../sites/types';

/**
 * The person the sidebar looks up on a page: the adapter's reading with the rep's correction
 * laid over it. The rep's name and email replace the page's (and say so in `readBy`); the
 * page's own URL fields stay, since they are the page's and not the person's guess.
 */
export function correctedIdentity(identity: PageIdentity, correction: PageCorrection | null): PageIdentity {
  const person = correction?.person;
  if (!person) return identity;
  const readBy: ReadBy = { ...identity.readBy };
  const next: PageIdentity = { ...identity, readBy };
  if (person.name) {
    next.name = person.name;
    readBy.name = 'correction';
  }
  if (person.email) {
    next.emails = [person.email];
    readBy.emails = 'correction';
  }
  return next;
}

/** The leads a page may still be: never one the rep said it is not. */
export function allowedLeads(leads: readonly Lead[], correction: PageCorrection | null): Lead[] {
  const wrong = new Set(correction?.notLeadIds ?? []);
  return leads.filter((lead) => !wrong.has(lead.id));
}

const LAYER_WORDS: Record<NonNullable<ReadBy[ReadField]>, string> = {
  selector: "the page's layout",
  url: 'the address bar',
  metadata: 'the page title or metadata',
  landmark: "the page's headings and regions",
  shape: 'an address on the page',
  label: 'a labelled field',
  correction: 'your correction',
};

const FIELD_WORDS: Record<ReadField, string> = {
  name: 'name',
  emails: 'email',
  linkedinUrl: 'profile',
  salesNavigatorId: 'lead id',
  title: 'title',
  company: 'company',
  location: 'location',
};

/** "read from the page title", for a field's tooltip; `undefined` when the adapter did not say. */
export function readFrom(identity: PageIdentity, field: ReadField): string | undefined {
  const layer = identity.readBy?.[field];
  return layer && `read from ${LAYER_WORDS[layer]}`;
}

/**
 * How the page was read, in one line: fields grouped by where they came from, most precise
 * first ("name and title from the page's layout; profile from the address bar").
 */
export function readingSummary(identity: PageIdentity): string | undefined {
  const groups = new Map<string, string[]>();
  for (const [field, layer] of Object.entries(identity.readBy ?? {}) as [ReadField, keyof typeof LAYER_WORDS][]) {
    const words = LAYER_WORDS[layer];
    groups.set(words, [...(groups.get(words) ?? []), FIELD_WORDS[field]]);
  }
  if (groups.size === 0) return undefined;
  return [...groups]
    .map(([where, fields]) => `${fields.join(fields.length === 2 ? ' and ' : ', ')} from ${where}`)
    .join('; ');
}

import type { NewLead } from '../../lib/db';
import { emailDomain, isPersonalEmailDomain } from '../../lib/domain/identity';
import type { PageIdentity } from '../../lib/sites/types';
import { SITE_SOURCES } from './labels';

/** The add-lead form's fields, in display order. */
export const DRAFT_FIELDS = ['name', 'emails', 'linkedinUrl', 'title', 'company', 'domain', 'location'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
export type Draft = Record<DraftField, string>;

export const DRAFT_LABELS: Record<DraftField, string> = {
  name: 'Name',
  emails: 'Emails',
  linkedinUrl: 'LinkedIn URL',
  title: 'Title',
  company: 'Company',
  domain: 'Company domain',
  location: 'Location',
};

/** Where each lead path's validation issue is shown (`person.emails.1` goes to Emails). */
const FIELD_OF_PATH: readonly [string, DraftField][] = [
  ['person.name', 'name'],
  ['person.emails', 'emails'],
  ['person.linkedinUrl', 'linkedinUrl'],
  ['person.title', 'title'],
  ['person.location', 'location'],
  ['company.name', 'company'],
  ['company.domain', 'domain'],
];

export function fieldOfPath(path: string): DraftField | undefined {
  // The schema's "needs an email or a LinkedIn URL" sits on `person`; an email is the usual fix.
  if (path === 'person') return 'emails';
  return FIELD_OF_PATH.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
}

/** The form pre-filled from the page; the company domain guessed from a work email. */
export function draftFromIdentity(identity: PageIdentity): Draft {
  const work = identity.emails.map(emailDomain).find((d) => d !== undefined && !isPersonalEmailDomain(d));
  return {
    name: identity.name ?? '',
    emails: identity.emails.join(', '),
    linkedinUrl: identity.linkedinUrl ?? '',
    title: identity.title ?? '',
    company: identity.company ?? '',
    domain: work ?? '',
    location: identity.location ?? '',
  };
}

/** "a@x.com, b@y.com" or one per line: the addresses, in order. */
export function splitEmails(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part.length > 0);
}

const optional = (value: string) => (value.trim() === '' ? undefined : value);

/**
 * The lead to create from the form: stage `lead` (the outbound path: the rep found them, no
 * marketing handoff), source named after the site. Not validated here: `LeadRepository.create`
 * parses with `LeadSchema` and its `ValidationError` names the fields.
 */
export function leadFromDraft(draft: Draft, site: PageIdentity['site'], owner: string | undefined): NewLead {
  return {
    person: {
      name: draft.name,
      emails: splitEmails(draft.emails),
      linkedinUrl: optional(draft.linkedinUrl),
      title: optional(draft.title),
      location: optional(draft.location),
    },
    company: { name: optional(draft.company), domain: optional(draft.domain) },
    source: SITE_SOURCES[site],
    stage: 'lead',
    owner,
  };
}

/** zod's generic size messages, in the form's words. */
export function humanMessage(message: string, value: string): string {
  if (/^Too small/.test(message) && value.trim() === '') return 'Required';
  const tooBig = /^Too big: expected string to have <=(\d+) characters/.exec(message);
  if (tooBig) return `Too long: at most ${tooBig[1]} characters`;
  return message;
}

import { LEAD_STAGES } from '../domain/enums';
import { linkedinSlug } from '../domain/identity';
import type { Lead } from '../domain/lead';
import type { LeadRepository } from './leads';

export const SEARCH_LIMIT = 20;

/** What a page tells about a person that identifies them as a lead. */
export interface IdentityKeys {
  emails: readonly string[];
  linkedinUrl?: string | undefined;
}

/** Case- and accent-insensitive form of a name: "José" finds "jose". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** 0: the name starts with the query; 1: a word does; 2: it is somewhere inside. */
function rank(name: string, needle: string): number | undefined {
  const folded = fold(name);
  if (folded.startsWith(needle)) return 0;
  if (folded.split(/[\s'-]+/).some((word) => word.startsWith(needle))) return 1;
  return folded.includes(needle) ? 2 : undefined;
}

/**
 * The manual search the sidebar falls back to: an email or a LinkedIn URL goes through the
 * identity indexes; anything else is a name, matched by prefix first, then inside the name.
 *
 * The name search scans every lead (one `listByStage` per stage, as no repository method
 * lists them all or indexes names). That is fine at thousands of leads and runs only when the
 * rep submits a search, but at 100k leads it wants a name-token index in lib/db.
 */
export async function searchLeads(leads: LeadRepository, query: string, limit: number = SEARCH_LIMIT): Promise<Lead[]> {
  const text = query.trim();
  if (!text) return [];
  if (text.includes('@')) return (await leads.findByEmail(text)).slice(0, limit);
  if (linkedinSlug(text) !== null) return (await leads.findByLinkedinUrl(text)).slice(0, limit);

  const needle = fold(text);
  const everyone = (await Promise.all(LEAD_STAGES.map((stage) => leads.listByStage(stage)))).flat();
  const hits: { lead: Lead; rank: number }[] = [];
  for (const lead of everyone) {
    const r = rank(lead.person.name, needle);
    if (r !== undefined) hits.push({ lead, rank: r });
  }
  hits.sort((a, b) => a.rank - b.rank || a.lead.person.name.localeCompare(b.lead.person.name));
  return hits.slice(0, limit).map((hit) => hit.lead);
}

/**
 * Every stored lead the person on a page could be (DESIGN.md §4: identity, never junk):
 * by each email, then by the LinkedIn profile, in that order of confidence, each lead once.
 * Several leads means a duplicate the rep should see, so all are returned.
 * Name + company matching is not done here: it needs a name index that lib/db lacks.
 */
export async function findLeadsForIdentity(leads: LeadRepository, identity: IdentityKeys): Promise<Lead[]> {
  const found = new Map<string, Lead>();
  const batches = await Promise.all([
    ...identity.emails.map((email) => leads.findByEmail(email)),
    identity.linkedinUrl ? leads.findByLinkedinUrl(identity.linkedinUrl) : Promise.resolve([]),
  ]);
  for (const batch of batches) for (const lead of batch) if (!found.has(lead.id)) found.set(lead.id, lead);
  return [...found.values()];
}

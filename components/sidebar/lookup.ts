import type { Repositories } from '../../lib/db';
import type { Lead } from '../../lib/domain/lead';
import type { PageIdentity } from '../../lib/sites/types';

/**
 * A stable key for what a lookup depends on: the state object is new on every message from
 * the page, but the lookup only needs to re-run when the emails or the profile change.
 */
export function identityKey(identity: Pick<PageIdentity, 'emails' | 'linkedinUrl'>): string {
  return JSON.stringify([identity.emails, identity.linkedinUrl ?? null]);
}

/**
 * Every stored lead the person on the page could be (DESIGN.md §4: identity, never junk):
 * by each email, then by the LinkedIn profile, in that order of confidence, each lead once.
 * Several leads means a duplicate the rep should see, so all are returned.
 * Name + company matching is not done here: it needs a name index that lib/db lacks.
 */
export async function findLeadsForIdentity(
  leads: Repositories['leads'],
  identity: Pick<PageIdentity, 'emails' | 'linkedinUrl'>,
): Promise<Lead[]> {
  const found = new Map<string, Lead>();
  const batches = await Promise.all([
    ...identity.emails.map((email) => leads.findByEmail(email)),
    identity.linkedinUrl ? leads.findByLinkedinUrl(identity.linkedinUrl) : Promise.resolve([]),
  ]);
  for (const batch of batches) for (const lead of batch) if (!found.has(lead.id)) found.set(lead.id, lead);
  return [...found.values()];
}

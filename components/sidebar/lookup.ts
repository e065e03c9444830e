import type { PageIdentity } from '../../lib/sites/types';

/**
 * A stable key for what a lookup depends on: the state object is new on every message from
 * the page, but the lookup only needs to re-run when the emails or the profile change.
 */
export function identityKey(identity: Pick<PageIdentity, 'emails' | 'linkedinUrl'>): string {
  return JSON.stringify([identity.emails, identity.linkedinUrl ?? null]);
}

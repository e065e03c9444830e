import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Repositories } from '../../lib/db';
import type { Lead } from '../../lib/domain/lead';
import type { PageIdentity } from '../../lib/sites/types';
import { DuplicateNotice } from './DuplicateNotice';
import { LeadById } from './LeadById';
import { LeadView } from './LeadView';
import { findLeadsForIdentity, identityKey } from './lookup';
import { UnknownPerson } from './UnknownPerson';

export interface PersonViewProps {
  repos: Repositories;
  identity: PageIdentity;
  now: () => number;
  search: (query: string) => Promise<readonly Lead[]>;
}

/** A lead the rep opened by hand for this person: just added, or found by search. */
type Chosen = { id: string; via: 'created' | 'search' };

/**
 * The person on the page, looked up live: a known lead (or several, a duplicate to see), or
 * someone unknown with the form to add them. A lead created here, in another tab or by an
 * import shows up without a reload.
 */
export function PersonView({ repos, identity, now, search }: PersonViewProps) {
  const key = identityKey(identity);
  const lookup = useLiveQuery(
    async () => ({ key, leads: await findLeadsForIdentity(repos.leads, identity) }),
    // `key` stands for identity: a new state object for the same person is no new lookup.
    [repos, key],
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);

  // useLiveQuery keeps the previous person's result while this one's loads: never show it.
  if (lookup === undefined || lookup.key !== key) {
    return <p aria-busy="true">Looking up {identity.name ?? 'this person'}…</p>;
  }

  const first = lookup.leads[0];
  if (first !== undefined && chosen?.via !== 'search') {
    const lead = lookup.leads.find((l) => l.id === selectedId) ?? first;
    return (
      <>
        {lookup.leads.length > 1 && (
          <DuplicateNotice leads={lookup.leads} selectedId={lead.id} onSelect={setSelectedId} />
        )}
        <LeadView repos={repos} lead={lead} now={now} />
      </>
    );
  }

  if (chosen !== null) {
    return (
      <>
        {chosen.via === 'search' && (
          <button type="button" className="secondary back" onClick={() => setChosen(null)}>
            Back to the person on this page
          </button>
        )}
        <LeadById repos={repos} leadId={chosen.id} now={now} />
      </>
    );
  }

  return (
    <UnknownPerson
      repos={repos}
      identity={identity}
      search={search}
      onCreated={(lead) => setChosen({ id: lead.id, via: 'created' })}
      onFound={(lead) => setChosen({ id: lead.id, via: 'search' })}
    />
  );
}

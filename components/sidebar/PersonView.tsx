import { useState } from 'react';
import type { Lead } from '../../lib/domain/lead';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import type { PageIdentity } from '../../lib/sites/types';
import { DuplicateNotice } from './DuplicateNotice';
import { useLive } from './data';
import { LeadById } from './LeadById';
import { LeadView } from './LeadView';
import { identityKey } from './lookup';
import { UnknownPerson } from './UnknownPerson';

export interface PersonViewProps {
  identity: PageIdentity;
  now: () => number;
  search: (query: string) => Promise<readonly Lead[]>;
}

/** A lead the rep opened by hand for this person: just added, or found by search. */
type Chosen = { id: string; via: 'created' | 'search'; decided?: DecisionRecorded | undefined };

/**
 * The person on the page, looked up live: a known lead (or several, a duplicate to see), or
 * someone unknown with the form to add them. A lead created here, in another tab or by an
 * import shows up without a reload.
 */
export function PersonView({ identity, now, search }: PersonViewProps) {
  // The key stands for identity: a new state object for the same person is no new lookup.
  const leads = useLive(['leadsFor', identityKey(identity)], (data) => data.leadsFor(identity));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);

  if (leads === undefined) {
    return <p aria-busy="true">Looking up {identity.name ?? 'this person'}…</p>;
  }

  const first = leads[0];
  if (first !== undefined && chosen?.via !== 'search') {
    const lead = leads.find((l) => l.id === selectedId) ?? first;
    return (
      <>
        {leads.length > 1 && <DuplicateNotice leads={leads} selectedId={lead.id} onSelect={setSelectedId} />}
        <LeadView lead={lead} now={now} justDecided={chosen?.id === lead.id ? chosen.decided : undefined} />
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
        <LeadById leadId={chosen.id} now={now} justDecided={chosen.decided} />
      </>
    );
  }

  return (
    <UnknownPerson
      identity={identity}
      search={search}
      onCreated={(lead, decided) => setChosen({ id: lead.id, via: 'created', decided })}
      onFound={(lead) => setChosen({ id: lead.id, via: 'search' })}
    />
  );
}

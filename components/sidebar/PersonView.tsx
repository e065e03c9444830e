import { useMemo, useRef, useState } from 'react';
import type { PageCorrection } from '../../lib/domain/correction';
import type { Lead } from '../../lib/domain/lead';
import { allowedLeads, correctedIdentity } from '../../lib/sidebar/correction';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import type { PageIdentity } from '../../lib/sites/types';
import { DuplicateNotice } from './DuplicateNotice';
import { useLive, useSidebarData } from './data';
import { DiscardedLeadsContext } from './discarded-leads';
import { LeadById } from './LeadById';
import { LeadView } from './LeadView';
import { identityKey } from './lookup';
import { PageReading } from './PageReading';
import { Participants, threadPeople } from './Participants';
import { companyDomain, SameCompany } from './SameCompany';
import { UnknownPerson } from './UnknownPerson';
import { WrongPerson } from './WrongPerson';

export interface PersonViewProps {
  identity: PageIdentity;
  now: () => number;
  search: (query: string) => Promise<readonly Lead[]>;
}

/**
 * The person on the page, looked up live, with the rep's correction for this page (if any)
 * laid over the page's reading first: a correction wins over the adapter. On a thread with
 * several people outside, the rep can switch to any of them; each is shown exactly as the
 * page's person would be (a known lead, or someone to add).
 */
export function PersonView({ identity, now, search }: PersonViewProps) {
  const { pageKey } = identity;
  const correction = useLive(['correction', pageKey ?? null], (data) =>
    pageKey ? data.correction(pageKey) : Promise.resolve(null),
  );
  const people = useMemo(() => threadPeople(identity), [identity]);
  // Which of the thread's people is shown, for this page only (the next thread starts on its person).
  const [picked, setPicked] = useState<{ page: string | undefined; email: string }>();
  const other = picked?.page === pageKey ? people.find((p, i) => i > 0 && p.email === picked?.email) : undefined;
  const switcher = people.length > 1 && (
    <Participants
      people={people}
      current={other?.email ?? identity.emails[0] ?? ''}
      onSelect={(p) => setPicked({ page: pageKey, email: p.email })}
    />
  );
  if (other) {
    // Someone else on the thread: a view choice, not a reading of the page, so no correction of
    // the page applies to them and none is stored for them ("Wrong person?" stays about them only).
    const shown: PageIdentity = {
      site: identity.site,
      page: identity.page,
      emails: [other.email],
      readBy: { ...other.readBy },
      ...(other.name ? { name: other.name } : {}),
    };
    return (
      <>
        {switcher}
        <ReadPerson key={`thread:${other.email}`} identity={shown} stored={null} now={now} search={search} />
      </>
    );
  }
  if (correction === undefined) return <p aria-busy="true">Looking up {identity.name ?? 'this person'}…</p>;
  // Keyed by page: the rep's word on one thread is not their word on the next, even about the same person.
  return (
    <>
      {switcher}
      <ReadPerson key={pageKey ?? ''} identity={identity} stored={correction} now={now} search={search} />
    </>
  );
}

/** A lead the rep opened by hand for this person: just added, or found by search. */
type Chosen = { id: string; via: 'created' | 'search'; decided?: DecisionRecorded | undefined };

/** "Wrong person?" is open: `wrong` is the lead just marked (if one was shown), `before` what to undo to. */
type Correcting = { wrong?: Lead; before: PageCorrection | null };

interface ReadPersonProps extends PersonViewProps {
  /** The stored correction for this page, or null. */
  stored: PageCorrection | null;
}

/**
 * A known lead (or several, a duplicate to see), or someone unknown with the form to add
 * them; a lead created here, in another tab or by an import shows up without a reload. Every
 * reading offers "Wrong person?". A lead marked wrong leaves the view at once, and anything
 * of it still waiting to be saved is dropped, so nothing more is recorded on it from here.
 */
function ReadPerson({ identity: read, stored, now, search }: ReadPersonProps) {
  const data = useSidebarData();
  // The rep's latest word for this page, ahead of the stored copy (which follows a moment later),
  // and the only one on a page without a key of its own.
  const [local, setLocal] = useState<{ value: PageCorrection | null }>();
  const correction = local ? local.value : stored;
  const identity = useMemo(() => correctedIdentity(read, correction), [read, correction]);
  const found = useLive(['leadsFor', identityKey(identity)], (d) => d.leadsFor(identity));
  const picked = correction?.leadId;
  const pickedLead = useLive(['lead', picked ?? null], (d) => (picked ? d.lead(picked) : Promise.resolve(null)));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [correcting, setCorrecting] = useState<Correcting | null>(null);
  const [failure, setFailure] = useState<string>();
  const discarded = useRef(new Set<string>());
  const guard = useMemo(() => ({ has: (id: string) => discarded.current.has(id) }), []);

  const pageKey = read.pageKey;
  const base = (): Omit<PageCorrection, 'correctedAt'> =>
    correction ? { ...correction } : { pageKey: pageKey ?? '', notLeadIds: [] };

  /** Records the rep's word: at once here, then for good (when the page has a key). */
  async function remember(next: Omit<PageCorrection, 'correctedAt'> | null): Promise<void> {
    setLocal({ value: next && { ...next, correctedAt: Date.now() } });
    setFailure(undefined);
    if (!pageKey) return;
    try {
      if (next) setLocal({ value: await data.saveCorrection({ ...next, pageKey }) });
      else await data.forgetCorrection(pageKey);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  function markWrong(lead: Lead | null | undefined) {
    const before = correction;
    if (lead) {
      discarded.current.add(lead.id);
      const { leadId, ...rest } = base();
      const next = { ...rest, notLeadIds: [...new Set([...rest.notLeadIds, lead.id])] };
      void remember(leadId && leadId !== lead.id ? { ...next, leadId } : next).catch(() => {});
    }
    setChosen(null);
    setSelectedId(null);
    setCorrecting({ ...(lead ? { wrong: lead } : {}), before });
  }

  function undo() {
    const { wrong, before } = correcting ?? {};
    setCorrecting(null);
    if (!wrong) return;
    discarded.current.delete(wrong.id);
    void remember(before ?? null).catch(() => {});
  }

  /** Opens a lead found by hand (a search result, someone at the same company), with a way back. */
  const openLead = (lead: Lead) => setChosen({ id: lead.id, via: 'search' });

  const leads = found && allowedLeads(found, correction);
  const view = (() => {
    if (leads === undefined) return <p aria-busy="true">Looking up {identity.name ?? 'this person'}…</p>;
    if (correcting) {
      const { person: _person, leadId: _leadId, ...rest } = base();
      return (
        <WrongPerson
          notName={correcting.wrong?.person.name}
          name={identity.name}
          email={identity.emails[0]}
          search={search}
          excluded={new Set(rest.notLeadIds)}
          remembered={pageKey !== undefined}
          onPick={async (lead) => {
            await remember({ ...rest, leadId: lead.id });
            setCorrecting(null);
          }}
          onCorrect={async (person) => {
            await remember({ ...rest, person });
            setCorrecting(null);
          }}
          onUndo={undo}
        />
      );
    }
    const reading = (lead: Lead | null | undefined) => (
      <PageReading identity={identity} onWrongPerson={() => markWrong(lead)} />
    );
    if (picked) {
      if (pickedLead === undefined) return <p aria-busy="true">Loading the lead…</p>;
      return (
        <>
          {reading(pickedLead)}
          <p className="notice" role="note">
            You said this page is {pickedLead?.person.name ?? 'a lead that no longer exists'}.{' '}
            <button type="button" className="secondary small" onClick={() => void remember(null).catch(() => {})}>
              Forget the correction
            </button>
          </p>
          {pickedLead && <LeadView lead={pickedLead} now={now} />}
        </>
      );
    }
    const first = leads[0];
    if (first !== undefined && chosen?.via !== 'search') {
      const lead = leads.find((l) => l.id === selectedId) ?? first;
      return (
        <>
          {reading(lead)}
          {leads.length > 1 && <DuplicateNotice leads={leads} selectedId={lead.id} onSelect={setSelectedId} />}
          <SameCompany
            domain={companyDomain(lead.person.emails, lead.company.domain)}
            exclude={leads.map((l) => l.id)}
            onOpen={openLead}
          />
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
      <>
        {reading(undefined)}
        <UnknownPerson
          // A corrected name or email starts a fresh form from it.
          key={`${identity.name ?? ''}|${identity.emails.join(',')}`}
          identity={identity}
          search={search}
          onCreated={(lead, decided) => setChosen({ id: lead.id, via: 'created', decided })}
          onFound={openLead}
        >
          <SameCompany domain={companyDomain(identity.emails)} onOpen={openLead} />
        </UnknownPerson>
      </>
    );
  })();

  return (
    <DiscardedLeadsContext.Provider value={guard}>
      {correction?.person && !correcting && (
        <p className="notice" role="note">
          Name and email corrected by you for this page.{' '}
          <button type="button" className="secondary small" onClick={() => void remember(null).catch(() => {})}>
            Forget the correction
          </button>
        </p>
      )}
      {failure && (
        <p role="alert" className="field-error">
          Could not remember the correction: {failure}
        </p>
      )}
      {view}
    </DiscardedLeadsContext.Provider>
  );
}

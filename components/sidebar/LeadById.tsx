import { useLiveQuery } from 'dexie-react-hooks';
import type { Repositories } from '../../lib/db';
import { LeadView } from './LeadView';

export interface LeadByIdProps {
  repos: Repositories;
  leadId: string;
  now: () => number;
}

/** A lead chosen by id (a search result, a lead just added), followed live. */
export function LeadById({ repos, leadId, now }: LeadByIdProps) {
  const found = useLiveQuery(async () => ({ leadId, lead: await repos.leads.get(leadId) }), [repos, leadId]);
  if (found === undefined || found.leadId !== leadId) return <p aria-busy="true">Loading the lead…</p>;
  if (found.lead === undefined) return <p role="status">This lead no longer exists (deleted elsewhere).</p>;
  return <LeadView repos={repos} lead={found.lead} now={now} />;
}

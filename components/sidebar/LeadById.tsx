import type { DecisionRecorded } from '../../lib/sidebar/data';
import { useLive } from './data';
import { LeadView } from './LeadView';

export interface LeadByIdProps {
  leadId: string;
  now: () => number;
  /** A decision made as the lead was added (direct to SQL): still offered for undo. */
  justDecided?: DecisionRecorded | undefined;
}

/** A lead chosen by id (a search result, a lead just added), followed live. */
export function LeadById({ leadId, now, justDecided }: LeadByIdProps) {
  const lead = useLive(['lead', leadId], (data) => data.lead(leadId));
  if (lead === undefined) return <p aria-busy="true">Loading the lead…</p>;
  if (lead === null) return <p role="status">This lead no longer exists (deleted elsewhere).</p>;
  return <LeadView lead={lead} now={now} justDecided={justDecided} />;
}

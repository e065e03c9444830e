import { useLiveQuery } from 'dexie-react-hooks';
import type { Repositories } from '../../lib/db';
import type { Lead } from '../../lib/domain/lead';
import { LeadHeader } from './LeadHeader';
import { ScoreCard } from './ScoreCard';
import { SlaClock } from './SlaClock';
import { Timeline } from './Timeline';
import { useNow } from './useNow';

export interface LeadViewProps {
  repos: Repositories;
  lead: Lead;
  now: () => number;
}

/** A known lead: who, the SLA clock, the score with its explanation, the engagement. */
export function LeadView({ repos, lead, now }: LeadViewProps) {
  const time = useNow(now);
  const settings = useLiveQuery(() => repos.settings.get(), [repos]);
  const events = useLiveQuery(
    async () => ({ leadId: lead.id, events: await repos.events.forLead(lead.id) }),
    [repos, lead.id],
  );
  // A result for another lead is the previous lead's, kept while this one's loads.
  const leadEvents = events?.leadId === lead.id ? events.events : undefined;

  return (
    <article className="lead" aria-busy={settings === undefined || leadEvents === undefined}>
      <LeadHeader lead={lead} />
      {settings && <SlaClock lead={lead} settings={settings} now={time} />}
      {settings && leadEvents ? (
        <ScoreCard lead={lead} events={leadEvents} model={settings.scoringModel} now={time} />
      ) : (
        <p aria-busy="true">Scoring…</p>
      )}
      <Timeline key={lead.id} events={repos.events} leadId={lead.id} />
    </article>
  );
}

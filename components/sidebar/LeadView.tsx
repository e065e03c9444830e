import type { Lead } from '../../lib/domain/lead';
import { useLive, useSidebarData } from './data';
import { LeadHeader } from './LeadHeader';
import { ScoreCard } from './ScoreCard';
import { SlaClock } from './SlaClock';
import { Timeline } from './Timeline';
import { useNow } from './useNow';

export interface LeadViewProps {
  lead: Lead;
  now: () => number;
}

/** A known lead: who, the SLA clock, the score with its explanation, the engagement. */
export function LeadView({ lead, now }: LeadViewProps) {
  const time = useNow(now);
  const data = useSidebarData();
  const settings = useLive(['settings'], (d) => d.settings());
  const leadEvents = useLive(['eventsFor', lead.id], (d) => d.eventsFor(lead.id));

  return (
    <article className="lead" aria-busy={settings === undefined || leadEvents === undefined}>
      <LeadHeader lead={lead} />
      {settings && <SlaClock lead={lead} settings={settings} now={time} />}
      {settings && leadEvents ? (
        <ScoreCard lead={lead} events={leadEvents} model={settings.scoringModel} now={time} />
      ) : (
        <p aria-busy="true">Scoring…</p>
      )}
      <Timeline key={lead.id} history={data.history} leadId={lead.id} />
    </article>
  );
}

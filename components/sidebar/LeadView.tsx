import { useId } from 'react';
import type { Lead } from '../../lib/domain/lead';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import { CallLog } from './CallLog';
import { Checklist } from './Checklist';
import { useLive, useSidebarData } from './data';
import { Decision } from './Decision';
import { LeadHeader } from './LeadHeader';
import { ScoreCard } from './ScoreCard';
import { SHORTCUTS, shortcutId, useShortcuts } from './shortcuts';
import { SlaClock } from './SlaClock';
import { Timeline } from './Timeline';
import { useNow } from './useNow';

export interface LeadViewProps {
  lead: Lead;
  now: () => number;
  /** A decision made as the lead was added (direct to SQL): still offered for undo. */
  justDecided?: DecisionRecorded | undefined;
}

/**
 * A known lead: who, the SLA clock, the score with its explanation, then the work: the
 * checklist with the SQL bar, the decision, the call log; the engagement last.
 */
export function LeadView({ lead, now, justDecided }: LeadViewProps) {
  const time = useNow(now);
  const data = useSidebarData();
  const settings = useLive(['settings'], (d) => d.settings());
  const leadEvents = useLive(['eventsFor', lead.id], (d) => d.eventsFor(lead.id));
  const scope = `lead-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  useShortcuts(scope);

  return (
    <article className="lead" aria-busy={settings === undefined || leadEvents === undefined}>
      <LeadHeader lead={lead} />
      {settings && <SlaClock lead={lead} settings={settings} now={time} />}
      {settings && leadEvents ? (
        <ScoreCard lead={lead} events={leadEvents} model={settings.scoringModel} now={time} />
      ) : (
        <p aria-busy="true">Scoring…</p>
      )}
      <div id={shortcutId(scope, 'checklist')}>
        <Checklist lead={lead} now={now} />
      </div>
      <Decision
        lead={lead}
        now={now}
        justDecided={justDecided}
        acceptId={shortcutId(scope, 'accept')}
        rejectId={shortcutId(scope, 'reject')}
        undoId={shortcutId(scope, 'undo')}
      />
      <div id={shortcutId(scope, 'call-log')}>
        <CallLog key={lead.id} lead={lead} now={now} />
      </div>
      <Timeline key={lead.id} history={data.history} leadId={lead.id} />
      <details className="shortcuts">
        <summary>Keyboard shortcuts</summary>
        <dl>
          <div>
            <dt>
              <kbd>Alt+Shift+H</kbd>
            </dt>
            <dd>Show or collapse the sidebar (anywhere on the page)</dd>
          </div>
          {SHORTCUTS.map((s) => (
            <div key={s.code}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
      </details>
    </article>
  );
}

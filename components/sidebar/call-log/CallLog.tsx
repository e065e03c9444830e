import type { Lead } from '../../../lib/domain/lead';
import { FRAMEWORK_DEFINITIONS } from '../../../lib/domain/frameworks';
import { actorOf } from '../../../lib/sidebar/data';
import { useLive, useSidebarData } from '../data';
import { useFormat } from '../format';
import { useNow } from '../useNow';
import { activityFromDraft, type ReadyDraft } from './draft';
import { TouchForm } from './TouchForm';
import { TouchList } from './TouchList';
import '../call-log.css';

export interface CallLogProps {
  lead: Lead;
  now: () => number;
  /** The zone a typed due date is read in; by default the sidebar's display zone (`useFormat().timeZone`). */
  timeZone?: string;
}

/**
 * The call log: a form to log a touch (above all the discovery call, with the checklist
 * changes it brought and the next step), and the lead's touches newest first. The
 * background stores the touch, its checklist changes and the first-touch time together;
 * the list and the current statuses update from the live data.
 */
export function CallLog({ lead, now, timeZone }: CallLogProps) {
  const data = useSidebarData();
  const format = useFormat();
  const time = useNow(now);
  const settings = useLive(['settings'], (d) => d.settings());
  const qualification = useLive(['qualification', lead.id], (d) => d.qualification(lead.id));
  const activities = useLive(['activities', lead.id], (d) => d.activities(lead.id));

  if (settings === undefined || qualification === undefined) {
    return (
      <section className="card call-log" aria-label="Call log" aria-busy="true">
        <p>Loading the call log…</p>
      </section>
    );
  }

  // Changes land on the stored checklist, in its framework; the settings' one starts a new checklist.
  const framework = FRAMEWORK_DEFINITIONS[qualification?.framework ?? settings.framework];
  const log = (draft: ReadyDraft, changed: readonly string[]) =>
    data.logActivity(
      activityFromDraft(draft, changed, {
        leadId: lead.id,
        at: now(),
        by: actorOf(settings),
        timeZone: timeZone ?? format.timeZone,
      }),
    );

  return (
    <section className="card call-log" aria-label="Call log">
      <TouchForm criteria={framework.criteria} qualification={qualification} onLog={log} />
      <TouchList activities={activities} now={time} formatAt={format.dateTime} />
    </section>
  );
}

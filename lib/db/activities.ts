import { type Activity, type ActivityInput, ActivitySchema } from '../domain/activity';
import { newId } from '../domain/ids';
import { LeadSchema } from '../domain/lead';
import { type HistoryOptions, RecordNotFoundError, Repository, leadRange } from './base';
import { fromLeadRow, toLeadRow } from './leads';

/** A touch to log; the id defaults to a new ULID. */
export type NewActivity = Omit<ActivityInput, 'id'> & { id?: string };

const BY_LEAD = '[leadId+occurredAt]';

/** Logged touches (calls, emails, LinkedIn messages, meetings) and their next steps. */
export class ActivityRepository extends Repository {
  /**
   * Logs a touch. The lead's first one also sets `times.firstTouchAt` (to the touch's
   * `occurredAt`), in the same transaction: the SLA clock stops exactly when the touch
   * is stored, never one without the other. A later touch leaves it alone.
   * Throws `ValidationError` for a bad activity, `RecordNotFoundError` for an unknown lead.
   */
  async log(input: NewActivity): Promise<Activity> {
    const activity = this.parse(ActivitySchema, { ...input, id: input.id ?? newId() }, 'activity');
    await this.db.transaction('rw', this.db.activities, this.db.leads, async () => {
      const row = await this.db.leads.get(activity.leadId);
      if (!row) throw new RecordNotFoundError('lead', activity.leadId);
      await this.db.activities.add(activity);
      if (row.times.firstTouchAt === undefined) {
        const current = fromLeadRow(row);
        const touched = { ...current, times: { ...current.times, firstTouchAt: activity.occurredAt } };
        await this.db.leads.put(toLeadRow(this.parse(LeadSchema, this.stamp(touched), 'lead')));
      }
    });
    return activity;
  }

  /** Every touch of a lead, oldest first. */
  forLead(leadId: string): Promise<Activity[]> {
    return leadRange(this.db.activities, BY_LEAD, leadId);
  }

  /** A lead's touches newest first, paged like `EventRepository.history`. */
  history(leadId: string, options: HistoryOptions = {}): Promise<Activity[]> {
    return leadRange(this.db.activities, BY_LEAD, leadId, { ...options, newestFirst: true });
  }

  /**
   * Touches whose next step is due strictly before `ts`, soonest first: the rep's
   * follow-up queue. Touches without a next step are not in the index, so cost nothing.
   */
  dueBefore(ts: number): Promise<Activity[]> {
    return this.db.activities.where('nextStep.dueAt').below(ts).toArray();
  }
}

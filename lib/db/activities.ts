import { type Activity, type ActivityInput, ActivitySchema } from '../domain/activity';
import { newId } from '../domain/ids';
import type { Framework } from '../domain/enums';
import { LeadSchema } from '../domain/lead';
import { emptyQualification, QualificationSchema } from '../domain/qualification';
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
   * Checklist changes made during the touch (`criteriaUpdates`) are applied to the lead's
   * qualification in the same transaction too (a new checklist in `framework` when the lead
   * has none), so the call and what it taught are stored together or not at all.
   * Throws `ValidationError` for a bad activity or update, `RecordNotFoundError` for an unknown lead.
   */
  async log(input: NewActivity, options: { framework?: Framework } = {}): Promise<Activity> {
    const activity = this.parse(ActivitySchema, { ...input, id: input.id ?? newId() }, 'activity');
    const tables = [this.db.activities, this.db.leads, this.db.qualifications];
    await this.db.transaction('rw', tables, async () => {
      const row = await this.db.leads.get(activity.leadId);
      if (!row) throw new RecordNotFoundError('lead', activity.leadId);
      await this.db.activities.add(activity);
      if (row.times.firstTouchAt === undefined) {
        const current = fromLeadRow(row);
        const touched = { ...current, times: { ...current.times, firstTouchAt: activity.occurredAt } };
        await this.db.leads.put(toLeadRow(this.parse(LeadSchema, this.stamp(touched), 'lead')));
      }
      if (activity.criteriaUpdates.length > 0) {
        const now = this.now();
        const existing =
          (await this.db.qualifications.get(activity.leadId)) ??
          emptyQualification(activity.leadId, options.framework ?? 'bant', now);
        const criteria = { ...existing.criteria };
        for (const update of activity.criteriaUpdates) {
          criteria[update.criterion] = {
            status: update.status,
            evidence: update.evidence,
            updatedBy: activity.loggedBy,
            updatedAt: now,
          };
        }
        const next = this.parse(QualificationSchema, { ...existing, criteria, updatedAt: now }, 'qualification');
        await this.db.qualifications.put(next);
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

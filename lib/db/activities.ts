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
    const tables = [this.db.activities, this.db.leads, this.db.qualifications, ...this.syncTables];
    await this.db.transaction('rw', tables, async () => {
      const outbox = await this.recorder();
      const row = await this.db.leads.get(activity.leadId);
      if (!row) throw new RecordNotFoundError('lead', activity.leadId);
      await this.db.activities.add(activity);
      outbox?.activity(activity);
      if (row.times.firstTouchAt === undefined) {
        const current = fromLeadRow(row);
        const touched = { ...current, times: { ...current.times, firstTouchAt: activity.occurredAt } };
        const lead = this.parse(LeadSchema, this.stamp(touched), 'lead');
        await this.db.leads.put(toLeadRow(lead));
        outbox?.lead(current, lead);
      }
      if (activity.criteriaUpdates.length > 0) {
        const now = this.now();
        const stored = await this.db.qualifications.get(activity.leadId);
        const existing = stored ?? emptyQualification(activity.leadId, options.framework ?? 'bant', now);
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
        outbox?.qualification(stored, next);
      }
      await outbox?.flush();
    });
    return activity;
  }

  /**
   * Stores touches logged elsewhere (an import, the sample data) in one transaction, all or
   * nothing: every row is parsed first (a bad one, named by its index, refuses the batch)
   * and every lead must exist (`RecordNotFoundError`). A touch whose id is stored already is
   * skipped, so a re-run import adds nothing twice. As in {@link log}, a lead without
   * `times.firstTouchAt` gets its earliest touch's time there, in the same transaction; a
   * lead that has one keeps it. Checklist updates are stored with the touch but not
   * applied: an imported touch is history, not the rep's judgement now. Returns the
   * touches added.
   */
  async bulkAppend(inputs: readonly NewActivity[]): Promise<Activity[]> {
    const activities = this.parseAll(
      ActivitySchema,
      inputs.map((input) => ({ ...input, id: input.id ?? newId() })),
      'activities',
    );
    return this.db.transaction('rw', [this.db.activities, this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      const leadIds = [...new Set(activities.map((a) => a.leadId))];
      const rows = await this.db.leads.bulkGet(leadIds);
      const missing = leadIds.filter((_, i) => rows[i] === undefined);
      if (missing.length > 0) throw new RecordNotFoundError('lead', missing.join(', '));
      const stored = new Set(
        await this.db.activities
          .where(':id')
          .anyOf(activities.map((a) => a.id))
          .primaryKeys(),
      );
      const added = activities.filter((a) => !stored.has(a.id));
      await this.db.activities.bulkAdd(added);
      for (const a of added) outbox?.activity(a);

      const firstTouch = new Map<string, number>();
      for (const a of added) firstTouch.set(a.leadId, Math.min(firstTouch.get(a.leadId) ?? a.occurredAt, a.occurredAt));
      const now = this.now();
      const touched = rows.flatMap((row) => {
        const at = row && firstTouch.get(row.id);
        if (!row || at === undefined || row.times.firstTouchAt !== undefined) return [];
        const lead = fromLeadRow(row);
        const next = this.parse(
          LeadSchema,
          this.stamp({ ...lead, times: { ...lead.times, firstTouchAt: at } }, now),
          'lead',
        );
        outbox?.lead(lead, next);
        return [toLeadRow(next)];
      });
      if (touched.length > 0) await this.db.leads.bulkPut(touched);
      await outbox?.flush();
      return added;
    });
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

import type * as z from 'zod';
import { type Qualification, QualificationSchema } from '../domain/qualification';
import { Repository } from './base';

/** A checklist to save; `updatedAt` is stamped by the repository. */
export type QualificationDraft = Omit<z.input<typeof QualificationSchema>, 'updatedAt'>;

/** The current qualification checklist of each lead (one per lead, keyed by lead id). */
export class QualificationRepository extends Repository {
  /** The lead's checklist, or `undefined` when the rep has not started one. */
  get(leadId: string): Promise<Qualification | undefined> {
    return this.db.qualifications.get(leadId);
  }

  /**
   * Replaces the lead's checklist with `draft`. Throws `ValidationError` for a criterion
   * outside the framework and `RecordNotFoundError` for an unknown lead; nothing is written.
   */
  async save(draft: QualificationDraft): Promise<Qualification> {
    const qualification = this.parse(QualificationSchema, this.stamp(draft), 'qualification');
    await this.db.transaction('rw', [this.db.qualifications, this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      await this.requireLeads([qualification.leadId]);
      if (outbox) outbox.qualification(await this.db.qualifications.get(qualification.leadId), qualification);
      await this.db.qualifications.put(qualification);
      await outbox?.flush();
    });
    return qualification;
  }
}

import { CRM_SYSTEMS, type CrmSystem, type LeadStage } from '../domain/enums';
import type { EngagementEvent } from '../domain/event';
import { linkedinSlug, normalizeEmail } from '../domain/identity';
import type { Lead } from '../domain/lead';
import {
  applyRow,
  crmLookupValues,
  eventKey,
  type ImportBatchOptions,
  type ImportCandidate,
  type ImportRowOutcome,
  LeadIndex,
  type LeadOutcome,
  prepareNew,
  type ResolvedRow,
  sameLead,
} from '../import/merge';
import { Repository } from './base';
import { fromLeadRow, toLeadRow } from './leads';

export type {
  ImportBatchOptions,
  ImportCandidate,
  ImportedEvent,
  ImportedLead,
  ImportIssue,
  ImportRowOutcome,
} from '../import/merge';

/** The write side of a CSV import: rows matched to stored leads, merged, and written a batch at a time. */
export class ImportRepository extends Repository {
  /** New leads built ahead by {@link prepare}, with the stage default they were built with. */
  private readonly prepared = new WeakMap<ImportCandidate, { defaultStage: LeadStage; row: ResolvedRow }>();

  /** The row {@link prepare} built for `candidate`, if it was built with these options; used once. */
  private takePrepared(candidate: ImportCandidate, options: ImportBatchOptions): ResolvedRow | undefined {
    const ahead = this.prepared.get(candidate);
    this.prepared.delete(candidate);
    return ahead && ahead.defaultStage === options.defaultStage ? ahead.row : undefined;
  }

  /**
   * Builds and validates, ahead of {@link importBatch} and outside its transaction, the lead
   * `candidate` creates if nothing stored matches it, so that this work (most of a row's,
   * zod's parse included) can be done while IndexedDB writes the batch before. `importBatch`
   * takes it when the row turns out new; when the row matches a lead, it merges and validates
   * as always and this is unused. For an import of mostly new people; a re-import need not call it.
   */
  prepare(candidate: ImportCandidate, options: ImportBatchOptions): void {
    const row = prepareNew(candidate, options, this.now());
    if (row) this.prepared.set(candidate, { defaultStage: options.defaultStage, row });
  }

  /**
   * Imports one batch of rows in ONE transaction: every lead it creates or changes and every
   * event it adds are written together or not at all, so an import stopped between batches
   * (cancelled, tab closed) leaves whole batches only.
   *
   * Each row is matched to a lead by CRM id, then email, then LinkedIn profile, among the
   * stored leads and the rows before it in this batch (earlier batches are stored by then), so
   * re-importing a file updates instead of duplicating; the merge rules are those of
   * `mergeLead` (lib/import/merge.ts). A row that changes nothing (same values, events already stored) is
   * `unchanged` and its lead is not written: a re-import of the same file leaves even
   * `updatedAt` alone. An event is the same event when lead, time, type and page category
   * match, whatever its origin.
   *
   * Row problems do not fail the batch: a row whose CRM id conflicts with the matched lead's
   * (two CRM records for one person) or whose result does not parse is `rejected` with its
   * issues, and the others are written. Throws only what the database throws; then nothing
   * of the batch is written.
   */
  async importBatch(candidates: readonly ImportCandidate[], options: ImportBatchOptions): Promise<ImportRowOutcome[]> {
    if (candidates.length === 0) return [];
    const now = this.now();
    return this.db.transaction('rw', [this.db.leads, this.db.events, ...this.syncTables], async () => {
      // Requests of one transaction run in order without waiting for each other's answer:
      // issued together, the reads (and below, the writes) cost one round trip, not several.
      const [outbox, found] = await Promise.all([this.recorder(now), this.findCandidates(candidates)]);
      const index = new LeadIndex();
      index.load(found);

      const created = new Set<string>();
      const pending: { outcome: LeadOutcome; events: EngagementEvent[] }[] = [];
      const outcomes: ImportRowOutcome[] = [];
      for (const candidate of candidates) {
        const result = applyRow(candidate, index, options, now, this.takePrepared(candidate, options));
        if (result.status === 'rejected') {
          outcomes.push(result);
          continue;
        }
        if (result.isNew) created.add(result.outcome.leadId);
        outcomes.push(result.outcome);
        pending.push({ outcome: result.outcome, events: result.events });
      }

      const events = await this.newEvents(pending, created);
      const leads = [...index.leads.values()].filter((lead) => {
        const stored = index.stored.get(lead.id);
        return stored === undefined ? created.has(lead.id) : !sameLead(stored, lead);
      });
      const written = leads.map((lead) => ({ ...lead, updatedAt: now }));
      if (outbox) {
        for (const lead of written) outbox.lead(index.stored.get(lead.id), lead);
        for (const event of events) outbox.event(event);
      }
      await Promise.all([
        written.length > 0 && this.db.leads.bulkPut(written.map(toLeadRow)),
        events.length > 0 && this.db.events.bulkAdd(events),
        outbox?.flush(),
      ]);
      return outcomes;
    });
  }

  /** Stored leads sharing any identity key with the batch: a handful of index queries, no scan. */
  private async findCandidates(candidates: readonly ImportCandidate[]): Promise<Lead[]> {
    const emails = new Set<string>();
    const slugs = new Set<string>();
    const crm: Record<CrmSystem, Set<string>> = { hubspot: new Set(), salesforce: new Set(), marketo: new Set() };
    for (const { lead } of candidates) {
      for (const email of lead.person.emails) emails.add(normalizeEmail(email));
      const slug = lead.person.linkedinUrl ? linkedinSlug(lead.person.linkedinUrl) : null;
      if (slug !== null) slugs.add(slug);
      for (const system of CRM_SYSTEMS) {
        const id = lead.crmIds[system];
        if (id !== undefined) for (const value of crmLookupValues(system, id)) crm[system].add(value);
      }
    }
    const queries = [
      emails.size > 0
        ? this.db.leads
            .where('emailKeys')
            .anyOf([...emails])
            .toArray()
        : [],
      slugs.size > 0
        ? this.db.leads
            .where('linkedinKey')
            .anyOf([...slugs])
            .toArray()
        : [],
      ...CRM_SYSTEMS.map((system) =>
        crm[system].size > 0
          ? this.db.leads
              .where(`crmIds.${system}`)
              .anyOf([...crm[system]])
              .toArray()
          : [],
      ),
    ];
    return (await Promise.all(queries)).flat().map(fromLeadRow);
  }

  /**
   * The events of the batch that are not stored yet, and the count per row. A row that only
   * added events counts as `updated`. Events of leads created in this batch cannot be stored,
   * so only the others are looked up (one `anyOf` on `[leadId+occurredAt]`).
   */
  private async newEvents(
    pending: { outcome: LeadOutcome; events: EngagementEvent[] }[],
    created: ReadonlySet<string>,
  ): Promise<EngagementEvent[]> {
    const lookups = pending.flatMap(({ events }) =>
      events.filter((e) => !created.has(e.leadId)).map((e) => [e.leadId, e.occurredAt] as [string, number]),
    );
    const seen = new Set<string>();
    if (lookups.length > 0) {
      for (const stored of await this.db.events.where('[leadId+occurredAt]').anyOf(lookups).toArray()) {
        seen.add(eventKey(stored));
      }
    }
    const fresh: EngagementEvent[] = [];
    for (const { outcome, events } of pending) {
      for (const event of events) {
        const key = eventKey(event);
        if (seen.has(key)) continue;
        seen.add(key);
        fresh.push(event);
        outcome.eventsAdded += 1;
      }
      if (outcome.eventsAdded > 0 && outcome.status === 'unchanged') outcome.status = 'updated';
    }
    return fresh;
  }
}

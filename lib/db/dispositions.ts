import { type DecisionClocks, decisionInForce } from '../qualification/decide';
import { type Disposition, type DispositionInput, DispositionSchema } from '../domain/disposition';
import { newId } from '../domain/ids';
import { type Lead, type LeadInput, LeadSchema } from '../domain/lead';
import { type Qualification, QualificationSchema } from '../domain/qualification';
import { ValidationError } from '../domain/validation';
import { Repository, leadRange } from './base';
import { fromLeadRow, toLeadRow } from './leads';
import { type DispositionWithClock, dispositionStandings } from '../replication/merge';
import { basedOnOf } from './outbox';
import type { DispositionClockRow } from './sync-state';
import type { QualificationDraft } from './qualifications';

/** A decision to record; the id defaults to a new ULID. */
export type NewDisposition = Omit<DispositionInput, 'id'> & { id?: string };

const BY_LEAD = '[leadId+decidedAt]';

/** One decision of a lead's history as the sidebar shows it. */
export interface DecisionEntry {
  disposition: Disposition;
  /** The decision in force (lib/qualification `decisionInForce`); at most one of a history. */
  inForce: boolean;
  /**
   * The ids of the other decisions made on the same basis as this one, on another browser,
   * neither seeing the other: team sync's conflict (lib/replication/merge.ts
   * `dispositionStandings`). Empty when there is none. Both stay, the later by clock in
   * force, until one of them is withdrawn.
   */
  conflictsWith: string[];
}

/**
 * Decisions on leads, append-only: nothing here edits or deletes a disposition, so a change
 * of mind is a new row and the history of who decided what stays.
 */
export class DispositionRepository extends Repository {
  /**
   * Appends a decision and writes the lead it moved, in one transaction: a lead never shows
   * a stage without the decision behind it, nor the reverse. `updatedLead` is the lead as
   * lib/qualification computed it (stage, `times`, `revisitAt`); its `updatedAt` is
   * stamped here. Throws `ValidationError` when either does not parse or they name
   * different leads, `RecordNotFoundError` when the lead is not stored; nothing is written.
   */
  async record(input: NewDisposition, updatedLead: LeadInput): Promise<{ disposition: Disposition; lead: Lead }> {
    const disposition = this.parse(DispositionSchema, { ...input, id: input.id ?? newId() }, 'disposition');
    const lead = this.parse(LeadSchema, this.stamp(updatedLead), 'lead');
    if (disposition.leadId !== lead.id) {
      throw new ValidationError('disposition', [
        { path: 'leadId', message: `Disposition is for lead ${disposition.leadId} but the update is for ${lead.id}` },
      ]);
    }
    await this.db.transaction('rw', [this.db.dispositions, this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      await this.requireLeads([lead.id]);
      if (outbox) {
        const basedOn = (await basedOnOf(this.db, [disposition])).get(disposition.id) ?? null;
        const stored = await this.db.leads.get(lead.id);
        outbox.disposition(disposition, basedOn);
        outbox.lead(stored && fromLeadRow(stored), lead);
      }
      await this.db.dispositions.add(disposition);
      await this.db.leads.put(toLeadRow(lead));
      await outbox?.flush();
    });
    return { disposition, lead };
  }

  /**
   * Adds a lead and its first decision (and the checklist behind it) in one transaction: the
   * direct-to-SQL path for someone who was not a lead. Nothing is written unless all of it
   * parses; Dexie's `ConstraintError` when the lead's id exists already.
   */
  async recordWithNewLead(
    input: NewDisposition,
    newLead: LeadInput,
    qualification?: QualificationDraft,
  ): Promise<{ disposition: Disposition; lead: Lead; qualification: Qualification | undefined }> {
    const disposition = this.parse(DispositionSchema, { ...input, id: input.id ?? newId() }, 'disposition');
    const lead = this.parse(LeadSchema, this.stamp(newLead), 'lead');
    const checklist = qualification && this.parse(QualificationSchema, this.stamp(qualification), 'qualification');
    if (disposition.leadId !== lead.id || (checklist && checklist.leadId !== lead.id)) {
      throw new ValidationError('disposition', [
        { path: 'leadId', message: 'The lead, its checklist and its decision must name the same lead' },
      ]);
    }
    const tables = [this.db.dispositions, this.db.leads, this.db.qualifications, ...this.syncTables];
    await this.db.transaction('rw', tables, async () => {
      const outbox = await this.recorder();
      await this.db.leads.add(toLeadRow(lead));
      if (checklist) await this.db.qualifications.put(checklist);
      await this.db.dispositions.add(disposition);
      // A new lead has no earlier decision to be based on.
      outbox?.lead(undefined, lead);
      if (checklist) outbox?.qualification(undefined, checklist);
      outbox?.disposition(disposition, null);
      await outbox?.flush();
    });
    return { disposition, lead, qualification: checklist };
  }

  /**
   * Appends decisions made elsewhere (an import, the sample data) in one transaction, all or
   * nothing: every row is parsed first (a bad one, named by its index, refuses the batch),
   * every lead must exist (`RecordNotFoundError`), and a withdrawal must name a decision of
   * its own lead, in the batch or stored (`ValidationError`). A disposition whose id is
   * stored already is skipped, never replaced: a decision is an immutable fact, so a re-run
   * import adds nothing twice and cannot rewrite one. Leads are not moved: the caller
   * writes them as these decisions left them (an import carries its stages, the sample
   * generates both together). Returns the dispositions added.
   */
  async bulkAppend(inputs: readonly NewDisposition[]): Promise<Disposition[]> {
    const dispositions = this.parseAll(
      DispositionSchema,
      inputs.map((input) => ({ ...input, id: input.id ?? newId() })),
      'dispositions',
    );
    return this.db.transaction('rw', [this.db.dispositions, this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      await this.requireLeads(dispositions.map((d) => d.leadId));
      const leadOf = new Map(dispositions.map((d) => [d.id, d.leadId]));
      const outside = [
        ...new Set(dispositions.flatMap((d) => (d.withdraws && !leadOf.has(d.withdraws) ? [d.withdraws] : []))),
      ];
      for (const stored of await this.db.dispositions.bulkGet(outside))
        if (stored) leadOf.set(stored.id, stored.leadId);
      const issues = dispositions.flatMap((d, index) =>
        d.withdraws && leadOf.get(d.withdraws) !== d.leadId
          ? [
              {
                path: `${index}.withdraws`,
                message: `Withdraws ${d.withdraws}, which is no decision on lead ${d.leadId}`,
              },
            ]
          : [],
      );
      if (issues.length > 0) throw new ValidationError('dispositions', issues);
      const stored = new Set(
        await this.db.dispositions
          .where(':id')
          .anyOf([...leadOf.keys()])
          .primaryKeys(),
      );
      const added = dispositions.filter((d) => !stored.has(d.id));
      if (outbox) {
        const basedOn = await basedOnOf(this.db, added);
        for (const d of added) outbox.disposition(d, basedOn.get(d.id) ?? null);
      }
      await this.db.dispositions.bulkAdd(added);
      await outbox?.flush();
      return added;
    });
  }

  /** Every decision on a lead, newest first. */
  history(leadId: string): Promise<Disposition[]> {
    return leadRange(this.db.dispositions, BY_LEAD, leadId, { newestFirst: true });
  }

  /**
   * Every decision on a lead, newest first by `decidedAt`, each with where it stands: the
   * one in force (by team sync's clock where a decision has one, as on the server; by
   * `decidedAt` where not) and the decisions it conflicts with. One transaction.
   */
  async historyWithStandings(leadId: string): Promise<DecisionEntry[]> {
    const { history, clocks } = await this.db.transaction('r', [this.db.dispositions, this.db.dispositionClocks], () =>
      this.historyAndClocks(leadId),
    );
    const inForce = decisionInForce(history, hlcsOf(clocks));
    const conflicts = conflictsOf(history, clocks);
    return history.map((disposition) => ({
      disposition,
      inForce: disposition.id === inForce?.id,
      conflictsWith: conflicts.get(disposition.id) ?? [],
    }));
  }

  /**
   * The decision in force: the latest that was not withdrawn, by team sync's clock where
   * the decisions have one (so this browser agrees with the server and the team), by
   * `decidedAt` otherwise; `undefined` when there is none.
   */
  async current(leadId: string): Promise<Disposition | undefined> {
    return (await this.historyWithStandings(leadId)).find((entry) => entry.inForce)?.disposition;
  }

  private async historyAndClocks(leadId: string) {
    const [history, rows] = await Promise.all([
      this.history(leadId),
      this.db.dispositionClocks.where('leadId').equals(leadId).toArray(),
    ]);
    return { history, clocks: new Map(rows.map((row) => [row.id, row])) };
  }
}

const hlcsOf = (clocks: ReadonlyMap<string, DispositionClockRow>): DecisionClocks =>
  new Map([...clocks].map(([id, row]) => [id, row.hlc]));

/**
 * Which decisions conflict, by the server's rule (lib/replication/merge.ts): live decisions with
 * a clock made on the same basis. Every withdrawal counts, with a clock or without (one
 * made while sync was off still undoes its decision, and will reach the server when sync
 * is on again); a decision without a clock was never judged by sync and is never flagged.
 * Returns each flagged decision's id with the ids of the others on its basis.
 */
function conflictsOf(
  history: readonly Disposition[],
  clocks: ReadonlyMap<string, DispositionClockRow>,
): Map<string, string[]> {
  const judged: DispositionWithClock[] = history.flatMap((disposition) => {
    const row = clocks.get(disposition.id);
    if (row) return [{ disposition, hlc: row.hlc, basedOn: row.basedOn }];
    // A withdrawal's clock and basis play no part in the rule: only what it withdraws.
    return disposition.decision === 'withdrawn' ? [{ disposition, hlc: '', basedOn: null }] : [];
  });
  const standings = dispositionStandings(judged);
  const flagged = judged.filter(({ disposition }) => standings.get(disposition.id)?.conflict);
  return new Map(
    flagged.map(({ disposition, basedOn }) => [
      disposition.id,
      flagged
        .filter((other) => (other.basedOn ?? '') === (basedOn ?? '') && other.disposition.id !== disposition.id)
        .map((other) => other.disposition.id),
    ]),
  );
}

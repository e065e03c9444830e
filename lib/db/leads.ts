import { type CrmSystem, LEAD_STAGES, type LeadStage } from '../domain/enums';
import { emailDomain, isPersonalEmailDomain, linkedinSlug, normalizeDomain, normalizeEmail } from '../domain/identity';
import { newId } from '../domain/ids';
import { type Lead, type LeadInput, LeadSchema } from '../domain/lead';
import { RecordNotFoundError, Repository } from './base';
import type { LeadRow } from './db';

type StageTimesInput = LeadInput['times'];

/** A lead to create: the id defaults to a new ULID, `times.createdAt` to now. */
export type NewLead = Omit<LeadInput, 'id' | 'times' | 'updatedAt'> & {
  id?: string;
  times?: Partial<StageTimesInput>;
};

/**
 * Changes to a lead. Top-level fields replace; `person`, `company`, `times` and `crmIds`
 * merge one level deep, so `{ times: { mqlAt } }` keeps `createdAt`.
 */
export type LeadPatch = Partial<Omit<LeadInput, 'id' | 'updatedAt' | 'person' | 'company' | 'times' | 'crmIds'>> & {
  person?: Partial<LeadInput['person']>;
  company?: Partial<NonNullable<LeadInput['company']>>;
  times?: Partial<StageTimesInput>;
  crmIds?: LeadInput['crmIds'];
};

/** A lead as an import or a sync pull delivers it: complete, with its own id. */
export type LeadUpsert = Omit<LeadInput, 'updatedAt'> & { updatedAt?: number };

/**
 * The stored form of a lead: the derived keys are recomputed on every write from the
 * parsed lead, so they can never disagree with the emails and URL they come from.
 * Exported for the repositories that write a lead in their own transaction.
 */
export function toLeadRow(lead: Lead): LeadRow {
  const emailKeys = [...new Set(lead.person.emails.map(normalizeEmail))];
  const linkedinKey = lead.person.linkedinUrl ? linkedinSlug(lead.person.linkedinUrl) : null;
  // Absent rather than null: IndexedDB leaves a row out of an index whose key is missing.
  return linkedinKey === null ? { ...lead, emailKeys } : { ...lead, emailKeys, linkedinKey };
}

/** The domain lead of a stored row, without the derived index keys. */
export function fromLeadRow(row: LeadRow): Lead {
  const { emailKeys: _emailKeys, linkedinKey: _linkedinKey, ...lead } = row;
  return lead;
}

const fromRows = (rows: LeadRow[]): Lead[] => rows.map(fromLeadRow);

/**
 * Leads, and the identity lookups the sidebar needs to recognise a person on a page.
 * Lookups return every match, oldest first: two rows for one person are a duplicate the
 * rep should see, not something to hide by picking one.
 */
/** A claim refused: the lead's owner changed since the rep looked (a teammate claimed it first). */
export class ClaimConflictError extends Error {
  constructor(
    readonly leadId: string,
    readonly owner: string | undefined,
  ) {
    super(owner ? `${owner} claimed this lead first.` : 'This lead was given back meanwhile.');
    this.name = 'ClaimConflictError';
  }
}

export class LeadRepository extends Repository {
  /**
   * Creates a lead. Throws a `ValidationError` naming the fields when the input does not
   * fit `LeadSchema` (nothing is written), and Dexie's `ConstraintError` when the id exists.
   */
  async create(input: NewLead): Promise<Lead> {
    const lead = this.prepare(input);
    await this.db.transaction('rw', [this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      await this.db.leads.add(toLeadRow(lead));
      outbox?.lead(undefined, lead);
      await outbox?.flush();
    });
    return lead;
  }

  /**
   * The lead {@link create} would write, without writing it: for a repository that creates
   * a lead in its own transaction (a lead added and taken to SQL at once). Throws `ValidationError`.
   */
  prepare(input: NewLead): Lead {
    const now = this.now();
    const draft = { ...input, id: input.id ?? newId(now), times: { createdAt: now, ...input.times } };
    return this.parse(LeadSchema, this.stamp(draft, now), 'lead');
  }

  /**
   * Applies `patch` (see {@link LeadPatch}) to the stored lead and returns the result.
   * Read and write share one transaction, so a concurrent change is not overwritten with a
   * stale copy. Throws `RecordNotFoundError` for an unknown id, `ValidationError` for a bad result.
   */
  async update(id: string, patch: LeadPatch): Promise<Lead> {
    return this.db.transaction('rw', [this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      const row = await this.db.leads.get(id);
      if (!row) throw new RecordNotFoundError('lead', id);
      const current = fromLeadRow(row);
      const merged = {
        ...current,
        ...patch,
        id,
        person: { ...current.person, ...patch.person },
        company: { ...current.company, ...patch.company },
        times: { ...current.times, ...patch.times },
        crmIds: { ...current.crmIds, ...patch.crmIds },
      };
      const lead = this.parse(LeadSchema, this.stamp(merged), 'lead');
      await this.db.leads.put(toLeadRow(lead));
      outbox?.lead(current, lead);
      await outbox?.flush();
      return lead;
    });
  }

  /**
   * Makes `owner` the lead's owner ("Claim"), provided its owner is still `expectedOwner`
   * (`undefined`: nobody) as the rep saw it: one transaction, so a claim pulled from a teammate
   * in the meantime is never silently taken over. Throws {@link ClaimConflictError} naming the
   * owner found. Synced like any lead edit; two claims made offline meet on the server, where
   * the later one wins, and both reps then see the same owner.
   */
  async claim(id: string, owner: string, expectedOwner: string | undefined): Promise<Lead> {
    return this.db.transaction('rw', [this.db.leads, ...this.syncTables], async () => {
      const current = await this.get(id);
      if (!current) throw new RecordNotFoundError('lead', id);
      if (current.owner === owner) return current;
      if ((current.owner ?? '') !== (expectedOwner ?? '')) throw new ClaimConflictError(id, current.owner);
      return this.update(id, { owner });
    });
  }

  /** The lead with this id, or `undefined`. */
  async get(id: string): Promise<Lead | undefined> {
    const row = await this.db.leads.get(id);
    return row && fromLeadRow(row);
  }

  /**
   * Leads with this email in any shape: case, surrounding spaces and plus-addressing are
   * ignored (`Jane.Doe+news@Acme.com ` finds `jane.doe@acme.com`).
   */
  async findByEmail(email: string): Promise<Lead[]> {
    const key = normalizeEmail(email);
    if (!key.includes('@')) return [];
    return fromRows(await this.db.leads.where('emailKeys').equals(key).toArray());
  }

  /**
   * Leads with this LinkedIn profile, whatever the URL shape: locale subdomain, missing
   * scheme, trailing slash or path, query, case. Not a profile URL: no match.
   */
  async findByLinkedinUrl(url: string): Promise<Lead[]> {
    const key = linkedinSlug(url);
    if (key === null) return [];
    return fromRows(await this.db.leads.where('linkedinKey').equals(key).toArray());
  }

  /** Leads carrying this id of an external CRM: how a re-import finds what it created before. */
  async findByCrmId(system: CrmSystem, id: string): Promise<Lead[]> {
    const key = id.trim();
    if (!key) return [];
    return fromRows(await this.db.leads.where(`crmIds.${system}`).equals(key).toArray());
  }

  /**
   * Leads at this company domain, in id order, at most `limit`: by the company's domain or the
   * domain of any of their emails (a subdomain counts: `eu.acme.com` is at `acme.com`). A
   * free-mail domain is nobody's company: no match. No index serves this (`company.domain` was
   * dropped in schema v3, and `emailKeys` cannot be ranged by its domain part), so it scans the
   * table and stops at `limit` matches: one read per sidebar lookup, acceptable at thousands of
   * leads; at 100k it wants a domain index, which is a schema version of its own.
   */
  async findByDomain(domain: string, limit = 20): Promise<Lead[]> {
    const key = normalizeDomain(domain);
    if (!key.includes('.') || isPersonalEmailDomain(key)) return [];
    const at = (d: string | undefined) => !!d && (d === key || d.endsWith(`.${key}`));
    const rows = await this.db.leads
      .filter(
        (row) =>
          at(row.company?.domain && normalizeDomain(row.company.domain)) ||
          row.emailKeys.some((k) => at(emailDomain(k))),
      )
      .limit(limit)
      .toArray();
    return fromRows(rows);
  }

  /** Every lead in this stage, oldest first. */
  async listByStage(stage: LeadStage): Promise<Lead[]> {
    return fromRows(await this.db.leads.where('stage').equals(stage).toArray());
  }

  /**
   * Writes complete leads by id, creating or replacing each, for imports and the sample data.
   * Every lead is parsed first, so one bad row (named by index, `3.person.emails.0`)
   * refuses the batch; then one `bulkPut` in one transaction writes them all or none.
   * A replaced lead is replaced whole: the caller merges with the stored one if it must.
   * With sync on, each lead's changed fields are queued in the same transaction.
   */
  async bulkUpsert(leads: readonly LeadUpsert[]): Promise<Lead[]> {
    const now = this.now();
    const parsed = this.parseAll(
      LeadSchema,
      leads.map((lead) => this.stamp(lead, now)),
      'leads',
    );
    await this.db.transaction('rw', [this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder(now);
      if (outbox) {
        const stored = await this.db.leads.bulkGet(parsed.map((lead) => lead.id));
        // The same id twice in a batch: the second is a change of the first.
        const latest = new Map<string, Lead>();
        parsed.forEach((lead, i) => {
          const row = stored[i];
          outbox.lead(latest.get(lead.id) ?? (row && fromLeadRow(row)), lead);
          latest.set(lead.id, lead);
        });
      }
      await this.db.leads.bulkPut(parsed.map(toLeadRow));
      await outbox?.flush();
    });
    return parsed;
  }

  /** How many leads are stored. */
  count(): Promise<number> {
    return this.db.leads.count();
  }

  /** How many leads are in each stage: index counts, no rows read. */
  async countByStage(): Promise<Record<LeadStage, number>> {
    const counts = await Promise.all(
      LEAD_STAGES.map(async (stage) => [stage, await this.db.leads.where('stage').equals(stage).count()] as const),
    );
    return Object.fromEntries(counts) as Record<LeadStage, number>;
  }
}

/**
 * The import's merge policy, pure: how a row is matched to a lead, what it may change of
 * one, what a new lead from it looks like, and when a row is refused. No I/O: the
 * repository (lib/db/imports.ts) finds the candidate leads, calls {@link applyRow} per row
 * and writes what comes back.
 */
import { CRM_SYSTEMS, type CrmSystem, type EventType, type LeadStage, type PageCategory } from '../domain/enums';
import { type EngagementEvent, EngagementEventSchema } from '../domain/event';
import { linkedinSlug, normalizeEmail } from '../domain/identity';
import { newId } from '../domain/ids';
import { type Lead, LeadSchema } from '../domain/lead';
import { describeIssues } from '../domain/validation';
import { transition } from '../qualification/stages';

type StageTimes = Lead['times'];

/** What one imported row says about a person. Absent fields say nothing (they never erase). */
export interface ImportedLead {
  person: {
    name?: string;
    emails: string[];
    linkedinUrl?: string;
    title?: string;
    location?: string;
    phone?: string;
  };
  company: { name?: string; domain?: string; employees?: number; industry?: string; country?: string };
  source?: string;
  campaign?: string;
  owner?: string;
  /** The CRM's stage as mapped; absent when the row has none or it was not recognised. */
  stage?: LeadStage;
  crmIds: Partial<Record<CrmSystem, string>>;
  times: Partial<StageTimes>;
}

/** An engagement the row records (a "last pricing page visit" date, an activity line). */
export interface ImportedEvent {
  type: EventType;
  pageCategory?: PageCategory;
  occurredAt: number;
  details?: Record<string, string | number | boolean>;
}

/** One row to import; `ref` is the caller's handle (the CSV line), echoed in the outcome. */
export interface ImportCandidate {
  ref: number;
  lead: ImportedLead;
  events: ImportedEvent[];
}

/** Something worth telling about a row: why it was refused, or what was imported differently. */
export interface ImportIssue {
  code: string;
  message: string;
  /** The CSV column the issue is about, when there is one. */
  column?: string;
  /** The offending value as found (shortened). */
  value?: string;
}

export type ImportRowOutcome =
  | {
      ref: number;
      status: 'created' | 'updated' | 'unchanged';
      leadId: string;
      eventsAdded: number;
      notes: ImportIssue[];
    }
  | { ref: number; status: 'rejected'; issues: ImportIssue[] };

export type LeadOutcome = Extract<ImportRowOutcome, { leadId: string }>;
export type RejectedOutcome = Extract<ImportRowOutcome, { status: 'rejected' }>;

export interface ImportBatchOptions {
  /** Stage of a new lead when its row names none and its dates imply none. */
  defaultStage: LeadStage;
  /**
   * `false`: rows about people who are not leads yet are refused instead of creating them
   * (an activity log should enrich known leads, not add everyone who opened an email).
   */
  createLeads?: boolean;
}

export const CRM_LABEL: Record<CrmSystem, string> = {
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  marketo: 'Marketo',
};

/**
 * The key a CRM id is compared by. Salesforce ids come as 15 characters (reports) or 18
 * (Data Loader, API: the 15 plus a case-insensitivity checksum), so they compare on the 15.
 */
export function crmKey(system: CrmSystem, id: string): string {
  const key = system === 'salesforce' && /^[a-zA-Z0-9]{18}$/.test(id) ? id.slice(0, 15) : id;
  return `${system}:${key}`;
}

/** Every stored form a CRM id may have: a Salesforce id may be stored with or without its checksum. */
export function crmLookupValues(system: CrmSystem, id: string): string[] {
  return system === 'salesforce' && /^[a-zA-Z0-9]{18}$/.test(id) ? [id, id.slice(0, 15)] : [id];
}

/**
 * The leads a batch can touch, found by every identity key its rows carry, plus the leads
 * created by earlier rows of the batch, so the same person twice in a file is one lead.
 * A key held by several leads (an existing duplicate) goes to the oldest, as the rows are
 * registered in id order.
 */
export class LeadIndex {
  readonly leads = new Map<string, Lead>();
  readonly stored = new Map<string, Lead>();
  private readonly keys = new Map<string, string>();

  load(rows: Lead[]): void {
    for (const lead of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (this.stored.has(lead.id)) continue;
      this.stored.set(lead.id, lead);
      this.set(lead);
    }
  }

  /** Makes `lead` the current version of its id and registers its keys (existing keys keep their lead). */
  set(lead: Lead): void {
    this.leads.set(lead.id, lead);
    for (const key of identityKeys(lead)) if (!this.keys.has(key)) this.keys.set(key, lead.id);
  }

  /** The lead a row is about: by CRM id, then email, then LinkedIn profile. */
  match(candidate: ImportedLead): { lead: Lead; by: string } | undefined {
    for (const system of CRM_SYSTEMS) {
      const id = candidate.crmIds[system];
      const found = id === undefined ? undefined : this.keys.get(crmKey(system, id));
      if (found) return this.found(found, `${CRM_LABEL[system]} ID ${id}`);
    }
    for (const email of candidate.person.emails) {
      const found = this.keys.get(`email:${normalizeEmail(email)}`);
      if (found) return this.found(found, `email ${email}`);
    }
    const slug = candidate.person.linkedinUrl ? linkedinSlug(candidate.person.linkedinUrl) : null;
    const found = slug === null ? undefined : this.keys.get(`linkedin:${slug}`);
    return found ? this.found(found, `LinkedIn profile ${candidate.person.linkedinUrl}`) : undefined;
  }

  private found(id: string, by: string): { lead: Lead; by: string } | undefined {
    const lead = this.leads.get(id);
    return lead && { lead, by };
  }
}

export function identityKeys(lead: Pick<Lead, 'person' | 'crmIds'>): string[] {
  const keys: string[] = [];
  for (const system of CRM_SYSTEMS) {
    const id = lead.crmIds[system];
    if (id !== undefined) keys.push(crmKey(system, id));
  }
  for (const email of lead.person.emails) keys.push(`email:${normalizeEmail(email)}`);
  const slug = lead.person.linkedinUrl ? linkedinSlug(lead.person.linkedinUrl) : null;
  if (slug !== null) keys.push(`linkedin:${slug}`);
  return keys;
}

/** The stage a row implies: the one it names, else the furthest stage it has a date for. */
export function impliedStage(lead: ImportedLead): LeadStage | undefined {
  if (lead.stage) return lead.stage;
  const { times } = lead;
  if (times.customerAt !== undefined) return 'customer';
  if (times.opportunityAt !== undefined) return 'opportunity';
  if (times.sqlAt !== undefined) return 'sql';
  if (times.mqlAt !== undefined) return 'mql';
  return undefined;
}

/** Only the fields that are present: a blank cell never erases what is stored. */
function present<T extends object>(value: T): Partial<T> {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) kept[key] = field;
  }
  return kept as Partial<T>;
}

/**
 * `existing` with what the row adds. The rules, so that a re-import updates instead of
 * duplicating and never undoes the rep's work:
 * - identity grows: new emails are added, a LinkedIn URL is kept once known;
 * - descriptive fields (name, title, phone, location, company, source, campaign, owner) take
 *   the row's value when it has one: the file is the newer copy of the CRM;
 * - CRM ids are added, never replaced (the caller refuses a row whose id differs);
 * - the stage only moves where marketing's handoff moves it: `lead -> mql`, or a recycled
 *   lead that became an MQL again after it was recycled. Anything further (sql, recycled,
 *   disqualified) is a decision made in Handoff with a disposition, never by an import;
 * - stage dates are not rewritten; a missing `mqlAt` of a lead past `lead` is filled in.
 */
export function mergeLead(existing: Lead, row: ImportedLead, now: number): Lead {
  const merged: Lead = {
    ...existing,
    person: {
      ...existing.person,
      ...present({
        name: row.person.name,
        title: row.person.title,
        location: row.person.location,
        phone: row.person.phone,
      }),
      emails: union(existing.person.emails, row.person.emails),
    },
    company: { ...existing.company, ...present(row.company) },
    ...present({ source: row.source, campaign: row.campaign, owner: row.owner }),
    crmIds: { ...present(row.crmIds), ...existing.crmIds },
  };
  if (!existing.person.linkedinUrl && row.person.linkedinUrl) merged.person.linkedinUrl = row.person.linkedinUrl;

  const target = impliedStage(row);
  const mqlAt = row.times.mqlAt;
  const becameMql =
    target === 'mql' &&
    (existing.stage === 'lead' ||
      (existing.stage === 'recycled' && mqlAt !== undefined && mqlAt > (existing.times.recycledAt ?? 0)));
  if (becameMql) {
    // As far as Handoff can tell, a lead the file calls an MQL without a date became one now.
    const at = Math.max(mqlAt ?? now, existing.times.createdAt);
    return transition(merged, 'mql', { at });
  }
  if (existing.stage !== 'lead' && existing.times.mqlAt === undefined && mqlAt !== undefined) {
    merged.times = { ...existing.times, mqlAt };
  }
  return merged;
}

function union(stored: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(stored);
  const result = [...stored];
  for (const value of added) {
    if (!seen.has(value)) {
      seen.add(value);
      result.push(value);
    }
  }
  return result;
}

/** A new lead from a row. The name falls back to the email or profile: a lead must have one. */
export function newLead(
  row: ImportedLead,
  options: ImportBatchOptions,
  now: number,
): { lead: unknown; notes: ImportIssue[] } {
  const notes: ImportIssue[] = [];
  let name = row.person.name;
  if (!name) {
    name = row.person.emails[0] ?? (row.person.linkedinUrl ? (linkedinSlug(row.person.linkedinUrl) ?? '') : '');
    notes.push({ code: 'name_missing', message: `No name: the lead is shown as ${name}` });
  }
  const lead = {
    id: newId(now),
    person: { ...present(row.person), name, emails: row.person.emails },
    company: present(row.company),
    ...present({ source: row.source, campaign: row.campaign, owner: row.owner }),
    stage: impliedStage(row) ?? options.defaultStage,
    crmIds: present(row.crmIds),
    times: { ...present(row.times), createdAt: row.times.createdAt ?? now },
    updatedAt: now,
  };
  return { lead, notes };
}

/** Plain-data equality (leads are JSON-shaped), ignoring `updatedAt`. */
export function sameLead(a: Lead, b: Lead): boolean {
  return equalData({ ...a, updatedAt: 0 }, { ...b, updatedAt: 0 });
}

function equalData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => equalData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export const eventKey = (e: Pick<EngagementEvent, 'leadId' | 'occurredAt' | 'type' | 'pageCategory'>) =>
  `${e.leadId}|${e.occurredAt}|${e.type}|${e.pageCategory ?? ''}`;

/** A row's lead (created or merged) and its events, validated; or why the row is refused. */
export type ResolvedRow = { lead: Lead; events: EngagementEvent[]; notes: ImportIssue[] } | { issues: ImportIssue[] };

/** The row's events for `lead`, validated; the issues of the first invalid one otherwise. */
function rowEvents(
  candidate: ImportCandidate,
  lead: Lead,
  now: number,
): { events: EngagementEvent[] } | { issues: ImportIssue[] } {
  const events: EngagementEvent[] = [];
  for (const event of candidate.events) {
    const result = EngagementEventSchema.safeParse({
      id: newId(now),
      leadId: lead.id,
      type: event.type,
      pageCategory: event.pageCategory,
      occurredAt: event.occurredAt,
      origin: 'imported',
      details: event.details ?? {},
    });
    if (!result.success) {
      return {
        issues: describeIssues(result.error).map((i) => ({
          code: 'invalid_event',
          message: `${i.path}: ${i.message}`,
        })),
      };
    }
    events.push(result.data);
  }
  return { events };
}

/** `draft` as a lead with the row's events, both validated: the last step before a row is written. */
export function resolveRow(candidate: ImportCandidate, draft: unknown, notes: ImportIssue[], now: number): ResolvedRow {
  const parsed = LeadSchema.safeParse(draft);
  if (!parsed.success) {
    return {
      issues: describeIssues(parsed.error).map((i) => ({
        code: 'invalid_lead',
        message: `${i.path || 'lead'}: ${i.message}`,
      })),
    };
  }
  const events = rowEvents(candidate, parsed.data, now);
  return 'issues' in events ? events : { lead: parsed.data, events: events.events, notes };
}

/** Whether a row can make a new lead: a CRM id alone can only update one imported before. */
export const canCreate = (row: ImportedLead, options: ImportBatchOptions) =>
  options.createLeads !== false && (row.person.emails.length > 0 || row.person.linkedinUrl !== undefined);

/** The lead `candidate` would create, built and validated ahead; undefined when it cannot create one. */
export function prepareNew(
  candidate: ImportCandidate,
  options: ImportBatchOptions,
  now: number,
): ResolvedRow | undefined {
  if (!canCreate(candidate.lead, options)) return undefined;
  const { lead, notes } = newLead(candidate.lead, options, now);
  return resolveRow(candidate, lead, notes, now);
}

/** A row's result when it is not refused: the lead as it now is, its events, and whether it is new. */
export interface AppliedRow {
  status: 'ok';
  outcome: LeadOutcome;
  events: EngagementEvent[];
  isNew: boolean;
}

/**
 * One row against the leads of `index`: matched by CRM id, then email, then LinkedIn profile,
 * and merged by {@link mergeLead}; or a new lead (`ahead`: one built by {@link prepareNew}
 * for this row and these options); or refused with its issues (a conflicting CRM id, no
 * identity to create from, new leads off). The lead is registered in `index` so a later
 * row about the same person finds it.
 */
export function applyRow(
  candidate: ImportCandidate,
  index: LeadIndex,
  options: ImportBatchOptions,
  now: number,
  ahead?: ResolvedRow,
): AppliedRow | RejectedOutcome {
  const { ref, lead: row } = candidate;
  const reject = (issues: ImportIssue[]) => ({ ref, status: 'rejected' as const, issues });
  const match = index.match(row);

  let resolved: ResolvedRow;
  if (match) {
    const conflicts = CRM_SYSTEMS.filter((system) => {
      const mine = row.crmIds[system];
      const theirs = match.lead.crmIds[system];
      return mine !== undefined && theirs !== undefined && crmKey(system, mine) !== crmKey(system, theirs);
    });
    if (conflicts.length > 0) {
      return reject(
        conflicts.map((system) => ({
          code: 'crm_id_conflict',
          message:
            `${CRM_LABEL[system]} ID ${row.crmIds[system]} differs from ${CRM_LABEL[system]} ID ` +
            `${match.lead.crmIds[system]} of the lead found by ${match.by} (${match.lead.person.name}): ` +
            `two ${CRM_LABEL[system]} records for one person?`,
          value: row.crmIds[system],
        })),
      );
    }
    resolved = resolveRow(candidate, mergeLead(match.lead, row, now), [], now);
  } else if (options.createLeads === false) {
    return reject([
      {
        code: 'no_match',
        message: 'No lead has this email, LinkedIn URL or CRM id (new leads are off for this import)',
      },
    ]);
  } else if (!canCreate(row, options)) {
    // Only a CRM id: enough to update a lead imported before, not to create one.
    const ids = CRM_SYSTEMS.flatMap((s) => (row.crmIds[s] ? [`${CRM_LABEL[s]} ID ${row.crmIds[s]}`] : []));
    return reject([
      {
        code: 'missing_identity',
        message: `No lead has ${ids.join(' or ')}, and the row has no email or LinkedIn URL to create one`,
      },
    ]);
  } else {
    if (ahead) resolved = ahead;
    else {
      const { lead: draft, notes } = newLead(row, options, now);
      resolved = resolveRow(candidate, draft, notes, now);
    }
  }
  if ('issues' in resolved) return reject(resolved.issues);

  const { lead, events, notes } = resolved;
  const changed = !match || !sameLead(match.lead, lead);
  index.set(lead);
  const status = !match ? 'created' : changed ? 'updated' : 'unchanged';
  return { status: 'ok', outcome: { ref, status, leadId: lead.id, eventsAdded: 0, notes }, events, isNew: !match };
}

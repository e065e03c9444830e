/**
 * The conflict rules as pure functions over a record's stored state: what the server runs
 * on every change (server/store/push.ts), and what the extension's sync client runs when it
 * lays its unsynced changes over a pulled record (lib/db/sync.ts), so both sides resolve a
 * conflict the same way. No I/O and no Node-only imports.
 */
import type * as z from 'zod';
import type { Disposition } from '../domain/disposition';
import { criterionKeys } from '../domain/frameworks';
import { latestInForce, withdrawnIds } from '../domain/in-force';
import { LeadSchema } from '../domain/lead';
import { type Qualification, QualificationSchema } from '../domain/qualification';
import { describeIssues } from '../domain/validation';
import type { Change, Issue, LeadChange, PullTable, QualificationChange } from './contract';
import { type Hlc, maxHlc, parseHlc } from './hlc';

/** A record as stored: the domain data, the clock of each field, and what else the rules need. */
export interface RecordState {
  table: PullTable;
  recordId: string;
  /** The domain record (a Lead, a Qualification, an EngagementEvent, ...). */
  data: Record<string, unknown>;
  /** Per-field clocks of merged tables (leads, qualifications); empty for append-only ones. */
  clocks: Record<string, Hlc>;
  /** The latest clock of the record. */
  hlc: Hlc;
  /**
   * Rule state that is not part of the domain record: a disposition's `basedOn`, and every
   * criterion a checklist ever had (those of another framework are kept, not shown).
   */
  meta: Record<string, unknown>;
}

export type MergeOutcome =
  /** `record` is what to store; `changed` false when every field lost to a later clock. */
  | { status: 'applied'; record: RecordState; changed: boolean }
  | { status: 'duplicate' }
  | { status: 'rejected'; issues: Issue[] };

/** Applies one validated change to the record it names (`current` undefined when new). */
export function applyChange(current: RecordState | undefined, change: Change): MergeOutcome {
  switch (change.table) {
    case 'leads':
      return mergeLead(current, change);
    case 'qualifications':
      return mergeQualification(current, change);
    case 'events':
    case 'activities':
      return appendOnly(current, change.table, change.recordId, change.record, change.hlc, {});
    case 'dispositions':
      return appendOnly(current, change.table, change.recordId, change.record, change.hlc, {
        basedOn: change.basedOn,
      });
  }
}

function appendOnly(
  current: RecordState | undefined,
  table: PullTable,
  recordId: string,
  data: object,
  hlc: Hlc,
  meta: Record<string, unknown>,
): MergeOutcome {
  if (current) return { status: 'duplicate' };
  return { status: 'applied', changed: true, record: { table, recordId, data: { ...data }, clocks: {}, hlc, meta } };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot < 0) {
    if (value === null) delete target[path];
    else target[path] = value;
    return;
  }
  const head = path.slice(0, dot);
  const existing = target[head];
  const child: Record<string, unknown> =
    typeof existing === 'object' && existing !== null ? { ...(existing as Record<string, unknown>) } : {};
  setPath(child, path.slice(dot + 1), value);
  target[head] = child;
}

/**
 * Last writer wins per field: a field is set when the change's clock is later than the
 * field's stored clock. Clearing (`null`) keeps the clock, so an older write arriving late
 * cannot bring the value back. The result must still parse as a Lead; if it does not,
 * nothing of the change is taken.
 */
export function mergeLead(current: RecordState | undefined, change: LeadChange): MergeOutcome {
  const data: Record<string, unknown> = current ? structuredClone(current.data) : {};
  const clocks = { ...(current?.clocks ?? {}) };
  let changed = false;
  for (const [path, value] of Object.entries(change.fields)) {
    if (value === undefined) continue;
    const stored = clocks[path];
    if (stored !== undefined && stored >= change.hlc) continue;
    setPath(data, path, value);
    clocks[path] = change.hlc;
    changed = true;
  }
  if (!changed && current) return { status: 'applied', changed: false, record: current };
  const parsed = LeadSchema.safeParse({ ...data, id: change.recordId });
  if (!parsed.success) return { status: 'rejected', issues: leadIssues(parsed.error, current === undefined) };
  return {
    status: 'applied',
    changed: true,
    record: {
      table: 'leads',
      recordId: change.recordId,
      data: parsed.data,
      clocks,
      hlc: maxHlc(...Object.values(clocks)) ?? change.hlc,
      meta: {},
    },
  };
}

function leadIssues(error: z.ZodError, isNew: boolean): Issue[] {
  return describeIssues(error).map((issue) => ({
    path: issue.path,
    message: isNew
      ? `${issue.message} (a change that creates a lead must set every required field)`
      : `${issue.message} (the lead merged with this change would not be valid)`,
  }));
}

type Criteria = Qualification['criteria'];

/**
 * Merges a checklist per criterion. The framework is a last-writer-wins field; a change
 * asserts its framework at its clock, so of two concurrent edits on different frameworks
 * the later wins whatever the arrival order, and the loser's criteria are kept (hidden) in
 * `meta.criteria`: switching back shows them again. `updatedAt` is the latest clock's time.
 */
export function mergeQualification(current: RecordState | undefined, change: QualificationChange): MergeOutcome {
  const clocks = { ...(current?.clocks ?? {}) };
  const all: Criteria = { ...((current?.meta.criteria as Criteria | undefined) ?? {}) };
  const data = current?.data as Qualification | undefined;
  let framework = data?.framework ?? change.framework;
  let changed = false;

  const frameworkClock = clocks.framework;
  if (frameworkClock === undefined || change.hlc > frameworkClock) {
    framework = change.framework;
    clocks.framework = change.hlc;
    changed = true;
  }
  for (const [key, entry] of Object.entries(change.criteria)) {
    const path = `criteria.${key}`;
    const stored = clocks[path];
    if (stored !== undefined && stored >= change.hlc) continue;
    all[key] = entry;
    clocks[path] = change.hlc;
    changed = true;
  }
  if (!changed && current) return { status: 'applied', changed: false, record: current };

  const shown = new Set(criterionKeys(framework));
  const criteria: Criteria = {};
  for (const [key, entry] of Object.entries(all)) if (shown.has(key)) criteria[key] = entry;
  const updatedAt = Math.max(data?.updatedAt ?? 0, parseHlc(change.hlc).ms);
  const parsed = QualificationSchema.safeParse({ leadId: change.recordId, framework, criteria, updatedAt });
  if (!parsed.success) return { status: 'rejected', issues: describeIssues(parsed.error) };
  return {
    status: 'applied',
    changed: true,
    record: {
      table: 'qualifications',
      recordId: change.recordId,
      data: parsed.data,
      clocks,
      hlc: maxHlc(...Object.values(clocks)) ?? change.hlc,
      meta: { criteria: all },
    },
  };
}

/** A disposition with what the rules need from its sync envelope. */
export interface DispositionWithClock {
  disposition: Disposition;
  hlc: Hlc;
  basedOn: string | null;
}

export interface DispositionStanding {
  /** Undone by a later withdrawal. */
  withdrawn: boolean;
  /** The decision in force: the latest by clock that is neither a withdrawal nor withdrawn. */
  current: boolean;
  /** Another decision (not a withdrawal, not withdrawn) was made on the same basis. */
  conflict: boolean;
}

/**
 * Where each of one lead's dispositions stands. Append-only history, so nothing is lost:
 * "current" is derived (latest by clock, withdrawals and what they withdrew skipped), and
 * decisions made on the same `basedOn` (neither saw the other) are flagged as a conflict
 * for a person to look at.
 */
export function dispositionStandings(history: readonly DispositionWithClock[]): Map<string, DispositionStanding> {
  const withdrawn = withdrawnIds(history.map((entry) => entry.disposition));
  const live = history.filter(({ disposition: d }) => d.decision !== 'withdrawn' && !withdrawn.has(d.id));
  const current = latestInForce(
    history,
    (entry) => entry.disposition,
    (entry) => entry.hlc,
  );
  const byBasis = new Map<string, number>();
  for (const entry of live) byBasis.set(entry.basedOn ?? '', (byBasis.get(entry.basedOn ?? '') ?? 0) + 1);

  const standings = new Map<string, DispositionStanding>();
  for (const entry of history) {
    const d = entry.disposition;
    const isLive = d.decision !== 'withdrawn' && !withdrawn.has(d.id);
    standings.set(d.id, {
      withdrawn: withdrawn.has(d.id),
      current: entry === current,
      conflict: isLive && (byBasis.get(entry.basedOn ?? '') ?? 0) > 1,
    });
  }
  return standings;
}

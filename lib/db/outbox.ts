import Dexie from 'dexie';
import type { Activity } from '../domain/activity';
import type { Disposition } from '../domain/disposition';
import type { EngagementEvent } from '../domain/event';
import { newId } from '../domain/ids';
import type { Lead } from '../domain/lead';
import type { Qualification } from '../domain/qualification';
import type { Change, PushTable } from '../replication/contract';
import { LEAD_FIELDS } from '../replication/contract';
import { formatHlc, type Hlc, type HlcParts, parseHlc, tickHlc } from '../replication/hlc';
import type { HandoffDb } from './db';
import type { DispositionClockRow, OutboxRow, SyncLocalRow } from './sync-state';

/** Sync's tables: a write that records its changes must have all three in its transaction. */
export function syncTables(db: HandoffDb) {
  return [db.outbox, db.syncState, db.dispositionClocks];
}

// ---------------------------------------------------------------------------------------
// Changes in the contract's shape (pure: the recorder and the backfill build them alike)

/** The value at a dotted path (`person.title`) of a lead or any plain record; undefined when absent. */
export function valueAt(target: unknown, path: string): unknown {
  let value = target;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

// Lead values are JSON-shaped (strings, numbers, string arrays), so their JSON is their identity.
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The lead fields a change sets, as the contract's dotted paths (`person.title`,
 * `times.mqlAt`, `crmIds.hubspot`): every field of `after` when `before` is undefined (a
 * new lead must set every required one), otherwise only those that differ, with `null`
 * for a field that was cleared. Empty when nothing differs.
 */
export function leadFieldChanges(before: Lead | undefined, after: Lead): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const { path } of LEAD_FIELDS) {
    const next = valueAt(after, path);
    if (before === undefined) {
      if (next !== undefined) fields[path] = next;
      continue;
    }
    const previous = valueAt(before, path);
    if (same(previous, next)) continue;
    fields[path] = next === undefined ? null : next;
  }
  return fields;
}

const isBlank = (entry: Qualification['criteria'][string]) => entry.status === 'unknown' && entry.evidence === '';

/**
 * The criteria a checklist change sets: those that differ from `before`, so that two reps
 * editing different criteria both keep theirs. A new checklist (`before` undefined) sets
 * only the criteria the rep filled in: its blank ones ("unknown", no evidence) must not
 * win over what another rep confirmed meanwhile. `undefined` when neither the framework
 * nor any criterion changed (nothing to send: a change also asserts its framework, and
 * an idle autosave must not win a framework switch).
 */
export function criteriaChanges(
  before: Qualification | undefined,
  after: Qualification,
): Qualification['criteria'] | undefined {
  const changed: Qualification['criteria'] = {};
  for (const [key, entry] of Object.entries(after.criteria)) {
    const previous = before?.criteria[key];
    if (previous === undefined ? !isBlank(entry) : !same(previous, entry)) changed[key] = entry;
  }
  if (before !== undefined && Object.keys(changed).length === 0 && before.framework === after.framework) {
    return undefined;
  }
  return changed;
}

/** The clock a record already stored gets when turning sync on sends it: its own time, never ahead of now. */
export function clockAt(time: number, now: number, node: string): Hlc {
  return formatHlc({ ms: Math.max(0, Math.min(time, now)), counter: 0, node });
}

/** Each kind of change in the contract's shape, for the recorder and the backfill alike. */
export const changeOf = {
  lead(changeId: string, hlc: Hlc, leadId: string, fields: Record<string, unknown>): Change {
    return { table: 'leads', changeId, hlc, recordId: leadId, fields } as Change;
  },
  qualification(changeId: string, hlc: Hlc, q: Qualification, criteria: Qualification['criteria']): Change {
    return { table: 'qualifications', changeId, hlc, recordId: q.leadId, framework: q.framework, criteria };
  },
  event(changeId: string, hlc: Hlc, event: EngagementEvent): Change {
    return { table: 'events', changeId, hlc, recordId: event.id, record: event };
  },
  activity(changeId: string, hlc: Hlc, activity: Activity): Change {
    return { table: 'activities', changeId, hlc, recordId: activity.id, record: activity };
  },
  disposition(changeId: string, hlc: Hlc, disposition: Disposition, basedOn: string | null): Change {
    return { table: 'dispositions', changeId, hlc, recordId: disposition.id, record: disposition, basedOn };
  },
};

/**
 * What each new decision was decided on: the newest decision of its lead before it (by
 * `decidedAt`, then id), among those stored and those before it in `added`. For a decision
 * the rep makes now that is the newest one this browser knew; for imported history, its
 * predecessor, so a history never looks like two decisions made blind. Reads the stored
 * decisions of the leads concerned (call inside the write's transaction).
 */
export async function basedOnOf(db: HandoffDb, added: readonly Disposition[]): Promise<Map<string, string | null>> {
  const byLead = new Map<string, Disposition[]>();
  for (const d of added) byLead.set(d.leadId, [...(byLead.get(d.leadId) ?? []), d]);
  const result = new Map<string, string | null>();
  for (const [leadId, mine] of byLead) {
    const stored = await db.dispositions
      .where('[leadId+decidedAt]')
      .between([leadId, Dexie.minKey], [leadId, Dexie.maxKey], true, true)
      .toArray();
    const fresh = new Set(mine.map((d) => d.id));
    const all = [...stored.filter((d) => !fresh.has(d.id)), ...mine].sort(
      (a, b) => a.decidedAt - b.decidedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    all.forEach((d, i) => {
      if (fresh.has(d.id)) result.set(d.id, all[i - 1]?.id ?? null);
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// The recorder

/**
 * Collects the changes of one write transaction and adds them to the outbox when the
 * write commits its rows. {@link open} returns `null` while sync is off: nothing is
 * queued then, and turning sync on sends what is stored instead (lib/db/sync.ts).
 *
 * Every change gets its own tick of the client's clock, so the changes of one write are
 * ordered, and later than anything this client made or pulled before.
 */
export class OutboxRecorder {
  private readonly rows: OutboxRow[] = [];
  private readonly clocks: DispositionClockRow[] = [];
  private clock: HlcParts | undefined;

  private constructor(
    private readonly db: HandoffDb,
    private readonly local: SyncLocalRow,
    private readonly now: number,
  ) {
    this.clock = local.hlc === undefined ? undefined : parseHlc(local.hlc);
  }

  /**
   * The recorder for a write, or `null` when sync is off. Call inside the write's
   * transaction, which must include {@link syncTables}: the clock is read and advanced there.
   */
  static async open(db: HandoffDb, now: number): Promise<OutboxRecorder | null> {
    const local = (await db.syncState.get('local')) as SyncLocalRow | undefined;
    return local?.recording ? new OutboxRecorder(db, local, now) : null;
  }

  private add(table: PushTable, recordId: string, build: (changeId: string, hlc: Hlc) => Change): Hlc {
    this.clock = tickHlc(this.clock, this.now, this.local.clientId);
    const hlc = formatHlc(this.clock);
    const changeId = newId(this.now);
    this.rows.push({ changeId, table, recordId, hlc, change: build(changeId, hlc), createdAt: this.now });
    return hlc;
  }

  /** A lead created (`before` undefined: every field) or changed (the fields that differ). */
  lead(before: Lead | undefined, after: Lead): void {
    const fields = leadFieldChanges(before, after);
    if (Object.keys(fields).length === 0) return;
    this.add('leads', after.id, (id, hlc) => changeOf.lead(id, hlc, after.id, fields));
  }

  /** A checklist created or changed; nothing when neither its framework nor a criterion changed. */
  qualification(before: Qualification | undefined, after: Qualification): void {
    const criteria = criteriaChanges(before, after);
    if (criteria === undefined) return;
    this.add('qualifications', after.leadId, (id, hlc) => changeOf.qualification(id, hlc, after, criteria));
  }

  event(event: EngagementEvent): void {
    this.add('events', event.id, (id, hlc) => changeOf.event(id, hlc, event));
  }

  activity(activity: Activity): void {
    this.add('activities', activity.id, (id, hlc) => changeOf.activity(id, hlc, activity));
  }

  /** A decision appended; `basedOn` is the newest decision of the lead this browser had (see {@link basedOnOf}). */
  disposition(disposition: Disposition, basedOn: string | null): void {
    const hlc = this.add('dispositions', disposition.id, (id, clock) =>
      changeOf.disposition(id, clock, disposition, basedOn),
    );
    this.clocks.push({ id: disposition.id, leadId: disposition.leadId, hlc, basedOn });
  }

  /** Queues the collected changes and keeps the advanced clock. Call last, inside the same transaction. */
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.db.outbox.bulkAdd(this.rows);
    if (this.clocks.length > 0) await this.db.dispositionClocks.bulkPut(this.clocks);
    await this.db.syncState.put({ ...this.local, hlc: this.clock && formatHlc(this.clock) });
  }
}

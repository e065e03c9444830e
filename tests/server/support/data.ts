import { newId } from '../../../lib/domain/ids';
import { HybridLogicalClock } from '../../../lib/replication/hlc';
import type { ChangeInput, LeadFields } from '../../../lib/replication/contract';
import { DAY, NOW } from './harness';

/** One wall clock for every test client: each change made is a second after the previous one. */
const world = { now: NOW - DAY };

/**
 * A sync client as the tests play it: its id, its clock, and builders for each kind of
 * change, stamped with its next clock. Changes made later in a test get later clocks,
 * whichever client makes them, unless a test sets the time (`hlc(at)`).
 */
export class TestClient {
  private wall = world.now;
  readonly clock: HybridLogicalClock;

  constructor(readonly id: string) {
    this.clock = new HybridLogicalClock(id, () => this.wall);
  }

  /** The next clock, at `at` or a second after the last change any client made. */
  hlc(at?: number): string {
    if (at === undefined) world.now += 1000;
    this.wall = at ?? world.now;
    return this.clock.tick();
  }

  batch(...changes: ChangeInput[]) {
    return { clientId: this.id, changes };
  }

  lead(recordId: string, fields: LeadFields, hlc = this.hlc()): ChangeInput {
    return { table: 'leads', changeId: newId(), recordId, hlc, fields } as ChangeInput;
  }

  event(leadId: string, extra: Record<string, unknown> = {}, hlc = this.hlc()): ChangeInput {
    const id = newId();
    return {
      table: 'events',
      changeId: newId(),
      recordId: id,
      hlc,
      record: { id, leadId, type: 'email_opened', occurredAt: NOW - DAY, origin: 'captured', ...extra },
    } as ChangeInput;
  }

  reject(
    leadId: string,
    basedOn: string | null,
    extra: Record<string, unknown> = {},
    hlc = this.hlc(),
  ): ChangeInput & { recordId: string } {
    const id = newId();
    return {
      table: 'dispositions',
      changeId: newId(),
      recordId: id,
      hlc,
      basedOn,
      record: {
        id,
        leadId,
        decision: 'rejected',
        route: 'mql_handoff',
        reason: 'bad_timing',
        outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
        decidedBy: `${this.id}@seller.io`,
        decidedAt: NOW,
        ...extra,
      },
    } as ChangeInput & { recordId: string };
  }

  accept(leadId: string, basedOn: string | null, extra: Record<string, unknown> = {}, hlc = this.hlc()) {
    const change = this.reject(leadId, basedOn, {}, hlc) as { record: Record<string, unknown> };
    const { reason: _r, outcome: _o, ...rest } = change.record;
    change.record = { ...rest, decision: 'accepted_sql', ...extra };
    return change as ChangeInput & { recordId: string };
  }

  checklist(
    leadId: string,
    framework: 'bant' | 'meddic' | 'champ',
    criteria: Record<string, unknown>,
    hlc = this.hlc(),
  ): ChangeInput {
    return { table: 'qualifications', changeId: newId(), recordId: leadId, hlc, framework, criteria } as ChangeInput;
  }

  activity(leadId: string, hlc = this.hlc()): ChangeInput {
    const id = newId();
    return {
      table: 'activities',
      changeId: newId(),
      recordId: id,
      hlc,
      record: { id, leadId, kind: 'call', outcome: 'connected', occurredAt: NOW - DAY, loggedBy: this.id },
    } as ChangeInput;
  }
}

/** Every field a new lead needs, plus a source and company. */
export function newLeadFields(overrides: LeadFields = {}): LeadFields {
  return {
    'person.name': 'Jane Doe',
    'person.emails': ['jane.doe@acme.io'],
    'company.name': 'Acme',
    'company.domain': 'acme.io',
    source: 'Webinar',
    campaign: 'Q4 launch',
    stage: 'mql',
    'times.createdAt': NOW - 10 * DAY,
    'times.mqlAt': NOW - 9 * DAY,
    updatedAt: NOW - 9 * DAY,
    ...overrides,
  };
}

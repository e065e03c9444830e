import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledRecord } from '../../../lib/replication/contract';
import { RecordNotFoundError } from '../../../lib/db/base';
import type { NewDisposition } from '../../../lib/db/dispositions';
import { type Disposition, DispositionSchema } from '../../../lib/domain/disposition';
import { newId } from '../../../lib/domain/ids';
import type { Lead } from '../../../lib/domain/lead';
import { ValidationError } from '../../../lib/domain/validation';
import { decisionInForce } from '../../../lib/qualification/decide';
import { formatHlc } from '../../../lib/replication/hlc';
import { refuseWrites, setupRepositories } from '../../support/db';
import { DAY, NOW, makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
beforeEach(async () => {
  ctx = setupRepositories();
  // Armed only after the lead is seeded: the seeding write must go through.
  refuseWrites(ctx.db, 'leads', (row) => armed && row.stage === 'sql');
  refuseWrites(ctx.db, 'dispositions', () => refuseDispositions);
  armed = false;
  refuseDispositions = false;
  lead = await ctx.leads.create(makeLead({ stage: 'mql', times: { createdAt: NOW - 3 * DAY, mqlAt: NOW - DAY } }));
});
afterEach(() => ctx.db.close());
let armed = false;
let refuseDispositions = false;

const accept = (leadId: string, decidedAt = NOW): NewDisposition => ({
  leadId,
  decision: 'accepted_sql',
  route: 'mql_handoff',
  decidedBy: 'sam@seller.io',
  decidedAt,
});

const reject = (leadId: string, decidedAt = NOW): NewDisposition => ({
  leadId,
  decision: 'rejected',
  route: 'mql_handoff',
  reason: 'bad_timing',
  outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
  decidedBy: 'sam@seller.io',
  decidedAt,
});

const asSql = (l: Lead, at = NOW): Lead => ({ ...l, stage: 'sql', times: { ...l.times, sqlAt: at } });

describe('DispositionRepository.record', () => {
  it('appends the decision and moves the lead, stamping updatedAt', async () => {
    ctx.clock.now = NOW + 1000;
    const { disposition, lead: moved } = await ctx.dispositions.record(accept(lead.id), asSql(lead));
    expect(disposition.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(moved.updatedAt).toBe(NOW + 1000);
    expect(await ctx.leads.get(lead.id)).toEqual(moved);
    expect((await ctx.leads.get(lead.id))?.times.sqlAt).toBe(NOW);
    expect(await ctx.dispositions.current(lead.id)).toEqual(disposition);
  });

  it('keeps every decision: a change of mind is a new row, the latest is current', async () => {
    const first = await ctx.dispositions.record(reject(lead.id, NOW), {
      ...lead,
      stage: 'recycled',
      times: { ...lead.times, recycledAt: NOW },
      revisitAt: NOW + 90 * DAY,
    });
    const second = await ctx.dispositions.record(accept(lead.id, NOW + DAY), asSql(first.lead, NOW + DAY));
    expect((await ctx.dispositions.history(lead.id)).map((d) => d.id)).toEqual([
      second.disposition.id,
      first.disposition.id,
    ]);
    expect((await ctx.dispositions.current(lead.id))?.decision).toBe('accepted_sql');
    expect((await ctx.leads.get(lead.id))?.stage).toBe('sql');
  });

  it('refuses a rejection without a reason, naming the field, and writes neither row', async () => {
    const { reason: _reason, ...noReason } = reject(lead.id);
    const error = await ctx.dispositions.record(noReason, { ...lead, stage: 'recycled' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['reason']);
    expect(await ctx.dispositions.history(lead.id)).toEqual([]);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });

  it('refuses a decision about one lead paired with an update of another', async () => {
    const other = await ctx.leads.create(makeLead({ person: { emails: ['o@acme.io'] } }));
    await expect(ctx.dispositions.record(accept(lead.id), asSql(other))).rejects.toThrow(/leadId/);
    expect(await ctx.db.dispositions.count()).toBe(0);
  });

  it('refuses a decision on a lead that is not stored, and does not create the lead', async () => {
    const ghost = makeLead({ id: newId() });
    await expect(ctx.dispositions.record(accept(ghost.id), asSql(ghost))).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.db.dispositions.count()).toBe(0);
    expect(await ctx.leads.get(ghost.id)).toBeUndefined();
  });

  it('rolls back the disposition when the lead write fails', async () => {
    armed = true;
    await expect(ctx.dispositions.record(accept(lead.id), asSql(lead))).rejects.toThrow(/DataCloneError/);
    expect(await ctx.dispositions.history(lead.id)).toEqual([]);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });
});

describe('DispositionRepository.recordWithNewLead', () => {
  const fresh = (over: Partial<Lead> = {}): Lead =>
    makeLead({
      id: newId(),
      person: { name: 'Priya Raman', emails: ['priya@tidewater.io'] },
      stage: 'sql',
      times: { createdAt: NOW, sqlAt: NOW },
      ...over,
    });
  const direct = (leadId: string): NewDisposition => ({ ...accept(leadId), route: 'direct_outbound' });

  it('adds the lead, its checklist and its decision together', async () => {
    const lead = fresh();
    const checklist = {
      leadId: lead.id,
      framework: 'bant' as const,
      criteria: { need: { status: 'confirmed' as const } },
    };
    const recorded = await ctx.dispositions.recordWithNewLead(direct(lead.id), lead, checklist);
    expect(await ctx.leads.get(lead.id)).toEqual(recorded.lead);
    expect(recorded.lead.stage).toBe('sql');
    expect((await ctx.qualifications.get(lead.id))?.criteria.need?.status).toBe('confirmed');
    expect(await ctx.dispositions.current(lead.id)).toEqual(recorded.disposition);
  });

  it('writes nothing when the checklist does not parse', async () => {
    const lead = fresh();
    const bad = { leadId: lead.id, framework: 'bant' as const, criteria: { champion: { status: 'partial' as const } } };
    await expect(ctx.dispositions.recordWithNewLead(direct(lead.id), lead, bad)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await ctx.leads.get(lead.id)).toBeUndefined();
    expect(await ctx.db.dispositions.count()).toBe(0);
  });

  it('refuses a lead id that exists, leaving the stored lead and its history alone', async () => {
    await expect(
      ctx.dispositions.recordWithNewLead(direct(lead.id), {
        ...lead,
        stage: 'sql',
        times: { ...lead.times, sqlAt: NOW },
      }),
    ).rejects.toThrow(/ConstraintError|Key already exists/);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
    expect(await ctx.db.dispositions.count()).toBe(0);
  });

  it('rolls the lead back when the decision cannot be stored', async () => {
    const lead = fresh();
    refuseDispositions = true;
    await expect(ctx.dispositions.recordWithNewLead(direct(lead.id), lead)).rejects.toThrow(/DataCloneError/);
    expect(await ctx.leads.get(lead.id)).toBeUndefined();
  });

  it('refuses a decision that names another lead', async () => {
    const lead = fresh();
    await expect(ctx.dispositions.recordWithNewLead(direct(newId()), lead)).rejects.toThrow(/same lead/);
    expect(await ctx.leads.get(lead.id)).toBeUndefined();
  });
});

describe('DispositionRepository reads', () => {
  it('has no current decision for an undecided lead', async () => {
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();
    expect(await ctx.dispositions.history(lead.id)).toEqual([]);
  });

  it('orders history by decidedAt, not by write order', async () => {
    const later = await ctx.dispositions.record(accept(lead.id, NOW + DAY), asSql(lead));
    const earlier = await ctx.dispositions.record(accept(lead.id, NOW - DAY), asSql(lead));
    expect((await ctx.dispositions.history(lead.id)).map((d) => d.id)).toEqual([
      later.disposition.id,
      earlier.disposition.id,
    ]);
    expect((await ctx.dispositions.current(lead.id))?.id).toBe(later.disposition.id);
  });
});

describe('DispositionRepository.bulkAppend', () => {
  const withId = (d: NewDisposition, at = d.decidedAt): NewDisposition & { id: string } => ({ ...d, id: newId(at) });

  it('appends a history in one write, and leaves the leads as they are', async () => {
    const mistake = withId(reject(lead.id, NOW - 60_000));
    const undo: NewDisposition = {
      id: newId(NOW - 55_000),
      leadId: lead.id,
      decision: 'withdrawn',
      route: 'mql_handoff',
      withdraws: mistake.id,
      decidedBy: 'sam@seller.io',
      decidedAt: NOW - 55_000,
    };
    const decision = withId(accept(lead.id, NOW));
    const added = await ctx.dispositions.bulkAppend([mistake, undo, decision]);
    expect(added.map((d) => d.id)).toEqual([mistake.id, undo.id, decision.id]);
    expect((await ctx.dispositions.history(lead.id)).map((d) => d.decision)).toEqual([
      'accepted_sql',
      'withdrawn',
      'rejected',
    ]);
    expect((await ctx.dispositions.current(lead.id))?.id).toBe(decision.id);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });

  it('adds nothing twice, and never replaces a stored decision', async () => {
    const decision = withId(accept(lead.id));
    await ctx.dispositions.bulkAppend([decision]);
    expect(await ctx.dispositions.bulkAppend([decision])).toEqual([]);
    expect(await ctx.dispositions.bulkAppend([{ ...reject(lead.id), id: decision.id }])).toEqual([]);
    expect(await ctx.dispositions.history(lead.id)).toEqual([expect.objectContaining({ decision: 'accepted_sql' })]);
  });

  it('accepts a withdrawal of a stored decision, and refuses one of another lead’s or of nothing', async () => {
    const other = await ctx.leads.create(makeLead({ stage: 'mql', times: { createdAt: NOW - DAY, mqlAt: NOW - DAY } }));
    const decision = withId(accept(lead.id, NOW - 10_000));
    await ctx.dispositions.bulkAppend([decision]);
    const undo = (leadId: string, withdraws: string): NewDisposition => ({
      leadId,
      decision: 'withdrawn',
      route: 'mql_handoff',
      withdraws,
      decidedBy: 'sam@seller.io',
      decidedAt: NOW,
    });
    const refused = await ctx.dispositions
      .bulkAppend([accept(other.id), undo(other.id, decision.id), undo(other.id, newId(NOW))])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.path)).toEqual(['1.withdraws', '2.withdraws']);
    expect(await ctx.dispositions.history(other.id)).toEqual([]);
    expect(await ctx.dispositions.bulkAppend([undo(lead.id, decision.id)])).toHaveLength(1);
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();
  });

  it('refuses the whole batch for one bad row, naming it by index', async () => {
    const bad = { ...reject(lead.id), reason: undefined };
    const refused = await ctx.dispositions.bulkAppend([accept(lead.id), bad]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.path)).toEqual(['1.reason']);
    expect(await ctx.dispositions.history(lead.id)).toEqual([]);
  });

  it('refuses decisions on leads that are not stored', async () => {
    const refused = await ctx.dispositions.bulkAppend([accept(lead.id), accept(newId(NOW))]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RecordNotFoundError);
    expect(await ctx.dispositions.history(lead.id)).toEqual([]);
  });

  it('writes nothing when the database refuses the rows', async () => {
    refuseDispositions = true;
    await expect(ctx.dispositions.bulkAppend([accept(lead.id)])).rejects.toThrow();
    refuseDispositions = false;
    expect(await ctx.dispositions.history(lead.id)).toEqual([]);
  });
});

describe('DispositionRepository.historyWithStandings: team sync', () => {
  /** A clock of another browser, `offset` ms after NOW - 1 day (both browsers' clocks were behind). */
  const clock = (offset: number, node: string) => formatHlc({ ms: NOW - DAY + offset, counter: 0, node });
  let seq = 0;
  const pulled = (disposition: Disposition, hlc: string, basedOn: string | null): PulledRecord => {
    seq += 1;
    return { table: 'dispositions', recordId: disposition.id, seq, hlc, data: disposition, basedOn };
  };
  const decided = (input: NewDisposition, id: string) => DispositionSchema.parse({ ...input, id });

  // Two decisions on the same basis (none: the lead's first), neither browser seeing the other.
  // Sam's device clock ran fast: by decidedAt his is the later, by sync's clock Alex's is.
  const sams = () =>
    decided({ ...reject(lead.id, NOW + 2000), decidedBy: 'sam@seller.io' }, '01KAQZ4X5T0000000000000DA1');
  const alexs = () => decided({ ...accept(lead.id, NOW), decidedBy: 'alex@seller.io' }, '01KAQZ4X5T0000000000000DA2');

  beforeEach(async () => {
    await ctx.sync.turnOn({
      serverUrl: 'https://sync.test',
      token: 't',
      team: { id: 'team', name: 'Team' },
      rep: 'Sam',
    });
  });

  it('after a pull of two decisions made blind, the later by clock is in force and each names the other', async () => {
    const sam = sams();
    const alex = alexs();
    await ctx.sync.applyPulled([pulled(sam, clock(1000, 'sam'), null), pulled(alex, clock(2000, 'alex'), null)], '2');

    const entries = await ctx.dispositions.historyWithStandings(lead.id);
    // Newest first by decidedAt, as shown; in force by clock.
    expect(entries).toEqual([
      { disposition: sam, inForce: false, conflictsWith: [alex.id] },
      { disposition: alex, inForce: true, conflictsWith: [sam.id] },
    ]);
    expect((await ctx.dispositions.current(lead.id))?.id).toBe(alex.id);
    // What the wall clocks alone would have said, and what the server's rule says.
    expect(decisionInForce(await ctx.dispositions.history(lead.id))?.id).toBe(sam.id);
    const standings = await ctx.sync.dispositionStandings(lead.id);
    expect(standings.get(alex.id)).toMatchObject({ current: true, conflict: true });
    expect(standings.get(sam.id)).toMatchObject({ current: false, conflict: true });
  });

  it('a withdrawal settles the conflict, pulled or made here while sync was off', async () => {
    const sam = sams();
    const alex = alexs();
    await ctx.sync.applyPulled([pulled(sam, clock(1000, 'sam'), null), pulled(alex, clock(2000, 'alex'), null)], '2');
    await ctx.sync.turnOff();
    // Made while sync is off: no clock, but it still undoes Sam's decision.
    const undo = await ctx.dispositions.record(
      {
        leadId: lead.id,
        decision: 'withdrawn',
        route: 'mql_handoff',
        withdraws: sam.id,
        decidedBy: 'sam@seller.io',
        decidedAt: NOW + 3000,
      },
      lead,
    );
    expect(await ctx.db.dispositionClocks.get(undo.disposition.id)).toBeUndefined();
    const entries = await ctx.dispositions.historyWithStandings(lead.id);
    expect(entries.map((e) => [e.disposition.id, e.inForce, e.conflictsWith])).toEqual([
      [undo.disposition.id, false, []],
      [sam.id, false, []],
      [alex.id, true, []],
    ]);
  });

  it('a decision made while sync was off sits at its decidedAt among the clocked ones', async () => {
    const sam = sams();
    const alex = alexs();
    await ctx.sync.applyPulled([pulled(sam, clock(1000, 'sam'), null), pulled(alex, clock(2000, 'alex'), null)], '2');
    await ctx.sync.turnOff();
    const mine = await ctx.dispositions.record(reject(lead.id, NOW + 5000), lead);
    const entries = await ctx.dispositions.historyWithStandings(lead.id);
    expect(entries.find((e) => e.inForce)?.disposition.id).toBe(mine.disposition.id);
    // Never judged by sync, so never flagged; the two made blind still are.
    expect(entries.map((e) => e.conflictsWith.length)).toEqual([0, 1, 1]);
  });
});

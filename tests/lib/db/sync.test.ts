/**
 * What a pull writes (SyncRepository.applyPulled): the server's records laid under this
 * client's unsynced changes by the server's own rules (lib/replication/merge.ts), so the local
 * copy is what the server will hold once they are pushed, in whatever order the changes
 * were made and arrived.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, PulledRecord } from '../../../lib/replication/contract';
import { leadFieldChanges } from '../../../lib/db/outbox';
import type { Disposition } from '../../../lib/domain/disposition';
import type { Lead } from '../../../lib/domain/lead';
import { formatHlc, parseHlc } from '../../../lib/replication/hlc';
import { applyChange, type RecordState } from '../../../lib/replication/merge';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW, visit } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(async () => {
  ctx = setupRepositories();
  await ctx.sync.turnOn({
    serverUrl: 'https://sync.test',
    token: 't',
    team: { id: 'team', name: 'Team' },
    rep: 'Sam',
  });
});
afterEach(() => ctx.db.close());

/** A clock of another client, `offset` ms after NOW - 1 day. */
const remote = (offset: number, node = 'alex') => formatHlc({ ms: NOW - DAY + offset, counter: 0, node });

let seq = 0;
/** The server's record after `changes` (folded by the server's rules), as a pull returns it. */
function pulled(changes: Change[]): PulledRecord {
  let state: RecordState | undefined;
  for (const change of changes) {
    const outcome = applyChange(state, change);
    if (outcome.status === 'applied') state = outcome.record;
  }
  if (!state) throw new Error('nothing applied');
  seq += 1;
  const base = { recordId: state.recordId, seq, hlc: state.hlc };
  if (state.table === 'leads') return { table: 'leads', ...base, data: state.data as Lead, clocks: state.clocks };
  if (state.table === 'qualifications') {
    return { table: 'qualifications', ...base, data: state.data as never, clocks: state.clocks };
  }
  throw new Error(`not a merged table: ${state.table}`);
}

const leadChange = (leadId: string, hlc: string, fields: Record<string, unknown>): Change =>
  ({
    table: 'leads',
    changeId: `01KAQZ4X5T00000000000${String(seq++).padStart(5, '0')}`,
    recordId: leadId,
    hlc,
    fields,
  }) as Change;

describe('leads: last writer wins per field', () => {
  it('keeps a local unsynced field that is later, takes the pulled fields that are later', async () => {
    ctx.clock.now = NOW - DAY;
    const lead = makeLead({ stage: 'mql', person: { name: 'Dana', title: 'VP' } });
    const create = leadChange(lead.id, remote(0), leadFieldChanges(undefined, lead));
    // The lead as this client had it from an earlier pull.
    await ctx.sync.applyPulled([pulled([create])], '1');

    ctx.clock.now = NOW - DAY + 2000;
    await ctx.leads.update(lead.id, { person: { title: 'CTO' }, source: 'Local source' });
    // Meanwhile on the server: an older title, a newer source, a company change.
    const older = leadChange(lead.id, remote(1000), { 'person.title': 'Head of Ops' });
    const newer = leadChange(lead.id, remote(3000), { source: 'Remote source', 'company.employees': 80 });
    await ctx.sync.applyPulled([pulled([create, older, newer])], '2');

    const shown = await ctx.leads.get(lead.id);
    expect(shown?.person.title).toBe('CTO');
    expect(shown?.source).toBe('Remote source');
    expect(shown?.company.employees).toBe(80);
    // Still queued: the server has not got the local edit yet.
    expect(await ctx.db.outbox.count()).toBe(1);
  });

  it('ends where the server will, whatever order the changes were made in', async () => {
    const lead = makeLead({ stage: 'mql' });
    const create = leadChange(lead.id, remote(0), leadFieldChanges(undefined, lead));
    const remoteEdits = [
      leadChange(lead.id, remote(1000), { 'person.title': 'A', 'company.employees': 10 }),
      leadChange(lead.id, remote(4000), { 'person.title': 'B' }),
      leadChange(lead.id, remote(6000), { 'person.location': 'Berlin', 'company.employees': null }),
    ];
    for (const localAt of [500, 2000, 5000, 7000]) {
      const db = setupRepositories();
      await db.sync.turnOn({ serverUrl: 'https://s.test', token: 't', team: { id: 't', name: 't' }, rep: 'r' });
      await db.sync.applyPulled([pulled([create])], '1');
      db.clock.now = NOW - DAY + localAt;
      await db.leads.update(lead.id, {
        person: { title: 'Local' },
        company: { name: 'Acme', domain: 'acme.io', employees: 99 },
      });
      await db.sync.applyPulled([pulled([create, ...remoteEdits])], '2');

      // What the server holds once the local change is pushed after the remote ones.
      const [row] = await db.db.outbox.toArray();
      const server = pulled([create, ...remoteEdits, row?.change as Change]);
      const shown = await db.leads.get(lead.id);
      expect({ ...shown, updatedAt: 0 }).toEqual({ ...server.data, updatedAt: 0 });
      db.db.close();
    }
  });

  it('moves the client clock past every pulled clock, so the next edit wins even on a slow wall clock', async () => {
    const lead = makeLead();
    const ahead = formatHlc({ ms: NOW + 30 * 60_000, counter: 4, node: 'alex' });
    await ctx.sync.applyPulled([pulled([leadChange(lead.id, ahead, leadFieldChanges(undefined, lead))])], '1');
    await ctx.leads.update(lead.id, { person: { title: 'After seeing theirs' } });
    const [row] = await ctx.db.outbox.toArray();
    expect(row?.hlc && row.hlc > ahead).toBe(true);
    expect(parseHlc(row?.hlc ?? '').node).toBe(await ctx.sync.clientId());
  });
});

describe('checklists: merged per criterion', () => {
  it('shows the pulled criteria and keeps the local unsynced one', async () => {
    const lead = await ctx.leads.create(makeLead());
    ctx.clock.now = NOW + 5000;
    await ctx.qualifications.save({
      leadId: lead.id,
      framework: 'bant',
      criteria: { budget: { status: 'partial', evidence: 'Q1' } },
    });
    const theirs: Change = {
      table: 'qualifications',
      changeId: '01KAQZ4X5T0000000000000077',
      recordId: lead.id,
      hlc: formatHlc({ ms: NOW + 1000, counter: 0, node: 'alex' }),
      framework: 'bant',
      criteria: { need: { status: 'confirmed', evidence: 'Churn' }, budget: { status: 'failed', evidence: 'None' } },
    };
    await ctx.sync.applyPulled([pulled([theirs])], '3');
    expect((await ctx.qualifications.get(lead.id))?.criteria).toEqual({
      need: { status: 'confirmed', evidence: 'Churn' },
      budget: { status: 'partial', evidence: 'Q1' },
    });
  });
});

describe('append-only records', () => {
  const decision = (leadId: string, id: string, decidedAt: number): Disposition => ({
    id,
    leadId,
    decision: 'rejected',
    route: 'mql_handoff',
    reason: 'bad_timing',
    note: '',
    outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
    decidedBy: 'alex@seller.io',
    decidedAt,
  });

  it('keeps both decisions made blind, the later by clock current, and shows the conflict', async () => {
    const lead = makeLead({ stage: 'mql' });
    const a = decision(lead.id, '01KAQZ4X5T00000000000000D1', NOW + 2000);
    // Decided earlier by its own wall clock, but later by the hybrid clock.
    const b = {
      ...decision(lead.id, '01KAQZ4X5T00000000000000D2', NOW),
      decision: 'accepted_sql' as const,
      reason: undefined,
      outcome: undefined,
    };
    const records: PulledRecord[] = [
      { table: 'dispositions', recordId: a.id, seq: 1, hlc: remote(1000, 'sam'), data: a, basedOn: null },
      { table: 'dispositions', recordId: b.id, seq: 2, hlc: remote(2000, 'alex'), data: b, basedOn: null },
    ];
    await ctx.sync.applyPulled(records, '2');
    expect((await ctx.dispositions.history(lead.id)).map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    const standings = await ctx.sync.dispositionStandings(lead.id);
    expect(standings.get(b.id)).toEqual({ withdrawn: false, current: true, conflict: true });
    expect(standings.get(a.id)).toEqual({ withdrawn: false, current: false, conflict: true });
    expect((await ctx.sync.status()).conflicts).toEqual([lead.id]);

    // Withdrawing one of them settles it.
    const undo: Disposition = {
      ...decision(lead.id, '01KAQZ4X5T00000000000000D3', NOW + 3000),
      decision: 'withdrawn',
      reason: undefined,
      outcome: undefined,
      withdraws: a.id,
    };
    await ctx.sync.applyPulled(
      [{ table: 'dispositions', recordId: undo.id, seq: 3, hlc: remote(3000, 'sam'), data: undo, basedOn: b.id }],
      '3',
    );
    expect((await ctx.sync.status()).conflicts).toEqual([]);
  });

  it('stores a pulled event once however often it comes, and queues nothing', async () => {
    const lead = await ctx.leads.create(makeLead());
    const queued = await ctx.db.outbox.count();
    const event = visit(lead, 'pricing', 1);
    const record: PulledRecord = { table: 'events', recordId: event.id, seq: 9, hlc: remote(0), data: event };
    await ctx.sync.applyPulled([record], '9');
    await ctx.sync.applyPulled([record, record], '9');
    expect(await ctx.events.forLead(lead.id)).toEqual([event]);
    expect(await ctx.db.outbox.count()).toBe(queued);
  });

  it("keeps marketing's scores, the newest per lead and system, queues nothing, and moves the cursor past them", async () => {
    const lead = await ctx.leads.create(makeLead());
    const queued = await ctx.db.outbox.count();
    const scoreRecord = (seq: number, value: number, scoredAt: number, system = 'hubspot'): PulledRecord => ({
      table: 'scores',
      recordId: `${lead.id}:${system}`,
      seq,
      hlc: remote(seq),
      data: { leadId: lead.id, system, value, scoredAt, model: 'Lead score' },
    });
    await ctx.sync.applyPulled([scoreRecord(4, 70, NOW - DAY), scoreRecord(5, 12, NOW - DAY, 'marketo')], '5');
    expect(await ctx.sync.cursor()).toBe('5');
    // A newer one replaces it; an older one arriving later (a restored server, a pull from "0") does not.
    await ctx.sync.applyPulled([scoreRecord(6, 82, NOW)], '6');
    await ctx.sync.applyPulled([scoreRecord(7, 40, NOW - 2 * DAY)], '7');
    expect((await ctx.marketingScores.forLead(lead.id)).map((s) => [s.system, s.value])).toEqual([
      ['hubspot', 82],
      ['marketo', 12],
    ]);
    expect(await ctx.sync.cursor()).toBe('7');
    expect(await ctx.db.outbox.count()).toBe(queued);
  });
});

describe('status', () => {
  it('counts the queue and what the backfill has still to send', async () => {
    const db = setupRepositories();
    await db.leads.bulkUpsert([makeLead(), makeLead(), makeLead()]);
    await db.events.bulkAdd([visit((await db.leads.listByStage('lead'))[0] as Lead, 'pricing', 1)]);
    await db.sync.turnOn({ serverUrl: 'https://s.test', token: 't', team: { id: 't', name: 't' }, rep: 'r' });
    expect((await db.sync.status()).unsynced).toBe(4);
    const batch = await db.sync.nextBatch(2, 1_000_000);
    expect(batch?.rows.map((r) => r.table)).toEqual(['leads', 'leads']);
    expect((await db.sync.status()).unsynced).toBe(4);
    await db.sync.acknowledge(
      batch ?? { clientId: '', rows: [] },
      (batch?.rows ?? []).map((r) => ({ changeId: r.changeId, status: 'applied' as const })),
    );
    expect((await db.sync.status()).unsynced).toBe(2);
    // A change made now waits behind the backfill (which reads the table as it is now, so it has it too).
    const added = await db.leads.create(makeLead());
    const next = await db.sync.nextBatch(10, 1_000_000);
    expect(next?.rows.every((r) => (r.seq ?? 0) < 0)).toBe(true);
    expect(next?.rows.map((r) => r.recordId)).toContain(added.id);
    db.db.close();
  });
});

describe("the team's reps", () => {
  it('keeps the last list for the team it came from, shows it only while sync is on, and refuses a malformed one', async () => {
    await ctx.sync.saveTeamReps('team', [{ name: 'Alex Kim', email: 'Alex.Kim@Seller.io' }, { name: 'Priya Nair' }]);
    // Parsed on the way in: the email as the domain stores emails.
    expect(await ctx.sync.teamReps()).toEqual([
      { name: 'Alex Kim', email: 'alex.kim@seller.io' },
      { name: 'Priya Nair' },
    ]);
    await expect(ctx.sync.saveTeamReps('team', [{ name: '' }])).rejects.toThrow();

    // A row written by hand that no longer parses: that rep is left out, not shown half.
    await ctx.db.syncState.put({ key: 'team', teamId: 'team', reps: [{ name: 'Ok' }, { name: 42 } as never], at: NOW });
    expect(await ctx.sync.teamReps()).toEqual([{ name: 'Ok' }]);

    // Another team connected: the old team's list is not shown until its own first sync.
    await ctx.sync.turnOn({
      serverUrl: 'https://sync.test',
      token: 't',
      team: { id: 'other', name: 'Other' },
      rep: 'Sam',
    });
    expect(await ctx.sync.teamReps()).toEqual([]);
    await ctx.sync.saveTeamReps('other', [{ name: 'Jo', email: 'jo@other.io' }]);
    expect(await ctx.sync.teamReps()).toEqual([{ name: 'Jo', email: 'jo@other.io' }]);

    await ctx.sync.turnOff();
    expect(await ctx.sync.teamReps()).toEqual([]);
  });
});

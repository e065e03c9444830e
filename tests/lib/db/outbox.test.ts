/**
 * The sync outbox: every repository write that creates or changes a synced record queues
 * exactly its change, in the contract's shape, in the same transaction as the write; a
 * refused or failed write queues nothing; nothing is queued while sync is off, nor for
 * what a pull writes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeSchema, type Change } from '../../../lib/replication/contract';
import { createRepositories, type Repositories } from '../../../lib/db';
import type { HandoffDb } from '../../../lib/db/db';
import { leadFieldChanges } from '../../../lib/db/outbox';
import { emptyQualification } from '../../../lib/domain/qualification';
import { ValidationError } from '../../../lib/domain/validation';
import { parseHlc } from '../../../lib/replication/hlc';
import { makeActivity, refuseWrites, setupRepositories, testDb } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';

type Ctx = Repositories & { db: HandoffDb; clock: { now: number } };
let ctx: Ctx;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const CONNECTION = {
  serverUrl: 'https://sync.test',
  token: 'hnd_test',
  team: { id: 'team-1', name: 'Team' },
  rep: 'Sam',
};

/** Turns sync on without a server (the backfill is queued only when a push asks for it). */
async function syncOn(repos: Ctx = ctx): Promise<string> {
  await repos.sync.turnOn(CONNECTION);
  const clientId = await repos.sync.clientId();
  if (!clientId) throw new Error('no client id');
  return clientId;
}

/** The queued changes, oldest first. */
async function queued(repos: Ctx = ctx): Promise<Change[]> {
  return (await repos.db.outbox.orderBy('seq').toArray()).map((row) => row.change);
}

/** Queued changes as `table:recordId`, oldest first. */
async function queuedKeys(repos: Ctx = ctx): Promise<string[]> {
  return (await queued(repos)).map((c) => `${c.table}:${c.recordId}`);
}

const mql = () => makeLead({ stage: 'mql', times: { createdAt: NOW - 30 * DAY, mqlAt: NOW - 29 * DAY } });

describe('while sync is off (the default)', () => {
  it('queues nothing for any write', async () => {
    const lead = await ctx.leads.create(mql());
    await ctx.leads.update(lead.id, { source: 'Webinar' });
    await ctx.events.add(visit(lead, 'pricing', 1));
    await ctx.qualifications.save({ leadId: lead.id, framework: 'bant', criteria: {} });
    await ctx.activities.log(makeActivity(lead));
    expect(await ctx.db.outbox.count()).toBe(0);
    expect(await ctx.sync.status()).toMatchObject({ enabled: false, unsynced: 0 });
  });
});

describe('with sync on', () => {
  let clientId: string;
  beforeEach(async () => {
    clientId = await syncOn();
  });

  it('queues a created lead with every field, stamped with the client clock, valid for the contract', async () => {
    const lead = await ctx.leads.create(
      makeLead({ person: { name: 'Dana', emails: ['dana@northwind.io'], title: 'VP Ops' }, crmIds: { hubspot: '42' } }),
    );
    const [change] = await queued();
    expect(change).toMatchObject({
      table: 'leads',
      recordId: lead.id,
      fields: {
        'person.name': 'Dana',
        'person.emails': ['dana@northwind.io'],
        'person.title': 'VP Ops',
        'company.name': 'Acme',
        'crmIds.hubspot': '42',
        stage: 'lead',
        'times.createdAt': lead.times.createdAt,
        updatedAt: lead.updatedAt,
      },
    });
    expect(ChangeSchema.safeParse(change).success).toBe(true);
    expect(parseHlc(change?.hlc ?? '')).toEqual({ ms: NOW, counter: 0, node: clientId });
    const row = await ctx.db.outbox.toCollection().first();
    expect(row).toMatchObject({ table: 'leads', recordId: lead.id, changeId: change?.changeId, createdAt: NOW });
  });

  it('queues only the changed fields of an update, as dotted paths, null for a cleared one', async () => {
    const lead = await ctx.leads.create(makeLead({ person: { name: 'Dana', title: 'VP' }, source: 'Webinar' }));
    ctx.clock.now += 1000;
    await ctx.leads.update(lead.id, { person: { title: 'CTO' }, source: undefined, times: { mqlAt: NOW } });
    const [, change] = await queued();
    expect(change).toMatchObject({
      table: 'leads',
      fields: { 'person.title': 'CTO', source: null, 'times.mqlAt': NOW, updatedAt: NOW + 1000 },
    });
    expect(Object.keys((change as { fields: object }).fields).sort()).toEqual(
      ['person.title', 'source', 'times.mqlAt', 'updatedAt'].sort(),
    );
    // Each change is later than the one before it.
    const [first, second] = await queued();
    expect((second?.hlc ?? '') > (first?.hlc ?? '')).toBe(true);
  });

  it('queues nothing for a refused write: invalid, a duplicate id, an unknown lead', async () => {
    const lead = await ctx.leads.create(mql());
    const before = await queuedKeys();
    await expect(ctx.leads.update(lead.id, { person: { emails: ['not an email'] } })).rejects.toThrow(ValidationError);
    await expect(ctx.leads.create({ ...mql(), id: lead.id })).rejects.toThrow();
    await expect(ctx.events.add(visit({ id: '01KAQZ4X5T0000000000000009' }, 'pricing', 1))).rejects.toThrow(/No lead/);
    await expect(
      ctx.qualifications.save({ leadId: lead.id, framework: 'bant', criteria: { champion: { status: 'confirmed' } } }),
    ).rejects.toThrow(ValidationError);
    expect(await queuedKeys()).toEqual(before);
  });

  it('queues each new event once; a re-run upsert of stored events queues nothing', async () => {
    const lead = await ctx.leads.create(mql());
    const events = [visit(lead, 'pricing', 2), makeEvent(lead, 'webinar_attended', 1)];
    await ctx.events.bulkAdd(events);
    await ctx.events.bulkUpsert(events);
    await ctx.events.bulkUpsert([...events, visit(lead, 'demo', 1)]);
    const changes = (await queued()).filter((c) => c.table === 'events');
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatchObject({ table: 'events', recordId: events[0]?.id, record: events[0] });
  });

  it('queues a checklist by criterion: a new one with what was filled in, then only what changed', async () => {
    const lead = await ctx.leads.create(mql());
    const blank = emptyQualification(lead.id, 'bant', NOW);
    await ctx.qualifications.save({
      ...blank,
      criteria: { ...blank.criteria, need: { status: 'confirmed', evidence: 'Churn' } },
    });
    const saved = await ctx.qualifications.get(lead.id);
    await ctx.qualifications.save({ ...saved, leadId: lead.id, framework: 'bant', criteria: { ...saved?.criteria } });
    await ctx.qualifications.save({
      leadId: lead.id,
      framework: 'bant',
      criteria: { ...saved?.criteria, budget: { status: 'partial', evidence: 'Q1' } },
    });
    const changes = (await queued()).filter((c) => c.table === 'qualifications');
    expect(changes).toEqual([
      expect.objectContaining({
        recordId: lead.id,
        framework: 'bant',
        criteria: { need: { status: 'confirmed', evidence: 'Churn' } },
      }),
      expect.objectContaining({ criteria: { budget: { status: 'partial', evidence: 'Q1' } } }),
    ]);
  });

  it('queues a decision with the decision it was based on, and the lead it moved', async () => {
    const lead = await ctx.leads.create(mql());
    const reject = {
      leadId: lead.id,
      decision: 'rejected' as const,
      route: 'mql_handoff' as const,
      reason: 'bad_timing' as const,
      outcome: { kind: 'recycled' as const, revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam@seller.io',
      decidedAt: NOW,
    };
    const first = await ctx.dispositions.record(reject, {
      ...lead,
      stage: 'recycled',
      times: { ...lead.times, recycledAt: NOW },
    });
    ctx.clock.now += 1000;
    const second = await ctx.dispositions.record(
      {
        ...reject,
        decision: 'withdrawn',
        reason: undefined,
        outcome: undefined,
        withdraws: first.disposition.id,
        decidedAt: NOW + 1000,
      },
      lead,
    );
    const changes = await queued();
    expect(changes.map((c) => c.table)).toEqual(['leads', 'dispositions', 'leads', 'dispositions', 'leads']);
    expect(changes[1]).toMatchObject({ recordId: first.disposition.id, basedOn: null, record: first.disposition });
    expect(changes[2]).toMatchObject({ fields: { stage: 'recycled', 'times.recycledAt': NOW } });
    expect(changes[3]).toMatchObject({ recordId: second.disposition.id, basedOn: first.disposition.id });
    expect(changes[4]).toMatchObject({ fields: { stage: 'mql', 'times.recycledAt': null } });
    // Its clock and basis are kept for telling conflicts later.
    expect(await ctx.db.dispositionClocks.get(first.disposition.id)).toMatchObject({
      basedOn: null,
      hlc: changes[1]?.hlc,
    });
  });

  it('queues a lead added straight to SQL as its creation, its checklist and its decision', async () => {
    const lead = makeLead({ stage: 'sql', times: { createdAt: NOW, sqlAt: NOW } });
    const blank = emptyQualification(lead.id, 'bant', NOW);
    const checklist = {
      ...blank,
      criteria: { ...blank.criteria, need: { status: 'confirmed' as const, evidence: 'Asked for a demo' } },
    };
    const { disposition } = await ctx.dispositions.recordWithNewLead(
      {
        leadId: lead.id,
        decision: 'accepted_sql',
        route: 'direct_inbound',
        decidedBy: 'sam@seller.io',
        decidedAt: NOW,
      },
      lead,
      checklist,
    );
    expect(await queuedKeys()).toEqual([
      `leads:${lead.id}`,
      `qualifications:${lead.id}`,
      `dispositions:${disposition.id}`,
    ]);
    expect((await queued())[1]).toMatchObject({ criteria: { need: { status: 'confirmed' } } });
    expect((await queued())[2]).toMatchObject({ basedOn: null });
  });

  it('queues imported decisions each based on the one before it', async () => {
    const lead = await ctx.leads.create(mql());
    const base = { leadId: lead.id, route: 'mql_handoff' as const, decidedBy: 'crm' };
    const added = await ctx.dispositions.bulkAppend([
      { ...base, decision: 'accepted_sql', decidedAt: NOW - 2 * DAY },
      { ...base, decision: 'rejected', reason: 'no_budget', outcome: { kind: 'disqualified' }, decidedAt: NOW - DAY },
    ]);
    await ctx.dispositions.bulkAppend(added);
    const changes = (await queued()).filter((c) => c.table === 'dispositions');
    expect(changes.map((c) => (c as { basedOn: string | null }).basedOn)).toEqual([null, added[0]?.id]);
  });

  it('queues a logged touch, the first-touch stamp and the checklist it updated', async () => {
    const lead = await ctx.leads.create(mql());
    const activity = await ctx.activities.log(
      makeActivity(lead, { criteriaUpdates: [{ criterion: 'need', status: 'confirmed', evidence: 'Said so' }] }),
    );
    const changes = await queued();
    expect(changes.map((c) => c.table)).toEqual(['leads', 'activities', 'leads', 'qualifications']);
    expect(changes[1]).toMatchObject({ recordId: activity.id, record: activity });
    expect(changes[2]).toMatchObject({ fields: { 'times.firstTouchAt': NOW } });
    expect(changes[3]).toMatchObject({ criteria: { need: { status: 'confirmed', evidence: 'Said so' } } });

    const [touch] = await ctx.activities.bulkAppend([makeActivity(lead, { occurredAt: NOW - DAY })]);
    await ctx.activities.bulkAppend([makeActivity(lead, { id: touch?.id, occurredAt: NOW - DAY })]);
    expect((await queued()).filter((c) => c.table === 'activities')).toHaveLength(2);
  });

  it('queues an import batch: new leads whole, changed leads by field, new events', async () => {
    const known = await ctx.leads.create(makeLead({ person: { name: 'Known', emails: ['known@acme.io'] } }));
    ctx.clock.now += 1000;
    const outcomes = await ctx.imports.importBatch(
      [
        {
          ref: 2,
          lead: { person: { emails: ['known@acme.io'], title: 'CFO' }, company: {}, crmIds: {}, times: {} },
          events: [{ type: 'webinar_attended', occurredAt: NOW - DAY }],
        },
        {
          ref: 3,
          lead: { person: { name: 'New', emails: ['new@acme.io'] }, company: {}, crmIds: {}, times: {} },
          events: [],
        },
      ],
      { defaultStage: 'lead' },
    );
    const created = outcomes[1] && 'leadId' in outcomes[1] ? outcomes[1].leadId : '';
    const changes = (await queued()).slice(1);
    expect(changes.map((c) => `${c.table}:${c.recordId}`)).toEqual([
      `leads:${known.id}`,
      `leads:${created}`,
      expect.stringMatching(/^events:/),
    ]);
    expect(changes[0]).toMatchObject({ fields: { 'person.title': 'CFO', updatedAt: NOW + 1000 } });
    expect(changes[1]).toMatchObject({ fields: { 'person.name': 'New', stage: 'lead' } });
    // A re-import of the same file changes nothing and queues nothing.
    const count = await ctx.db.outbox.count();
    await ctx.imports.importBatch(
      [
        {
          ref: 2,
          lead: { person: { emails: ['known@acme.io'], title: 'CFO' }, company: {}, crmIds: {}, times: {} },
          events: [{ type: 'webinar_attended', occurredAt: NOW - DAY }],
        },
      ],
      { defaultStage: 'lead' },
    );
    expect(await ctx.db.outbox.count()).toBe(count);
  });

  it('queues what a restore writes that is not stored already', async () => {
    const lead = mql();
    const event = visit(lead, 'pricing', 1);
    await ctx.snapshot.write({ leads: [lead], events: [event], settings: [] });
    await ctx.snapshot.write({ leads: [lead], events: [event] });
    expect(await queuedKeys()).toEqual([`leads:${lead.id}`, `events:${event.id}`]);
  });

  it('queues nothing for what a pull writes', async () => {
    const lead = mql();
    const hlc = `${NOW}-0000-other`;
    await ctx.sync.applyPulled(
      [
        {
          table: 'leads',
          recordId: lead.id,
          seq: 1,
          hlc,
          data: lead,
          clocks: Object.fromEntries(Object.keys(leadFieldChanges(undefined, lead)).map((path) => [path, hlc])),
        },
        { table: 'events', recordId: 'e', seq: 2, hlc, data: visit(lead, 'pricing', 1) },
      ],
      '2',
    );
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
    expect(await ctx.db.outbox.count()).toBe(0);
    expect(await ctx.sync.cursor()).toBe('2');
  });

  it('drops the queue when sync is turned off; nothing is queued after', async () => {
    const lead = await ctx.leads.create(mql());
    expect(await ctx.db.outbox.count()).toBe(1);
    await ctx.sync.turnOff();
    expect(await ctx.db.outbox.count()).toBe(0);
    await ctx.leads.update(lead.id, { source: 'Ads' });
    expect(await ctx.db.outbox.count()).toBe(0);
  });
});

describe('the same transaction', () => {
  it('a write whose queueing fails in IndexedDB is not stored either', async () => {
    const db = testDb();
    refuseWrites(db, 'outbox', () => true);
    const repos = { db, clock: { now: NOW }, ...createRepositories(db, { now: () => NOW }) };
    await syncOn(repos);
    const lead = mql();
    await expect(repos.leads.create(lead)).rejects.toThrow();
    expect(await repos.leads.get(lead.id)).toBeUndefined();
    db.close();
  });

  it('queued changes of a write that fails after queueing are rolled back with it', async () => {
    const db = testDb();
    // The decision's clock row is written last, after the outbox rows and the lead.
    refuseWrites(db, 'dispositionClocks', () => true);
    const repos = { db, clock: { now: NOW }, ...createRepositories(db, { now: () => NOW }) };
    await syncOn(repos);
    const lead = await repos.leads.create(mql());
    const before = await db.outbox.count();
    await expect(
      repos.dispositions.record(
        { leadId: lead.id, decision: 'accepted_sql', route: 'mql_handoff', decidedBy: 'sam', decidedAt: NOW },
        { ...lead, stage: 'sql', times: { ...lead.times, sqlAt: NOW } },
      ),
    ).rejects.toThrow();
    expect(await db.outbox.count()).toBe(before);
    expect(await repos.dispositions.history(lead.id)).toEqual([]);
    expect((await repos.leads.get(lead.id))?.stage).toBe('mql');
    db.close();
  });
});

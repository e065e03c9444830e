import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '../../../lib/db/base';
import { newId } from '../../../lib/domain/ids';
import type { Lead } from '../../../lib/domain/lead';
import { ValidationError } from '../../../lib/domain/validation';
import { makeActivity, refuseWrites, setupRepositories } from '../../support/db';
import { DAY, NOW, makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
let armed = false;
beforeEach(async () => {
  ctx = setupRepositories();
  armed = false;
  refuseWrites(ctx.db, 'leads', () => armed);
  lead = await ctx.leads.create(makeLead({ stage: 'mql', times: { createdAt: NOW - 2 * DAY, mqlAt: NOW - DAY } }));
});
afterEach(() => ctx.db.close());

describe('ActivityRepository.log', () => {
  it('stamps firstTouchAt with the first touch’s time, and updatedAt with now', async () => {
    ctx.clock.now = NOW + 60_000;
    const activity = await ctx.activities.log(makeActivity(lead, { occurredAt: NOW - 3_600_000 }));
    const touched = await ctx.leads.get(lead.id);
    expect(touched?.times.firstTouchAt).toBe(NOW - 3_600_000);
    expect(touched?.updatedAt).toBe(NOW + 60_000);
    expect(touched?.times.mqlAt).toBe(NOW - DAY);
    expect(await ctx.activities.forLead(lead.id)).toEqual([activity]);
  });

  it('leaves firstTouchAt alone on later touches', async () => {
    await ctx.activities.log(makeActivity(lead, { occurredAt: NOW, outcome: 'no_answer' }));
    const afterFirst = await ctx.leads.get(lead.id);
    ctx.clock.now = NOW + DAY;
    await ctx.activities.log(makeActivity(lead, { occurredAt: NOW + DAY, kind: 'email', outcome: 'sent' }));
    expect(await ctx.leads.get(lead.id)).toEqual(afterFirst);
    expect(await ctx.activities.forLead(lead.id)).toHaveLength(2);
  });

  it('does not touch a lead whose first touch was already known (e.g. imported)', async () => {
    const [known] = await ctx.leads.bulkUpsert([
      makeLead({ person: { emails: ['k@acme.io'] }, times: { createdAt: NOW - DAY, firstTouchAt: NOW - DAY } }),
    ]);
    if (!known) throw new Error('fixture');
    await ctx.activities.log(makeActivity(known));
    expect(await ctx.leads.get(known.id)).toEqual(known);
  });

  it('refuses an invalid activity, naming the field, and stamps nothing', async () => {
    const bad = { ...makeActivity(lead), durationSeconds: -5 };
    const error = await ctx.activities.log(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['durationSeconds']);
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });

  it('refuses a touch of a lead that does not exist', async () => {
    await expect(ctx.activities.log(makeActivity({ id: newId() }))).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.db.activities.count()).toBe(0);
  });

  it('rolls back the activity when stamping the lead fails', async () => {
    armed = true;
    await expect(ctx.activities.log(makeActivity(lead))).rejects.toThrow(/DataCloneError/);
    armed = false;
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });
});

describe('ActivityRepository.log with checklist updates', () => {
  it('applies what the call taught to the checklist, in the same write', async () => {
    await ctx.qualifications.save({
      leadId: lead.id,
      framework: 'bant',
      criteria: { budget: { status: 'partial', evidence: 'Has a tooling line' } },
    });
    ctx.clock.now = NOW + 5_000;
    await ctx.activities.log(
      makeActivity(lead, {
        criteriaUpdates: [{ criterion: 'need', status: 'confirmed', evidence: 'Forecast misses by 20%' }],
      }),
    );
    const q = await ctx.qualifications.get(lead.id);
    expect(q?.criteria.budget).toEqual({ status: 'partial', evidence: 'Has a tooling line' });
    expect(q?.criteria.need).toMatchObject({
      status: 'confirmed',
      evidence: 'Forecast misses by 20%',
      updatedAt: NOW + 5_000,
    });
  });

  it('starts a checklist in the given framework when the lead has none', async () => {
    await ctx.activities.log(
      makeActivity(lead, { criteriaUpdates: [{ criterion: 'metrics', status: 'partial', evidence: '' }] }),
      { framework: 'meddic' },
    );
    const q = await ctx.qualifications.get(lead.id);
    expect(q?.framework).toBe('meddic');
    expect(q?.criteria.metrics?.status).toBe('partial');
    expect(q?.criteria.champion?.status).toBe('unknown');
  });

  it('refuses an update to a criterion outside the framework and writes nothing', async () => {
    const refused = await ctx.activities
      .log(makeActivity(lead, { criteriaUpdates: [{ criterion: 'champion', status: 'confirmed', evidence: '' }] }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBeUndefined();
    expect(await ctx.qualifications.get(lead.id)).toBeUndefined();
  });
});

describe('ActivityRepository reads', () => {
  it('lists a lead’s touches oldest first (forLead) or newest first (history)', async () => {
    const older = await ctx.activities.log(makeActivity(lead, { occurredAt: NOW - DAY }));
    const newer = await ctx.activities.log(makeActivity(lead, { occurredAt: NOW }));
    expect((await ctx.activities.forLead(lead.id)).map((a) => a.id)).toEqual([older.id, newer.id]);
    expect((await ctx.activities.history(lead.id)).map((a) => a.id)).toEqual([newer.id, older.id]);
    expect((await ctx.activities.history(lead.id, { limit: 1 })).map((a) => a.id)).toEqual([newer.id]);
  });

  it('dueBefore lists next steps due strictly before the time, soonest first', async () => {
    const step = (action: string, dueInDays: number) => ({ action, dueAt: NOW + dueInDays * DAY });
    const tomorrow = await ctx.activities.log(makeActivity(lead, { nextStep: step('Send pricing', 1) }));
    const today = await ctx.activities.log(makeActivity(lead, { nextStep: step('Call back', 0.25) }));
    await ctx.activities.log(makeActivity(lead, { nextStep: step('Check in', 7) }));
    await ctx.activities.log(makeActivity(lead)); // no next step
    expect((await ctx.activities.dueBefore(NOW + 2 * DAY)).map((a) => a.id)).toEqual([today.id, tomorrow.id]);
    expect(await ctx.activities.dueBefore(NOW + 0.25 * DAY)).toEqual([]);
  });
});

describe('ActivityRepository.bulkAppend', () => {
  it('stores touches and stamps firstTouchAt from the earliest, only where the lead has none', async () => {
    const known = await ctx.leads.create(
      makeLead({ stage: 'lead', times: { createdAt: NOW - 9 * DAY, firstTouchAt: NOW - 8 * DAY } }),
    );
    ctx.clock.now = NOW + 1000;
    const later = makeActivity(lead, { occurredAt: NOW - 1000, kind: 'email', outcome: 'sent' });
    const first = makeActivity(lead, {
      occurredAt: NOW - 3000,
      outcome: 'connected',
      criteriaUpdates: [{ criterion: 'need', status: 'confirmed', evidence: 'Forecast misses' }],
    });
    const touch = makeActivity(known, { occurredAt: NOW - DAY, kind: 'linkedin_message', outcome: 'sent' });
    const added = await ctx.activities.bulkAppend([later, first, touch]);
    expect(added.map((a) => a.id)).toEqual([later.id, first.id, touch.id]);
    expect((await ctx.activities.forLead(lead.id)).map((a) => a.id)).toEqual([first.id, later.id]);

    const stamped = await ctx.leads.get(lead.id);
    expect(stamped?.times.firstTouchAt).toBe(NOW - 3000);
    expect(stamped?.updatedAt).toBe(NOW + 1000);
    expect(await ctx.leads.get(known.id)).toEqual(known);
    // History, not today's judgement: the checklist is left alone.
    expect(await ctx.qualifications.get(lead.id)).toBeUndefined();
  });

  it('adds nothing twice', async () => {
    const touch = makeActivity(lead, { occurredAt: NOW - DAY });
    await ctx.activities.bulkAppend([touch]);
    expect(await ctx.activities.bulkAppend([touch])).toEqual([]);
    expect(await ctx.activities.forLead(lead.id)).toEqual([touch]);
  });

  it('refuses the whole batch for one bad row or an unknown lead, and stamps nothing', async () => {
    const bad = { ...makeActivity(lead), outcome: 'maybe' } as unknown as Parameters<
      typeof ctx.activities.bulkAppend
    >[0][number];
    const invalid = await ctx.activities.bulkAppend([makeActivity(lead), bad]).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).issues.map((i) => i.path)).toEqual(['1.outcome']);
    const orphan = await ctx.activities
      .bulkAppend([makeActivity(lead), makeActivity({ id: newId(NOW) })])
      .catch((e: unknown) => e);
    expect(orphan).toBeInstanceOf(RecordNotFoundError);
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBeUndefined();
  });

  it('rolls the touches back when stamping the lead fails', async () => {
    armed = true;
    await expect(ctx.activities.bulkAppend([makeActivity(lead)])).rejects.toThrow();
    armed = false;
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localSidebarData } from '../../../lib/sidebar/data';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const PRIYA = {
  person: { name: 'Priya Raman', emails: ['priya@northwind-analytics.com'] },
  company: { name: 'Northwind Analytics', domain: 'northwind-analytics.com' },
  crmIds: {},
};

describe('localSidebarData.addAsSql', () => {
  it('dates the new lead and its decision by one clock, even when the millisecond turns between them', async () => {
    // The sidebar's clock reads a millisecond before the repository's: two reads of
    // Date.now() across a tick, which made "Add and take to SQL" fail now and then with
    // "the change cannot be dated before the lead was created".
    ctx.clock.now = NOW + 1;
    const data = localSidebarData(ctx, { now: () => NOW });
    const decided = await data.addAsSql(PRIYA, {
      route: 'direct_inbound',
      criteria: {},
      overrideNote: 'Asked for a demo herself',
    });
    expect(decided.lead).toMatchObject({ stage: 'sql', times: { createdAt: NOW, sqlAt: NOW } });
    expect(decided.disposition).toMatchObject({ decision: 'accepted_sql', decidedAt: NOW });
    expect(await ctx.leads.get(decided.lead.id)).toMatchObject({ stage: 'sql', times: { createdAt: NOW } });
  });
});

describe('localSidebarData: the handoff and reopening', () => {
  const ALEX = { name: 'Alex Kim', email: 'alex.kim@seller.io' };

  it('accepts with a handoff (the AE owns the lead), then reopens it days later with a reason', async () => {
    let at = NOW;
    const data = localSidebarData(ctx, { now: () => at });
    await ctx.settings.save({ ...(await ctx.settings.get()), rep: { name: 'Sam', email: 'sam@seller.io' } });
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', owner: 'sam@seller.io', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    const accepted = await data.decide(lead.id, {
      kind: 'accept',
      overrideNote: 'Asked for pricing twice',
      handoff: { ae: ALEX, meetingAt: NOW + DAY, note: 'Wants 12 seats' },
    });
    expect(accepted.lead.owner).toBe(ALEX.email);
    expect(accepted.disposition.handoff).toMatchObject({ ae: ALEX, previousOwner: 'sam@seller.io' });

    at = NOW + 3 * DAY;
    await expect(data.reopen(lead.id, accepted.disposition.id, '  ')).rejects.toThrow(/Say why you reopen/);
    const reopened = await data.reopen(lead.id, accepted.disposition.id, 'Alex: no budget until Q3');
    expect(reopened.lead).toMatchObject({ stage: 'mql', owner: 'sam@seller.io', times: { mqlAt: NOW - DAY } });
    expect(reopened.lead.times.sqlAt).toBeUndefined();
    expect(reopened.disposition).toMatchObject({
      decision: 'withdrawn',
      withdraws: accepted.disposition.id,
      note: 'Alex: no budget until Q3',
      decidedBy: 'sam@seller.io',
      decidedAt: NOW + 3 * DAY,
    });
    expect(await ctx.leads.get(lead.id)).toMatchObject({ stage: 'mql', owner: 'sam@seller.io' });
    // Append-only: both stay, and nothing is in force now.
    const history = await data.dispositions(lead.id);
    expect(history.map((e) => [e.disposition.decision, e.inForce])).toEqual([
      ['withdrawn', false],
      ['accepted_sql', false],
    ]);
    await expect(data.reopen(lead.id, accepted.disposition.id, 'Again')).rejects.toThrow(
      'That decision is no longer in force (it was undone or decided again): nothing to reopen.',
    );
  });

  it('reopens a rejection: a recycled lead goes back to MQL, and its revisit date goes', async () => {
    let at = NOW;
    const data = localSidebarData(ctx, { now: () => at });
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    const rejected = await data.decide(lead.id, {
      kind: 'reject',
      reason: 'bad_timing',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
    });
    at = NOW + 20 * DAY;
    const reopened = await data.reopen(lead.id, rejected.disposition.id, 'They called back: budget approved');
    expect(reopened.lead.stage).toBe('mql');
    expect(reopened.lead.revisitAt).toBeUndefined();
    expect(reopened.lead.times.recycledAt).toBeUndefined();
  });
});

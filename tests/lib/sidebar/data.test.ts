import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localSidebarData } from '../../../lib/sidebar/data';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

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

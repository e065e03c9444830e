import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE, loadSampleData } from '../../../lib/db/sample';
import { DANA_WHITFIELD } from '../../../lib/demo/personas';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { scoreLead } from '../../../lib/scoring/score';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe('loadSampleData', () => {
  it('stores the sample leads with their histories, and Dana is found and scored as an MQL', async () => {
    const loaded = await loadSampleData(ctx, { now: NOW });
    expect(loaded.leads).toBe(SAMPLE.leads);
    expect(loaded.events).toBeGreaterThan(SAMPLE.leads);
    expect(await ctx.leads.count()).toBe(SAMPLE.leads);

    const [dana] = await ctx.leads.findByLinkedinUrl('https://uk.linkedin.com/in/Dana-Whitfield?trk=x');
    expect(dana?.person.name).toBe(DANA_WHITFIELD.name);
    if (!dana) throw new Error('Dana missing');
    const result = scoreLead(DEFAULT_SCORING_MODEL, {
      lead: dana,
      events: await ctx.events.forLead(dana.id),
      now: NOW,
    });
    expect(result.isMql).toBe(true);
  });

  it('loading twice replaces rows instead of duplicating them', async () => {
    const first = await loadSampleData(ctx, { now: NOW });
    await loadSampleData(ctx, { now: NOW });
    expect(await ctx.leads.count()).toBe(first.leads);
    const [dana] = await ctx.leads.findByEmail(DANA_WHITFIELD.email);
    expect(dana && (await ctx.events.countForLead(dana.id))).toBeGreaterThan(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '../../../lib/db';
import type { MarketingScore } from '../../../lib/domain/marketing-score';
import { ValidationError } from '../../../lib/domain/validation';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const scoreOf = (leadId: string, system: string, value: number, scoredAt: number): MarketingScore => ({
  leadId,
  system,
  value,
  scoredAt,
});

describe('marketing scores', () => {
  it('keeps one score per lead and system, the newest by its own time, whatever order they come in', async () => {
    const lead = await ctx.leads.create(makeLead());
    const newer = scoreOf(lead.id, 'hubspot', 82, NOW);
    const older = scoreOf(lead.id, 'hubspot', 40, NOW - DAY);
    expect(await ctx.marketingScores.keep([newer])).toEqual([newer]);
    // A resend and a late older post change nothing.
    expect(await ctx.marketingScores.keep([older, { ...newer, value: 1 }])).toEqual([]);
    expect(await ctx.marketingScores.forLead(lead.id)).toEqual([newer]);
    const newest = scoreOf(lead.id, 'hubspot', 90, NOW + 1);
    await ctx.marketingScores.keep([newest]);
    expect(await ctx.marketingScores.forLead(lead.id)).toEqual([newest]);
  });

  it("reads a lead's scores newest first, and only that lead's", async () => {
    const [a, b] = [await ctx.leads.create(makeLead()), await ctx.leads.create(makeLead())];
    await ctx.marketingScores.keep([
      scoreOf(a.id, 'marketo', 30, NOW - 2 * DAY),
      scoreOf(b.id, 'hubspot', 99, NOW),
      scoreOf(a.id, 'hubspot', 82, NOW - DAY),
      scoreOf(a.id, '6sense', 5, NOW - DAY),
    ]);
    expect((await ctx.marketingScores.forLead(a.id)).map((s) => [s.system, s.value])).toEqual([
      ['6sense', 5],
      ['hubspot', 82],
      ['marketo', 30],
    ]);
    expect(await ctx.marketingScores.forLead('01KAQZ4X5T0000000000000000')).toEqual([]);
  });

  it('writes nothing when one score is invalid or its lead unknown', async () => {
    const lead = await ctx.leads.create(makeLead());
    const good = scoreOf(lead.id, 'hubspot', 82, NOW);
    await expect(ctx.marketingScores.keep([good, { ...good, system: 'hub spot' }])).rejects.toThrow(ValidationError);
    await expect(
      ctx.marketingScores.keep([good, scoreOf('01KAQZ4X5T0000000000000000', 'hubspot', 1, NOW)]),
    ).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.marketingScores.forLead(lead.id)).toEqual([]);
  });
});

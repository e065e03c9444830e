import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lib/domain/validation';
import { setupRepositories } from '../../support/db';
import { makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe('PageCorrectionRepository', () => {
  it('keeps one correction per page key, dated, and forgets it on request', async () => {
    const lead = makeLead();
    const key = 'gmail:FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj';
    expect(await ctx.corrections.forPage(key)).toBeUndefined();
    const saved = await ctx.corrections.save({ pageKey: key, notLeadIds: [lead.id] });
    expect(saved).toEqual({ pageKey: key, notLeadIds: [lead.id], correctedAt: ctx.clock.now });
    await ctx.corrections.save({ pageKey: key, notLeadIds: [], person: { email: ' Jane@Acme.io ' } });
    expect(await ctx.corrections.forPage(key)).toMatchObject({ notLeadIds: [], person: { email: 'jane@acme.io' } });
    // Another page is another correction.
    expect(await ctx.corrections.forPage('gmail:FMfcgzQZTvBnHlKsWxJmQrTcPdLgFhKz')).toBeUndefined();
    await ctx.corrections.forget(key);
    expect(await ctx.corrections.forPage(key)).toBeUndefined();
  });

  it('refuses what cannot be a correction, and writes nothing', async () => {
    const lead = makeLead();
    const bad = [
      { pageKey: 'facebook:someone', notLeadIds: [] },
      { pageKey: 'linkedin:in/jane', notLeadIds: ['not-an-id'] },
      { pageKey: 'linkedin:in/jane', notLeadIds: [lead.id], leadId: lead.id },
      { pageKey: 'linkedin:in/jane', notLeadIds: [], person: {} },
      { pageKey: 'linkedin:in/jane', notLeadIds: [], person: { email: 'nope' } },
    ];
    for (const input of bad) await expect(ctx.corrections.save(input)).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.corrections.forPage('linkedin:in/jane')).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '../../../lib/db/base';
import { newId } from '../../../lib/domain/ids';
import type { Lead } from '../../../lib/domain/lead';
import { emptyQualification } from '../../../lib/domain/qualification';
import { ValidationError } from '../../../lib/domain/validation';
import { setupRepositories } from '../../support/db';
import { DAY, NOW, makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
beforeEach(async () => {
  ctx = setupRepositories();
  lead = await ctx.leads.create(makeLead());
});
afterEach(() => ctx.db.close());

describe('QualificationRepository', () => {
  it('has no checklist for a lead until one is saved', async () => {
    expect(await ctx.qualifications.get(lead.id)).toBeUndefined();
  });

  it('saves a checklist with updatedAt stamped, and keeps one per lead', async () => {
    const blank = emptyQualification(lead.id, 'bant', 0);
    const first = await ctx.qualifications.save(blank);
    expect(first.updatedAt).toBe(NOW);

    ctx.clock.now = NOW + DAY;
    const need = { status: 'confirmed' as const, evidence: 'Spreadsheets break at 40 reps', updatedBy: 'sam' };
    const second = await ctx.qualifications.save({ ...first, criteria: { ...first.criteria, need } });
    expect(second.updatedAt).toBe(NOW + DAY);
    expect(await ctx.qualifications.get(lead.id)).toEqual(second);
    expect(await ctx.db.qualifications.count()).toBe(1);
  });

  it('refuses a criterion from another framework, naming it, and writes nothing', async () => {
    const blank = emptyQualification(lead.id, 'bant', 0);
    const error = await ctx.qualifications
      .save({ ...blank, criteria: { ...blank.criteria, money: { status: 'partial' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['criteria.money']);
    expect(await ctx.qualifications.get(lead.id)).toBeUndefined();
  });

  it('refuses a checklist for a lead that does not exist', async () => {
    const orphan = emptyQualification(newId(), 'meddic', 0);
    await expect(ctx.qualifications.save(orphan)).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.db.qualifications.count()).toBe(0);
  });
});

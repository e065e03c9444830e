import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SQL_CRITERIA, SUPERSEDED_SQL_CRITERIA } from '../../../lib/domain/qualification';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { ValidationError } from '../../../lib/domain/validation';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe('SettingsRepository', () => {
  it('reads an SQL bar saved at an earlier default as the current one, and keeps one the rep wrote', async () => {
    const [earlier] = SUPERSEDED_SQL_CRITERIA;
    if (!earlier) throw new Error('No superseded SQL bar');
    await ctx.settings.save({ ...DEFAULT_SETTINGS, sqlCriteria: earlier });
    expect((await ctx.settings.get()).sqlCriteria).toEqual(DEFAULT_SQL_CRITERIA);
    const own = { ...DEFAULT_SQL_CRITERIA, blockOnFailed: false };
    await ctx.settings.save({ ...DEFAULT_SETTINGS, sqlCriteria: own });
    expect((await ctx.settings.get()).sqlCriteria).toEqual(own);
  });

  it('returns the defaults before anything is saved, as a copy callers cannot corrupt', async () => {
    const settings = await ctx.settings.get();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    settings.companyDomains.push('mutated.io');
    expect(DEFAULT_SETTINGS.companyDomains).toEqual([]);
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves and reads back, applying schema defaults, in a single row', async () => {
    const { reasonLabels: _labels, companyDomains: _domains, ...partial } = DEFAULT_SETTINGS;
    const saved = await ctx.settings.save({
      ...partial,
      framework: 'meddic',
      rep: { name: 'Sam', email: 'Sam@Seller.io' },
      companyDomains: ['https://www.Seller.io/'],
    });
    expect(saved.rep.email).toBe('sam@seller.io');
    expect(saved.companyDomains).toEqual(['seller.io']);
    expect(saved.reasonLabels).toEqual({});
    expect(await ctx.settings.get()).toEqual(saved);
    await ctx.settings.save({ ...saved, captureEngagement: true });
    expect((await ctx.settings.get()).captureEngagement).toBe(true);
    expect(await ctx.db.settings.toArray()).toEqual([
      { key: 'settings', value: { ...saved, captureEngagement: true }, updatedAt: NOW },
    ]);
  });

  it('refuses invalid settings, naming the field, and keeps what was stored', async () => {
    const calendar = { ...DEFAULT_SETTINGS.sla.calendar, dayStart: '18:00', dayEnd: '09:00' };
    const error = await ctx.settings
      .save({ ...DEFAULT_SETTINGS, sla: { ...DEFAULT_SETTINGS.sla, calendar } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['sla.calendar.dayEnd']);
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});

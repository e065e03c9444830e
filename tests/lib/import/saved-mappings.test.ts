import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lib/domain/validation';
import type { ImportMappingInput } from '../../../lib/import/mapping';
import { suggestMapping } from '../../../lib/import/presets';
import { deleteMapping, listMappings, loadMapping, saveMapping } from '../../../lib/import/saved-mappings';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const tradeShow: ImportMappingInput = {
  columns: [
    { column: 'Badge Email', field: 'email' },
    { column: 'Booth scan', field: 'demoRequestedAt' },
  ],
  dates: { order: 'dmy', timeZone: 'Europe/Paris' },
  defaultStage: 'mql',
};

describe('saved import mappings', () => {
  it('saves a mapping per source in the settings table, and loads it back', async () => {
    const saved = await saveMapping(ctx.entries, 'Trade show leads', tradeShow);
    expect(saved).toMatchObject({ version: 1, preset: 'custom', ...tradeShow, stageValues: [], eventValues: [] });
    expect(await loadMapping(ctx.entries, 'Trade show leads')).toEqual(saved);
    expect(await ctx.db.table('settings').get('importMapping:Trade show leads')).toEqual({
      key: 'importMapping:Trade show leads',
      value: saved,
      updatedAt: NOW,
    });
    expect(await loadMapping(ctx.entries, 'hubspot')).toBeUndefined();
  });

  it('refuses a mapping that would not import, and a nameless source', async () => {
    await expect(saveMapping(ctx.entries, 'x', { columns: [{ column: 'Name', field: 'fullName' }] })).rejects.toThrow(
      ValidationError,
    );
    await expect(saveMapping(ctx.entries, '  ', tradeShow)).rejects.toThrow(/Name the source/);
    expect(await ctx.db.table('settings').count()).toBe(0);
  });

  it('lists and deletes them; a stored one that no longer fits is set aside, not fatal', async () => {
    await saveMapping(ctx.entries, 'hubspot', { preset: 'hubspot', columns: [{ column: 'Email', field: 'email' }] });
    await saveMapping(ctx.entries, 'Trade show leads', tradeShow);
    await ctx.db.table('settings').put({ key: 'importMapping:old', value: { version: 0 }, updatedAt: NOW });
    const { mappings, invalid } = await listMappings(ctx.entries);
    expect(mappings.map((m) => m.source)).toEqual(['Trade show leads', 'hubspot']);
    expect(invalid).toHaveLength(1);
    await deleteMapping(ctx.entries, 'hubspot');
    expect((await listMappings(ctx.entries)).mappings.map((m) => m.source)).toEqual(['Trade show leads']);
  });

  it('is what the next file of the source is mapped with', async () => {
    const saved = await saveMapping(ctx.entries, 'Trade show leads', tradeShow);
    const next = suggestMapping(['Badge Email', 'Booth scan', 'Job Title'], { saved });
    expect(next.mapping).toMatchObject({
      columns: [...(tradeShow.columns ?? []), { column: 'Job Title', field: 'title' }],
      dates: tradeShow.dates,
      defaultStage: 'mql',
    });
  });
});

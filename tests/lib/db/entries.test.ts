import * as z from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { ValidationError } from '../../../lib/domain/validation';
import { setupRepositories } from '../../support/db';
import { DAY, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const Note = z.object({ text: z.string().trim().min(1), count: z.number().int().default(0) });

describe('SettingsEntryRepository', () => {
  it('stores a value under its key, parsed and stamped, beside the settings row', async () => {
    await ctx.settings.save(DEFAULT_SETTINGS);
    expect(await ctx.entries.put('note:a', Note, { text: '  hello ' })).toEqual({ text: 'hello', count: 0 });
    expect(await ctx.entries.get('note:a', Note)).toEqual({ text: 'hello', count: 0 });
    expect(await ctx.db.table('settings').get('note:a')).toEqual({
      key: 'note:a',
      value: { text: 'hello', count: 0 },
      updatedAt: NOW,
    });
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(await ctx.entries.get('note:missing', Note)).toBeUndefined();
  });

  it('refuses a bad value or the settings row’s key, and writes nothing', async () => {
    await expect(ctx.entries.put('note:a', Note, { text: ' ' })).rejects.toThrow(ValidationError);
    await expect(ctx.entries.put('settings', Note, { text: 'x' })).rejects.toThrow(/is the settings row/);
    expect(await ctx.db.table('settings').count()).toBe(0);
  });

  it('lists entries by prefix in key order, setting aside the ones that no longer fit', async () => {
    await ctx.entries.put('note:b', Note, { text: 'b' });
    ctx.clock.now = NOW + DAY;
    await ctx.entries.put('note:a', Note, { text: 'a' });
    await ctx.entries.put('other:c', Note, { text: 'c' });
    await ctx.db.table('settings').put({ key: 'note:broken', value: { text: 42 }, updatedAt: NOW });
    const { entries, invalid } = await ctx.entries.list('note:', Note);
    expect(entries).toEqual([
      { key: 'note:a', value: { text: 'a', count: 0 }, updatedAt: NOW + DAY },
      { key: 'note:b', value: { text: 'b', count: 0 }, updatedAt: NOW },
    ]);
    expect(invalid.map((e) => e.what)).toEqual(['note:broken']);
    await expect(ctx.entries.get('note:broken', Note)).rejects.toThrow(ValidationError);
  });

  it('deletes an entry', async () => {
    await ctx.entries.put('note:a', Note, { text: 'a' });
    await ctx.entries.delete('note:a');
    expect(await ctx.entries.get('note:a', Note)).toBeUndefined();
  });
});

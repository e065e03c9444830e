import { within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REJECTION_REASONS } from '../../../lib/domain/reasons';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { control, openOptions, reopen, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const reasons = () => section('Rejection reasons');
const label = (code: string) => control(reasons(), `Label for ${code}`);

describe('rejection reason labels', () => {
  it('lists every reason by its code, with the default label as placeholder and its meaning', async () => {
    await openOptions(ctx);
    const rows = within(reasons()).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(
      REJECTION_REASONS.map((r) => r.code),
    );
    expect(label('no_budget').placeholder).toBe('No budget');
    expect(label('no_budget').value).toBe('');
    expect(within(reasons()).getByText('No money for this now, and no way to find it soon.')).toBeTruthy();
  });

  it('saves renamed labels under the stable codes; blank goes back to the default', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, reasonLabels: { other: 'Something else' } });
    const rendered = await openOptions(ctx);
    expect(label('other').value).toBe('Something else');
    await userEvent.type(label('no_budget'), 'Budget frozen');
    await userEvent.type(label('wrong_persona'), 'Not our buyer');
    await userEvent.clear(label('other'));
    await saveSettings();
    expect((await ctx.settings.get()).reasonLabels).toEqual({
      no_budget: 'Budget frozen',
      wrong_persona: 'Not our buyer',
    });

    await reopen(rendered, ctx);
    expect(label('no_budget').value).toBe('Budget frozen');
    expect(label('other').value).toBe('');
  });

  it('takes a label of spaces as the default, and keeps markup typed into a label as plain text', async () => {
    const rendered = await openOptions(ctx);
    await userEvent.type(label('duplicate'), '   ');
    await userEvent.type(label('unresponsive'), '<b>Ghosted</b>');
    // 80 characters at most, as the schema allows.
    await userEvent.type(label('other'), 'x'.repeat(90));
    expect(label('other').value).toHaveLength(80);
    await saveSettings();
    expect((await ctx.settings.get()).reasonLabels).toEqual({ unresponsive: '<b>Ghosted</b>', other: 'x'.repeat(80) });

    await reopen(rendered, ctx);
    expect(label('unresponsive').value).toBe('<b>Ghosted</b>');
    expect(reasons().querySelector('b')).toBeNull();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAccountExecutive } from '../../../components/options/TeamSection';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { button, control, description, group, openOptions, reopen, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const team = () => section('Team: account executives');
const adding = () => group(team(), 'Add an account executive');

describe('team: account executives', () => {
  it('adds AEs (Enter adds too), saves them, and the page shows them again', async () => {
    const rendered = await openOptions(ctx);
    expect(within(team()).getByText(/No account executives yet/)).toBeTruthy();
    await userEvent.type(control(adding(), 'Name'), 'Alex Kim');
    await userEvent.type(control(adding(), 'Work email'), 'Alex.Kim@Seller.io');
    await userEvent.click(button(adding(), 'Add account executive'));
    await userEvent.type(control(adding(), 'Name'), 'Priya Nair');
    await userEvent.type(control(adding(), 'Work email'), 'priya@seller.io{Enter}');
    await saveSettings();

    expect((await ctx.settings.get()).accountExecutives).toEqual([
      { name: 'Alex Kim', email: 'alex.kim@seller.io' },
      { name: 'Priya Nair', email: 'priya@seller.io' },
    ]);
    await reopen(rendered, ctx);
    const list = within(team()).getByRole('list', { name: 'Account executives' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['Alex Kim (alex.kim@seller.io)', 'Priya Nair (priya@seller.io)']);
  });

  it('says next to each field what is wrong, in words, and adds nothing', async () => {
    await ctx.settings.save({
      ...DEFAULT_SETTINGS,
      accountExecutives: [{ name: 'Alex Kim', email: 'alex@seller.io' }],
    });
    await openOptions(ctx);
    await userEvent.type(control(adding(), 'Work email'), 'alex@');
    await userEvent.click(button(adding(), 'Add account executive'));
    const name = control(adding(), 'Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(description(name)).toBe('Type the AE’s name as the team knows it');
    expect(document.activeElement).toBe(name);
    expect(description(control(adding(), 'Work email'))).toBe(
      '"alex@" is not an email address (like alex@yourcompany.com)',
    );

    await userEvent.type(name, 'Alex Again');
    await userEvent.clear(control(adding(), 'Work email'));
    await userEvent.type(control(adding(), 'Work email'), 'ALEX@seller.io');
    await userEvent.click(button(adding(), 'Add account executive'));
    expect(description(control(adding(), 'Work email'))).toBe('alex@seller.io is already in the list');
    expect(within(team()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('removing an AE offers Undo, and nothing is saved until Save', async () => {
    const alex = { name: 'Alex Kim', email: 'alex@seller.io' };
    await ctx.settings.save({ ...DEFAULT_SETTINGS, accountExecutives: [alex] });
    await openOptions(ctx);
    await userEvent.click(within(team()).getByRole('button', { name: 'Remove Alex Kim' }));
    expect(within(team()).queryByRole('list', { name: 'Account executives' })).toBeNull();
    const notice = screen.getByText(/Alex Kim removed from the account executives/);
    await userEvent.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(within(team()).getByText('Alex Kim (alex@seller.io)')).toBeTruthy();
    expect((await ctx.settings.get()).accountExecutives).toEqual([alex]);
  });

  it('parses an AE as the settings will store it', () => {
    expect(parseAccountExecutive(' Alex Kim ', ' Alex@Seller.io ', [])).toEqual({
      ok: true,
      value: { name: 'Alex Kim', email: 'alex@seller.io' },
    });
    expect(parseAccountExecutive('', '', [])).toMatchObject({ ok: false, errors: { name: expect.any(String) } });
  });
});

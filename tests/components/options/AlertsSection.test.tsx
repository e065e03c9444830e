import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OptionalPermission } from '../../../components/options/section';
import { setupRepositories } from '../../support/db';
import { control, openOptions, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

/** The browser's permission, answering as the rep would in its prompt. */
function permission(answer: boolean) {
  const calls: string[] = [];
  let held = false;
  const api: OptionalPermission = {
    request: async () => {
      calls.push('request');
      held = answer;
      return answer;
    },
    remove: async () => {
      calls.push('remove');
      held = false;
      return true;
    },
    contains: async () => held,
  };
  return { api, calls };
}

const alerts = () => section('Alerts');
const newMql = () => control<HTMLInputElement>(alerts(), 'A new MQL or high-intent request is assigned to me');
const slaSoon = () => control<HTMLInputElement>(alerts(), 'A first touch is due within 15 minutes');

describe('Alerts', () => {
  it('asks for the permission when the first notification is turned on, and gives it back with the last', async () => {
    const { api, calls } = permission(true);
    await openOptions(ctx, { notificationPermission: api });
    expect(newMql().checked).toBe(false);
    await userEvent.click(newMql());
    expect(newMql().checked).toBe(true);
    await userEvent.click(slaSoon());
    await saveSettings();
    expect((await ctx.settings.get()).alerts).toEqual({ newMql: true, slaDueSoon: true, revisitsDue: false });
    expect(calls).toEqual(['request', 'request']);

    await userEvent.click(newMql());
    expect(calls).toEqual(['request', 'request']);
    await userEvent.click(slaSoon());
    expect(calls).toEqual(['request', 'request', 'remove']);
    await saveSettings();
    expect((await ctx.settings.get()).alerts).toEqual({ newMql: false, slaDueSoon: false, revisitsDue: false });
  });

  it('leaves the box unticked and says why when the rep refuses the permission', async () => {
    const { api } = permission(false);
    await openOptions(ctx, { notificationPermission: api });
    await userEvent.click(newMql());
    expect(newMql().checked).toBe(false);
    expect(within(alerts()).getByRole('alert').textContent).toBe(
      'Notifications need your permission. Nothing was turned on.',
    );
  });

  it('says the badge needs nothing', async () => {
    await openOptions(ctx, { notificationPermission: permission(true).api });
    expect(within(alerts()).getByText(/The toolbar button always shows how many leads need you now/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Alerts' })).toBeTruthy();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDomain } from '../../../components/options/IdentitySection';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { button, control, description, group, openOptions, reopen, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const identity = () => section('You and your company');
const domains = () => group(identity(), 'Company domains');

describe('you and your company', () => {
  it('saves name, email and company domains; the page shows them again', async () => {
    const rendered = await openOptions(ctx);
    await userEvent.type(control(identity(), 'Your name'), 'Sam Seller');
    await userEvent.type(control(identity(), 'Your email'), 'Sam@Seller.io');
    // The rep's own work domain is offered in one click.
    await userEvent.click(button(identity(), 'Add seller.io (from your email)'));
    await userEvent.type(control(domains(), 'Add domain'), 'https://www.Seller-EU.com/about{Enter}');
    await saveSettings();

    const stored = await ctx.settings.get();
    expect(stored.rep).toEqual({ name: 'Sam Seller', email: 'sam@seller.io' });
    expect(stored.companyDomains).toEqual(['seller.io', 'seller-eu.com']);

    await reopen(rendered, ctx);
    expect(control(identity(), 'Your email').value).toBe('sam@seller.io');
    expect(
      within(domains())
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['seller.io', 'seller-eu.com']);
    expect(within(identity()).queryByText(/from your email/)).toBeNull();
  });

  it('clears the email with a blank field, and removes a domain', async () => {
    await ctx.settings.save({
      ...DEFAULT_SETTINGS,
      rep: { name: 'Sam', email: 'sam@seller.io' },
      companyDomains: ['seller.io'],
    });
    await openOptions(ctx);
    await userEvent.clear(control(identity(), 'Your email'));
    await userEvent.click(within(domains()).getByRole('button', { name: 'Remove seller.io' }));
    await saveSettings();
    const stored = await ctx.settings.get();
    expect(stored.rep).toEqual({ name: 'Sam' });
    expect(stored.companyDomains).toEqual([]);
  });

  it('shows a bad email next to the field and saves nothing', async () => {
    await openOptions(ctx);
    const email = control(identity(), 'Your email');
    await userEvent.type(email, 'sam@');
    await userEvent.click(screen.getByText('Save settings', { selector: 'button' }));
    await screen.findByRole('alert');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toBe(
      'Invalid email address Signs your decisions and calls, owns the leads you add, and marks your side of a mail thread.',
    );
    expect(document.activeElement).toBe(email);
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses a domain that is not one, right at the add field', async () => {
    await openOptions(ctx);
    const add = control(domains(), 'Add domain');
    await userEvent.type(add, 'not a domain{Enter}');
    expect(add.getAttribute('aria-invalid')).toBe('true');
    expect(description(add)).toMatch(/^"not a domain" is not a domain name \(like acme\.com\)/);
    expect(within(domains()).getByText('No company domains yet.')).toBeTruthy();
  });
});

describe('parseDomain', () => {
  it.each([
    ['acme.com', [], { ok: true, value: 'acme.com' }],
    ['https://www.ACME.com/x', [], { ok: true, value: 'acme.com' }],
    ['acme.com', ['acme.com'], { ok: false, message: 'acme.com is already in the list' }],
    ['', [], { ok: false, message: 'Type a domain such as acme.com' }],
    ['localhost', [], { ok: false, message: '"localhost" is not a domain name (like acme.com)' }],
  ])('%s', (text, existing, expected) => {
    expect(parseDomain(text, existing)).toEqual(expected);
  });
});

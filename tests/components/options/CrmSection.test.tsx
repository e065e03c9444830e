import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { control, description, openOptions, reopen, retype, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const crm = () => section('CRM links');
const portal = () => control(crm(), 'HubSpot portal id');
const salesforce = () => control(crm(), 'Salesforce address');

describe('CRM links', () => {
  it('start empty, and save the portal id and the Salesforce address as its origin; the page shows them again', async () => {
    const rendered = await openOptions(ctx);
    expect(portal().value).toBe('');
    expect(salesforce().value).toBe('');
    expect(description(portal())).toBe('The number after /contacts/ in HubSpot’s address bar, e.g. 4815162.');

    await userEvent.type(portal(), ' 4815162 ');
    await userEvent.type(salesforce(), 'https://Acme.lightning.force.com/lightning/page/home');
    await saveSettings();
    expect((await ctx.settings.get()).crm).toEqual({
      hubspotPortalId: '4815162',
      salesforceInstanceUrl: 'https://acme.lightning.force.com',
    });

    await reopen(rendered, ctx);
    expect(portal().value).toBe('4815162');
    expect(salesforce().value).toBe('https://acme.lightning.force.com');
  });

  it('forget a setting whose field is emptied (absent again, not blank)', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, crm: { hubspotPortalId: '4815162' } });
    await openOptions(ctx);
    await retype(portal(), '');
    await saveSettings();
    expect((await ctx.settings.get()).crm).toEqual({});
  });

  it('name a wrong value at its field and save nothing', async () => {
    await openOptions(ctx);
    await userEvent.type(portal(), 'acme');
    await userEvent.type(salesforce(), 'http://acme.my.salesforce.com');
    await userEvent.click(screen.getByText('Save settings', { selector: 'button' }));
    await screen.findByRole('alert');
    expect(portal().getAttribute('aria-invalid')).toBe('true');
    expect(description(portal())).toMatch(/^A HubSpot portal id is a number such as 4815162/);
    expect(salesforce().getAttribute('aria-invalid')).toBe('true');
    expect(description(salesforce())).toMatch(
      /^Give your Salesforce address, such as https:\/\/acme\.my\.salesforce\.com/,
    );
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});

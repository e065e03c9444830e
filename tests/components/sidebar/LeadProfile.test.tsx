import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeadProfile } from '../../../components/sidebar/LeadProfile';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { renderWithFormat } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const CRM = { hubspotPortalId: '4815162', salesforceInstanceUrl: 'https://acme.my.salesforce.com' };

function dana(overrides: Parameters<typeof makeLead>[0] = {}) {
  return ctx.leads.create(
    makeLead({
      stage: 'mql',
      source: 'Webinar',
      campaign: 'Webinar: Lead Scoring That Sales Trusts',
      crmIds: { hubspot: '51873402', salesforce: '00Q5g00000AbCdE' },
      times: { createdAt: Date.UTC(2026, 9, 14, 9), mqlAt: NOW - DAY },
      ...overrides,
    }),
  );
}

/** The profile's facts as "term: value" lines, in order. */
async function facts() {
  const section = await screen.findByRole('region', { name: 'Profile' });
  await within(section).findByText('First captured');
  return [...section.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
}

describe('the lead profile', () => {
  it("shows source, campaign, marketing's score with its system, date and model, the first capture and the CRM records", async () => {
    const lead = await dana();
    await ctx.settings.save({ ...DEFAULT_SETTINGS, crm: CRM });
    await ctx.marketingScores.keep([
      { leadId: lead.id, system: 'hubspot', value: 82, scoredAt: NOW - 5 * 3_600_000, model: 'HubSpot lead score' },
      { leadId: lead.id, system: 'marketo', value: 41.5, scoredAt: NOW - 3 * DAY },
    ]);
    renderWithFormat(<LeadProfile lead={lead} />, ctx);

    expect(await facts()).toEqual([
      'Source: Webinar',
      'Campaign: Webinar: Lead Scoring That Sales Trusts',
      'Marketing’s score: 82 in HubSpot, 23 Nov 2026 (HubSpot lead score)41.5 in Marketo, 20 Nov 2026',
      'First captured: 14 Oct 2026',
      'CRM: HubSpot contact 51873402Salesforce lead 00Q5g00000AbCdE',
    ]);
    const scores = screen.getAllByTestId('marketing-score').map((li) => li.textContent);
    expect(scores).toEqual(['82 in HubSpot, 23 Nov 2026 (HubSpot lead score)', '41.5 in Marketo, 20 Nov 2026']);

    const hubspot = screen.getByRole('link', { name: 'HubSpot contact 51873402' });
    expect(hubspot.getAttribute('href')).toBe('https://app.hubspot.com/contacts/4815162/record/0-1/51873402');
    const salesforce = screen.getByRole('link', { name: 'Salesforce lead 00Q5g00000AbCdE' });
    expect(salesforce.getAttribute('href')).toBe(
      'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000AbCdE/view',
    );
    for (const link of [hubspot, salesforce]) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('leaves out what is not known: no source, campaign, score or CRM id, never "undefined"', async () => {
    const lead = await ctx.leads.create(makeLead({ times: { createdAt: Date.UTC(2026, 9, 14, 9) } }));
    renderWithFormat(<LeadProfile lead={lead} />, ctx);
    expect(await facts()).toEqual(['First captured: 14 Oct 2026']);
    const section = screen.getByRole('region', { name: 'Profile' });
    expect(section.textContent).not.toMatch(/undefined|null|NaN/);
    expect(within(section).queryByRole('link')).toBeNull();
  });

  it('shows an id as text, with where to add the setting that links it, while the settings lack it', async () => {
    const lead = await dana({ crmIds: { hubspot: '51873402', marketo: '1000012' } });
    renderWithFormat(<LeadProfile lead={lead} />, ctx);
    await facts();
    const records = screen.getByRole('list', { name: 'CRM records' });
    expect(within(records).queryByRole('link', { name: /HubSpot contact/ })).toBeNull();
    expect(
      within(records)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['HubSpot contact 51873402 (add your HubSpot portal id to link it)', 'Marketo lead 1000012']);
    const ask = within(records).getByRole('link', { name: 'add your HubSpot portal id' });
    expect(new URL(ask.getAttribute('href') ?? '', document.baseURI).pathname).toBe('/options.html');
    expect(new URL(ask.getAttribute('href') ?? '', document.baseURI).hash).toBe('#crm');
    expect(ask.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows hostile values as text: no element or link comes from a source or a model name', async () => {
    const lead = await dana({
      source: '<img src=x onerror=alert(1)>',
      campaign: '<a href="javascript:alert(1)">x</a>',
    });
    await ctx.marketingScores.keep([
      { leadId: lead.id, system: 'hubspot', value: 1, scoredAt: NOW, model: '<script>alert(1)</script>' },
    ]);
    renderWithFormat(<LeadProfile lead={lead} />, ctx);
    const lines = await facts();
    expect(lines[0]).toBe('Source: <img src=x onerror=alert(1)>');
    expect(lines[1]).toBe('Campaign: <a href="javascript:alert(1)">x</a>');
    const section = screen.getByRole('region', { name: 'Profile' });
    expect(section.querySelector('img, script')).toBeNull();
    expect([...section.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      expect.stringMatching(/options\.html#crm$/),
      expect.stringMatching(/options\.html#crm$/),
    ]);
  });

  it("follows a score that arrives while it is shown (a sync's pull)", async () => {
    const lead = await dana();
    renderWithFormat(<LeadProfile lead={lead} />, ctx);
    await facts();
    expect(screen.queryByText('Marketing’s score')).toBeNull();
    await ctx.marketingScores.keep([{ leadId: lead.id, system: 'hubspot', value: 77, scoredAt: NOW }]);
    expect((await screen.findByTestId('marketing-score')).textContent).toBe('77 in HubSpot, 23 Nov 2026');
  });
});

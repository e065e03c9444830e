import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD, SAMPLE_CRM_SETTINGS } from '../../lib/demo/personas';
import { type launchWithExtension, launchWithSampleData, saveCrmSettings, type startFixtureServer } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const DANA_PROFILE = { url: DANA_WHITFIELD.linkedinUrl, file: 'linkedin/profile-classic.html' };

/** The profile section's facts as "term: value", in order. */
function facts(frame: Frame) {
  return frame
    .getByRole('region', { name: 'Profile' })
    .locator('dt')
    .evaluateAll((terms) => terms.map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`));
}

/**
 * The full profile in the built extension on the sample data: Dana Whitfield's company in the
 * header, and below the actions her source, campaign, marketing's HubSpot score (from the
 * sample data, as sync's pull would store it), first capture and HubSpot record, which links
 * once the portal id is in the options, live in the open sidebar.
 */
describe('the full profile', () => {
  let server: Server;
  let browser: Launched;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    ({ server, browser } = await launchWithSampleData());
    server.serve(DANA_PROFILE.url, DANA_PROFILE.file);
    page = await browser.context.newPage();
    await page.goto(DANA_PROFILE.url);
    frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says the company in the header: size, industry and country', async () => {
    await expect
      .poll(() => frame.getByTestId('company-facts').textContent())
      .toBe('220 employees · Software · United States');
  });

  it("shows source, campaign, marketing's score, the first capture and the CRM id, open for a waiting MQL", async () => {
    const toggle = frame.getByRole('button', { name: 'Profile' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await frame.getByTestId('marketing-score').waitFor();
    const lines = await facts(frame);
    expect(lines.slice(0, 2)).toEqual([`Source: ${DANA_WHITFIELD.source}`, `Campaign: ${DANA_WHITFIELD.campaign}`]);
    expect(lines[2]).toMatch(/^Marketing’s score: 82 in HubSpot, .*\d{4} \(HubSpot lead score\)$/);
    expect(lines[3]).toMatch(/^First captured: .*\d{4}$/);
    // No portal id in the settings yet: the id as text, and where to add it.
    expect(lines[4]).toBe('CRM: HubSpot contact 51873402 (add your HubSpot portal id to link it)');
    expect(lines.join('\n')).not.toMatch(/undefined|NaN/);
    const ask = frame.getByRole('link', { name: 'add your HubSpot portal id' });
    expect(await ask.getAttribute('href')).toBe(browser.url('options.html#crm'));
  });

  it('links the HubSpot record once the portal id is saved in the options, in a new tab with no opener', async () => {
    await saveCrmSettings(browser, SAMPLE_CRM_SETTINGS);
    const record = frame.getByRole('link', { name: 'HubSpot contact 51873402' });
    await record.waitFor();
    expect(await record.getAttribute('href')).toBe(
      `https://app.hubspot.com/contacts/${SAMPLE_CRM_SETTINGS.hubspotPortalId}/record/0-1/51873402`,
    );
    expect(await record.getAttribute('target')).toBe('_blank');
    expect(await record.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await frame.getByRole('link', { name: 'add your HubSpot portal id' }).count()).toBe(0);
  });
});

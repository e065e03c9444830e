import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD } from '../../lib/demo/personas';
import { THREAD_IDS } from '../fixtures/gmail/cases';
import { type launchWithExtension, type startFixtureServer, launchWithSampleData, overrideIfAsked } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

// Dana is an MQL in the sample data: accepted from her Gmail thread, then her deal moves on.
const DANA_THREAD = {
  url: `https://mail.google.com/mail/u/0/#inbox/${THREAD_IDS.simple}`,
  file: 'gmail/thread-simple.html',
};

/**
 * After SQL (issue 17) in the built extension: on an accepted lead the rep records the
 * opportunity, a win (undone within the 8 seconds) and the loss with its reason, each in the
 * history; the dashboard then counts her among the lost SQLs of her source, and the sample
 * data's own opportunities, wins and losses are there beside her.
 */
describe('after SQL: opportunity, won, lost, and the dashboard', () => {
  let server: Server;
  let browser: Launched;
  let page: Page;
  let frame: Frame;

  const history = () => frame.getByRole('list', { name: 'History' });
  const bar = (name: string) => frame.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    ({ server, browser } = await launchWithSampleData());
    server.serve(DANA_THREAD.url, DANA_THREAD.file);
    page = await browser.context.newPage();
    await page.goto(DANA_THREAD.url);
    frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('accepts Dana, then records her opportunity, dated today by default', async () => {
    await bar('Accept as SQL').click();
    const accept = frame.getByRole('form', { name: 'Accept as SQL' });
    await overrideIfAsked(accept, 'Asked for a demo twice this week');
    await accept.getByRole('button', { name: /^(Confirm: accept as SQL|Accept with override)$/ }).click();
    await frame.getByText(/^Accepted as SQL \(MQL handoff\)(, override)? recorded\./).waitFor();

    await bar('Opportunity created').click();
    const form = frame.getByRole('form', { name: 'Opportunity created' });
    const opened = form.getByLabel(/^Opened on/);
    // Keyboard first: the date field has the focus, and today is filled in.
    expect(await opened.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await opened.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await form.getByLabel('Note (optional)').fill('Discovery done, 12 seats');
    await form.getByRole('button', { name: 'Confirm: opportunity created' }).click();
    await frame.getByText(/^Opportunity created on .+ recorded\./).waitFor();
    const item = history().getByRole('listitem').filter({ hasText: 'Opportunity created on' });
    await item.getByText('In force').waitFor();
    await item.getByText('Discovery done, 12 seats').waitFor();
  });

  it('records a win and undoes it within the undo window: the opportunity is open again', async () => {
    await bar('Won').click();
    await frame.getByRole('form', { name: 'Won' }).getByRole('button', { name: 'Confirm: won' }).click();
    await frame.getByText(/^Won on .+ recorded\./).waitFor();
    expect(await bar('Opportunity created').count()).toBe(0);
    await frame.getByRole('button', { name: 'Undo' }).click();
    await history()
      .locator('.badge', { hasText: /^Undone$/ })
      .waitFor();
    await bar('Lost').waitFor();
    await bar('Won').waitFor();
  });

  it('loses the deal with a standardized reason: Dana goes back to nurture', async () => {
    await bar('Lost').click();
    const form = frame.getByRole('form', { name: 'Lost' });
    await form.getByLabel('Why it was lost').selectOption('competitor');
    await form.getByText('They bought from someone else: revisit near their renewal.').waitFor();
    await form.getByRole('button', { name: 'Confirm: lost' }).click();
    await frame.getByText(/^Lost on .+: Chose a competitor, back to nurture recorded\./).waitFor();
    const lost = history().getByRole('listitem').filter({ hasText: 'Chose a competitor' });
    await lost.getByText('In force').waitFor();
    // A recycled lead: Direct to SQL is offered again, the deal's buttons are gone.
    await bar('Direct to SQL').waitFor();
    expect(await bar('Won').count()).toBe(0);
  });

  it('counts her on the dashboard among the lost SQLs, by her source too, beside the sample’s deals', async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.url('dashboard.html'));
    const figure = (key: string) => dashboard.locator(`[data-figure="${key}"]`).first();
    await figure('funnel.lost').waitFor({ timeout: 30_000 });
    for (const key of [
      'funnel.opportunities',
      'funnel.customers',
      'funnel.sqlToCustomer',
      'timeToSql.capture.measured',
    ]) {
      expect(await figure(key).textContent(), key).not.toMatch(/^(0|no data)$/);
    }

    await figure('funnel.lost').click();
    const panel = dashboard.getByRole('dialog', { name: 'SQLs lost (back to nurture)' });
    const dana = panel.getByRole('row').filter({ hasText: DANA_WHITFIELD.name });
    await dana.getByText(/; lost: Chose a competitor, /).waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();

    const source = `sources.source.${DANA_WHITFIELD.source}`;
    await figure(`${source}.lost`).click();
    await dashboard
      .getByRole('dialog', { name: `SQLs lost, ${DANA_WHITFIELD.source}` })
      .getByRole('row')
      .filter({ hasText: DANA_WHITFIELD.name })
      .waitFor();
    await dashboard.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;

/**
 * The first run in a fresh profile: installing the extension opens the welcome page in a
 * tab (runtime.onInstalled, reason `install`), and the rep's name and work email saved there
 * reach the settings the options page shows.
 */
describe('the first run', () => {
  let browser: Launched;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.context.on('weberror', (error) => errors.push(String(error.error())));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The tab the background opened; it may already be open when the launch returns. */
  async function welcomeTab(): Promise<Page> {
    const isWelcome = (page: Page) => page.url() === browser.url('welcome.html');
    await expect.poll(() => browser.context.pages().some(isWelcome), { timeout: 30_000 }).toBe(true);
    const page = browser.context.pages().find(isWelcome);
    if (!page) throw new Error('no welcome tab');
    page.on('pageerror', (error) => errors.push(`welcome: ${error.message}`));
    return page;
  }

  it('opens the welcome page on install, and saves who the rep is', async () => {
    const page = await welcomeTab();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Handoff' }).waitFor();
    const form = page.getByRole('form', { name: 'Who you are' });
    await form.getByLabel('Your name').fill('Sam Seller');
    await form.getByLabel('Your email').fill('sam@seller.io');
    // The work email's domain fills the company domains.
    await form.getByRole('button', { name: 'Remove seller.io' }).waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Your decisions and calls are signed Sam Seller (sam@seller.io).').waitFor();

    // The same settings, read by the options page, where "You" now comes first.
    const options = await browser.context.newPage();
    options.on('pageerror', (error) => errors.push(`options: ${error.message}`));
    await options.goto(browser.url('options.html'));
    const you = options.getByRole('region', { name: 'You and your company' });
    await expect.poll(() => you.getByLabel('Your name').inputValue()).toBe('Sam Seller');
    expect(await options.locator('section.options-section').first().getAttribute('id')).toBe('identity');
    await options.close();
  });

  it('ran without uncaught errors in any of its pages', () => {
    expect(errors).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD } from '../../lib/demo/personas';
import { GMAIL_CASES } from '../fixtures/gmail/cases';
import { type launchWithExtension, type startFixtureServer, launchWithSampleData } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

// thread-multi.html: Léa (new, the latest sender), Marcus (an outside consultant) and Dana (a
// lead in the sample data), with the rep and a colleague who are never listed.
const MULTI = GMAIL_CASES.find((c) => c.file === 'thread-multi.html');
const LEA = 'Léa Dubois-Martin';

/**
 * Issue 15, items 5 and 6 in the built extension: everyone outside on a Gmail thread, the
 * switch between them, the leads already at the same company, and the unknown person headed
 * by their name.
 */
describe('everyone on the thread', () => {
  let server: Server;
  let browser: Launched;
  const errors: string[] = [];

  const open = async (url: string, file: string): Promise<Page> => {
    server.serve(url, file);
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
    await page.goto(url);
    return page;
  };

  beforeAll(async () => {
    ({ server, browser } = await launchWithSampleData());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches between the people of a Gmail thread and names the leads at their company', async () => {
    if (!MULTI) throw new Error('fixture');
    const page = await open(MULTI.url, `gmail/${MULTI.file}`);
    const frame = await browser.sidebar(page);

    // The unknown person, headed by her name; what was read is the form.
    await frame.getByRole('heading', { level: 2, name: LEA }).waitFor({ timeout: 10_000 });
    await frame.getByText('Not a lead yet').waitFor();
    expect(await frame.getByLabel('Name', { exact: true }).inputValue()).toBe(LEA);

    const people = frame.getByRole('group', { name: 'On this thread:' });
    const names = await people.getByRole('button').allTextContents();
    expect(names).toEqual([LEA, 'Lindqvist, Marcus', DANA_WHITFIELD.name]);
    expect(names.join()).not.toMatch(/Sam Rep|Alex Kim/);
    expect(await people.getByRole('button', { name: LEA }).getAttribute('aria-pressed')).toBe('true');

    // Dana is already a lead at Léa's company.
    const line = frame.getByText(/others? at northwind-analytics\.com:/);
    await line.waitFor();
    expect(await line.textContent()).toContain(`${DANA_WHITFIELD.name} (`);

    // Switching shows Dana as if the page were hers, and back.
    await people.getByRole('button', { name: DANA_WHITFIELD.name }).click();
    await frame.getByText('Not a lead yet').waitFor({ state: 'detached' });
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    expect(await people.getByRole('button', { name: DANA_WHITFIELD.name }).getAttribute('aria-pressed')).toBe('true');
    await people.getByRole('button', { name: LEA }).press('Enter');
    await frame.getByRole('heading', { level: 2, name: LEA }).waitFor();

    // A name on the company line opens that lead, with the way back.
    await line.getByRole('button', { name: DANA_WHITFIELD.name }).click();
    await frame.getByRole('button', { name: 'Back to the person on this page' }).click();
    await frame.getByRole('heading', { level: 2, name: LEA }).waitFor();

    await page.close();
    expect(errors).toEqual([]);
  });
});

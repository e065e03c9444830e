import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINKEDIN_CASES } from '../fixtures/linkedin/cases';
import { OUTLOOK_CASES } from '../fixtures/outlook/cases';
import { FIXTURE_HOSTS, launchWithExtension, startFixtureServer } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

// What these tests call inside the service worker (it runs there, not in Node).
declare const chrome: {
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: object): Promise<unknown>;
  };
};

/** The CSV the rep imports: Kofi Mensah by his LinkedIn URL, one more lead, one bad row (its README). */
const CSV = resolve('tests/fixtures/csv/trade-show-leads.csv');

const caseOf = <T extends { file: string; url: string }>(cases: readonly T[], file: string): T => {
  const found = cases.find((c) => c.file === file);
  if (!found) throw new Error(`No case for ${file}`);
  return found;
};
// Kofi's public profile: nobody's lead until the import.
const KOFI = caseOf(LINKEDIN_CASES, 'profile-public.html');
// Chidi Okonkwo (fabrikam-logistics.com) writes to Sam Rep (sam@handoff-demo.io); who the
// prospect is depends on the rep's settings (tests/fixtures/outlook/cases.ts).
const THREAD = caseOf(OUTLOOK_CASES, 'message-lastname-first.html');

async function isOpen(page: Page): Promise<boolean> {
  // The page's root gets the sidebar's width as a margin while it is open.
  return page.evaluate(() => getComputedStyle(document.documentElement).marginRight === '360px');
}

/**
 * The options page in the built extension: a CSV imported through the real file input is
 * recognised by the sidebar on LinkedIn, and the rep's email and company domains saved there
 * decide who the prospect is on an Outlook thread.
 */
describe('the options page, end to end', () => {
  let server: Server;
  let browser: Launched;
  const errors: string[] = [];

  const openSite = async (url: string, file: string): Promise<{ page: Page; frame: Frame }> => {
    server.serve(url, file);
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
    await page.goto(url);
    return { page, frame: await browser.sidebar(page) };
  };

  const openOptions = async (): Promise<Page> => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(`options: ${error.message}`));
    await page.goto(browser.url('options.html'));
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    return page;
  };

  const saveSettings = async (options: Page) => {
    await options.getByRole('button', { name: 'Save settings' }).click();
    await options.getByText('Saved.', { exact: true }).waitFor();
  };

  /** The page kinds the background holds for `url` (the hub keeps each tab's state in session storage). */
  const reportedKinds = (url: string): Promise<string[]> =>
    browser.worker.evaluate(async (wanted) => {
      const stored = await chrome.storage.session.get(null);
      return Object.entries(stored)
        .filter(([key]) => key.startsWith('page:'))
        .map(([, state]) => state as { url?: string; extraction?: { kind?: string } })
        .filter((state) => state.url === wanted)
        .map((state) => state.extraction?.kind ?? '');
    }, url);

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension({
      hosts: FIXTURE_HOSTS,
      port: server.port,
      sidebarMode: { linkedin: 'frame' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a CSV through the file input, and the sidebar then knows its lead on LinkedIn', async () => {
    const before = await openSite(KOFI.url, `linkedin/${KOFI.file}`);
    await before.frame.getByRole('heading', { level: 2, name: 'Kofi Mensah' }).waitFor();
    await before.frame.getByText('Not a lead yet').waitFor();
    await before.page.close();

    const options = await openOptions();
    const area = options.getByRole('region', { name: 'Import leads from CSV' });
    await area.getByLabel('Choose a CSV file').setInputFiles(CSV);
    await area.getByText('No CRM export recognised: columns are suggested from their names.').waitFor();
    expect(await area.getByLabel('LinkedIn URL', { exact: true }).inputValue()).toBe('linkedinUrl');
    expect(await area.getByLabel('Lead Status', { exact: true }).inputValue()).toBe('stage');

    await area.getByRole('button', { name: 'Import trade-show-leads.csv' }).click();
    const report = area.getByRole('region', { name: 'Import finished' });
    await report.waitFor();
    const counts = await report
      .getByLabel('Import counts')
      .locator('div')
      .evaluateAll((pairs) =>
        pairs.map((pair) => [pair.querySelector('dt')?.textContent, pair.querySelector('dd')?.textContent]),
      );
    expect(Object.fromEntries(counts)).toEqual({
      Created: '2',
      Updated: '0',
      Unchanged: '0',
      Rejected: '1',
      'Events added': '0',
    });
    const rejected = report.getByRole('table', { name: 'Rejected rows' }).getByRole('row').nth(1);
    expect(await rejected.getByRole('cell').allTextContents()).toEqual([
      '4',
      'Work Email "noor.haddad@@cedar-ops.io" is not a valid email address',
    ]);
    await options.close();

    const after = await openSite(KOFI.url, `linkedin/${KOFI.file}`);
    await after.frame.getByRole('heading', { level: 2, name: 'Kofi Mensah' }).waitFor();
    await after.frame.getByRole('heading', { name: 'Score' }).waitFor();
    expect(await after.frame.getByText('Not a lead yet').count()).toBe(0);
    await after.page.close();
  });

  it("takes the rep's company domains and email from the options page to an Outlook thread", async () => {
    // No settings: the page alone says Chidi wrote to the rep, so Chidi is the prospect.
    const { page, frame } = await openSite(THREAD.url, `outlook/${THREAD.file}`);
    await frame.getByRole('heading', { level: 2, name: 'Chidi Okonkwo' }).waitFor();
    await frame.getByText('Not a lead yet').waitFor();

    // Chidi works at the rep's company: the prospect is the other side, Sam Rep.
    const options = await openOptions();
    const you = options.getByRole('region', { name: 'You and your company' });
    await you.getByLabel('Add domain').fill('fabrikam-logistics.com');
    await you.getByRole('button', { name: 'Add domain', exact: true }).click();
    await saveSettings(options);
    // The content script reads the settings once per page load.
    await page.reload();
    const colleague = await browser.sidebar(page);
    await colleague.getByRole('heading', { level: 2, name: 'Sam Rep' }).waitFor();
    await colleague.getByText('Not a lead yet').waitFor();

    // And Sam Rep is the rep: nobody on the thread is a prospect.
    await you.getByLabel('Your email').fill('sam@handoff-demo.io');
    await saveSettings(options);
    await page.reload();
    const url = page.url();
    await expect.poll(() => reportedKinds(url), { timeout: 10_000 }).toEqual(['none']);
    // The content script decides the sidebar before it reports the page: closed, nobody to show.
    expect(await isOpen(page)).toBe(false);

    // Opened by hand (Alt+Shift+H; extension shortcuts are not delivered to automated key
    // presses, so the command's message is sent as the background sends it).
    await page.bringToFront();
    await browser.worker.evaluate(async () => {
      for (const tab of await chrome.tabs.query({})) {
        if (tab.id !== undefined)
          await chrome.tabs.sendMessage(tab.id, { type: 'sidebar.toggle' }, { frameId: 0 }).catch(() => {});
      }
    });
    await expect.poll(() => isOpen(page)).toBe(true);
    const nobody = await browser.sidebar(page);
    await nobody.getByRole('heading', { level: 2, name: 'Nobody on this page' }).waitFor();
    await options.close();
    await page.close();
  });

  it('ran without uncaught errors in any page', () => {
    expect(errors).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDEBAR_HOST_TAG } from '../../components/page/sidebar-frame';
import { DANA_WHITFIELD, MARCUS_FELD } from '../../lib/demo/personas';
import { THREAD_IDS } from '../fixtures/gmail/cases';
import { LINKEDIN_CASES, SPA_NAVIGATION } from '../fixtures/linkedin/cases';
import { OUTLOOK_CASES } from '../fixtures/outlook/cases';
import { FIXTURE_HOSTS, launchWithExtension, startFixtureServer } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const DANA_PROFILE = { url: 'https://www.linkedin.com/in/dana-whitfield/', file: 'linkedin/profile-classic.html' };
/** A thread whose prospect is someone other than Dana (not a lead in the sample data). */
const LEA_THREAD = {
  url: `https://mail.google.com/mail/u/0/#label/Prospects%2FNorthwind/${THREAD_IDS.multi}`,
  file: 'gmail/thread-multi.html',
  name: 'Léa Dubois-Martin',
};
const SALES_NAVIGATOR = LINKEDIN_CASES.find((c) => c.file === 'salesnav-lead-classic.html');
const OUTLOOK = OUTLOOK_CASES[0];

/**
 * The side panel in real Chromium. Playwright cannot click the browser's own panel UI, so the
 * panel's page is opened as a tab in the same window: it follows the active tab of its window
 * as the real panel does, and, being a tab itself, never shows itself (lib/sidebar/host.ts
 * `chooseTab`): it shows the tab the rep was on last, then each tab brought to the front.
 * LinkedIn is in panel mode by default: its page gets nothing of ours.
 */
describe('the sidebar in the browser’s side panel', () => {
  let server: Server;
  let browser: Launched;
  let panel: Page;
  let linkedin: Page;
  const errors: string[] = [];

  const open = async ({ url, file }: { url: string; file: string }): Promise<Page> => {
    server.serve(url, file);
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
    await page.goto(url);
    return page;
  };
  const heading = (name: string) => panel.getByRole('heading', { level: 2, name });

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension({ hosts: FIXTURE_HOSTS, port: server.port });
    await (await browser.loadSampleData()).close();
    linkedin = await open(DANA_PROFILE);
    panel = await browser.context.newPage();
    panel.on('pageerror', (error) => errors.push(`panel: ${error.message}`));
    await panel.goto(browser.url('sidepanel.html'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows Dana for her LinkedIn profile, and adds nothing to LinkedIn’s page', async () => {
    await heading(DANA_WHITFIELD.name).waitFor({ timeout: 15_000 });
    await panel.getByRole('heading', { name: 'Score' }).waitFor();
    // The header offers the other host for this site.
    await panel.getByRole('button', { name: 'Show beside the page' }).waitFor();

    // The content script has read the page (the panel shows what it sent); the page holds nothing of ours.
    const page = await linkedin.evaluate((tag) => {
      const ours = [...document.querySelectorAll('*')].filter(
        (el) => el.tagName.toLowerCase() === tag || el.tagName.toLowerCase().startsWith('handoff'),
      );
      const root = document.documentElement;
      return {
        ours: ours.length,
        frames: [...document.querySelectorAll('iframe')].filter((f) => f.src.startsWith('chrome-extension:')).length,
        rootStyle: root.getAttribute('style'),
        marginRight: getComputedStyle(root).marginRight,
      };
    }, SIDEBAR_HOST_TAG);
    expect(page).toEqual({ ours: 0, frames: 0, rootStyle: null, marginRight: '0px' });
    expect(linkedin.frames().filter((f) => f.url().startsWith('chrome-extension://'))).toEqual([]);
  });

  it('follows the tab brought to the front: a Gmail thread shows its person', async () => {
    const gmail = await open(LEA_THREAD);
    await gmail.bringToFront();
    await heading(LEA_THREAD.name).waitFor({ timeout: 15_000 });
    await panel.getByText('Not a lead yet').waitFor();

    // A tab that is none of ours: nobody, and the search.
    const elsewhere = await browser.context.newPage();
    await elsewhere.goto(browser.url('popup.html'));
    await elsewhere.bringToFront();
    await heading('Nobody on this page').waitFor();
    await elsewhere.close();

    // Back to LinkedIn: Dana again.
    await linkedin.bringToFront();
    await heading(DANA_WHITFIELD.name).waitFor();
    await gmail.close();
  });

  it('follows in-app navigation on LinkedIn: the hub pushes the tab’s new person', async () => {
    const spa = await open({ url: SPA_NAVIGATION.url, file: `linkedin/${SPA_NAVIGATION.file}` });
    await spa.bringToFront();
    await heading(DANA_WHITFIELD.name).waitFor({ timeout: 15_000 });
    await spa.getByRole('link', { name: SPA_NAVIGATION.linkName }).first().click();
    await heading(MARCUS_FELD.name).waitFor({ timeout: 15_000 });
    expect(await spa.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
    await spa.close();
  });

  it('shows the person on a Sales Navigator lead page and an Outlook thread, switching between them', async () => {
    if (!SALES_NAVIGATOR || !OUTLOOK) throw new Error('fixtures missing');
    const salesNav = await open({ url: SALES_NAVIGATOR.url, file: `linkedin/${SALES_NAVIGATOR.file}` });
    const outlook = await open({ url: OUTLOOK.url, file: `outlook/${OUTLOOK.file}` });
    const gmail = await open(LEA_THREAD);
    for (const [page, name] of [
      [salesNav, DANA_WHITFIELD.name],
      [gmail, LEA_THREAD.name],
      [outlook, DANA_WHITFIELD.name],
    ] as const) {
      await page.bringToFront();
      await heading(name).waitFor({ timeout: 15_000 });
    }
    expect(await salesNav.evaluate((tag) => document.querySelector(tag) === null, SIDEBAR_HOST_TAG)).toBe(true);
    for (const page of [salesNav, outlook, gmail]) await page.close();
  });

  it('records a decision made in the panel and shows it', async () => {
    await linkedin.bringToFront();
    await heading(DANA_WHITFIELD.name).waitFor();
    await panel.getByRole('button', { name: 'Reject' }).click();
    await panel.getByLabel('Reason').selectOption('bad_timing');
    await panel.getByRole('button', { name: 'Confirm rejection' }).click();
    // Acted on at once: the panel is no frame a page could cover (components/sidebar/useSeen.ts).
    await panel.getByText(/^Rejected: Bad timing, recycled recorded\./).waitFor();

    // Stored: a fresh panel on the same tab shows it in force.
    const again = await browser.context.newPage();
    await again.goto(browser.url('sidepanel.html'));
    await linkedin.bringToFront();
    await again.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor({ timeout: 15_000 });
    await again
      .getByText(/Bad timing/)
      .first()
      .waitFor();
    await again.close();
    expect(errors).toEqual([]);
  });

  it('moves LinkedIn beside the page from the panel’s header, and back from the frame’s', async () => {
    await linkedin.bringToFront();
    await heading(DANA_WHITFIELD.name).waitFor();
    await panel.getByRole('button', { name: 'Show beside the page' }).click();
    // The open tab takes the frame at once, shown (the rep asked for it).
    const frame = await browser.sidebar(linkedin);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    const margin = () => linkedin.evaluate(() => getComputedStyle(document.documentElement).marginRight);
    await expect.poll(margin).toBe('360px');

    await frame.getByRole('button', { name: 'Show in the side panel' }).click();
    await expect
      .poll(() => linkedin.evaluate((tag) => document.querySelector(tag) === null, SIDEBAR_HOST_TAG))
      .toBe(true);
    expect(await margin()).toBe('0px');
    expect(errors).toEqual([]);
  });
});

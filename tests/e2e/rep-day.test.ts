import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD, SAMPLE_REP } from '../../lib/demo/personas';
import { type launchWithExtension, launchWithSampleData, saveCrmSettings, type startFixtureServer } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const DANA_PROFILE = { url: DANA_WHITFIELD.linkedinUrl, file: 'linkedin/profile-classic.html' };

/** The toolbar badge's text, read from a page of ours (the badge itself is browser chrome). */
const badgeOf = (page: Page) =>
  page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );

/**
 * The rep's day as the playbook has it (issue 17, items 1-4), in the built extension on the
 * sample data with Maya as the rep: the scoring bar that needs fit and behaviour, Dana's demo
 * request on its one-hour clock at the top of Maya's own queue and in the sidebar, the
 * toolbar badge, and claiming an unassigned lead.
 */
describe("the rep's day", () => {
  let server: Server;
  let browser: Launched;
  let popup: Page;

  beforeAll(async () => {
    ({ server, browser } = await launchWithSampleData());
    await saveCrmSettings(browser, {}, SAMPLE_REP);
    popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 360, height: 700 });
    await popup.goto(browser.url('popup.html'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks fit and behaviour of an MQL by default, and says so in the scoring preview', async () => {
    const options = await browser.context.newPage();
    try {
      await options.goto(browser.url('options.html'));
      const scoring = options.getByRole('region', { name: 'Scoring model' });
      expect(await scoring.getByRole('checkbox', { name: /^MQL needs fit and behaviour/ }).isChecked()).toBe(true);
      await expect
        .poll(() => scoring.getByTestId('mql-preview-summary').textContent(), { timeout: 20_000 })
        .toMatch(/would be MQLs \(score 60 or more, with 15\+ fit and 15\+ behaviour points\)/);
    } finally {
      await options.close();
    }
  });

  it("opens on Maya's own leads, Dana's demo request first on its one-hour clock", async () => {
    expect(await popup.getByRole('radio', { name: 'Mine' }).isChecked()).toBe(true);
    // Overdue leads (earlier deadlines) may come before her; she is among the first five.
    const first = popup
      .getByRole('list', { name: /^First touch due/ })
      .getByRole('listitem')
      .filter({ hasText: DANA_WHITFIELD.name });
    await first.waitFor();
    expect(await first.getByText('High intent', { exact: true }).isVisible()).toBe(true);
    expect(await first.getByText('yours', { exact: true }).isVisible()).toBe(true);
    // Within the hour in business time (at night, the hour starts at the next opening).
    expect(await first.textContent()).toMatch(/(\d+ min|1 h|Under a minute) left|Overdue/);
  });

  it('counts the leads that need Maya now on the toolbar badge', async () => {
    await expect.poll(() => badgeOf(popup), { timeout: 20_000 }).toMatch(/^\d+\+?$/);
    expect(Number.parseInt(await badgeOf(popup), 10)).toBeGreaterThanOrEqual(1);
  });

  it("claims a teammate's lead for Maya after asking, and she then finds it among her own", async () => {
    // The sample's MQLs all have an owner: the whole team's view, where a claim takes over.
    const heading = popup.getByRole('heading', { name: /^First touch due \d+/ });
    const count = async () => Number((await heading.textContent())?.match(/\d+/)?.[0]);
    const mine = await count();
    await popup.getByRole('radio', { name: 'Whole team' }).check();
    const list = popup.getByRole('list', { name: /^First touch due/ });
    // A row whose lead a teammate owns (a direct-inbound request may be nobody's: one click).
    const claim = list
      .getByRole('listitem')
      .filter({ has: popup.locator('.plan-claim .plan-owner') })
      .first()
      .getByRole('button', { name: /^Claim / });
    const name = ((await claim.getAttribute('aria-label')) ?? '').replace(/^Claim /, '');
    expect(name).not.toBe('');
    await claim.click();
    await list.getByRole('button', { name: /^Take over from / }).click();
    const row = list.getByRole('listitem').filter({ hasText: name });
    await row.getByText('yours', { exact: true }).waitFor();
    await popup.getByRole('radio', { name: 'Mine' }).check();
    await expect.poll(count).toBe(mine + 1);
  });

  it("shows Dana's one-hour clock in the sidebar, from the request", async () => {
    server.serve(DANA_PROFILE.url, DANA_PROFILE.file);
    const page = await browser.context.newPage();
    try {
      await page.goto(DANA_PROFILE.url);
      const frame: Frame = await browser.sidebar(page);
      await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
      const clock = frame.getByTestId('sla-text');
      await expect.poll(() => clock.textContent()).toMatch(/left for first touch$|^Overdue/);
      expect(await frame.getByText('1 business hour from the request', { exact: false }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, textSizes } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;

/**
 * The toolbar popup as the day's plan (issue 15, item 9), in Chromium on the sample data:
 * the lists with their counts, at most five rows each, the type scale (nothing under 12 px,
 * the lead's name not smaller than the popup's title), 360 px without a horizontal scroll
 * in light and dark mode, and the verdict count the dashboard shows.
 */
describe('the popup as the day’s plan', () => {
  let browser: Launched;
  let popup: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.context.on('weberror', (error) => errors.push(String(error.error())));
    popup = await browser.loadSampleData();
    await popup.setViewportSize({ width: 360, height: 600 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each list with its count, at most five rows each', async () => {
    for (const title of ['First touch due', 'Next steps due', 'Waiting for a verdict']) {
      const heading = popup.getByRole('heading', { name: new RegExp(`^${title} \\d+`) });
      await heading.waitFor();
      const total = Number((await heading.textContent())?.match(/\d+/)?.[0]);
      const rows = await popup
        .getByRole('list', { name: new RegExp(`^${title}`) })
        .getByRole('listitem')
        .count();
      expect(rows).toBe(Math.min(5, total));
    }
    // A waiting MQL's row says its score and its time left or overdue.
    const first = popup
      .getByRole('list', { name: /^First touch due/ })
      .getByRole('listitem')
      .first();
    expect(await first.textContent()).toMatch(/\d+ pts/);
    expect(await first.textContent()).toMatch(/left|Overdue/);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`keeps the type scale and the 360 px width in ${colorScheme} mode`, async () => {
      await popup.emulateMedia({ colorScheme });
      const sizes = await textSizes(popup);
      expect(sizes.filter((s) => s.px < 12)).toEqual([]);
      const title = await popup.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).fontSize);
      const name = await popup
        .locator('.plan-name')
        .first()
        .evaluate((a) => getComputedStyle(a).fontSize);
      expect(Number.parseFloat(name)).toBeGreaterThanOrEqual(14);
      expect(Number.parseFloat(name)).toBeGreaterThanOrEqual(Number.parseFloat(title));
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  }

  it('counts the MQLs waiting for a verdict as the dashboard does', async () => {
    const note = popup.getByTestId('verdict-reconcile');
    const heading = popup.getByRole('heading', { name: /^Waiting for a verdict \d+/ });
    const popupCount = Number(
      ((await note.count()) > 0 ? await note.textContent() : await heading.textContent())?.match(/\d+/)?.[0],
    );
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.url('dashboard.html'));
    const pending = dashboard.locator('[data-figure="funnel.pending"]').first();
    await pending.waitFor({ timeout: 30_000 });
    expect(Number((await pending.textContent())?.replace(/\D/g, ''))).toBe(popupCount);
    await dashboard.close();
  });

  it('ran without uncaught errors', () => {
    expect(errors).toEqual([]);
  });
});

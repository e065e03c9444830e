import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD, SIOBHAN_OCONNOR } from '../../lib/demo/personas';
import { THREAD_IDS } from '../fixtures/gmail/cases';
import {
  type launchWithExtension,
  type startFixtureServer,
  textSizes,
  launchWithSampleData,
  overrideIfAsked,
} from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const DANA_PROFILE = { url: DANA_WHITFIELD.linkedinUrl, file: 'linkedin/profile-classic.html' };
const DANA_THREAD = {
  url: `https://mail.google.com/mail/u/0/#inbox/${THREAD_IDS.simple}`,
  file: 'gmail/thread-simple.html',
};
const SIOBHAN_PAGE = { url: SIOBHAN_OCONNOR.linkedinUrl, file: 'linkedin/profile-late.html' };
const PRIYA_PAGE = { url: 'https://www.linkedin.com/in/priya-raman-4b1a7/', file: 'linkedin/profile-hashed.html' };

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

/**
 * axe-core's own browser build, evaluated in each page (it runs there, not in Node). Not as a
 * script tag: the extension's pages allow only their own scripts (CSP `script-src 'self'`).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Serious and critical axe violations of a page or frame (WCAG 2.x A and AA, contrast included). */
async function axeProblems(target: Page | Frame): Promise<string[]> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Whether the element is inside the window as the rep sees it, without scrolling. */
async function onFirstScreen(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width;
}

/**
 * The sidebar on one screen, in the built extension: at 1440x900 and 1280x720, for a waiting
 * MQL, a high-intent email, an SQL and someone unknown, the next action is in view without
 * scrolling, and stays in view (sticky) when the rep scrolls. Then axe-core on the sidebar,
 * the popup and the options page, light and dark.
 */
// One browser for the file (each launch costs seconds of CI): the blocks below share it.
let server: Server;
let browser: Launched;
beforeAll(async () => {
  ({ server, browser } = await launchWithSampleData());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the next action on the first screen', () => {
  const open = async ({ url, file }: { url: string; file: string }, size: (typeof SIZES)[number]) => {
    server.serve(url, file);
    const page = await browser.context.newPage();
    await page.setViewportSize(size);
    await page.goto(url);
    const frame = await browser.sidebar(page);
    return { page, frame };
  };

  beforeAll(async () => {
    // Siobhán as an SQL: taken direct to SQL once, as a rep would, with an override.
    const { page, frame } = await open(SIOBHAN_PAGE, SIZES[0]);
    await frame.getByRole('heading', { level: 2, name: SIOBHAN_OCONNOR.name }).waitFor();
    await frame.getByRole('toolbar', { name: 'Next actions' }).getByRole('button', { name: 'Direct to SQL' }).click();
    await frame.getByLabel('How this lead reached SQL').selectOption('direct_outbound');
    await overrideIfAsked(frame, 'Asked for a proposal on the call');
    await frame.getByRole('button', { name: /^(Confirm: accept as SQL|Accept with override)$/ }).click();
    await frame
      .getByText(/^Accepted as SQL \(Direct outbound/)
      .first()
      .waitFor();
    await page.close();
  });

  for (const size of SIZES) {
    const at = `${size.width}x${size.height}`;

    it(`a waiting MQL at ${at}: first touch and the decision in view, and still there after scrolling`, async () => {
      const { page, frame } = await open(DANA_PROFILE, size);
      await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
      const bar = frame.getByRole('toolbar', { name: 'Next actions' });
      const accept = bar.getByRole('button', { name: 'Accept as SQL' });
      await accept.waitFor();
      expect(await onFirstScreen(page, bar.getByRole('button', { name: 'Log first touch' })), at).toBe(true);
      expect(await onFirstScreen(page, accept), at).toBe(true);
      expect(await onFirstScreen(page, frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name })), at).toBe(
        true,
      );
      // Open everything and scroll to the end: the bar stays (sticky).
      await frame.evaluate(() => {
        for (const fold of document.querySelectorAll<HTMLButtonElement>('.fold-head button[aria-expanded="false"]')) {
          fold.click();
        }
      });
      await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      expect(await frame.evaluate(() => window.scrollY), 'the view is long enough to scroll').toBeGreaterThan(0);
      expect(await onFirstScreen(page, accept), `${at}, scrolled`).toBe(true);
      await page.close();
    });

    it(`a high-intent email at ${at}: the signal and the decision in view`, async () => {
      const { page, frame } = await open(DANA_THREAD, size);
      await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
      const intent = frame.getByTestId('intent');
      await intent.waitFor();
      expect(await onFirstScreen(page, intent), at).toBe(true);
      expect(await onFirstScreen(page, frame.getByRole('button', { name: 'Accept as SQL' })), at).toBe(true);
      await page.close();
    });

    it(`an SQL at ${at}: its actions in view, no rules "not met"`, async () => {
      const { page, frame } = await open(SIOBHAN_PAGE, size);
      await frame.getByRole('heading', { level: 2, name: SIOBHAN_OCONNOR.name }).waitFor();
      const bar = frame.getByRole('toolbar', { name: 'Next actions' });
      const touch = bar.getByRole('button', { name: 'Log a touch' });
      await touch.waitFor();
      expect(await onFirstScreen(page, touch), at).toBe(true);
      expect(await frame.getByText('Rules not met yet:').count()).toBe(0);
      await page.close();
    });

    it(`someone unknown at ${at}: headed by their name, the add button in view`, async () => {
      const { page, frame } = await open(PRIYA_PAGE, size);
      await frame.getByRole('heading', { level: 2, name: 'Priya Raman' }).waitFor();
      const add = frame.getByRole('button', { name: 'Add as lead' });
      await add.waitFor();
      expect(await onFirstScreen(page, add), at).toBe(true);
      await page.close();
    });
  }
});

describe('the type scale of the sidebar', () => {
  it('has nothing under 12 px, every section open, and the name as the largest text', async () => {
    server.serve(DANA_PROFILE.url, DANA_PROFILE.file);
    const page = await browser.context.newPage();
    await page.goto(DANA_PROFILE.url);
    const frame = await browser.sidebar(page);
    const name = frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name });
    await name.waitFor();
    await frame.evaluate(() => {
      for (const fold of document.querySelectorAll<HTMLButtonElement>('.fold-head button[aria-expanded="false"]')) {
        fold.click();
      }
    });
    await frame.getByRole('list', { name: 'Score explanation' }).waitFor();
    const sizes = await textSizes(frame);
    expect(sizes.length).toBeGreaterThan(50);
    expect(sizes.filter((s) => s.px < 12)).toEqual([]);
    // Nothing wider than the sidebar: no sideways scrolling.
    const widths = await frame.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    const largest = Math.max(...sizes.map((s) => s.px));
    expect(await name.evaluate((h) => Number.parseFloat(getComputedStyle(h).fontSize))).toBe(largest);
    await page.close();
  });
});

describe('accessibility (axe-core): no serious or critical violation, light and dark', () => {
  it('finds a violation when there is one (a check that cannot fail proves nothing)', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.url('popup.html'));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.textContent = 'Barely there';
      faint.style.color = '#f4f4f4';
      faint.style.background = '#ffffff';
      document.body.append(document.createElement('img'), faint);
    });
    const problems = await axeProblems(page);
    expect(problems.some((p) => p.startsWith('image-alt'))).toBe(true);
    expect(problems.some((p) => p.startsWith('color-contrast'))).toBe(true);
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the sidebar on a known lead and on someone unknown (${scheme})`, async () => {
      for (const [target, name] of [
        [DANA_PROFILE, DANA_WHITFIELD.name],
        [PRIYA_PAGE, 'Priya Raman'],
      ] as const) {
        server.serve(target.url, target.file);
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(target.url);
        const frame = await browser.sidebar(page);
        await frame.getByRole('heading', { level: 2, name }).waitFor();
        await frame
          .locator('[aria-busy="true"]')
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => {});
        expect(await axeProblems(frame), `${target.file} (${scheme})`).toEqual([]);
        await page.close();
      }
    });

    it(`the popup and the options page (${scheme})`, async () => {
      for (const path of ['popup.html', 'options.html']) {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(browser.url(path));
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page
          .locator('[aria-busy="true"]')
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => {});
        expect(await axeProblems(page), `${path} (${scheme})`).toEqual([]);
        await page.close();
      }
    });
  }
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD } from '../../lib/demo/personas';
import {
  FIREFOX_EXTENSION_DIR,
  FIREFOX_FIXTURE_PORT,
  type FirefoxExtensionBrowser,
  firefoxUnavailable,
  launchFirefoxWithExtension,
} from '../../scripts/lib/firefox';
import { THREAD_IDS } from '../fixtures/gmail/cases';
import { startFixtureServer } from './harness';

type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const DANA_PROFILE = { url: 'https://www.linkedin.com/in/dana-whitfield/', file: 'linkedin/profile-classic.html' };
const DANA_THREAD = {
  url: `https://mail.google.com/mail/u/0/#inbox/${THREAD_IDS.simple}`,
  file: 'gmail/thread-simple.html',
};

// A developer's machine without firefox-esr (or port 443) skips, saying why; CI installs it
// and runs as root (.ci/run), so there a missing Firefox fails instead of passing unseen.
const unavailable = firefoxUnavailable();
if (unavailable && process.env.CI) throw new Error(unavailable);

/** The Firefox build's manifest (tests/e2e/global-setup.ts builds it where Firefox can run). */
function firefoxManifest(): { sidebar_action?: { default_panel?: string } } {
  const file = join(FIREFOX_EXTENSION_DIR, 'manifest.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** Waits until the frame's text matches. */
async function waitForText(frame: Frame, pattern: RegExp, timeout = 10_000): Promise<void> {
  await frame.waitForFunction(
    (source) => new RegExp(source).test(document.body.textContent ?? ''),
    { timeout },
    pattern.source,
  );
}

/** Waits for the sidebar's main heading (h2) to name someone; fails with what it shows instead. */
async function waitForHeading(frame: Frame, name: string): Promise<void> {
  try {
    await frame.waitForFunction(
      (expected) => [...document.querySelectorAll('h2')].some((h) => h.textContent === expected),
      { timeout: 10_000 },
      name,
    );
  } catch (error) {
    const shown = await frame.evaluate(() => document.body.textContent).catch(() => null);
    throw new Error(`Expected ${name}, the sidebar shows: ${shown}`, { cause: error });
  }
}

/**
 * Clicks the button named exactly so, once enabled (a held decision's confirmation arms after a
 * pause). By text: puppeteer's ARIA queries need CDP, which Firefox does not speak.
 */
async function clickButton(frame: Frame, name: string): Promise<void> {
  const handle = await frame.waitForFunction(
    (expected) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === expected && !b.disabled),
    { timeout: 10_000 },
    name,
  );
  const button = handle.asElement() as ElementHandle<Element> | null;
  if (!button) throw new Error(`No button "${name}"`);
  await button.click();
}

async function isOpen(page: Page): Promise<boolean> {
  // The page's root gets the sidebar's width as a margin while it is open.
  return page.evaluate(() => getComputedStyle(document.documentElement).marginRight === '360px');
}

/**
 * The core cases of the Chromium suite in Debian's Firefox ESR, on the Firefox build: the same
 * content scripts, frame and IndexedDB, through Gecko's extension APIs.
 */
describe.skipIf(unavailable)(
  `the Firefox build in Firefox ESR${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let server: Server;
    let firefox: FirefoxExtensionBrowser;

    const open = async ({ url, file }: { url: string; file: string }): Promise<{ page: Page; frame: Frame }> => {
      server.serve(url, file);
      const page = await firefox.browser.newPage();
      await page.goto(url);
      return { page, frame: await firefox.sidebar(page) };
    };

    beforeAll(async () => {
      server = await startFixtureServer({ port: FIREFOX_FIXTURE_PORT });
      firefox = await launchFirefoxWithExtension();
      // The popup is opened from the sidebar's frame (scripts/lib/firefox.ts, openPage says why).
      const { page, frame } = await open(DANA_THREAD);
      const popup = await firefox.loadSampleData(frame);
      // This file tests the frame; LinkedIn's default is the side panel, out of puppeteer's reach.
      await firefox.setSidebarMode(popup, { linkedin: 'frame' });
      await popup.close();
      await page.close();
    });
    afterAll(async () => {
      await firefox?.close();
      await server?.close();
    });

    it('shows a known lead on LinkedIn, beside the page', async () => {
      const { page, frame } = await open(DANA_PROFILE);
      await waitForHeading(frame, DANA_WHITFIELD.name);
      await frame.waitForFunction(() => [...document.querySelectorAll('h3')].some((h) => h.textContent === 'Score'));
      const text = await frame.evaluate(() => document.body.textContent ?? '');
      expect(text).toContain(DANA_WHITFIELD.company.name);
      expect(text).toContain(DANA_WHITFIELD.owner);
      expect(await isOpen(page)).toBe(true);
      await page.close();
    });

    it('shows the prospect of a Gmail thread', async () => {
      const { page, frame } = await open(DANA_THREAD);
      await waitForHeading(frame, DANA_WHITFIELD.name);
      await waitForText(frame, /MQL/);
      expect(await isOpen(page)).toBe(true);
      await page.close();
    });

    it('stores a decision made in the Gmail thread and shows it on the next visit', async () => {
      const first = await open(DANA_THREAD);
      await waitForHeading(first.frame, DANA_WHITFIELD.name);
      await clickButton(first.frame, 'Reject');
      const form = 'form[aria-label="Reject"]';
      await (await first.frame.waitForSelector(`${form} select`))?.select('bad_timing');
      await first.frame.type(`${form} textarea`, 'Re-org until spring');
      await clickButton(first.frame, 'Confirm rejection');
      // Firefox has no IntersectionObserver v2 to prove the page is not drawing over the frame,
      // so the sidebar asks the rep to confirm (Chromium records at once).
      await clickButton(first.frame, 'Yes, record it');
      await waitForText(first.frame, /Rejected: Bad timing, recycled recorded\./);
      await first.page.close();

      // A fresh page and frame read it back from the extension's store.
      const again = await open(DANA_THREAD);
      await waitForHeading(again.frame, DANA_WHITFIELD.name);
      const history = await again.frame.waitForSelector('ol.decision-history');
      const decided = await history?.evaluate((list) => list.textContent ?? '');
      expect(decided).toContain('Rejected: Bad timing, recycled');
      expect(decided).toContain('In force');
      expect(await again.frame.evaluate(() => document.body.textContent ?? '')).toContain('Re-org until spring');
      await again.page.close();
    });

    // Issue 16's side panel: Firefox's is `sidebar_action`. Until the build declares one there is
    // nothing to open; once it does, its panel must exist in the build and render.
    it.skipIf(!firefoxManifest().sidebar_action)('declares the sidebar_action panel, which renders', async () => {
      const panel = firefoxManifest().sidebar_action?.default_panel;
      expect(panel).toBeTruthy();
      const { page, frame } = await open(DANA_THREAD);
      const tab = await firefox.openPage(frame, panel ?? '');
      // The same sidebar as the frame's (components/sidebar/host.tsx), here in a tab of its own.
      await tab.waitForSelector('aside[aria-label="Handoff"]', { timeout: 10_000 });
      await tab.close();
      await page.close();
    });
  },
);

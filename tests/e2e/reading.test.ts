import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageSideFiles } from '../../bench/lib/bundle';
import { DANA_WHITFIELD, MARCUS_FELD } from '../../lib/demo/personas';
import { readSnapshotMeta } from '../../lib/sites/snapshot';
import { EXTENSION_DIR, type launchWithExtension, type startFixtureServer, launchWithSampleData } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const DANA_URL = 'https://www.linkedin.com/in/dana-whitfield/';

/**
 * What a rep does when the sidebar read the page wrong, in the built extension: "Wrong
 * person?" with the right lead picked (remembered for the page), and a redacted snapshot of
 * the page saved for a bug report.
 */
describe('reading the page wrong, and putting it right', () => {
  let server: Server;
  let browser: Launched;

  const open = async (url: string, file: string): Promise<Page> => {
    server.serve(url, file);
    const page = await browser.context.newPage();
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

  it('"Wrong person?": the rep picks the right lead, and the page shows them from then on', async () => {
    const page = await open(DANA_URL, 'linkedin/profile-classic.html');
    let frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    // How the page was read, in words.
    await frame.getByText(/from the address bar/).waitFor();

    await frame.getByRole('button', { name: 'Wrong person?' }).click();
    await frame.getByRole('heading', { name: 'Who is this?' }).waitFor();
    // Dana's lead, and with it every way to record something on her, is gone at once.
    expect(await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).count()).toBe(0);
    expect(await frame.getByRole('button', { name: /Accept as SQL|Reject/ }).count()).toBe(0);

    await frame.getByLabel('Search leads').fill('Marcus');
    await frame.getByRole('button', { name: 'Search', exact: true }).click();
    await frame.getByRole('button', { name: new RegExp(MARCUS_FELD.name) }).click();
    await frame.getByRole('heading', { level: 2, name: MARCUS_FELD.name }).waitFor();
    await frame.getByText(`You said this page is ${MARCUS_FELD.name}.`).waitFor();

    // Remembered in the extension's storage: a reload of the page shows Marcus, not Dana.
    await page.reload();
    frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: MARCUS_FELD.name }).waitFor();
    expect(await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).count()).toBe(0);

    // Forgetting the correction gives the page's own reading back.
    await frame.getByRole('button', { name: 'Forget the correction' }).click();
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    await page.close();
  });

  it('saves a redacted copy of the page for a bug report, after showing what it holds', async () => {
    const page = await open(DANA_URL, 'linkedin/profile-classic.html');
    const frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    await frame.getByRole('button', { name: 'Wrong person?' }).click();
    await frame.getByRole('button', { name: 'Save this page for a bug report' }).click();
    await frame
      .getByRole('heading', { name: 'What the file contains' })
      .waitFor({ timeout: 10_000 })
      .catch(async (error) => {
        throw new Error(`no preview; the sidebar says: ${await frame.locator('.snapshot').textContent()}`, {
          cause: error,
        });
      });
    const shown = await frame.getByLabel('The file, as it will be saved').inputValue();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      frame.getByRole('button', { name: 'Save file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^handoff-linkedin-\d{4}-\d{2}-\d{2}\.html$/);
    const path = await download.path();
    const saved = readFileSync(path, 'utf8');
    expect(saved).toBe(shown);
    await frame.getByText(/Saved as handoff-linkedin-.*in your downloads/).waitFor();

    // The page's people and their addresses are gone; the page's structure and where it came from stay.
    for (const secret of ['Dana', 'Whitfield', 'dana-whitfield', 'Northwind', DANA_WHITFIELD.email]) {
      expect(saved.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(saved).toContain('<h1');
    const meta = readSnapshotMeta(saved);
    expect(meta?.site).toBe('linkedin');
    expect(meta?.url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[^/]+\/$/);
    expect(meta?.url).not.toBe(DANA_URL);
    // Our own sidebar is not part of the page.
    expect(saved).not.toContain('handoff-sidebar');
    expect(saved).not.toContain('Who is this?');
    await page.close();
  });

  it('keeps every page-side bundle at or under 30 KB (the readers and their layers included)', () => {
    for (const [site, files] of Object.entries(pageSideFiles(EXTENSION_DIR))) {
      const bytes = files.reduce((sum, file) => sum + statSync(join(EXTENSION_DIR, file)).size, 0);
      expect(bytes, `${site}: ${files.join(', ')}`).toBeLessThanOrEqual(30_000);
    }
  });
});

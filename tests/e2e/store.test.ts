import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;

// What these tests call inside the browser (they run there, not in Node).
declare const chrome: {
  runtime: {
    getURL(path: string): string;
    getManifest(): { icons?: Record<string, string>; action?: { default_icon?: Record<string, string> } };
  };
};

/**
 * What the stores look at, in the built extension: the icons the manifest names are in the
 * package (the toolbar shows ours, not a placeholder), and the privacy policy opens from the
 * options page as a static page that the extension's CSP lets render, in light and dark.
 */
describe('the store package in Chromium', () => {
  let browser: Launched;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.context.on('weberror', (error) => errors.push(String(error.error())));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names its icons and the toolbar icon in the manifest, and ships each as a PNG', async () => {
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    expect(Object.keys(manifest.icons ?? {})).toEqual(['16', '32', '48', '128']);
    expect(Object.keys(manifest.action?.default_icon ?? {})).toEqual(['16', '32']);

    const paths = [...Object.values(manifest.icons ?? {}), ...Object.values(manifest.action?.default_icon ?? {})];
    const page = await browser.context.newPage();
    await page.goto(browser.url('popup.html'));
    const answers = await page.evaluate(
      (list) =>
        Promise.all(
          list.map(async (path) => {
            const response = await fetch(chrome.runtime.getURL(path));
            return { path, status: response.status, type: response.headers.get('content-type') };
          }),
        ),
      paths,
    );
    for (const answer of answers) expect(answer, answer.path).toMatchObject({ status: 200, type: 'image/png' });
    await page.close();
  });

  it('opens the privacy policy from the options page, in a new tab, rendered without script', async () => {
    const options = await browser.context.newPage();
    options.on('pageerror', (error) => errors.push(`options: ${error.message}`));
    await options.goto(browser.url('options.html'));
    const link = options.getByRole('link', { name: 'Privacy policy' });
    const [policy] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    const console: string[] = [];
    policy.on('console', (message) => {
      if (message.type() === 'error') console.push(message.text());
    });
    await policy.waitForLoadState();
    expect(policy.url()).toBe(browser.url('privacy.html'));
    await policy.getByRole('heading', { level: 1, name: 'Handoff privacy policy' }).waitFor();
    await policy.getByText('Nothing else leaves the browser.').waitFor();
    // The mark beside the title loads from the package.
    await expect
      .poll(() => policy.locator('header img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(48);

    // Its own colours follow the system's scheme, as the extension's pages do (base.css).
    const background = () => policy.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await policy.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await policy.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(21, 24, 28)');

    expect(console).toEqual([]);
    await policy.close();
    await options.close();
  });

  it('ran without uncaught errors in any of its pages', () => {
    expect(errors).toEqual([]);
  });
});

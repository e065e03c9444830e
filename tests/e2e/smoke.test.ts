import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { launchWithExtension } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;

// What these tests call inside the browser (they run there, not in Node).
declare const chrome: {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    getManifest(): {
      manifest_version: number;
      name: string;
      permissions?: string[];
      host_permissions?: string[];
      optional_host_permissions?: string[];
      optional_permissions?: string[];
      side_panel?: { default_path?: string };
      content_scripts?: { matches?: string[] }[];
    };
  };
};

/**
 * The built extension in Debian's Chromium: the service worker starts, answers over the
 * typed protocol with its database open, and an extension page writes to the same
 * IndexedDB (the extension's origin) the background reads.
 */
describe('the built extension in Chromium', () => {
  let browser: Launched;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.context.on('weberror', (error) => errors.push(String(error.error())));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts its background service worker from the manifest', async () => {
    expect(browser.worker.url()).toBe(browser.url('background.js'));
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('Handoff');
    // Fewest permissions: storage (session page states, the collapsed choice), alarms (team
    // sync's schedule) and scripting (the page snapshot, injected only when the rep asks); the
    // sites as host permissions are exactly the content scripts' own matches, nothing more; the
    // sync server's origin only when the rep turns sync on, and only over https in a build we ship.
    // `sidePanel` comes with the side panel entrypoint (the browser's own panel; it warns of nothing at install).
    expect(manifest.permissions ?? []).toEqual(['storage', 'alarms', 'scripting', 'sidePanel']);
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    const contentMatches = (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...new Set(contentMatches)].sort());
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    // Notifications only when the rep turns one on (options page, Alerts).
    expect(manifest.optional_permissions).toEqual(['notifications']);
  });

  it('offers plain http to localhost for sync only in a development build', async () => {
    const manifest = async (mode: string) => {
      const make = config.manifest;
      if (typeof make !== 'function') throw new Error('wxt.config.ts: manifest is a function of the build');
      const env = { mode, command: 'build', browser: 'chrome', manifestVersion: 3 } as const;
      return (await make(env)).optional_host_permissions;
    };
    expect(await manifest('production')).toEqual(['https://*/*']);
    expect(await manifest('development')).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  });

  it('answers health.ping from an extension page, with its database open', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(browser.url('popup.html'));
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'health.ping', payload: {} }));
    expect(reply).toEqual({ ok: true, value: { version: '0.1.0', database: 'ok', leads: 0 } });

    const refused = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'leads.dump', payload: {} }));
    expect(refused).toEqual({ ok: false, error: 'Unknown message type "leads.dump"' });
    await page.close();
  });

  it('loads the sample data from the popup, and the background sees the same database', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(browser.url('popup.html'));
    await page.getByText('0 leads in this browser').waitFor();
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await page.getByText('100 leads in this browser').waitFor({ timeout: 30_000 });

    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'health.ping', payload: {} }));
    expect(reply).toMatchObject({ ok: true, value: { database: 'ok', leads: 100 } });
    await page.close();
  });

  it('ran without uncaught errors in any of its pages', () => {
    expect(errors).toEqual([]);
  });
});

// Starts Debian's Firefox ESR with the built Firefox extension (.output/firefox-mv3), driven by
// puppeteer-core over WebDriver BiDi (Playwright's Firefox is a patched build it must download,
// and this machine cannot). The e2e tests' Firefox counterpart of scripts/lib/chromium.ts.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { FIXTURE_HOSTS } from './fixture-server';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3');
/** The add-on id the build declares (wxt.config.ts, browser_specific_settings.gecko.id). */
const ADDON_ID = 'handoff@handoff.dev';

/** The port the fixture server must take for Firefox (see {@link launchFirefoxWithExtension}). */
export const FIREFOX_FIXTURE_PORT = 443;

/** Why the Firefox tests cannot run on this machine, or null when they can. */
export function firefoxUnavailable(): string | null {
  const missing = missingFirefox();
  if (missing) return missing;
  if (process.getuid?.() !== 0 && unprivilegedPortStart() > FIREFOX_FIXTURE_PORT) {
    return `The fixture server needs port ${FIREFOX_FIXTURE_PORT}: run as root (CI does) or lower net.ipv4.ip_unprivileged_port_start.`;
  }
  return null;
}

function missingFirefox(): string | null {
  return existsSync(FIREFOX_PATH)
    ? null
    : `No Firefox at ${FIREFOX_PATH}: install Debian's firefox-esr (.ci/run does) or set FIREFOX_PATH.`;
}

function unprivilegedPortStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
  } catch {
    return 1024;
  }
}

export interface FirefoxLaunchOptions {
  /** The built extension to install; default {@link FIREFOX_EXTENSION_DIR}. */
  extensionDir?: string;
  /** Default true. */
  headless?: boolean;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** `moz-extension://<uuid>/<path>` */
  url(path: string): string;
  /**
   * Opens one of our pages in a new tab from an extension frame (the sidebar's): WebDriver
   * BiDi refuses to navigate a tab to moz-extension:// and reports no load for it, but an
   * extension page may open its own pages. Resolves once the page's document is ready.
   */
  openPage(from: Frame, path: string): Promise<Page>;
  /**
   * Loads the bundled sample data from the popup, as a user does (kept if already loaded),
   * opened from an extension frame ({@link openPage}), and returns the popup page.
   */
  loadSampleData(from: Frame): Promise<Page>;
  /**
   * Saves the sidebar mode per site from one of our pages, as the sidebar's header control does
   * (`sidebar.setMode`). LinkedIn defaults to the side panel, which puppeteer cannot reach:
   * tests of the frame on LinkedIn set `{ linkedin: 'frame' }`.
   */
  setSidebarMode(
    from: Page | Frame,
    modes: Partial<Record<'linkedin' | 'gmail' | 'outlook', 'panel' | 'frame'>>,
  ): Promise<void>;
  /** The sidebar frame of a page (our extension page framed in it), once it exists. */
  sidebar(page: Page, timeout?: number): Promise<Frame>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A frame's own location: over BiDi, puppeteer reports a moz-extension frame as about:blank. */
async function locationOf(frame: Frame): Promise<string | null> {
  try {
    return await frame.evaluate(() => location.href);
  } catch {
    // Detached or not yet scriptable.
    return null;
  }
}

/**
 * Firefox with the extension installed (as a temporary add-on) and the fixture hosts resolved
 * to 127.0.0.1: the fixture server must listen there on {@link FIREFOX_FIXTURE_PORT}, since
 * Firefox maps names to an address and has no port mapping like Chromium's --host-resolver-rules.
 */
export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionBrowser> {
  const missing = missingFirefox();
  if (missing) throw new Error(missing);
  // Firefox gives each install a random moz-extension UUID, and nothing over BiDi reports it.
  // It reads this pref first, so we choose the UUID and know the extension pages' URLs.
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless ?? true,
    // The fixture server's certificate is self-signed for the fixture hosts.
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.localDomains': FIXTURE_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
    },
  });
  try {
    await browser.installExtension(resolve(options.extensionDir ?? FIREFOX_EXTENSION_DIR));
  } catch (error) {
    await browser.close();
    throw error;
  }
  const url = (path: string) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;

  const openPage = async (from: Frame, path: string): Promise<Page> => {
    const before = new Set(await browser.pages());
    const target = url(path);
    await from.evaluate((href) => {
      window.open(href, '_blank');
    }, target);
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(50)) {
      for (const page of await browser.pages()) {
        if (before.has(page)) continue;
        const frame = page.mainFrame();
        if ((await locationOf(frame)) === target && (await frame.evaluate(() => document.readyState)) === 'complete') {
          return page;
        }
      }
    }
    throw new Error(`${path} did not open from ${await locationOf(from)}`);
  };

  return {
    browser,
    url,
    openPage,
    async loadSampleData(from) {
      const popup = await openPage(from, 'popup.html');
      const total = () => popup.$eval('[data-testid="lead-total"]', (el) => el.textContent ?? '');
      await popup.waitForSelector('[data-testid="lead-total"]');
      if ((await total()).startsWith('0 ')) {
        await popup.locator('button::-p-text(Load sample data)').click();
        // Not the lead count, which moves before the events are in: the load's own end.
        await popup.waitForFunction(() => (document.body.textContent ?? '').includes('Sample data loaded:'), {
          timeout: 60_000,
        });
      }
      await popup.waitForFunction(
        () => /^100 leads/.test(document.querySelector('[data-testid="lead-total"]')?.textContent ?? ''),
        { timeout: 30_000 },
      );
      return popup;
    },
    async setSidebarMode(from, modes) {
      for (const [site, mode] of Object.entries(modes)) {
        const reply = await from.evaluate(
          (payload) =>
            (
              globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
            ).browser.runtime.sendMessage({ type: 'sidebar.setMode', payload }),
          { site, mode },
        );
        if ((reply as { ok?: boolean } | undefined)?.ok !== true) {
          throw new Error(`Could not set the sidebar mode: ${JSON.stringify(reply)}`);
        }
      }
    },
    async sidebar(page, timeout = 15_000) {
      // The frame sits in a closed shadow root: find it among the page's frames, by its own location.
      const prefix = url('sidebar.html');
      for (const deadline = Date.now() + timeout; Date.now() < deadline; await sleep(50)) {
        for (const frame of page.frames()) {
          if (frame !== page.mainFrame() && (await locationOf(frame))?.startsWith(prefix)) return frame;
        }
      }
      throw new Error(`No sidebar frame on ${page.url()}`);
    },
    close: () => browser.close(),
  };
}

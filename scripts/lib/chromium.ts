// Starts a Chromium that loads extensions (scripts/lib/find-chromium.ts says which) with the
// built extension. Shared by the demo (scripts/demo.ts) and the end-to-end tests (tests/e2e/harness.ts).
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Frame, type Page, type Worker, chromium } from 'playwright-core';
import { type ChromiumLookup, findChromium } from './find-chromium';

/** This machine's Chromium: `CHROMIUM_PATH`, else the first found where the OS and the browser caches keep one. */
export const CHROMIUM: ChromiumLookup = findChromium({
  platform: process.platform,
  env: process.env,
  home: homedir(),
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
});
/** Its path; when none was found, the first place looked (the benchmark's machine note prints it). */
export const CHROMIUM_PATH = CHROMIUM.found ? CHROMIUM.path : (CHROMIUM.looked[0] ?? 'chromium');
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Throws the finder's message (what was looked for, how to get one) when there is no Chromium: tests must fail, not skip. */
export function assertChromium(): void {
  if (!CHROMIUM.found) throw new Error(CHROMIUM.message);
}

export interface LaunchOptions {
  /** Real host names to send to a local server: `['www.linkedin.com', ...]` with `port`. */
  hosts?: readonly string[];
  port?: number;
  userDataDir?: string;
  /** Default true; the demo passes false when a display is available. */
  headless?: boolean;
  /** The built extension to load; default {@link EXTENSION_DIR}. The benchmark builds its own elsewhere. */
  extensionDir?: string;
  /** More Chromium switches. */
  args?: readonly string[];
  /**
   * Where the sidebar shows per site, set through the extension before the first page opens.
   * LinkedIn defaults to the browser's side panel, which nothing can click or frame-inspect:
   * suites about the frame on LinkedIn pass `{ linkedin: 'frame' }`.
   */
  sidebarMode?: Partial<Record<'linkedin' | 'gmail' | 'outlook', 'panel' | 'frame'>>;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** `chrome-extension://<id>/<path>` */
  url(path: string): string;
  /**
   * Loads the bundled sample data from the popup, as a user does (kept if already loaded),
   * and returns the popup page, showing its lead count.
   */
  loadSampleData(): Promise<Page>;
  /** The sidebar frame of a page (our extension page framed in it), once it exists. */
  sidebar(page: Page, timeout?: number): Promise<Frame>;
  close(): Promise<void>;
}

/** The switches every launch shares, plus loading the extension unless `extensionDir` is `null`. */
function chromiumArgs(options: LaunchOptions, extensionDir: string | null): string[] {
  const args = [
    '--no-sandbox',
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    // This machine has no network: keep Chromium from calling Google's services at start.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  // The new headless mode runs extensions; Playwright's own headless switch picks the old
  // one, so we ask for a headful launch and pass --headless=new ourselves.
  if (options.headless ?? true) args.push('--headless=new', '--disable-gpu');
  if (options.hosts?.length && options.port) {
    const rules = options.hosts.map((host) => `MAP ${host} 127.0.0.1:${options.port}`).join(', ');
    // The fixture server's certificate is self-signed for these names.
    args.push(`--host-resolver-rules=${rules}`, '--ignore-certificate-errors');
  }
  return [...args, ...(options.args ?? [])];
}

/**
 * Saves one site's sidebar mode as the sidebar's own header control does (`sidebar.setMode`),
 * from `page`, one of our extension pages.
 */
export async function sendSidebarMode(page: Page, site: string, mode: 'panel' | 'frame'): Promise<void> {
  const reply = await page.evaluate(
    (payload) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'sidebar.setMode',
        payload,
      }),
    { site, mode },
  );
  if ((reply as { ok?: boolean } | undefined)?.ok !== true)
    throw new Error(`Could not set the sidebar mode: ${JSON.stringify(reply)}`);
}

/**
 * Saves where the sidebar links CRM records, through the options page's "CRM links" section
 * as a rep does: the demo and the end-to-end tests link the sample leads' CRM ids
 * (`SAMPLE_CRM_SETTINGS` in lib/demo/personas.ts); with `rep`, also who the rep is ("You").
 */
export async function saveCrmSettings(
  browser: Pick<ExtensionBrowser, 'context' | 'url'>,
  crm: { hubspotPortalId?: string; salesforceInstanceUrl?: string },
  rep?: { name: string; email: string },
): Promise<void> {
  const options = await browser.context.newPage();
  try {
    await options.goto(browser.url('options.html'));
    const section = options.getByRole('region', { name: 'CRM links' });
    if (crm.hubspotPortalId) await section.getByLabel('HubSpot portal id').fill(crm.hubspotPortalId);
    if (crm.salesforceInstanceUrl) await section.getByLabel('Salesforce address').fill(crm.salesforceInstanceUrl);
    if (rep) {
      // Who the rep is: the queue opens on their own leads, claims and notifications name them.
      const you = options.getByRole('region', { name: 'You and your company' });
      await you.getByLabel('Your name').fill(rep.name);
      await you.getByLabel('Your email').fill(rep.email);
    }
    await options.getByRole('button', { name: 'Save settings' }).click();
    await options.getByText('Saved.').waitFor();
  } finally {
    await options.close();
  }
}

/** Saves the sidebar modes before the first page opens, from a page of ours opened for it. */
async function setSidebarMode(
  context: BrowserContext,
  pageUrl: string,
  modes: NonNullable<LaunchOptions['sidebarMode']>,
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(pageUrl);
    for (const [site, mode] of Object.entries(modes)) await sendSidebarMode(page, site, mode);
  } finally {
    await page.close();
  }
}

function launch(userDataDir: string, args: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args,
    viewport: { width: 1280, height: 800 },
  });
}

/**
 * The same Chromium, switches and fixture hosts as {@link launchWithExtension}, without the
 * extension: what the benchmark compares a page against.
 */
export async function launchWithoutExtension(
  options: Omit<LaunchOptions, 'extensionDir'> = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  assertChromium();
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'handoff-chromium-')));
  const context = await launch(userDataDir, chromiumArgs(options, null));
  return {
    context,
    async close() {
      await context.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  assertChromium();
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'handoff-chromium-')));
  const context = await launch(userDataDir, chromiumArgs(options, resolve(options.extensionDir ?? EXTENSION_DIR)));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  if (options.sidebarMode) await setSidebarMode(context, url('popup.html'), options.sidebarMode);
  return {
    context,
    worker,
    extensionId,
    url,
    async loadSampleData() {
      const popup = await context.newPage();
      await popup.goto(url('popup.html'));
      const total = popup.getByTestId('lead-total');
      await total.waitFor();
      if ((await total.textContent())?.startsWith('0 ')) {
        await popup.getByRole('button', { name: 'Load sample data' }).click();
        // Not the lead count, which moves before the events are in: the load's own end.
        await popup.getByText(/^Sample data loaded:/).waitFor({ timeout: 60_000 });
      }
      await popup.getByText(/^100 leads/).waitFor({ timeout: 30_000 });
      return popup;
    },
    async sidebar(page, timeout = 15_000) {
      // The frame sits in a closed shadow root, out of reach of selectors (and of the page):
      // find it among the page's frames. Its URL is per-session (use_dynamic_url), so match the path.
      const deadline = Date.now() + timeout;
      for (;;) {
        const frame = page
          .frames()
          .find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar.html'));
        if (frame) return frame;
        if (Date.now() > deadline) throw new Error(`No sidebar frame on ${page.url()}`);
        await page.waitForTimeout(50);
      }
    },
    async close() {
      await context.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

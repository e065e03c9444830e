// Starts Debian's Chromium with the built extension loaded. Shared by the demo
// (scripts/demo.mjs), the end-to-end tests (tests/e2e/harness.ts) and, later, the benchmarks.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Throws a clear error when Chromium is not installed (tests must fail, not skip). */
export function assertChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
}

/**
 * @param {{ hostRules?: string, userDataDir?: string, headless?: boolean }} [options]
 *   hostRules maps real host names to a local server, e.g. `MAP www.linkedin.com 127.0.0.1:8443`.
 *   headless defaults to true; the demo passes false when a display is available.
 */
export async function launchWithExtension(options = {}) {
  assertChromium();
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'handoff-chromium-')));
  const headless = options.headless ?? true;
  const args = [
    '--no-sandbox',
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    // This machine has no network: keep Chromium from calling Google's services at start.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  // The new headless mode runs extensions; Playwright's own headless switch picks the old
  // one, so we ask for a headful launch and pass --headless=new ourselves.
  if (headless) args.push('--headless=new', '--disable-gpu');
  if (options.hostRules) args.push(`--host-resolver-rules=${options.hostRules}`, '--ignore-certificate-errors');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args,
    viewport: { width: 1280, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    /** @param {string} path */
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

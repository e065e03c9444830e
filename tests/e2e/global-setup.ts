import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FIREFOX_EXTENSION_DIR, firefoxUnavailable } from '../../scripts/lib/firefox';
import { EXTENSION_DIR, assertChromium } from './harness';

/**
 * Builds the Chrome extension once before the e2e files run, so they test what a user
 * installs, and the Firefox one where Firefox ESR can run (tests/e2e/firefox.test.ts).
 * Fails loudly when Chromium is missing: a skipped browser test would pass
 * without proving anything (`.ci/run` installs Debian's chromium).
 * HANDOFF_SKIP_BUILD=1 reuses an existing build while iterating on tests.
 */
export default function setup(): void {
  assertChromium();
  const reuse = process.env.HANDOFF_SKIP_BUILD === '1';
  if (!reuse || !existsSync(EXTENSION_DIR)) execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (firefoxUnavailable() || (reuse && existsSync(FIREFOX_EXTENSION_DIR))) return;
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'inherit' });
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { EXTENSION_DIR, assertChromium } from './harness';

/**
 * Builds the Chrome extension once before the e2e files run, so they test what a user
 * installs. Fails loudly when Chromium is missing: a skipped browser test would pass
 * without proving anything (`.ci/run` installs Debian's chromium).
 * HANDOFF_SKIP_BUILD=1 reuses an existing build while iterating on tests.
 */
export default function setup(): void {
  assertChromium();
  if (process.env.HANDOFF_SKIP_BUILD === '1' && existsSync(EXTENSION_DIR)) return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
}

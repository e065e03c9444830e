import type { Frame, Locator, Page } from 'playwright-core';

// Typed entry to the shared launcher and fixture server, so e2e tests and the demo start the same way.
import { launchWithExtension } from '../../scripts/lib/chromium';
import { FIXTURE_HOSTS, startFixtureServer } from '../../scripts/lib/fixture-server';

export {
  CHROMIUM_PATH,
  EXTENSION_DIR,
  assertChromium,
  launchWithExtension,
  saveCrmSettings,
} from '../../scripts/lib/chromium';
export { FIXTURE_HOSTS, startFixtureServer } from '../../scripts/lib/fixture-server';

/**
 * The font size of every element that shows text of its own, in a page or frame: for the type
 * scale checks (nothing under 12 px). Visually hidden text (1 px boxes) is for screen readers,
 * not read by the eye, and is left out.
 */
export const textSizes = (target: Page | Frame) =>
  target.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        const rect = el.getBoundingClientRect();
        return own && rect.width > 1 && rect.height > 1;
      })
      .map((el) => ({
        text: el.textContent?.trim().slice(0, 40),
        px: Number.parseFloat(getComputedStyle(el).fontSize),
      })),
  );

/**
 * What most end-to-end files start with: the fixture server, Chromium with the extension
 * mapped onto it (the frame on LinkedIn too, since those suites look into the frame), and
 * the sample data loaded the way a user does, from the popup.
 */
export async function launchWithSampleData() {
  const server = await startFixtureServer();
  const browser = await launchWithExtension({
    hosts: FIXTURE_HOSTS,
    port: server.port,
    sidebarMode: { linkedin: 'frame' },
  });
  await (await browser.loadSampleData()).close();
  return { server, browser };
}

/** The accept form's submit button: its name says whether the lead is below the SQL bar. */
export const ACCEPT_SUBMIT = /^(Confirm: accept as SQL|Accept with override)$/;

/**
 * Fills the accept form's override note when the form asks for one (the lead is below the SQL
 * bar), once the form is on screen: read before it renders, the field would seem absent.
 */
export async function overrideIfAsked(scope: Frame | Locator, note: string): Promise<void> {
  await scope.getByRole('button', { name: ACCEPT_SUBMIT }).waitFor();
  const override = scope.getByLabel(/Override: why accept anyway/);
  if ((await override.count()) > 0) await override.fill(note);
}

#!/usr/bin/env node
// `npm run demo`: builds the extension, opens it in a Chromium that loads extensions (see
// scripts/lib/find-chromium.ts) on the bundled sample data, and shows a newcomer what Handoff
// does on demo pages (saved LinkedIn and Gmail pages served under their real host names): a
// known lead, an unknown person, a Gmail thread. With a display it leaves the browser open;
// without one (a server, CI) it runs headless and writes screenshots, printing where: the
// store's screenshots (store/screenshots/) among them.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SAMPLE_CRM_SETTINGS, SAMPLE_REP } from '../lib/demo/personas';
import { CHROMIUM, launchWithExtension, saveCrmSettings } from './lib/chromium';
import { FIXTURE_HOSTS, startFixtureServer } from './lib/fixture-server';

/** The demo pages: what each shows, where it lives, its saved page, what the sidebar says when ready. */
const PAGES = [
  {
    name: 'known-lead',
    what: 'a known lead on LinkedIn (Dana Whitfield: score, SLA, profile with marketing’s score and CRM link, timeline)',
    url: 'https://www.linkedin.com/in/dana-whitfield/',
    file: 'linkedin/profile-classic.html',
    ready: 'Dana Whitfield',
  },
  {
    name: 'unknown-person',
    what: 'someone who is not a lead yet, with "Add as lead" pre-filled',
    url: 'https://www.linkedin.com/in/priya-raman-4b1a7/',
    file: 'linkedin/profile-hashed.html',
    ready: 'Priya Raman',
  },
  {
    name: 'gmail-thread',
    what: 'a Gmail thread: the prospect, not the rep or the colleague in cc',
    url: 'https://mail.google.com/mail/u/0/#sent/FMfcgzQZTwPqNhBmTkLcRsVdXyJgHfKb',
    file: 'gmail/thread-rep-last-cc-colleague.html',
    ready: 'Dana Whitfield',
  },
] as const;

const OUT_DIR = resolve('demo-output');
/** The pages' pictures again, for the store listings (store/listing.md): both stores take 1280x800. */
const STORE_DIR = resolve('store/screenshots');
const STORE_SIZE = { width: 1280, height: 800 };
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

// Before the build: a missing browser is the newcomer's first problem, and its fix is one
// command, so say that and stop (no stack trace to read past).
if (!CHROMIUM.found) {
  console.error(CHROMIUM.message);
  process.exit(1);
}
console.log(`Chromium: ${CHROMIUM.path}`);

if (!process.argv.includes('--no-build')) {
  console.log('Building the Chrome extension…');
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
}

const server = await startFixtureServer();
// The demo shows the sidebar beside the page everywhere: the browser's own side panel (the
// default on LinkedIn) opens only from the rep's own gesture, and is not part of a screenshot.
const browser = await launchWithExtension({
  headless,
  hosts: FIXTURE_HOSTS,
  port: server.port,
  sidebarMode: { linkedin: 'frame' },
});
console.log(
  'LinkedIn is shown with the sidebar beside the page here; for reps it opens in the side panel ' +
    '(Alt+Shift+H; settings: "Where the sidebar shows").',
);
try {
  const popup = await browser.loadSampleData();
  console.log(`Loaded: ${await popup.getByTestId('lead-total').textContent()}`);
  // The sample leads' CRM ids link to the (fictional) sample accounts, as a rep's own would
  // once their HubSpot portal id and Salesforce address are in the options;
  // and the rep is Maya, whose queue opens on her own leads (Dana's demo request first).
  await saveCrmSettings(browser, SAMPLE_CRM_SETTINGS, SAMPLE_REP);
  await popup.reload();
  await popup.getByRole('heading', { name: /^First touch due \d+/ }).waitFor();
  // The toolbar badge is browser chrome (no screenshot shows it): said in words instead.
  // The background follows writes once they pause (a second): the badge is read once it has.
  const readBadge = () =>
    popup.evaluate(() =>
      (
        globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
      ).chrome.action.getBadgeText({}),
    );
  let badge = await readBadge();
  for (let tries = 0; badge === '' && tries < 20; tries++) {
    await popup.waitForTimeout(250);
    badge = await readBadge();
  }
  console.log(
    `Toolbar badge: ${badge || 'none'} (leads that need ${SAMPLE_REP.name} now: overdue or due within the hour)`,
  );

  const shots: string[] = [];
  if (headless) {
    await mkdir(OUT_DIR, { recursive: true });
    await mkdir(STORE_DIR, { recursive: true });
    await popup.setViewportSize({ width: 360, height: 480 });
    shots.push(resolve(OUT_DIR, 'popup.png'));
    await popup.screenshot({ path: shots[0] });
  }

  for (const demo of PAGES) {
    server.serve(demo.url, demo.file);
    const page = await browser.context.newPage();
    if (headless) await page.setViewportSize(STORE_SIZE);
    await page.goto(demo.url);
    const sidebar = await browser.sidebar(page);
    await sidebar.getByRole('heading', { level: 2, name: demo.ready }).waitFor({ timeout: 20_000 });
    console.log(`Opened ${demo.url}: ${demo.what}`);
    if (headless) {
      // Let late parts (score, timeline) settle before the picture.
      await page.waitForTimeout(500);
      const shot = resolve(OUT_DIR, `${demo.name}.png`);
      await page.screenshot({ path: shot });
      const storeShot = resolve(STORE_DIR, `${demo.name}.png`);
      await copyFile(shot, storeShot);
      shots.push(shot, storeShot);
      if (demo.name === 'known-lead') {
        // Below the actions: her profile, with marketing's score and the HubSpot link.
        await sidebar.getByTestId('marketing-score').waitFor();
        await sidebar.getByRole('region', { name: 'Profile' }).scrollIntoViewIfNeeded();
        const profileShot = resolve(OUT_DIR, 'known-lead-profile.png');
        await page.screenshot({ path: profileShot });
        shots.push(profileShot);
      }
    }
  }

  if (headless) {
    // The dashboard: the funnel past SQL (opportunities, won, lost, as reps record them) and
    // conversion per source and campaign, on the sample data.
    const dashboard = await browser.context.newPage();
    await dashboard.setViewportSize(STORE_SIZE);
    await dashboard.goto(browser.url('dashboard.html'));
    await dashboard.locator('[data-figure="funnel.opportunities"]').first().waitFor({ timeout: 30_000 });
    const dashboardShot = resolve(OUT_DIR, 'dashboard.png');
    await dashboard.screenshot({ path: dashboardShot, fullPage: true });
    shots.push(dashboardShot);
    await dashboard.close();
    console.log(`No display: ran headless. Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  } else {
    console.log('Chromium is open with Handoff and its sample data. Close the window or press Ctrl+C to end.');
    await new Promise((done) => browser.context.on('close', done));
  }
} finally {
  await browser.close().catch(() => {});
  await server.close();
}

#!/usr/bin/env node
// `npm run demo`: builds the extension, opens it in Debian's Chromium on the bundled sample
// data, and shows a newcomer what Handoff does. With a display it leaves the browser open;
// without one (a server, CI) it runs headless and writes screenshots, printing where.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { launchWithExtension } from './lib/chromium';

const OUT_DIR = resolve('demo-output');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

if (!process.argv.includes('--no-build')) {
  console.log('Building the Chrome extension…');
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
}

const browser = await launchWithExtension({ headless });
try {
  const popup = await browser.context.newPage();
  await popup.goto(browser.url('popup.html'));
  const total = popup.getByTestId('lead-total');
  await total.waitFor();
  if ((await total.textContent())?.startsWith('0 ')) {
    await popup.getByRole('button', { name: 'Load sample data' }).click();
  }
  await popup.getByText(/^100 leads/).waitFor({ timeout: 30_000 });
  console.log(`Loaded: ${await total.textContent()}`);

  if (headless) {
    await mkdir(OUT_DIR, { recursive: true });
    await popup.setViewportSize({ width: 360, height: 260 });
    const shot = resolve(OUT_DIR, 'popup.png');
    await popup.screenshot({ path: shot });
    console.log(`No display: ran headless. Screenshots:\n  ${shot}`);
  } else {
    console.log('Chromium is open with Handoff and its sample data. Close the window or press Ctrl+C to end.');
    await new Promise((done) => browser.context.on('close', done));
  }
} finally {
  await browser.close().catch(() => {});
}

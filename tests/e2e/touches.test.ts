import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD } from '../../lib/demo/personas';
import { THREAD_IDS } from '../fixtures/gmail/cases';
import { type launchWithExtension, launchWithSampleData, type startFixtureServer } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

const GMAIL_REPLY = {
  url: `https://mail.google.com/mail/u/0/#inbox/${THREAD_IDS.simple}`,
  file: 'gmail/sent/reply-inline.html',
};
const LINKEDIN_MESSAGE = { url: DANA_WHITFIELD.linkedinUrl, file: 'linkedin/sent/message-overlay.html' };

/**
 * Touches that log themselves (issue 17, item 7), in the built extension: once the rep opts in
 * on the options page, a reply sent from Gmail to Dana (an MQL waiting for her first touch) is
 * her first touch and stops the SLA clock in the sidebar beside the thread; a LinkedIn message
 * sent to her from the overlay on her profile is logged too. The saved pages' own scripts do
 * what the sites do on send; the clicks and keys are the browser's, trusted, as a rep's are.
 */
describe('touches that log themselves', () => {
  let server: Server;
  let browser: Launched;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await launchWithSampleData());
    server.serve(GMAIL_REPLY.url, GMAIL_REPLY.file);
    server.serve(LINKEDIN_MESSAGE.url, LINKEDIN_MESSAGE.file);
    const options = await browser.context.newPage();
    await options.goto(browser.url('options.html'));
    await options.getByLabel('Log what I send to known leads as touches').check();
    await options.getByRole('button', { name: 'Save settings' }).click();
    await options.getByText('Saved.').waitFor();
    await options.close();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const touches = (frame: Frame) =>
    frame.getByRole('region', { name: 'Call log' }).getByRole('list', { name: 'Touches' }).getByRole('listitem');

  it('a reply sent from Gmail is the first touch: the SLA clock beside the thread stops', async () => {
    await page.goto(GMAIL_REPLY.url);
    const frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    const clock = frame.getByTestId('sla-text');
    await clock.waitFor();
    expect(await clock.textContent()).toMatch(/left for first touch$|^Overdue/);

    await page.getByRole('button', { name: /^Send/ }).click();
    await frame
      .getByTestId('sla-text')
      .filter({ hasText: /^First touch (met|after)/ })
      .waitFor();

    // The touch itself, as the call log lists it: an email, sent, nothing of the message.
    await frame
      .getByRole('toolbar', { name: 'Next actions' })
      .getByRole('button', { name: /^Log (a|first) touch$/ })
      .click();
    await expect.poll(() => touches(frame).allTextContents()).toEqual([expect.stringMatching(/^Email · Sent/)]);
    const [text] = await touches(frame).allTextContents();
    expect(text).toContain('Email sent from Gmail; logged by Handoff from the page.');
    expect(text).not.toContain('pricing for 200 seats');
  });

  it('a LinkedIn message sent with Enter from the overlay on her profile is logged too', async () => {
    await page.goto(LINKEDIN_MESSAGE.url);
    const frame = await browser.sidebar(page);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    await page.getByRole('textbox', { name: 'Write a message…' }).press('Enter');
    await frame
      .getByRole('toolbar', { name: 'Next actions' })
      .getByRole('button', { name: /^Log (a|first) touch$/ })
      .click();
    await expect
      .poll(async () => (await touches(frame).allTextContents()).map((t) => t.split(' · ')[0]))
      .toEqual(['LinkedIn message', 'Email']);
  });
});

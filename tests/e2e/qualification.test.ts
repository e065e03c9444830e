import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD, SIOBHAN_OCONNOR } from '../../lib/demo/personas';
import { THREAD_IDS } from '../fixtures/gmail/cases';
import { FIXTURE_HOSTS, launchWithExtension, startFixtureServer } from './harness';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type Server = Awaited<ReturnType<typeof startFixtureServer>>;

// Siobhán is a lead who never was an MQL (outbound): qualified and taken direct to SQL on LinkedIn.
const SIOBHAN_PAGE = { url: SIOBHAN_OCONNOR.linkedinUrl, file: 'linkedin/profile-late.html' };
// Dana is an MQL: rejected from her Gmail thread.
const DANA_THREAD = {
  url: `https://mail.google.com/mail/u/0/#inbox/${THREAD_IDS.simple}`,
  file: 'gmail/thread-simple.html',
};

// Priya is nobody's lead yet: added and taken straight to SQL in one action.
const PRIYA_PAGE = { url: 'https://www.linkedin.com/in/priya-raman-4b1a7/', file: 'linkedin/profile-hashed.html' };
const CLOSED_MID_EDIT = 'Budget approved for Q3, confirmed by their CFO';

/**
 * Qualification end to end, in the built extension: the rep fills the checklist and
 * accepts one lead, rejects another with a reason, the browser restarts (same profile),
 * and both decisions are there with their history.
 */
describe('qualifying in the sidebar, across a browser restart', () => {
  let server: Server;
  let browser: Launched;
  let profile: string;

  const open = async ({ url, file }: { url: string; file: string }): Promise<{ page: Page; frame: Frame }> => {
    server.serve(url, file);
    const page = await browser.context.newPage();
    await page.goto(url);
    const frame = await browser.sidebar(page);
    return { page, frame };
  };

  beforeAll(async () => {
    server = await startFixtureServer();
    profile = await mkdtemp(join(tmpdir(), 'handoff-profile-'));
    browser = await launchWithExtension({
      hosts: FIXTURE_HOSTS,
      port: server.port,
      sidebarMode: { linkedin: 'frame' },
      userDataDir: profile,
    });
    await (await browser.loadSampleData()).close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('qualifies Siobhán on LinkedIn and takes her direct to SQL', async () => {
    const { page, frame } = await open(SIOBHAN_PAGE);
    await frame.getByRole('heading', { level: 2, name: SIOBHAN_OCONNOR.name }).waitFor();
    // The playbook's bar: budget, authority, need and timeline all confirmed.
    for (const [criterion, status] of [
      ['Budget', 'Confirmed'],
      ['Authority', 'Confirmed'],
      ['Need', 'Confirmed'],
      ['Timeline', 'Confirmed'],
    ] as const) {
      await frame.getByRole('group', { name: criterion }).getByRole('radio', { name: status }).check();
    }
    await frame.getByLabel('Evidence for Need').fill('Forecast misses by 20% every quarter');
    await frame.getByText('Meets the SQL bar').first().waitFor();
    await frame.getByText('Saved').first().waitFor();

    await frame.getByRole('button', { name: 'Direct to SQL' }).click();
    await frame.getByLabel('How this lead reached SQL').selectOption('direct_outbound');
    await frame.getByRole('button', { name: 'Confirm: accept as SQL' }).click();
    await frame.getByText(/^Accepted as SQL \(Direct outbound.*\) recorded\./).waitFor();
    await page.close();
  });

  it('rejects Dana from her Gmail thread with a standardized reason, recycled', async () => {
    const { page, frame } = await open(DANA_THREAD);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    await frame.getByRole('button', { name: 'Reject' }).click();
    await frame.getByLabel('Reason').selectOption('bad_timing');
    await frame.getByLabel('Note (optional)').fill('Re-org until spring');
    await frame.getByRole('button', { name: 'Confirm rejection' }).click();
    await frame.getByText(/^Rejected: Bad timing, recycled recorded\./).waitFor();
    await page.close();
  });

  it('adds Priya, who is not a lead, and takes her straight to SQL in one action', async () => {
    const { page, frame } = await open(PRIYA_PAGE);
    await frame.getByRole('heading', { level: 2, name: 'Priya Raman' }).waitFor();
    await frame.getByText('Not a lead yet').waitFor();
    await frame.getByRole('checkbox', { name: /Take straight to SQL/ }).check();
    await frame.getByLabel('How this person reached SQL').selectOption('direct_inbound');
    await frame.getByRole('group', { name: 'Need' }).getByRole('radio', { name: 'Confirmed' }).check();
    await frame.getByLabel('Evidence for Need').fill('Asked for a demo: renewal of their current tool in March');
    await frame.getByLabel(/Override: why take them to SQL anyway/).fill('Demo request from the VP herself');
    await frame.getByRole('button', { name: 'Add and take to SQL with override' }).click();
    await frame.getByRole('heading', { level: 2, name: 'Priya Raman' }).waitFor();
    await frame.getByText(/^Accepted as SQL \(Direct inbound.*\), override recorded\./).waitFor();
    await page.close();
  });

  it('keeps evidence typed the instant before the tab is closed', async () => {
    const { page, frame } = await open(DANA_THREAD);
    await frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    // Typed, then the tab closed at once: inside the autosave pause, so only the flush on
    // pagehide (a message from a frame being torn down) can save it.
    await frame.getByLabel('Evidence for Budget').fill(CLOSED_MID_EDIT);
    await page.close();
    // The background saves it when the frame's port drops, a write of its own: read it back
    // from a new tab before the next test quits the browser (a quit mid-write is another story).
    const again = await open(DANA_THREAD);
    const evidence = again.frame.getByLabel('Evidence for Budget');
    await expect.poll(() => evidence.inputValue(), { timeout: 30_000 }).toBe(CLOSED_MID_EDIT);
    await again.page.close();
  });

  it('finds both decisions, the checklist and the stages after the browser restarts', async () => {
    await browser.close();
    browser = await launchWithExtension({
      hosts: FIXTURE_HOSTS,
      port: server.port,
      sidebarMode: { linkedin: 'frame' },
      userDataDir: profile,
    });

    const siobhan = await open(SIOBHAN_PAGE);
    await siobhan.frame.getByRole('heading', { level: 2, name: SIOBHAN_OCONNOR.name }).waitFor();
    const accepted = siobhan.frame.getByRole('list', { name: 'History' });
    await accepted.getByText(/^Accepted as SQL \(Direct outbound/).waitFor();
    await accepted.getByText('In force').waitFor();
    // An SQL's checklist is folded under its section: opened as the rep would.
    const fold = siobhan.frame.getByRole('button', { name: 'Qualification' });
    if ((await fold.getAttribute('aria-expanded')) !== 'true') await fold.click();
    const need = siobhan.frame.getByRole('group', { name: 'Need' });
    await need.waitFor();
    expect(await need.getByRole('radio', { name: 'Confirmed' }).isChecked()).toBe(true);
    expect(await siobhan.frame.getByLabel('Evidence for Need').inputValue()).toBe(
      'Forecast misses by 20% every quarter',
    );

    const dana = await open(DANA_THREAD);
    const rejected = dana.frame.getByRole('list', { name: 'History' });
    await rejected.getByText('Rejected: Bad timing, recycled').waitFor();
    await rejected.getByText('Re-org until spring').waitFor();
    expect(await dana.frame.getByLabel('Evidence for Budget').inputValue()).toBe(CLOSED_MID_EDIT);

    const priya = await open(PRIYA_PAGE);
    await priya.frame.getByRole('heading', { level: 2, name: 'Priya Raman' }).waitFor();
    const direct = priya.frame.getByRole('list', { name: 'History' });
    await direct.getByText(/^Accepted as SQL \(Direct inbound/).waitFor();
    await direct.getByText('Override: Demo request from the VP herself').waitFor();
    expect(await priya.frame.getByLabel('Evidence for Need').inputValue()).toBe(
      'Asked for a demo: renewal of their current tool in March',
    );
  });
});

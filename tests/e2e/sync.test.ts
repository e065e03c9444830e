import Papa from 'papaparse';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_WHITFIELD, MARCUS_FELD } from '../../lib/demo/personas';
import { hostPermission } from '../../lib/sync/server-url';
import { LINKEDIN_CASES } from '../fixtures/linkedin/cases';
import { FIXTURE_HOSTS, launchWithExtension, startFixtureServer } from './harness';
import { extensionGranting, startSyncServer, type TestSyncServer } from './sync-server';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;
type FixtureServer = Awaited<ReturnType<typeof startFixtureServer>>;

const profileOf = (name: string) => {
  const found = LINKEDIN_CASES.find((c) => c.expected.kind === 'person' && c.expected.identity.name === name);
  if (!found) throw new Error(`No LinkedIn profile fixture for ${name}`);
  return { url: found.url, file: `linkedin/${found.file}` };
};
// Dana is an MQL in the sample data; Marcus a plain lead at a competitor.
const DANA = profileOf(DANA_WHITFIELD.name);
const MARCUS = profileOf(MARCUS_FELD.name);

const TEAM = 'Brightwave SDRs';
const MAYA = 'Maya Chen';
const TOM = 'Tom Okafor';
const DANA_NOTE = 'Re-org until spring';
const MARCUS_NOTE = 'Product manager at Rivalytics, researching us';

/** One rep: their own Chromium profile with the extension, and their options page kept open. */
interface Rep {
  name: string;
  browser: Launched;
  options: Page;
}

/**
 * Team sync end to end: two reps, each in their own Chromium profile with the built
 * extension, turn sync on in the options page against one real sync server. Only Maya's
 * browser holds leads at first: Tom's gets them through the server. Maya rejects Dana on
 * LinkedIn, Tom sees her decision, reason and name in his sidebar; Tom rejects Marcus and
 * Maya sees his. Marketing reads both, with their reasons, from `GET /v1/dispositions`.
 */
describe('team sync between two browsers', () => {
  let fixtures: FixtureServer;
  let server: TestSyncServer;
  let extension: Awaited<ReturnType<typeof extensionGranting>>;
  let maya: Rep;
  let tom: Rep;
  const errors: string[] = [];

  const watch = (rep: Rep | string, page: Page, what: string) => {
    const who = typeof rep === 'string' ? rep : rep.name;
    page.on('pageerror', (error) => errors.push(`${who}, ${what}: ${error.message}`));
  };

  const start = async (name: string): Promise<Rep> => {
    const browser = await launchWithExtension({
      hosts: FIXTURE_HOSTS,
      port: fixtures.port,
      extensionDir: extension.dir,
      sidebarMode: { linkedin: 'frame' },
    });
    const options = await browser.context.newPage();
    watch(name, options, 'options');
    await options.goto(browser.url('options.html'));
    await options.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    return { name, browser, options };
  };

  const syncSection = (rep: Rep): Locator => rep.options.getByRole('region', { name: 'Team sync' });

  /**
   * Waits until the options page shows nothing left to send, a finished sync and no problem
   * (a failure shows its words, so a broken sync fails here saying why).
   */
  const allSent = async (rep: Rep) => {
    const sync = syncSection(rep);
    await expect
      .poll(
        async () => {
          const [unsent, last] = await sync.getByRole('definition').allTextContents();
          return {
            unsent,
            synced: last !== undefined && last !== 'Not yet',
            problems: await sync.getByRole('alert').allTextContents(),
          };
        },
        // Maya's first sync sends ~1,100 records, Tom's takes them: seconds on a loaded machine.
        { timeout: 30_000, interval: 100 },
      )
      .toEqual({ unsent: '0 changes', synced: true, problems: [] });
  };

  /** "Sync now" in the options page, as the rep clicks it (the alarm would take minutes). */
  const syncNow = async (rep: Rep) => {
    const sync = syncSection(rep);
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await sync.getByText('Synced.', { exact: true }).waitFor();
    await allSent(rep);
  };

  const openProfile = async (rep: Rep, { url, file }: { url: string; file: string }) => {
    fixtures.serve(url, file);
    const page = await rep.browser.context.newPage();
    watch(rep, page, url);
    await page.goto(url);
    return { page, frame: await rep.browser.sidebar(page) };
  };

  const leadTotal = async (rep: Rep): Promise<string | null> => {
    const popup = await rep.browser.context.newPage();
    await popup.goto(rep.browser.url('popup.html'));
    const total = await popup.getByTestId('lead-total').textContent();
    await popup.close();
    return total;
  };

  const history = (frame: Frame) => frame.getByRole('list', { name: 'History' });

  beforeAll(async () => {
    [fixtures, server] = await Promise.all([startFixtureServer(), startSyncServer(TEAM, [MAYA, TOM])]);
    // Turning sync on asks for the server's origin (permissions.request in the rep's click).
    // In this headless Chromium that opens the permission dialog where nobody can answer it,
    // and the request neither resolves nor rejects (still pending after 60 s, asked from a
    // click on a button as from a script): the options page would wait forever on
    // "Turn on sync". So the browsers load a copy of the build that already holds the origin
    // (extensionGranting); the request then resolves true at once, and all else is the product.
    extension = await extensionGranting(hostPermission(server.url));
    // Side by side (each start waits on its own Chromium); settled, so afterAll closes one that started.
    const [first, second] = await Promise.allSettled([start(MAYA), start(TOM)]);
    if (first.status === 'fulfilled') maya = first.value;
    if (second.status === 'fulfilled') tom = second.value;
    if (first.status === 'rejected') throw first.reason;
    if (second.status === 'rejected') throw second.reason;
    // Only Maya's browser holds leads: Tom's get there through the server.
    const popup = await maya.browser.loadSampleData();
    await popup.close();
    expect(await leadTotal(tom)).toMatch(/^0 leads/);
  });
  afterAll(async () => {
    await Promise.allSettled([maya?.browser.close(), tom?.browser.close()]);
    await Promise.allSettled([fixtures?.close(), server?.close(), extension?.remove()]);
  });

  it('each rep gives their name and turns sync on in the options page', async () => {
    for (const [rep, token] of [
      [maya, server.tokens[0]],
      [tom, server.tokens[1]],
    ] as const) {
      if (!token) throw new Error('The server issued too few tokens');
      const you = rep.options.getByRole('region', { name: 'You and your company' });
      await you.getByLabel('Your name').fill(rep.name);
      await rep.options.getByRole('button', { name: 'Save settings' }).click();
      await rep.options.getByText('Saved.', { exact: true }).waitFor();

      const sync = syncSection(rep);
      await sync.getByText('Off. Everything stays in this browser.').waitFor();
      await sync.getByLabel('Server address').fill(server.url);
      await sync.getByLabel('Token', { exact: true }).fill(token.token);
      await sync.getByRole('button', { name: 'Turn on sync' }).click();
      await sync.getByText(`On: team ${TEAM}, as ${token.rep}, with ${server.url}.`).waitFor();
      // Maya's first sync sends her whole database; Tom's brings it to him.
      await allSent(rep);
    }
    expect(await leadTotal(tom)).toMatch(/^100 leads/);
  });

  it('Maya rejects Dana on LinkedIn, and Tom sees her decision after syncing', async () => {
    const mine = await openProfile(maya, DANA);
    await mine.frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    await mine.frame.getByRole('button', { name: 'Reject' }).click();
    await mine.frame.getByLabel('Reason').selectOption('bad_timing');
    await mine.frame.getByLabel('Note (optional)').fill(DANA_NOTE);
    await mine.frame.getByRole('button', { name: 'Confirm rejection' }).click();
    await mine.frame.getByText(/^Rejected: Bad timing, recycled recorded\./).waitFor();
    await syncNow(maya);
    await mine.frame.getByText(/^Sync: all sent · last synced/).waitFor();

    await syncNow(tom);
    const theirs = await openProfile(tom, DANA);
    await theirs.frame.getByRole('heading', { level: 2, name: DANA_WHITFIELD.name }).waitFor();
    const decided = history(theirs.frame).getByRole('listitem').filter({ hasText: 'Rejected: Bad timing, recycled' });
    await decided.getByText('In force').waitFor();
    await decided.getByText(DANA_NOTE).waitFor();
    expect(await decided.textContent()).toContain(`· ${MAYA} ·`);
    // Recycled by Maya: nothing left for Tom to decide.
    await theirs.frame.getByText(/^Recycled ·/).waitFor();
    expect(await theirs.frame.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    await Promise.all([mine.page.close(), theirs.page.close()]);
  });

  it('Tom disqualifies Marcus as a competitor, and Maya sees it after syncing', async () => {
    const his = await openProfile(tom, MARCUS);
    await his.frame.getByRole('heading', { level: 2, name: MARCUS_FELD.name }).waitFor();
    await his.frame.getByRole('button', { name: 'Reject' }).click();
    await his.frame.getByLabel('Reason').selectOption('competitor');
    await his.frame.getByRole('radio', { name: 'Disqualify' }).check();
    await his.frame.getByLabel('Note (optional)').fill(MARCUS_NOTE);
    await his.frame.getByRole('button', { name: 'Confirm rejection' }).click();
    await his.frame.getByText(/^Rejected: Competitor, disqualified recorded\./).waitFor();
    await syncNow(tom);

    await syncNow(maya);
    const hers = await openProfile(maya, MARCUS);
    await hers.frame.getByRole('heading', { level: 2, name: MARCUS_FELD.name }).waitFor();
    const decided = history(hers.frame).getByRole('listitem').filter({ hasText: 'Rejected: Competitor, disqualified' });
    await decided.getByText('In force').waitFor();
    await decided.getByText(MARCUS_NOTE).waitFor();
    expect(await decided.textContent()).toContain(`· ${TOM} ·`);
    await Promise.all([his.page.close(), hers.page.close()]);
  });

  it("lists both decisions with their reasons on the server's marketing endpoint, JSON and CSV", async () => {
    // Marketing reads the team's decisions with its own export-scoped token.
    const { dispositions } = await server.dispositions();
    const of = (name: string) =>
      dispositions
        .filter((d) => d.lead.name === name)
        .map((d) => ({
          decision: d.decision,
          reasonCode: d.reasonCode,
          reasonLabel: d.reasonLabel,
          outcome: d.outcome,
          note: d.note,
          decidedBy: d.decidedBy,
          current: d.current,
          conflict: d.conflict,
          source: d.lead.source,
        }));
    expect(of(DANA_WHITFIELD.name)).toEqual([
      {
        decision: 'rejected',
        reasonCode: 'bad_timing',
        reasonLabel: 'Bad timing',
        outcome: 'recycled',
        note: DANA_NOTE,
        decidedBy: MAYA,
        current: true,
        conflict: false,
        source: DANA_WHITFIELD.source,
      },
    ]);
    expect(of(MARCUS_FELD.name)).toEqual([
      {
        decision: 'rejected',
        reasonCode: 'competitor',
        reasonLabel: 'Competitor',
        outcome: 'disqualified',
        note: MARCUS_NOTE,
        decidedBy: TOM,
        current: true,
        conflict: false,
        source: MARCUS_FELD.source,
      },
    ]);

    const csv = Papa.parse<Record<string, string>>((await server.dispositionsCsv()).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    const row = (name: string) =>
      csv.data.filter((r) => r.lead_name === name).map((r) => [r.reason_label, r.decided_by]);
    expect(row(DANA_WHITFIELD.name)).toEqual([['Bad timing', MAYA]]);
    expect(row(MARCUS_FELD.name)).toEqual([['Competitor', TOM]]);
  });

  it('ran without uncaught errors in any page', () => {
    expect(errors).toEqual([]);
  });
});

/**
 * Time to sidebar: from a LinkedIn in-app navigation (the click that pushes the next
 * profile's URL and swaps its top card) to the sidebar frame showing that lead's score,
 * with 100k leads and 1M events stored. Then the sidebar frame's JS heap.
 *
 * The page stamps the click (bench/lib/spa-fixture.ts); a MutationObserver in the sidebar
 * frame stamps each step, so the stages say where the time goes:
 * - `left`: the sidebar dropped the previous person (the page state reached it: the content
 *   script noticed the navigation, the background relayed it);
 * - `name`: it shows the new lead's name (the lookup by LinkedIn URL answered);
 * - `score`: the Score heading is in the DOM (the lead's events were read and scored);
 * - `painted`: the animation frame after that, when it is on screen: the figure.
 * Both sides stamp `Date.now()`: page and frame run in different processes, and the wall
 * clock is the one they share (1 ms resolution, ample for a 50 ms budget).
 */
import { writeFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import type { FixtureServer } from '../../scripts/lib/fixture-server';
import type { Figure } from './report';
import { median, p95 } from './stats';
import { type ProfileLead, spaFixture } from './spa-fixture';

export interface SidebarOptions {
  /** Leads and events stored, for the labels. */
  stored: string;
  rounds: number;
  /** Navigations per round, after one visit to every lead not counted. */
  navigations: number;
  fixturePath: string;
}

interface Marks {
  left?: number;
  name?: number;
  score?: number;
  painted?: number;
}

interface NavProbe {
  arm(expect: string, from: string): void;
  marks: Marks;
}

declare global {
  interface Window {
    __benchNav?: NavProbe;
  }
}

/**
 * Installed in the sidebar frame: stamps each step of the next navigation (see the file's
 * comment). A string, not a function: tsx names functions with a helper the frame lacks.
 */
const PROBE = `(() => {
  let expect = '';
  let from = '';
  let marks = {};
  const check = () => {
    if (!expect) return;
    const heading = document.querySelector('h2')?.textContent ?? '';
    if (marks.left === undefined && heading !== from) marks.left = Date.now();
    if (marks.name === undefined && heading === expect) marks.name = Date.now();
    if (marks.name !== undefined && marks.score === undefined) {
      if ([...document.querySelectorAll('h3')].some((h) => h.textContent === 'Score')) {
        marks.score = Date.now();
        const stamped = marks;
        requestAnimationFrame(() => { stamped.painted = Date.now(); });
      }
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__benchNav = {
    arm(next, previous) { expect = next; from = previous; marks = {}; check(); },
    get marks() { return marks; },
  };
})()`;

interface Sample {
  total: number;
  left: number;
  name: number;
  score: number;
}

async function navigate(page: Page, frame: Frame, leads: readonly ProfileLead[], from: number, to: number) {
  const target = leads[to];
  const previous = leads[from];
  if (!target || !previous) throw new Error('navigation out of range');
  await frame.evaluate(([next, prev]) => window.__benchNav?.arm(next, prev), [target.name, previous.name] as const);
  await page.evaluate((i) => document.querySelector<HTMLElement>(`a[data-bench-lead="${i}"]`)?.click(), to);
  await frame.waitForFunction(() => window.__benchNav?.marks.painted !== undefined, undefined, {
    timeout: 15_000,
    polling: 10,
  });
  const navAt = await page.evaluate(() => Number(document.documentElement.dataset.navAt));
  const marks = await frame.evaluate(() => ({ ...window.__benchNav?.marks }));
  const at = (mark: number | undefined) => (mark ?? Number.NaN) - navAt;
  return { total: at(marks.painted), left: at(marks.left), name: at(marks.name), score: at(marks.score) };
}

export async function measureTimeToSidebar(
  browser: ExtensionBrowser,
  server: FixtureServer,
  leads: readonly ProfileLead[],
  options: SidebarOptions,
): Promise<Figure[]> {
  const [first] = leads;
  if (!first || leads.length < 3) throw new Error('Need at least three known leads');
  writeFileSync(options.fixturePath, spaFixture(leads));
  server.serve(first.linkedinUrl, options.fixturePath);
  const page = await browser.context.newPage();
  try {
    await page.goto(first.linkedinUrl);
    const frame = await browser.sidebar(page, 30_000);
    await frame.getByRole('heading', { level: 2, name: first.name }).waitFor({ timeout: 30_000 });
    await frame.getByRole('heading', { name: 'Score' }).waitFor({ timeout: 30_000 });
    await frame.evaluate(PROBE);

    let at = 0;
    const step = async () => {
      // Every lead in turn, never the one shown.
      const next = (at + 1) % leads.length;
      const sample = await navigate(page, frame, leads, at, next);
      at = next;
      // Let the sidebar settle (its later reads: timeline, checklist) before the next click.
      await page.waitForTimeout(300);
      return sample;
    };
    // One visit to every lead first, not counted: the first navigations compile the sidebar's
    // code paths and warm the database's caches (the first round ran 50% slower without it).
    for (let i = 0; i < leads.length; i++) await step();
    const rounds: Sample[][] = [];
    const heap: number[] = [];
    const cdp = await browser.context.newCDPSession(frame);
    for (let round = 0; round < options.rounds; round++) {
      const samples: Sample[] = [];
      for (let i = 0; i < options.navigations; i++) samples.push(await step());
      rounds.push(samples);
      // The sidebar's heap after a round, garbage collected: what it holds, not what it churned.
      await cdp.send('HeapProfiler.collectGarbage');
      heap.push((await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6);
    }
    const per = (pick: (s: Sample) => number, q: (v: number[]) => number) => rounds.map((r) => q(r.map(pick)));
    const all = rounds.flat();
    const stage = (pick: (s: Sample) => number) => median(all.map(pick));
    return [
      {
        id: 'sidebar.timeToScore.p95',
        label: `Time to sidebar (navigation -> score), p95 (${options.stored})`,
        unit: 'ms',
        value: median(per((s) => s.total, p95)),
        runs: per((s) => s.total, p95),
        budget: { max: 50 },
        detail: {
          p50: median(per((s) => s.total, median)),
          medianLeft: stage((s) => s.left),
          medianName: stage((s) => s.name),
          medianScore: stage((s) => s.score),
          navigationsPerRound: options.navigations,
          leads: leads.length,
        },
        note: "From the click (pushState + new top card in one task) to the frame painting the lead's Score heading. Stage medians (ms after the click): medianLeft: the sidebar learns of the navigation; medianName: lookup answered; medianScore: events scored.",
      },
      {
        id: 'memory.sidebar',
        label: `Sidebar JS heap (${options.stored})`,
        unit: 'MB',
        value: median(heap),
        runs: heap,
        budget: { max: 15 },
        note: "Runtime.getHeapUsage of the sidebar frame's process after a garbage collection, showing a known lead, with no other extension page open (MB = 10^6 bytes).",
      },
    ];
  } finally {
    await page.close();
  }
}

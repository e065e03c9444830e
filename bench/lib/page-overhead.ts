/**
 * Page overhead: the same fixture page loaded in Chromium with the extension (the seeded
 * profile: the person is a known lead, so the sidebar opens with their score) and in the same
 * Chromium without it, side by side in one run: loads alternate between the two browsers
 * (A B, B A, ...) so drift on a busy machine falls on both. Each pair gives a ratio; the
 * figure is the median ratio.
 *
 * The fixtures are trimmed to what the adapters read, so they load in tens of ms where the
 * real pages take seconds: a ratio on them magnifies any fixed cost (an isolated world alone
 * is a few ms). Each ratio is therefore followed by the same pairs in absolute terms: the
 * milliseconds the extension adds to the load event and to the main thread.
 *
 * Per load, in a fresh tab, after the load event and a fixed settle window (the content
 * script's work waits for the load event and an idle moment: it shows in the window):
 * - load: `loadEventEnd` of the navigation entry, and `loadEventEnd - domContentLoadedEventEnd`,
 *   the stretch the content script is injected in (Chromium runs `document_idle` scripts
 *   before `load` on a page that loads this fast): the part of the delay that is ours, with
 *   less of the noise of the page's own loading before it;
 * - main thread: CPU time of the page renderer's main thread (CDP Performance.getMetrics
 *   `TaskDuration` in thread ticks: CPU time, so other processes competing for the CPU do
 *   not count), which holds the page's scripts, the content script's isolated world, and
 *   the layout our frame and margin cause; the sidebar frame itself runs in the
 *   extension's process and is not counted;
 * - long tasks: total duration of `longtask` entries (>= 50 ms) on that thread;
 * - JS heap after a garbage collection (Runtime.getHeapUsage: the page's isolate, both worlds).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import type { FixtureServer } from '../../scripts/lib/fixture-server';
import type { Figure } from './report';
import { median, sum } from './stats';

export interface PageCase {
  id: 'linkedin' | 'gmail';
  label: string;
  url: string;
  /** Fixture file under tests/fixtures. */
  file: string;
  /** The sidebar's heading once it shows the person. */
  name: string;
}

export interface PageOptions {
  pairs: number;
  /** Time after the load event before the page is measured. */
  settleMs: number;
}

interface Load {
  loadMs: number;
  /** From the end of DOMContentLoaded to the end of the load event. */
  afterDomMs: number;
  taskMs: number;
  longTaskMs: number;
  heapMB: number;
}

declare global {
  interface Window {
    __benchLongTasks?: number[];
  }
}

/**
 * In both browsers before any page script: collects long tasks from the start. A string:
 * tsx names functions with a helper the page lacks.
 */
const OBSERVE_LONG_TASKS = `(() => {
  const durations = [];
  window.__benchLongTasks = durations;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})()`;

async function loadOnce(
  context: BrowserContext,
  url: string,
  options: PageOptions,
  check?: (page: Page) => Promise<void>,
): Promise<Load> {
  const page: Page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metric = async (name: string) =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
    const before = await metric('TaskDuration');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(options.settleMs);
    await check?.(page);
    const taskMs = ((await metric('TaskDuration')) - before) * 1000;
    const timing = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        load: entry?.loadEventEnd ?? 0,
        dom: entry?.domContentLoadedEventEnd ?? 0,
        longTasks: window.__benchLongTasks ?? [],
      };
    });
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      loadMs: timing.load,
      afterDomMs: timing.load - timing.dom,
      taskMs,
      longTaskMs: sum(timing.longTasks),
      heapMB: heap.usedSize / 1e6,
    };
  } finally {
    await page.close();
  }
}

export async function measurePageOverhead(
  withExtension: ExtensionBrowser,
  without: BrowserContext,
  server: FixtureServer,
  cases: readonly PageCase[],
  options: PageOptions,
): Promise<Figure[]> {
  await withExtension.context.addInitScript(OBSERVE_LONG_TASKS);
  await without.addInitScript(OBSERVE_LONG_TASKS);
  const figures: Figure[] = [];
  const heapDelta: number[] = [];
  for (const c of cases) {
    server.serve(c.url, c.file);
    let late = 0;
    // After the window the sidebar must show the person: the load measured is one where it did.
    const shown = async (page: Page) => {
      const frame = await withExtension.sidebar(page, 10_000);
      const heading = frame.getByRole('heading', { level: 2, name: c.name });
      if (!(await heading.isVisible())) {
        late++;
        await heading.waitFor({ timeout: 20_000 });
      }
    };
    const pairs: { a: Load; b: Load }[] = [];
    // One load of each not counted: the first in a browser compiles and caches more.
    await loadOnce(withExtension.context, c.url, options);
    await loadOnce(without, c.url, options);
    for (let i = 0; i < options.pairs; i++) {
      const loadA = () => loadOnce(withExtension.context, c.url, options, shown);
      const loadB = () => loadOnce(without, c.url, options);
      if (i % 2 === 0) {
        const a = await loadA();
        pairs.push({ a, b: await loadB() });
      } else {
        const b = await loadB();
        pairs.push({ a: await loadA(), b });
      }
    }
    const ratios = (pick: (l: Load) => number) => pairs.map(({ a, b }) => pick(a) / pick(b));
    const added = (pick: (l: Load) => number) => pairs.map(({ a, b }) => pick(a) - pick(b));
    const pick = (side: 'a' | 'b', of: (l: Load) => number) => median(pairs.map((p) => of(p[side])));
    const longA = sum(pairs.map((p) => p.a.longTaskMs));
    const longB = sum(pairs.map((p) => p.b.longTaskMs));
    heapDelta.push(...pairs.map(({ a, b }) => a.heapMB - b.heapMB));
    const lateNote =
      late > 0 ? ` The sidebar was not showing yet after the window in ${late} of ${options.pairs} loads.` : '';
    figures.push(
      {
        id: `page.${c.id}.load`,
        label: `Page load event, ${c.label}, with/without`,
        unit: 'ratio',
        value: median(ratios((l) => l.loadMs)),
        runs: ratios((l) => l.loadMs),
        budget: { max: 1.03 },
        detail: { withMs: pick('a', (l) => l.loadMs), withoutMs: pick('b', (l) => l.loadMs) },
        ...(lateNote ? { note: lateNote.trim() } : {}),
      },
      {
        id: `page.${c.id}.loadAdded`,
        label: `Page load event, ${c.label}, ms added`,
        unit: 'ms',
        value: median(added((l) => l.loadMs)),
        runs: added((l) => l.loadMs),
        detail: {
          afterDomAddedMs: median(added((l) => l.afterDomMs)),
          afterDomWithMs: pick('a', (l) => l.afterDomMs),
          afterDomWithoutMs: pick('b', (l) => l.afterDomMs),
        },
        note: 'Per pair of loads, loadEventEnd with minus without. afterDomAddedMs: the same for loadEventEnd - domContentLoadedEventEnd, the stretch the content script is injected in (less of the noise of the page loading before it).',
      },
      {
        id: `page.${c.id}.mainThread`,
        label: `Page main-thread time, ${c.label}, with/without`,
        unit: 'ratio',
        value: median(ratios((l) => l.taskMs)),
        runs: ratios((l) => l.taskMs),
        budget: { max: 1.03 },
        detail: {
          withMs: pick('a', (l) => l.taskMs),
          withoutMs: pick('b', (l) => l.taskMs),
          addedMs: median(pairs.map(({ a, b }) => a.taskMs - b.taskMs)),
        },
        note: `CPU time of the page's main thread from navigation to ${options.settleMs} ms after load (thread ticks).`,
      },
      {
        id: `page.${c.id}.mainThreadAdded`,
        label: `Page main-thread time, ${c.label}, ms added`,
        unit: 'ms',
        value: median(added((l) => l.taskMs)),
        runs: added((l) => l.taskMs),
        note: `Per pair of loads, main-thread CPU time with minus without, from navigation to ${options.settleMs} ms after load: the isolated world, the content script, and the style, layout and paint its frame and margin cause.`,
      },
      {
        id: `page.${c.id}.longTasks`,
        label: `Page long-task time, ${c.label}, with/without`,
        unit: 'ratio',
        // No long task on either side is no overhead (1); long tasks only with the extension have no finite ratio.
        value: longB > 0 ? longA / longB : longA === 0 ? 1 : null,
        runs: pairs.map(({ a, b }) => (b.longTaskMs > 0 ? a.longTaskMs / b.longTaskMs : a.longTaskMs === 0 ? 1 : -1)),
        budget: { max: 1.03 },
        detail: { withMsTotal: longA, withoutMsTotal: longB, loads: options.pairs },
        note:
          longB === 0 && longA > 0
            ? `Long tasks only with the extension (${longA.toFixed(0)} ms over ${options.pairs} loads): no finite ratio; runs hold -1 there.`
            : 'Sum of long tasks (>= 50 ms) over all loads, with / without; 1 when neither side had one.',
      },
    );
  }
  figures.push({
    id: 'memory.pageSide',
    label: 'Page-side JS heap added (content script)',
    unit: 'MB',
    value: median(heapDelta),
    runs: heapDelta,
    note: "Page isolate heap after a garbage collection, with minus without the extension, per pair of loads (both pages). The content script runs in an isolated world of the page's isolate, so the difference is what it holds.",
  });
  return figures;
}

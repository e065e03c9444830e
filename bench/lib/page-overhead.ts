/**
 * Page overhead (issue 16, item 5): what the extension costs the page, in absolute terms,
 * for each site and each place the sidebar can show (the browser's side panel: `panel`; a
 * frame on the page: `frame`), measured side by side against the same page without the
 * extension in one run.
 *
 * Loads come in triples, one browser with the extension in panel mode, the same browser in
 * frame mode (the site's mode is switched between loads, as the options page does), and a
 * browser without the extension, in rotating order (P F W, F W P, W P F, ...) so drift on a
 * busy machine falls on all three. Each load is in a fresh tab, measured after the load event
 * and a fixed settle window (our work waits for `load` and an idle moment, so it shows there):
 * - main thread: CPU time of the page renderer's main thread from navigation to the end of
 *   the window (CDP Performance.getMetrics `TaskDuration`, thread ticks: CPU time, so other
 *   processes on the machine do not count). It holds the page's scripts, the content script's
 *   isolated world, and the style and layout our frame and margin cause; the sidebar itself
 *   runs in the extension's process and is not counted;
 * - load: `loadEventEnd` of the navigation entry (wall clock);
 * - long tasks (>= 50 ms) on that thread, from a PerformanceObserver installed before the page's scripts;
 * - the page side's own marks (bench builds only, components/page/bench-mark.ts): when it was
 *   evaluated, when its work began, when it first reported the page; so "nothing of ours
 *   before the load event" (but the loader) is checked on every load, not assumed;
 * - elements in the document, so panel mode's "nothing added to the page" is checked too;
 * - JS heap after a garbage collection (both worlds).
 * Each figure is the median over the triples of (with - without).
 *
 * The fixtures are trimmed to what the adapters read and load in tens of ms; each site is also
 * measured on a heavy page (bench/lib/heavy-page.ts: the fixture grown to the real page's size),
 * where the ratio with/without is reported beside the milliseconds added.
 *
 * In-app navigations (a LinkedIn profile-to-profile click, a Gmail thread opened from the
 * inbox) are measured the same way: CPU time of the page's main thread from the click to the
 * end of a window, with minus without.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import type { FixtureServer } from '../../scripts/lib/fixture-server';
import type { Figure } from './report';
import { median, sum } from './stats';

export type Site = 'linkedin' | 'gmail' | 'outlook';
export type Mode = 'panel' | 'frame';
const MODES: readonly Mode[] = ['panel', 'frame'];

/** The budgets, in ms added to the page (issue 16, item 5). */
export const PAGE_BUDGETS = {
  panel: { mainThreadMs: 8, loadMs: 5 },
  frame: { mainThreadMs: 15, loadMs: 10 },
  navigationMs: 3,
} as const;

export interface PageCase {
  site: Site;
  label: string;
  url: string;
  /** The page's file: under tests/fixtures, or an absolute path (generated pages). */
  file: string;
  /** The sidebar's heading once it shows the person. */
  name: string;
  /** A grown page (heavy-page.ts): its figures get `.heavy` in their ids and a ratio beside. */
  heavy?: { addedElements: number; markupKB: number; scriptKB: number };
}

export interface NavigationCase {
  site: Site;
  label: string;
  url: string;
  file: string;
  /** Makes the `i`th in-app navigation (measured). */
  navigate(page: Page, i: number): Promise<void>;
  /** Puts the page back where the next navigation starts (not measured). */
  reset?(page: Page, i: number): Promise<void>;
}

export interface PageOptions {
  /** Triples per page (panel, frame, without). */
  triples: number;
  /** Triples per heavy page. */
  heavyTriples: number;
  /** Time after the load event before the page is measured. */
  settleMs: number;
  /** Page loads per navigation case and mode, and navigations per load. */
  navigationLoads: number;
  navigationsPerLoad: number;
  /** Time after a navigation's click before it is measured. */
  navigationSettleMs: number;
}

interface Marks {
  asked?: number;
  evaluated?: number;
  start?: number;
  state?: number;
}

interface Load {
  loadMs: number;
  taskMs: number;
  longTaskMs: number;
  heapMB: number;
  elements: number;
  marks: Marks;
}

type Side = Mode | 'without';

declare global {
  interface Window {
    __benchLongTasks?: number[];
  }
}

/**
 * In every browser before any page script: collects long tasks from the start. A string:
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

/** The renderer main thread's CPU time so far, in ms (thread ticks). */
async function cpuClock(context: BrowserContext, page: Page): Promise<() => Promise<number>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function loadOnce(
  context: BrowserContext,
  url: string,
  settleMs: number,
  check?: (page: Page) => Promise<void>,
): Promise<Load> {
  const page: Page = await context.newPage();
  try {
    const cpu = await cpuClock(context, page);
    const before = await cpu();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    const taskMs = (await cpu()) - before;
    // Checked after the CPU reading: waiting for a late sidebar must not count as the page's work.
    await check?.(page);
    const seen = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const marks: Record<string, number> = {};
      for (const mark of performance.getEntriesByType('mark'))
        if (mark.name.startsWith('handoff:')) marks[mark.name.slice('handoff:'.length)] ??= mark.startTime;
      return {
        load: entry?.loadEventEnd ?? 0,
        longTasks: window.__benchLongTasks ?? [],
        elements: document.getElementsByTagName('*').length,
        marks,
      };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      loadMs: seen.load,
      taskMs,
      longTaskMs: sum(seen.longTasks),
      heapMB: heap.usedSize / 1e6,
      elements: seen.elements,
      marks: seen.marks,
    };
  } finally {
    await page.close();
  }
}

/** The rotation of triple `i`: P F W, F W P, W P F, ... */
function order(i: number): Side[] {
  const sides: Side[] = ['panel', 'frame', 'without'];
  return sides.map((_, k) => sides[(i + k) % 3] as Side);
}

export interface Browsers {
  withExtension: ExtensionBrowser;
  without: BrowserContext;
  /** Sets the site's sidebar mode (the options page's message), before a load in that mode. */
  setMode(site: Site, mode: Mode): Promise<void>;
}

/** Loads of one page: `triples` of (panel, frame, without), plus one of each first, not counted. */
async function measureLoads(
  browsers: Browsers,
  c: PageCase,
  triples: number,
  settleMs: number,
): Promise<{ loads: Record<Side, Load[]>; late: number }> {
  const { withExtension, without, setMode } = browsers;
  let late = 0;
  const checks: Record<Mode, (page: Page) => Promise<void>> = {
    // The sidebar shows the person: the load measured is one where it did.
    async frame(page) {
      const frame = await withExtension.sidebar(page, 20_000);
      const heading = frame.getByRole('heading', { level: 2, name: c.name });
      if (!(await heading.isVisible())) {
        late++;
        await heading.waitFor({ timeout: 20_000 });
      }
    },
    // The loader asked; with no side panel showing the tab, the page side waits (nothing runs).
    async panel(page) {
      await page.waitForFunction(() => performance.getEntriesByName('handoff:asked').length > 0, undefined, {
        timeout: 20_000,
      });
    },
  };
  const loadAs = async (side: Side): Promise<Load> => {
    if (side === 'without') return loadOnce(without, c.url, settleMs);
    await setMode(c.site, side);
    return loadOnce(withExtension.context, c.url, settleMs, checks[side]);
  };
  for (const side of order(0)) await loadAs(side);
  const loads: Record<Side, Load[]> = { panel: [], frame: [], without: [] };
  for (let i = 0; i < triples; i++) for (const side of order(i)) loads[side].push(await loadAs(side));
  return { loads, late };
}

const msFigure = (
  id: string,
  label: string,
  runs: number[],
  max: number | undefined,
  note: string,
  detail?: Figure['detail'],
): Figure => ({
  id,
  label,
  unit: 'ms',
  value: median(runs),
  runs,
  ...(max === undefined ? {} : { budget: { max } }),
  ...(detail ? { detail } : {}),
  note,
});

function loadFigures(c: PageCase, mode: Mode, a: Load[], b: Load[], late: number, settleMs: number): Figure[] {
  const pairs = a.map((load, i) => ({ a: load, b: b[i] as Load }));
  const added = (pick: (l: Load) => number) => pairs.map((p) => pick(p.a) - pick(p.b));
  const ratios = (pick: (l: Load) => number) => pairs.map((p) => pick(p.a) / pick(p.b));
  const med = (loads: Load[], pick: (l: Load) => number) => median(loads.map(pick));
  const budget = c.heavy ? undefined : PAGE_BUDGETS[mode];
  const base = `page.${c.site}.${c.heavy ? 'heavy.' : ''}${mode}`;
  const where = `${c.label}${c.heavy ? ' (heavy)' : ''}, ${mode === 'panel' ? 'side panel' : 'frame'}`;
  const lateNote =
    late > 0 ? ` The sidebar was not showing yet after the window in ${late} of ${a.length + 1} loads.` : '';
  const figures: Figure[] = [
    msFigure(
      `${base}.mainThreadAdded`,
      `Page main-thread CPU added, ${where}`,
      added((l) => l.taskMs),
      budget?.mainThreadMs,
      `Per triple, main-thread CPU time with minus without the extension, from navigation to ${settleMs} ms after load (thread ticks).${lateNote}`,
      { withMs: med(a, (l) => l.taskMs), withoutMs: med(b, (l) => l.taskMs) },
    ),
    msFigure(
      `${base}.loadAdded`,
      `Page load event delayed, ${where}`,
      added((l) => l.loadMs),
      budget?.loadMs,
      'Per triple, loadEventEnd with minus without (wall clock: it scatters on a shared machine; read it beside the CPU figure).',
      { withMs: med(a, (l) => l.loadMs), withoutMs: med(b, (l) => l.loadMs) },
    ),
  ];
  if (c.heavy) {
    figures.push(
      {
        id: `${base}.mainThread`,
        label: `Page main-thread CPU with/without, ${where}`,
        unit: 'ratio',
        value: median(ratios((l) => l.taskMs)),
        runs: ratios((l) => l.taskMs),
        detail: { ...c.heavy, elementsWithout: med(b, (l) => l.elements) },
        note: 'The same triples as the ms figure, as a ratio: on a page of the real size the fixed cost is this fraction of its own work.',
      },
      {
        id: `${base}.load`,
        label: `Page load event with/without, ${where}`,
        unit: 'ratio',
        value: median(ratios((l) => l.loadMs)),
        runs: ratios((l) => l.loadMs),
      },
    );
  }
  // Long tasks: none of ours is the budget; the page's own (the heavy page's boot) count on both sides.
  const longA = sum(a.map((l) => l.longTaskMs));
  const longB = sum(b.map((l) => l.longTaskMs));
  figures.push({
    id: `${base}.longTasksAdded`,
    label: `Page long-task time added, ${where}`,
    unit: 'ms',
    value: Math.max(0, longA - longB),
    runs: added((l) => l.longTaskMs),
    ...(mode === 'panel' && !c.heavy ? { budget: { max: 0 } } : {}),
    detail: { withMsTotal: longA, withoutMsTotal: longB, loads: a.length },
    note: 'Sum of long tasks (>= 50 ms) over all loads with the extension minus without; 0 when it added none.',
  });
  // Our marks against the load event: the page side runs after it, on every load.
  const afterLoad = (mark: keyof Marks) =>
    a.filter((l) => l.marks[mark] !== undefined).map((l) => (l.marks[mark] ?? 0) - l.loadMs);
  const stamped = (mark: keyof Marks) => {
    const values = afterLoad(mark);
    return values.length ? median(values) : 'none';
  };
  // A load without the page side's mark counts as before, unless the loader asked after the
  // load and nothing ran (side panel mode: the page side waits until a panel shows the tab).
  const waited = (l: Load) =>
    l.marks.evaluated === undefined && l.marks.asked !== undefined && l.marks.asked >= l.loadMs;
  const ranBefore = (l: Load) => !waited(l) && (l.marks.evaluated === undefined || l.marks.evaluated < l.loadMs);
  const before = a.filter(ranBefore).length;
  figures.push({
    id: `${base}.workBeforeLoad`,
    label: `Loads where the page side ran before the load event, ${where}`,
    unit: 'loads',
    value: before,
    runs: a.map((l) => (waited(l) ? 0 : l.marks.evaluated === undefined ? -1 : l.marks.evaluated < l.loadMs ? 1 : 0)),
    ...(mode === 'panel' && !c.heavy ? { budget: { max: 0 } } : {}),
    detail: {
      loads: a.length,
      evaluatedAfterLoadMs: stamped('evaluated'),
      startAfterLoadMs: stamped('start'),
      firstStateAfterLoadMs: stamped('state'),
      askedAfterLoadMs: stamped('asked'),
      pageSideWaited: a.filter(waited).length,
    },
    note: "From the page side's marks (bench builds): its evaluation against loadEventEnd, per load (a load without the mark counts as before). Before load a page runs only the loader, components/page/page-loader.ts (1.3 KB), which the browser injects at document_idle. In side panel mode with no panel showing the tab the page side does not run at all (pageSideWaited). Detail: medians, ms after loadEventEnd.",
  });
  if (mode === 'panel') {
    const domAdded = added((l) => l.elements);
    figures.push({
      id: `${base}.elementsAdded`,
      label: `Elements added to the page, ${where}`,
      unit: 'elements',
      value: Math.max(...domAdded),
      runs: domAdded,
      budget: { max: 0 },
      note: 'Elements in the document after the window, with minus without, largest over the triples: the side panel mode adds none.',
    });
  }
  return figures;
}

async function measureNavigations(browsers: Browsers, c: NavigationCase, options: PageOptions): Promise<Figure[]> {
  const { withExtension, without, setMode } = browsers;
  const session = async (context: BrowserContext): Promise<number[]> => {
    const page = await context.newPage();
    try {
      const cpu = await cpuClock(context, page);
      await page.goto(c.url, { waitUntil: 'load' });
      await page.waitForTimeout(options.settleMs);
      const samples: number[] = [];
      for (let i = 0; i < options.navigationsPerLoad; i++) {
        const before = await cpu();
        const from = page.url();
        await c.navigate(page, i);
        await page.waitForTimeout(options.navigationSettleMs);
        samples.push((await cpu()) - before);
        if (page.url() === from) throw new Error(`${c.label}: navigation ${i} did not change the URL (${from})`);
        await c.reset?.(page, i);
      }
      return samples;
    } finally {
      await page.close();
    }
  };
  const runAs = async (side: Side) => {
    if (side === 'without') return session(without);
    await setMode(c.site, side);
    return session(withExtension.context);
  };
  const samples: Record<Side, number[]> = { panel: [], frame: [], without: [] };
  for (let i = 0; i < options.navigationLoads; i++)
    for (const side of order(i)) samples[side].push(...(await runAs(side)));
  return MODES.map((mode) => {
    const added = samples[mode].map((ms, i) => ms - (samples.without[i] ?? Number.NaN));
    return msFigure(
      `nav.${c.site}.${mode}.mainThreadAdded`,
      `In-app navigation main-thread CPU added, ${c.label}, ${mode === 'panel' ? 'side panel' : 'frame'}`,
      added,
      PAGE_BUDGETS.navigationMs,
      `Per navigation, main-thread CPU time from the click to ${options.navigationSettleMs} ms after it, with minus without (the same navigation in the same order; ${options.navigationLoads} loads x ${options.navigationsPerLoad} navigations per side).`,
      { withMs: median(samples[mode]), withoutMs: median(samples.without) },
    );
  });
}

export async function measurePageOverhead(
  browsers: Browsers,
  server: FixtureServer,
  cases: readonly PageCase[],
  navigations: readonly NavigationCase[],
  options: PageOptions,
): Promise<Figure[]> {
  await browsers.withExtension.context.addInitScript(OBSERVE_LONG_TASKS);
  await browsers.without.addInitScript(OBSERVE_LONG_TASKS);
  const figures: Figure[] = [];
  const heap: Record<Mode, number[]> = { panel: [], frame: [] };
  for (const c of cases) {
    server.serve(c.url, c.file);
    const triples = c.heavy ? options.heavyTriples : options.triples;
    const { loads, late } = await measureLoads(browsers, c, triples, options.settleMs);
    for (const mode of MODES) {
      figures.push(...loadFigures(c, mode, loads[mode], loads.without, mode === 'frame' ? late : 0, options.settleMs));
      if (!c.heavy) heap[mode].push(...loads[mode].map((l, i) => l.heapMB - (loads.without[i]?.heapMB ?? 0)));
    }
  }
  for (const c of navigations) {
    server.serve(c.url, c.file);
    figures.push(...(await measureNavigations(browsers, c, options)));
  }
  figures.push({
    id: 'memory.pageSide',
    label: 'Page-side JS heap added (content script)',
    unit: 'MB',
    value: median(heap.frame),
    runs: heap.frame,
    detail: { panelMB: heap.panel.length ? median(heap.panel) : 'none' },
    note: "Page isolate heap after a garbage collection, with (frame mode) minus without the extension, per triple, every site's fixture. The content script runs in an isolated world of the page's isolate, so the difference is what it holds; panelMB: the same in side panel mode.",
  });
  return figures;
}

#!/usr/bin/env node
// `npm run bench`: measures Handoff against the budgets of DESIGN.md §5 and issue 7, prints a
// table (figure, value, budget, holds) and writes the figures as JSON: bench/results.json for
// a complete run, bench/tmp/results.json for a partial or --quick one. README "Benchmarks"
// says what each figure means and how it is measured.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DANA_WHITFIELD } from '../lib/demo/personas';
import {
  type ExtensionBrowser,
  launchWithExtension,
  launchWithoutExtension,
  sendSidebarMode,
} from '../scripts/lib/chromium';
import { FIXTURE_HOSTS, FIXTURES_DIR, type FixtureServer, startFixtureServer } from '../scripts/lib/fixture-server';
import { THREAD_IDS } from '../tests/fixtures/gmail/cases';
import { OUTLOOK_CASES } from '../tests/fixtures/outlook/cases';
import type { SeedOptions } from './browser/api';
import { type Group, parseArgs } from './lib/args';
import { buildExtension } from './lib/build';
import { measureBundles } from './lib/bundle';
import { writeHubspotCsv } from './lib/csv';
import { measureDatabase, seedDatabase, writeFigures } from './lib/database';
import { callBench, openBenchPage } from './lib/extension';
import { measureImport } from './lib/import';
import { currentLoad, describeMachine } from './lib/machine';
import { heavyPage } from './lib/heavy-page';
import { type Mode, measurePageOverhead, type NavigationCase, type PageCase, type Site } from './lib/page-overhead';
import { type Figure, formatTable, stableJson, toJson } from './lib/report';
import { cachedSeed, recordSeed, seedKey } from './lib/seed-cache';
import { measureSync } from './lib/sync';
import { size } from './lib/stats';
import { spaFixture } from './lib/spa-fixture';
import { measureTimeToSidebar } from './lib/time-to-sidebar';

const TMP = resolve('bench/tmp');
const DAY = 86_400_000;

const args = parseArgs(process.argv.slice(2));
const runs = (full: number, quick: number) => (args.quick ? quick : full);
/** The seeded browser profile: reused by every figure of one run (and by later runs with --reuse-seed). */
const PROFILE = join(TMP, args.small ? 'profile-small' : 'profile');

/** The data set of DESIGN.md §5: 100k leads, 1M events (`--small`: a tenth), dated up to today (the same all day). */
const SEED: SeedOptions = {
  seed: 7,
  leads: args.small ? 10_000 : 100_000,
  events: args.small ? 100_000 : 1_000_000,
  now: Math.floor(Date.now() / DAY) * DAY,
  batch: 5_000,
  historyEvents: 500,
  timedEvents: args.small ? 20_000 : 100_000,
};

/** The three sites' pages with a known lead (Dana Whitfield, in every seeded data set). */
const OUTLOOK_MESSAGE = OUTLOOK_CASES.find((c) => c.file === 'message-office.html') ?? OUTLOOK_CASES[0];
if (!OUTLOOK_MESSAGE) throw new Error('No Outlook case');

const PAGE_CASES: PageCase[] = [
  {
    site: 'linkedin',
    label: 'LinkedIn profile',
    url: DANA_WHITFIELD.linkedinUrl,
    file: 'linkedin/profile-classic.html',
    name: DANA_WHITFIELD.name,
  },
  {
    site: 'gmail',
    label: 'Gmail thread',
    url: `https://mail.google.com/mail/u/0/#inbox/${THREAD_IDS.simple}`,
    file: 'gmail/thread-simple.html',
    name: DANA_WHITFIELD.name,
  },
  {
    site: 'outlook',
    label: 'Outlook message',
    url: OUTLOOK_MESSAGE.url,
    file: `outlook/${OUTLOOK_MESSAGE.file}`,
    name: DANA_WHITFIELD.name,
  },
];

/** Each page grown to the real site's size (bench/lib/heavy-page.ts), written under bench/tmp. */
function heavyCases(): PageCase[] {
  return PAGE_CASES.map((c) => {
    const grown = heavyPage(readFileSync(join(FIXTURES_DIR, c.file), 'utf8'));
    const file = join(TMP, `heavy-${c.site}.html`);
    writeFileSync(file, grown.html);
    const { addedElements, markupKB, scriptKB } = grown;
    return { ...c, file, heavy: { addedElements, markupKB, scriptKB } };
  });
}

const stored = `${size(SEED.leads)} leads, ${size(SEED.events)} events`;

const started = performance.now();
const steps: Record<string, number> = {};
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message: string) => console.error(`[bench ${elapsed()}] ${message}`);

/** Runs a step, logging it and recording how long it took (the run must stay under 10 minutes). */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  log(`${name}…`);
  const start = performance.now();
  try {
    return await work();
  } finally {
    steps[name] = Math.round(performance.now() - start) / 1000;
  }
}

const want = (...groups: Group[]) => groups.some((g) => args.groups.has(g));

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  const machine = describeMachine();
  log(
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.chromium}, load ${machine.loadAverage.start}` +
      (args.quick ? ' (--quick: fewer rounds)' : '') +
      (args.small ? ` (--small: ${stored})` : ''),
  );
  const figures: Figure[] = [];

  if (want('bundle')) {
    const dir = await step('build (production, for sizes)', () =>
      buildExtension(join(TMP, 'build-prod'), { bench: false }),
    );
    figures.push(...measureBundles(dir));
  }

  const browserGroups = want('page', 'sidebar', 'database', 'import');
  const extensionDir = browserGroups
    ? await step('build (with the bench page)', () => buildExtension(join(TMP, 'build-bench'), { bench: true }))
    : '';

  if (want('page', 'sidebar', 'database')) {
    const key = seedKey(SEED, extensionDir);
    const cached = args.reuseSeed ? cachedSeed(PROFILE, key) : undefined;
    let seedFigures: Figure[];
    if (cached) {
      log(`reusing the profile seeded ${cached.date}`);
      seedFigures = writeFigures(cached.result, SEED, `From the reused seed of ${cached.date} (--reuse-seed).`);
    } else {
      rmSync(PROFILE, { recursive: true, force: true });
      const seeded = await step(`seed ${stored} into IndexedDB`, async () => {
        const browser = await launchWithExtension({ extensionDir, userDataDir: PROFILE });
        try {
          return await seedDatabase(browser, SEED);
        } finally {
          await browser.close();
        }
      });
      recordSeed(PROFILE, key, seeded);
      for (const [phase, ms] of Object.entries(seeded.phasesMs)) steps[`seed: ${phase}`] = Math.round(ms) / 1000;
      seedFigures = writeFigures(seeded, SEED);
    }
    if (want('database')) figures.push(...seedFigures);

    const server = await startFixtureServer();
    // A fresh start on the seeded profile: nothing of the load (its garbage, its compaction) carries over.
    const browser = await launchWithExtension({
      extensionDir,
      userDataDir: PROFILE,
      hosts: FIXTURE_HOSTS,
      port: server.port,
      // The figures so far are the in-page frame's (time to sidebar, page overhead): LinkedIn
      // now defaults to the browser's side panel, measured on its own (issue 16, item 5).
      sidebarMode: { linkedin: 'frame' },
    });
    try {
      await new Promise((done) => setTimeout(done, 2_000));
      if (want('database')) {
        figures.push(
          ...(await step('database: lookups and history', () =>
            measureDatabase(browser, {
              leads: SEED.leads,
              rounds: runs(5, 1),
              lookups: runs(500, 200),
              historyCalls: runs(100, 30),
            }),
          )),
        );
      }
      if (want('sidebar')) figures.push(...(await step('time to sidebar', () => timeToSidebar(browser, server))));
      if (want('page')) figures.push(...(await step('page overhead', () => pageOverhead(browser, server))));
    } finally {
      await browser.close();
      await server.close();
    }
    if (!args.reuseSeed) rmSync(PROFILE, { recursive: true, force: true });
  }

  if (want('import')) {
    const rows = 100_000;
    const csvPath = join(TMP, 'import-100k.csv');
    await writeHubspotCsv(csvPath, rows);
    const launch = () => launchWithExtension({ extensionDir });
    const rowsPath = join(TMP, 'import-rows.json');
    figures.push(
      ...(await step('import', () => measureImport(launch, { rounds: runs(3, 1), rows, csvPath, rowsPath }))),
    );
  }

  if (want('sync')) {
    figures.push(
      ...(await step('sync', () =>
        measureSync({ rounds: runs(3, 1), pushChanges: 10_000, pullRecords: 100_000, tmpDir: TMP, log }),
      )),
    );
  }

  machine.loadAverage.end = currentLoad();
  const seconds = Math.round(performance.now() - started) / 1000;
  console.log(`\n${formatTable(figures)}\n`);
  const out = args.complete ? resolve('bench/results.json') : join(TMP, 'results.json');
  const results = {
    date: new Date().toISOString(),
    machine,
    run: { quick: args.quick, small: args.small, groups: [...args.groups], seconds, steps },
    figures: Object.fromEntries(figures.map((f) => [f.id, toJson(f)])),
  };
  writeFileSync(out, stableJson(results));
  const missed = figures.filter((f) => f.budget && f.value !== null && toJson(f).holds === false);
  console.log(
    `${figures.length} figures in ${seconds.toFixed(0)} s (load average ${machine.loadAverage.start} -> ${machine.loadAverage.end} on ${machine.cores} cores); ` +
      `${missed.length} miss their budget. Written to ${out}.`,
  );
}

/** Picks known leads with a LinkedIn profile and some history, then times navigations between them. */
async function timeToSidebar(browser: ExtensionBrowser, server: FixtureServer): Promise<Figure[]> {
  const bench = await openBenchPage(browser);
  const leads = await callBench(bench, 'knownLeads', 8, 11, 5);
  // Closed before measuring: the sidebar's heap is its process's, and this page would share it.
  await bench.close();
  return measureTimeToSidebar(browser, server, leads, {
    stored,
    rounds: runs(3, 1),
    navigations: runs(20, 8),
    fixturePath: join(TMP, 'linkedin-spa.html'),
  });
}

/** Page overhead in both modes on every site, plain and heavy, and per in-app navigation (bench/lib/page-overhead.ts). */
async function pageOverhead(browser: ExtensionBrowser, server: FixtureServer): Promise<Figure[]> {
  const bench = await openBenchPage(browser);
  const plain = await launchWithoutExtension({ hosts: FIXTURE_HOSTS, port: server.port });
  try {
    const leads = await callBench(bench, 'knownLeads', 6, 11, 5);
    const [first] = leads;
    if (!first) throw new Error('No known leads for the navigation pages');
    const spaPath = join(TMP, 'linkedin-spa-nav.html');
    writeFileSync(spaPath, spaFixture(leads));
    const navigations: NavigationCase[] = [
      {
        site: 'linkedin',
        label: 'LinkedIn profile to profile',
        url: first.linkedinUrl,
        file: spaPath,
        // Every other lead in turn: pushState and the new top card in the click's task.
        navigate: (page, i) =>
          page.evaluate(
            (to) => document.querySelector<HTMLElement>(`a[data-bench-lead="${to}"]`)?.click(),
            (i % (leads.length - 1)) + 1,
          ),
      },
      {
        site: 'gmail',
        label: 'Gmail thread opened from the inbox',
        url: 'https://mail.google.com/mail/u/0/#inbox',
        file: 'gmail/spa-inbox.html',
        // A known lead's thread and an unknown person's, in turn; back to the inbox between.
        navigate: (page, i) => page.locator(i % 2 === 0 ? '[id=":121k"]' : '[id=":122k"]').click(),
        reset: async (page) => {
          await page.locator('a[href="#inbox"]').first().click();
          await page.waitForTimeout(300);
        },
      },
    ];
    // The options page's message, from our own page: the next load of that site uses the mode.
    const setMode = (site: Site, mode: Mode) => sendSidebarMode(bench, site, mode);
    return await measurePageOverhead(
      { withExtension: browser, without: plain.context, setMode },
      server,
      [...PAGE_CASES, ...heavyCases()],
      navigations,
      {
        triples: runs(8, 2),
        heavyTriples: runs(5, 2),
        settleMs: 800,
        navigationLoads: runs(2, 1),
        navigationsPerLoad: runs(6, 3),
        navigationSettleMs: 400,
      },
    );
  } finally {
    await plain.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportProgress, type ImportReport, importCsv } from '../../../lib/import/import';
import { suggestMapping } from '../../../lib/import/presets';
import { setupRepositories } from '../../support/db';
import {
  FIRST_NAMES,
  HUBSPOT_HEADER,
  hubspotBadRows,
  hubspotCsv,
  hubspotEmail,
  hubspotLine,
  isBadRow,
  LAST_NAMES,
} from '../../support/hubspot-csv';

/**
 * 100k rows, HubSpot-shaped (tests/support/hubspot-csv.ts, the file the import benchmark
 * reads too): correctness at size, not speed (no timed assertion; benchmarks measure speed).
 * Every 1000th row carries an address with a line break, so line numbers drift from row
 * numbers; every 10,000th has a bad email.
 */
const ROWS = 100_000;

describe(`a ${ROWS.toLocaleString('en')}-row import`, () => {
  let ctx: ReturnType<typeof setupRepositories>;
  let report: ImportReport;
  let progress: ImportProgress[];
  let badLines: number[];

  beforeAll(async () => {
    ctx = setupRepositories();
    badLines = Array.from({ length: ROWS }, (_, i) => i)
      .filter(isBadRow)
      .map(hubspotLine);
    const { mapping } = suggestMapping([...HUBSPOT_HEADER]);
    progress = [];
    report = await importCsv(ctx, new Blob([hubspotCsv(ROWS)]), { mapping, onProgress: (p) => progress.push(p) });
  }, 180_000);
  afterAll(() => ctx.db.close());

  it('imports every good row once and refuses the bad ones by their line', async () => {
    expect(report).toMatchObject({
      status: 'completed',
      rows: ROWS,
      created: ROWS - hubspotBadRows(ROWS),
      updated: 0,
      unchanged: 0,
      rejected: hubspotBadRows(ROWS),
      eventsAdded: ROWS / 10,
    });
    expect(report.rejections.map((r) => [r.line, r.issues[0]?.code])).toEqual(
      badLines.map((line) => [line, 'invalid_email']),
    );
    expect(await ctx.leads.count()).toBe(ROWS - hubspotBadRows(ROWS));
    expect(await ctx.db.events.count()).toBe(ROWS / 10);
  });

  it('stores sampled rows exactly', async () => {
    for (const i of [0, 1, 999, 1000, 1001, 54_321, ROWS - 1]) {
      const [lead, ...more] = await ctx.leads.findByEmail(hubspotEmail(i));
      expect(more).toEqual([]);
      expect(lead).toMatchObject({
        person: { name: `${FIRST_NAMES[i % 10]} ${LAST_NAMES[(i >> 3) % 10]}`, title: `Director, Data ${i % 50}` },
        company: { name: `Company ${i % 997}`, domain: `company${i % 997}.example`, employees: 10 + (i % 5000) },
        stage: ['lead', 'mql', 'sql'][i % 3],
        crmIds: { hubspot: String(90_000_000 + i) },
        times: { createdAt: Date.UTC(2026, 9, 1 + (i % 28), 9, i % 60) },
      });
      const events = await ctx.events.forLead(lead?.id ?? '');
      expect(events.map((e) => e.type)).toEqual(i % 10 === 0 ? ['email_opened'] : []);
    }
  });

  it('reports progress in many steps, never going back, ending at 100%', () => {
    expect(progress.length).toBeGreaterThan(100);
    for (let i = 1; i < progress.length; i++) {
      const [before, now] = [progress[i - 1], progress[i]];
      expect(now?.rowsDone).toBeGreaterThanOrEqual(before?.rowsDone ?? 0);
      expect(now?.fraction).toBeGreaterThanOrEqual(before?.fraction ?? 0);
    }
    expect(progress.at(-1)).toMatchObject({
      rowsDone: ROWS,
      fraction: 1,
      created: ROWS - hubspotBadRows(ROWS),
      rejected: hubspotBadRows(ROWS),
    });
  });
});

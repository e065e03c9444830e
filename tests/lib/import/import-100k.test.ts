import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportProgress, type ImportReport, importCsv } from '../../../lib/import/import';
import { suggestMapping } from '../../../lib/import/presets';
import { setupRepositories } from '../../support/db';

/**
 * 100k rows, HubSpot-shaped, generated here (never committed): correctness at size, not
 * speed (no timed assertion; benchmarks measure speed). Every 1000th row carries an address
 * with a line break, so line numbers drift from row numbers; every 10,000th has a bad email.
 */
const ROWS = 100_000;
const HEADER = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Job Title',
  'Company Name',
  'Website URL',
  'Number of Employees',
  'Street Address',
  'Country/Region',
  'Lifecycle Stage',
  'Create Date',
  'Last marketing email open date',
];
const FIRST = ['Dana', 'Tomás', 'Priya', 'Jonas', 'Chloé', 'Kenji', 'Olivia', 'Lucas', 'Emma', 'Rahul'];
const LAST = [
  'Whitfield',
  'Ibarra',
  'Raman',
  'Becker',
  'Martin',
  'Watanabe',
  'Brennan',
  'Pereira',
  'Johansson',
  'Mehta',
];
const COUNTRIES = ['United States', 'Germany', 'France', 'Japan', 'Brazil'];
const STAGES = ['Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead'];

const isBad = (i: number) => i % 10_000 === 4_999;
const email = (i: number) => `contact${i}@company${i % 997}.example`;

function generate(): { csv: string; badLines: number[] } {
  const lines: string[] = [HEADER.join(',')];
  const badLines: number[] = [];
  let line = 2;
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const address = i % 1000 === 0 ? `"${i} Main Street\nSuite ${i % 7}"` : `"${i} Main Street, Floor 2"`;
    if (isBad(i)) badLines.push(line);
    lines.push(
      [
        String(90_000_000 + i),
        FIRST[i % 10],
        LAST[(i >> 3) % 10],
        isBad(i) ? `contact${i}@@broken` : email(i),
        `"Director, Data ${i % 50}"`,
        `Company ${i % 997}`,
        `company${i % 997}.example`,
        String(10 + (i % 5000)),
        address,
        COUNTRIES[i % 5],
        STAGES[i % 3],
        `2026-10-${day} 09:${String(i % 60).padStart(2, '0')}`,
        i % 10 === 0 ? `2026-11-${day} 10:00` : '',
      ].join(','),
    );
    line += i % 1000 === 0 ? 2 : 1;
  }
  return { csv: `${lines.join('\r\n')}\r\n`, badLines };
}

describe(`a ${ROWS.toLocaleString('en')}-row import`, () => {
  let ctx: ReturnType<typeof setupRepositories>;
  let report: ImportReport;
  let progress: ImportProgress[];
  let badLines: number[];

  beforeAll(async () => {
    ctx = setupRepositories();
    const generated = generate();
    badLines = generated.badLines;
    const { mapping } = suggestMapping(HEADER);
    progress = [];
    report = await importCsv(ctx, new Blob([generated.csv]), { mapping, onProgress: (p) => progress.push(p) });
  }, 180_000);
  afterAll(() => ctx.db.close());

  it('imports every good row once and refuses the bad ones by their line', async () => {
    expect(report).toMatchObject({
      status: 'completed',
      rows: ROWS,
      created: ROWS - 10,
      updated: 0,
      unchanged: 0,
      rejected: 10,
      eventsAdded: ROWS / 10,
    });
    expect(report.rejections.map((r) => [r.line, r.issues[0]?.code])).toEqual(
      badLines.map((line) => [line, 'invalid_email']),
    );
    expect(await ctx.leads.count()).toBe(ROWS - 10);
    expect(await ctx.db.events.count()).toBe(ROWS / 10);
  });

  it('stores sampled rows exactly', async () => {
    for (const i of [0, 1, 999, 1000, 1001, 54_321, ROWS - 1]) {
      const [lead, ...more] = await ctx.leads.findByEmail(email(i));
      expect(more).toEqual([]);
      expect(lead).toMatchObject({
        person: { name: `${FIRST[i % 10]} ${LAST[(i >> 3) % 10]}`, title: `Director, Data ${i % 50}` },
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
    expect(progress.at(-1)).toMatchObject({ rowsDone: ROWS, fraction: 1, created: ROWS - 10, rejected: 10 });
  });
});

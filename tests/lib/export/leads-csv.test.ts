import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DispositionSchema } from '../../../lib/domain/disposition';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/domain/settings';
import { csvLines } from '../../../lib/export/csv';
import { leadCsvRow, leadsCsvBlob, leadsCsvChunks, leadsCsvHeader } from '../../../lib/export/leads-csv';
import { rejectedRowsCsv } from '../../../lib/export/rejected-csv';
import { importCsv } from '../../../lib/import/import';
import { readCsvPreview } from '../../../lib/import/preview';
import { scoreLead } from '../../../lib/scoring/score';
import { setupRepositories } from '../../support/db';
import { DAY, NOW, makeEvent, makeLead, visit } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const settings: Settings = { ...DEFAULT_SETTINGS, reasonLabels: { other: 'Something else' } };

/** The CSV text as rows of cells, header first (the BOM dropped). */
const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

async function text(blob: Blob) {
  // ignoreBOM: keep the byte-order mark, to see that it is there.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
}

async function seed() {
  const dana = makeLead({
    person: {
      name: 'Dana Whitfield',
      emails: ['dana@brightpath.io', 'dana.w@gmail.com'],
      linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield/',
      title: 'VP of Revenue Operations',
      phone: '+1 415 555 0142',
      location: 'San Francisco, California',
    },
    company: {
      name: 'BrightPath Analytics',
      domain: 'brightpath.io',
      employees: 320,
      industry: 'Software',
      country: 'US',
    },
    stage: 'mql',
    source: 'Organic Search',
    campaign: '2026-10 Webinar',
    owner: 'sam@seller.io',
    crmIds: { hubspot: '51234801', salesforce: '00Q5e00000Ab1CdEAK' },
    times: { createdAt: NOW - 40 * DAY, mqlAt: NOW - 2 * DAY },
  });
  const mallory = makeLead({
    person: {
      name: '=HYPERLINK("http://evil.example","Click")',
      emails: ['mallory@evil.example'],
      title: '@SUM(1+1)\n=cmd|/c calc',
    },
    company: { name: '+Acme', domain: 'evil.example' },
    stage: 'recycled',
    revisitAt: NOW + 90 * DAY,
    times: { createdAt: NOW - 20 * DAY, mqlAt: NOW - 10 * DAY, recycledAt: NOW - DAY },
  });
  await ctx.leads.bulkUpsert([dana, mallory]);
  await ctx.events.bulkAdd([
    visit(dana, 'pricing', 3),
    makeEvent(dana, 'webinar_attended', 10),
    makeEvent(dana, 'content_download', 20),
  ]);
  await ctx.qualifications.save({
    leadId: dana.id,
    framework: 'bant',
    criteria: {
      need: { status: 'confirmed', evidence: 'Pipeline reporting is manual' },
      authority: { status: 'partial', evidence: '' },
    },
  });
  const first = await ctx.dispositions.record(
    {
      leadId: mallory.id,
      decision: 'rejected',
      route: 'mql_handoff',
      reason: 'no_budget',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam',
      decidedAt: NOW - 3 * DAY,
    },
    mallory,
  );
  await ctx.dispositions.record(
    {
      leadId: mallory.id,
      decision: 'withdrawn',
      route: 'mql_handoff',
      withdraws: first.disposition.id,
      decidedBy: 'sam',
      decidedAt: NOW - 2 * DAY,
    },
    mallory,
  );
  await ctx.dispositions.record(
    {
      leadId: mallory.id,
      decision: 'rejected',
      route: 'mql_handoff',
      reason: 'other',
      note: '-1 for honesty: fake company',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam',
      decidedAt: NOW - DAY,
    },
    mallory,
  );
  return { dana: (await ctx.leads.get(dana.id)) ?? dana, mallory: (await ctx.leads.get(mallory.id)) ?? mallory };
}

describe('leads CSV', () => {
  it('has a column for identity, company, stage times, score, criteria and the decision in force', () => {
    expect(leadsCsvHeader({ settings })).toEqual([
      'Handoff ID',
      'Full Name',
      'Email',
      'Additional Emails',
      'LinkedIn URL',
      'Job Title',
      'Seniority',
      'Phone',
      'Location',
      'Company',
      'Company Domain',
      'Employees',
      'Industry',
      'Country',
      'Lead Source',
      'Campaign',
      'Owner',
      'Stage',
      'HubSpot ID',
      'Salesforce ID',
      'Marketo ID',
      'Created At',
      'MQL At',
      'First Touch At',
      'SQL At',
      'Opportunity At',
      'Customer At',
      'Recycled At',
      'Disqualified At',
      'Revisit At',
      'Score',
      'Framework',
      'BANT Budget',
      'BANT Authority',
      'BANT Need',
      'BANT Timeline',
      'Decision',
      'Decision Route',
      'Rejection Reason Code',
      'Rejection Reason',
      'Decision Note',
      'Override Note',
      'Decision Outcome',
      'Handed To AE',
      'Handed To AE Email',
      'Handoff Meeting At',
      'Note To Sales',
      'Decided By',
      'Decided At',
      'Deal',
      'Deal Date',
      'Lost Reason Code',
      'Lost Reason',
      'Updated At',
    ]);
    expect(leadsCsvHeader({ settings, frameworks: ['meddic'] })).toContain('MEDDIC Champion');
  });

  it('writes one row per lead with its score now, checklist statuses and latest decision', async () => {
    const { dana, mallory } = await seed();
    const csv = await text(await leadsCsvBlob(ctx.snapshot, { settings, now: NOW }));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(csv);
    const record = (row: string[] | undefined) => Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    const byId = new Map(rows.map((row) => [row[0], record(row)]));

    const events = await ctx.events.forLead(dana.id);
    expect(byId.get(dana.id)).toMatchObject({
      'Full Name': 'Dana Whitfield',
      Email: 'dana@brightpath.io',
      'Additional Emails': 'dana.w@gmail.com',
      'LinkedIn URL': 'https://www.linkedin.com/in/dana-whitfield/',
      Seniority: 'vp',
      // A phone starts with "+": guarded like a formula, and taken off again by the importer.
      Phone: "'+1 415 555 0142",
      Company: 'BrightPath Analytics',
      Employees: '320',
      Country: 'US',
      Stage: 'mql',
      'HubSpot ID': '51234801',
      'Salesforce ID': '00Q5e00000Ab1CdEAK',
      'Created At': new Date(NOW - 40 * DAY).toISOString(),
      'MQL At': new Date(NOW - 2 * DAY).toISOString(),
      'SQL At': '',
      Score: String(scoreLead(settings.scoringModel, { lead: dana, events, now: NOW }).total),
      Framework: 'BANT',
      'BANT Budget': 'unknown',
      'BANT Authority': 'partial',
      'BANT Need': 'confirmed',
      'BANT Timeline': 'unknown',
      Decision: '',
    });
    expect(Number(byId.get(dana.id)?.Score)).toBeGreaterThan(0);
    // The withdrawn rejection is skipped; the later one is in force, with the team's label.
    expect(byId.get(mallory.id)).toMatchObject({
      Stage: 'recycled',
      'Revisit At': new Date(NOW + 90 * DAY).toISOString(),
      Framework: '',
      'BANT Need': 'unknown',
      Decision: 'rejected',
      'Decision Route': 'mql_handoff',
      'Rejection Reason Code': 'other',
      'Rejection Reason': 'Something else',
      'Decision Note': "'-1 for honesty: fake company",
      'Decision Outcome': 'recycled',
      'Decided At': new Date(NOW - DAY).toISOString(),
    });
  });

  it('never lets a cell run as a formula, even one that spans lines', async () => {
    const { mallory } = await seed();
    const csv = await text(await leadsCsvBlob(ctx.snapshot, { settings, now: NOW }));
    const row = parse(csv).find((r) => r[0] === mallory.id) ?? [];
    const header = parse(csv)[0] ?? [];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Full Name')).toBe('\'=HYPERLINK("http://evil.example","Click")');
    expect(cell('Job Title')).toBe("'@SUM(1+1)\n=cmd|/c calc");
    expect(cell('Company')).toBe("'+Acme");
    for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    // Numbers stay numbers: a negative score is not text
    expect(csvLines([[-40, '-40', '＝1+1']])).toBe(`-40,"'-40","'＝1+1"\r\n`);
  });

  it('streams page by page to the same text, reporting progress, and can be cancelled', async () => {
    await seed();
    await ctx.leads.bulkUpsert(
      [1, 2, 3, 4, 5].map((i) => makeLead({ person: { name: `P${i}`, emails: [`p${i}@x.io`] } })),
    );
    const whole = await text(await leadsCsvBlob(ctx.snapshot, { settings, now: NOW }));
    const progress: { leadsDone: number; leadsTotal: number }[] = [];
    const chunks: string[] = [];
    for await (const chunk of leadsCsvChunks(ctx.snapshot, {
      settings,
      now: NOW,
      pageSize: 2,
      onProgress: (p) => progress.push(p),
    })) {
      chunks.push(chunk);
    }
    expect(chunks.join('')).toBe(whole);
    expect(chunks).toHaveLength(1 + 4);
    expect(progress.map((p) => p.leadsDone)).toEqual([2, 4, 6, 7]);
    expect(progress.every((p) => p.leadsTotal === 7)).toBe(true);

    const controller = new AbortController();
    const stopped = (async () => {
      for await (const _ of leadsCsvChunks(ctx.snapshot, {
        settings,
        now: NOW,
        pageSize: 2,
        signal: controller.signal,
      }))
        controller.abort();
    })();
    await expect(stopped).rejects.toThrow(/abort/i);
  });

  it('writes semicolons for a European Excel, and no BOM when asked', async () => {
    await seed();
    const csv = await text(await leadsCsvBlob(ctx.snapshot, { settings, now: NOW, delimiter: ';', bom: false }));
    expect(csv.startsWith('Handoff ID;Full Name;')).toBe(true);
  });

  it('imports back onto the same leads: nothing duplicated, nothing changed', async () => {
    await ctx.leads.bulkUpsert([
      makeLead({
        person: {
          name: 'Dana Whitfield',
          emails: ['dana@brightpath.io', 'dana.w@gmail.com'],
          phone: '+1 415 555 0142',
          title: 'VP RevOps',
        },
        company: { name: 'BrightPath', domain: 'brightpath.io', employees: 320, country: 'US' },
        stage: 'mql',
        source: 'Web',
        owner: 'sam@seller.io',
        crmIds: { hubspot: '51234801' },
        times: { createdAt: NOW - 40 * DAY, mqlAt: NOW - 2 * DAY },
      }),
      makeLead({
        person: { name: 'Ben Carter', emails: [], linkedinUrl: 'https://www.linkedin.com/in/ben-carter-7781/' },
        stage: 'sql',
        times: { createdAt: NOW - 9 * DAY, sqlAt: NOW - DAY },
      }),
    ]);
    const before = await ctx.snapshot.page('leads', undefined, 10);
    const csv = await leadsCsvBlob(ctx.snapshot, { settings, now: NOW });
    const { suggestion } = await readCsvPreview(csv);
    const report = await importCsv(ctx, csv, { mapping: suggestion.mapping });
    expect(report).toMatchObject({ rows: 2, unchanged: 2, created: 0, updated: 0, rejected: 0 });
    expect(await ctx.snapshot.page('leads', undefined, 10)).toEqual(before);
  });

  it("exports the decision in force by sync's clock once the team syncs, as the server has it", async () => {
    const lead = await ctx.leads.create(makeLead({ stage: 'mql' }));
    await ctx.sync.turnOn({ serverUrl: 'https://sync.test', token: 't', team: { id: 't', name: 'T' }, rep: 'Sam' });
    const base = { leadId: lead.id, route: 'mql_handoff', note: '' } as const;
    // Two decisions made blind; the rejecting browser's wall clock ran ahead of the accepting one's.
    const sam = DispositionSchema.parse({
      ...base,
      id: '01KAQZ4X5T0000000000000DC1',
      decision: 'rejected',
      reason: 'bad_timing',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam@seller.io',
      decidedAt: NOW + 60_000,
    });
    const alex = DispositionSchema.parse({
      ...base,
      id: '01KAQZ4X5T0000000000000DC2',
      decision: 'accepted_sql',
      decidedBy: 'alex@seller.io',
      decidedAt: NOW,
    });
    await ctx.sync.applyPulled(
      [
        { table: 'dispositions', recordId: sam.id, seq: 1, hlc: `${NOW - 1000}-0000-sam`, data: sam, basedOn: null },
        { table: 'dispositions', recordId: alex.id, seq: 2, hlc: `${NOW}-0000-alex`, data: alex, basedOn: null },
      ],
      '2',
    );
    const [header = [], row = []] = parse(await text(await leadsCsvBlob(ctx.snapshot, { settings, now: NOW })));
    expect(row[header.indexOf('Decision')]).toBe('accepted_sql');
    expect(row[header.indexOf('Decided By')]).toBe('alex@seller.io');
  });

  it("exports an acceptance's handoff: the AE (also the owner), the meeting and the note to sales", () => {
    const lead = makeLead({ stage: 'sql', owner: 'alex.kim@seller.io', times: { createdAt: NOW - DAY, sqlAt: NOW } });
    const accepted = DispositionSchema.parse({
      id: '01KAQZ4X5T0000000000000DC3',
      leadId: lead.id,
      decision: 'accepted_sql',
      route: 'direct_inbound',
      handoff: {
        ae: { name: 'Alex Kim', email: 'alex.kim@seller.io' },
        meetingAt: NOW + DAY,
        note: '=Wants a demo for 12 seats',
        previousOwner: 'sam@seller.io',
      },
      decidedBy: 'sam@seller.io',
      decidedAt: NOW,
    });
    const header = leadsCsvHeader({ settings });
    const row = leadCsvRow(
      { lead, events: [], qualification: undefined, dispositions: [accepted] },
      { settings, now: NOW },
    );
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Owner')).toBe('alex.kim@seller.io');
    expect(cell('Handed To AE')).toBe('Alex Kim');
    expect(cell('Handed To AE Email')).toBe('alex.kim@seller.io');
    expect(cell('Handoff Meeting At')).toBe(new Date(NOW + DAY).toISOString());
    // Raw here; csvLines guards the formula-like note when the file is written.
    expect(cell('Note To Sales')).toBe('=Wants a demo for 12 seats');
    expect(csvLines([[cell('Note To Sales')]])).toBe(`"'=Wants a demo for 12 seats"\r\n`);
  });

  it('keeps the acceptance and its handoff as the decision once the deal moves on, and writes the deal after it', () => {
    const lead = makeLead({
      stage: 'recycled',
      revisitAt: NOW + 120 * DAY,
      times: { createdAt: NOW - 30 * DAY, sqlAt: NOW - 20 * DAY, opportunityAt: NOW - 10 * DAY, recycledAt: NOW - DAY },
    });
    const record = (id: string, fields: Record<string, unknown>) =>
      DispositionSchema.parse({ id, leadId: lead.id, route: 'direct_inbound', decidedBy: 'sam@seller.io', ...fields });
    const dispositions = [
      record('01KAQZ4X5T0000000000000DD1', {
        decision: 'accepted_sql',
        handoff: { ae: { name: 'Alex Kim', email: 'alex.kim@seller.io' } },
        decidedAt: NOW - 20 * DAY,
      }),
      record('01KAQZ4X5T0000000000000DD2', {
        decision: 'opportunity',
        occurredAt: NOW - 10 * DAY,
        decidedAt: NOW - 10 * DAY,
      }),
      record('01KAQZ4X5T0000000000000DD3', {
        decision: 'lost',
        lostReason: 'no_decision',
        outcome: { kind: 'recycled', revisitAt: NOW + 120 * DAY },
        occurredAt: NOW - 2 * DAY,
        decidedAt: NOW - DAY,
      }),
    ];
    const header = leadsCsvHeader({ settings });
    const row = leadCsvRow({ lead, events: [], qualification: undefined, dispositions }, { settings, now: NOW });
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Decision')).toBe('accepted_sql');
    expect(cell('Handed To AE')).toBe('Alex Kim');
    expect(cell('Deal')).toBe('lost');
    expect(cell('Deal Date')).toBe(new Date(NOW - 2 * DAY).toISOString());
    expect(cell('Lost Reason Code')).toBe('no_decision');
    expect(cell('Lost Reason')).toBe('No decision');
    expect(cell('Revisit At')).toBe(new Date(NOW + 120 * DAY).toISOString());
  });

  it('leadCsvRow is the row of one bundle, and an empty database is a header only', async () => {
    const lead = makeLead();
    const row = leadCsvRow({ lead, events: [], qualification: undefined, dispositions: [] }, { settings, now: NOW });
    expect(row).toHaveLength(leadsCsvHeader({ settings }).length);
    const csv = await text(await leadsCsvBlob(ctx.snapshot, { settings, now: NOW }));
    expect(parse(csv)).toHaveLength(1);
  });
});

describe('rejected rows CSV', () => {
  it('lists each refused row with its line and reason, to fix and import again', async () => {
    const file = 'Email,Name\nnot-an-email,=Evil\nok@x.io,Fine\n,Nobody\n';
    const report = await importCsv(ctx, file, {
      mapping: {
        columns: [
          { column: 'Email', field: 'email' },
          { column: 'Name', field: 'fullName' },
        ],
      },
    });
    expect(parse(rejectedRowsCsv(report))).toEqual([
      ['Line', 'Reason', 'Email', 'Name'],
      ['2', 'Email "not-an-email" is not a valid email address', 'not-an-email', "'=Evil"],
      ['4', 'No email, LinkedIn URL or CRM id ("Email" empty): the row cannot be matched to a lead', '', 'Nobody'],
    ]);
  });
});

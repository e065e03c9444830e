import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories } from '../../../lib/db/index';
import { ValidationError } from '../../../lib/domain/validation';
import type { CsvSource } from '../../../lib/import/csv';
import { type ImportOptions, type ImportProgress, ImportWriteError, importCsv } from '../../../lib/import/import';
import type { ImportMappingInput } from '../../../lib/import/mapping';
import { readCsvPreview } from '../../../lib/import/preview';
import { ImportFileError } from '../../../lib/import/rows';
import { salesforceId18 } from '../../../lib/import/values';
import { refuseWrites, setupRepositories, testDb } from '../../support/db';
import { NOW } from '../../support/factories';

const FIXTURES = join(import.meta.dirname, '../../fixtures/csv');
const text = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const blob = (name: string) => new Blob([readFileSync(join(FIXTURES, name))]);

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

/** Imports a source with the mapping the mapping step would suggest for it. */
async function importSuggested(source: CsvSource | string, options: Partial<ImportOptions> = {}, repos = ctx) {
  const input = typeof source === 'string' && source.endsWith('.csv') ? blob(source) : source;
  const preview = await readCsvPreview(input);
  const again = typeof source === 'string' && source.endsWith('.csv') ? blob(source) : source;
  return importCsv(repos, again, { mapping: preview.suggestion.mapping, ...options });
}

const lead = async (email: string) => {
  const [found, ...more] = await ctx.leads.findByEmail(email);
  expect(more, `one lead for ${email}`).toEqual([]);
  return found;
};
const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);
const rejections = (report: { rejections: { line: number; lastLine: number; issues: { code: string }[] }[] }) =>
  report.rejections.map((r) => [r.line, r.lastLine, r.issues.map((i) => i.code).join(',')]);

/** Every stored lead and event without ids, for comparing imports of the same data. */
async function stored() {
  const leads = await ctx.snapshot.page('leads', undefined, 1000);
  const events = await ctx.snapshot.page('events', undefined, 1000);
  const emailOf = new Map(leads.map((l) => [l.id, l.person.emails[0] ?? l.person.linkedinUrl]));
  return {
    leads: leads.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.person.name.localeCompare(b.person.name)),
    events: events
      .map(({ id: _id, leadId, ...rest }) => ({ lead: emailOf.get(leadId), ...rest }))
      .sort((a, b) => `${a.lead}${a.occurredAt}${a.type}`.localeCompare(`${b.lead}${b.occurredAt}${b.type}`)),
  };
}

describe('HubSpot contacts export', () => {
  it('imports the good rows and refuses the bad ones by line, naming the column and the value', async () => {
    const report = await importSuggested('hubspot-contacts.csv');
    expect(report).toMatchObject({
      status: 'completed',
      rows: 16,
      created: 13,
      updated: 0,
      unchanged: 0,
      rejected: 3,
      eventsAdded: 17,
    });
    expect(report.file).toMatchObject({ delimiter: ',', encoding: 'utf-8', preset: 'hubspot' });
    // Line 4-5 is one row (an address with a line break), so the lines after it count on from 6.
    expect(rejections(report)).toEqual([
      [8, 8, 'invalid_email'],
      [9, 9, 'missing_identity'],
      [18, 18, 'invalid_date'],
    ]);
    expect(report.rejections.map((r) => r.reason)).toEqual([
      'Email "marco.rossi@@lumen.it" is not a valid email address',
      'No lead has HubSpot ID 51234807, and the row has no email or LinkedIn URL to create one',
      'Create Date "2026-11-31 11:00" is not a date (expected e.g. 2026-03-14, 03/14/2026 or 14.03.2026)',
    ]);
    expect(report.rejections[0]?.cells.slice(0, 4)).toEqual(['51234806', 'Marco', 'Rossi', 'marco.rossi@@lumen.it']);
    expect(report.warnings).toEqual([
      {
        line: 15,
        code: 'country_unknown',
        message: 'Country/Region "EMEA" is not a country Handoff knows; imported without it',
        column: 'Country/Region',
        value: 'EMEA',
      },
    ]);
  });

  it('reads every mapped column into the lead and its engagement', async () => {
    await importSuggested('hubspot-contacts.csv');
    const dana = await lead('dana.whitfield@brightpath.io');
    expect(dana).toMatchObject({
      person: {
        name: 'Dana Whitfield',
        emails: ['dana.whitfield@brightpath.io'],
        title: 'VP of Revenue Operations',
        phone: '+1 415 555 0142',
        location: 'San Francisco, California, United States',
      },
      company: {
        name: 'BrightPath Analytics',
        domain: 'brightpath.io',
        employees: 320,
        industry: 'Computer Software',
        country: 'US',
      },
      stage: 'mql',
      owner: 'Sam Seller',
      source: 'Organic Search',
      crmIds: { hubspot: '51234801' },
      times: { createdAt: utc(2026, 9, 2, 14, 21), mqlAt: utc(2026, 10, 28, 9, 12) },
      updatedAt: NOW,
    });
    const events = await ctx.events.forLead(dana?.id ?? '');
    expect(events.map((e) => [e.type, e.occurredAt, e.origin, e.details])).toEqual([
      ['form_submitted', utc(2026, 10, 28, 9, 10), 'imported', { importedFrom: 'Recent Conversion Date' }],
      ['email_opened', utc(2026, 11, 2, 8, 45), 'imported', { importedFrom: 'Last marketing email open date' }],
    ]);
    expect((await lead('priya.raman@northwind-analytics.com'))?.stage).toBe('sql');
    expect((await lead('lucas.pereira@verdemar.com.br'))?.stage).toBe('customer');
    expect((await lead('aisha.okafor@gmail.com'))?.stage).toBe('lead');
    // "marketingqualifiedlead" (HubSpot's internal value) is an MQL too
    expect((await lead('jonas.becker@fahrwerk.de'))?.stage).toBe('mql');
    // Found from a Gmail thread without the plus tag
    expect((await lead('hannah.schmidt@vireo.health'))?.person.emails).toEqual(['hannah.schmidt+events@vireo.health']);
  });

  it('changes nothing when the same file is imported again, not even updatedAt', async () => {
    await importSuggested('hubspot-contacts.csv');
    const before = await ctx.snapshot.page('leads', undefined, 100);
    ctx.clock.now = NOW + 3_600_000;
    const again = await importSuggested('hubspot-contacts.csv');
    expect(again).toMatchObject({ rows: 16, created: 0, updated: 0, unchanged: 13, rejected: 3, eventsAdded: 0 });
    expect(await ctx.snapshot.page('leads', undefined, 100)).toEqual(before);
    expect(await ctx.db.events.count()).toBe(17);
  });

  it('reads the same from a string, a Blob, a web stream or a Node stream, in any chunk and batch size', async () => {
    await importSuggested('hubspot-contacts.csv');
    const reference = await stored();
    const csv = text('hubspot-contacts.csv');
    const variants: [CsvSource, Partial<ImportOptions>][] = [
      [csv, { chunkBytes: 1024, batchRows: 1 }],
      [new Blob([csv]).stream(), { batchRows: 4, totalBytes: new Blob([csv]).size }],
      [Readable.from([csv.slice(0, 700), csv.slice(700)]), { chunkBytes: 1024, batchRows: 7 }],
    ];
    const mapping = (await readCsvPreview(csv)).suggestion.mapping;
    for (const [source, options] of variants) {
      ctx.db.close();
      ctx = setupRepositories();
      const report = await importCsv(ctx, source, { mapping, ...options });
      expect(rejections(report)).toEqual([
        [8, 8, 'invalid_email'],
        [9, 9, 'missing_identity'],
        [18, 18, 'invalid_date'],
      ]);
      expect(await stored()).toEqual(reference);
    }
  });

  it('reads the file the same with a byte-order mark and CRLF line ends', async () => {
    await importSuggested('hubspot-contacts.csv');
    const reference = await stored();
    ctx.db.close();
    ctx = setupRepositories();
    const windows = `\uFEFF${text('hubspot-contacts.csv').replace(/\n/g, '\r\n')}`;
    const report = await importSuggested(new Blob([windows]), { chunkBytes: 1024 });
    expect(rejections(report)).toEqual([
      [8, 8, 'invalid_email'],
      [9, 9, 'missing_identity'],
      [18, 18, 'invalid_date'],
    ]);
    const after = await stored();
    // The street address (unmapped) is the only cell with a line break; everything stored is equal.
    expect(after).toEqual(reference);
  });
});

describe('Salesforce leads report', () => {
  it('skips the report footer, maps lead statuses and reads US dates', async () => {
    const report = await importSuggested('salesforce-leads.csv');
    expect(report).toMatchObject({ rows: 13, created: 11, rejected: 2 });
    expect(report.notes).toEqual(['Skipped the report footer (lines 16-22)']);
    expect(report.file).toMatchObject({ preset: 'salesforce', dateOrder: 'mdy', dateOrderFrom: 'file' });
    expect(rejections(report)).toEqual([
      [7, 7, 'missing_identity'],
      [10, 10, 'invalid_email'],
    ]);
    const stages = await Promise.all(
      [
        'dana.whitfield@brightpath.io',
        'sofia.lindqvist@nordhavn.dk',
        'ethan.cole@bluebirddental.com',
        'omar.haddad@gulfstream-med.ae',
        'thomas.wright@copperline-energy.com',
        'ines.carvalho@lusitania-seguros.pt',
        'daniel.okoro@savannamobile.ng',
      ].map(async (email) => (await lead(email))?.stage),
    );
    expect(stages).toEqual(['mql', 'sql', 'recycled', 'mql', 'sql', 'recycled', 'disqualified']);
    const malik = await lead('malik.johnson@crescentfreight.com');
    expect(malik).toMatchObject({
      person: {
        name: 'Malik Johnson',
        title: 'Director, IT Infrastructure',
        phone: '(312) 555-0110',
        location: 'Chicago, IL, USA',
      },
      company: { name: 'Crescent Freight, Inc.', employees: 850, country: 'US', industry: 'Transportation' },
      owner: 'Sam Seller',
      source: 'Trade Show',
      crmIds: { salesforce: salesforceId18('00Q5e00000Ab2Fg') },
      times: { createdAt: utc(2026, 9, 4) },
    });
    expect((await lead('sofia.lindqvist@nordhavn.dk'))?.company.employees).toBe(1900);
  });

  it('finds the same leads when the ids come in their 18-character form (a Data Loader export)', async () => {
    await importSuggested('salesforce-leads.csv');
    const dataLoader = text('salesforce-leads.csv').replace(
      /"(00Q5e00000[A-Za-z0-9]{5})"/g,
      (_, id: string) => `"${salesforceId18(id)}"`,
    );
    const report = await importSuggested(new Blob([dataLoader]));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 11, rejected: 2 });
    expect(await ctx.leads.count()).toBe(11);
  });
});

describe('Marketo lead list', () => {
  it('refuses a row with a broken quote as the lines it swallowed, and goes on after it', async () => {
    const report = await importSuggested('marketo-leads.csv');
    expect(report).toMatchObject({ rows: 11, created: 9, rejected: 2 });
    expect(rejections(report)).toEqual([
      [8, 9, 'malformed_row'],
      [12, 12, 'missing_identity'],
    ]);
    expect(report.rejections[0]?.reason).toBe(
      'A quoted value is not closed properly: a quote inside it should be doubled ("") (it runs on to line 9)',
    );
    expect(await ctx.leads.findByEmail('noah.fischer@elbwerk.de')).toEqual([]);
    expect((await lead('mia.jensen@skovdata.dk'))?.stage).toBe('mql');
  });

  it('reads month-name dates and Marketo statuses', async () => {
    await importSuggested('marketo-leads.csv');
    expect(await lead('dana.whitfield@brightpath.io')).toMatchObject({
      person: { emails: ['dana.whitfield@brightpath.io'], title: 'VP of Revenue Operations' },
      crmIds: { marketo: '1048201' },
      campaign: '2026-10 Revenue Ops Webinar',
      times: { createdAt: utc(2026, 9, 2, 14, 21) },
    });
    const stages = await Promise.all(
      [
        'ana.souza@ventura.com.br',
        'yuki.sato@hoshigaoka.co.jp',
        'leon.novak@studentmail.com',
        'felix.wagner@kranich-it.de',
      ].map(async (email) => (await lead(email))?.stage),
    );
    expect(stages).toEqual(['recycled', 'sql', 'disqualified', 'mql']);
  });

  it('merges a person already imported from Salesforce into one lead with both CRM ids', async () => {
    await importSuggested('salesforce-leads.csv');
    const report = await importSuggested('marketo-leads.csv');
    expect(report).toMatchObject({ created: 8, updated: 1 });
    expect(await lead('dana.whitfield@brightpath.io')).toMatchObject({
      crmIds: { salesforce: salesforceId18('00Q5e00000Ab1Cd'), marketo: '1048201' },
      // The later file's values win; Salesforce's create date stays the lead's.
      source: 'Website',
      times: { createdAt: utc(2026, 10, 28) },
    });
  });
});

describe('European Excel file: BOM, semicolons, CRLF, a line break inside a cell', () => {
  it('reads day-first dates, German country names and thousands dots, and reports lines as in the file', async () => {
    const report = await importSuggested('excel-de-semicolon.csv');
    expect(report.file).toMatchObject({
      delimiter: ';',
      encoding: 'utf-8',
      preset: undefined,
      dateOrder: 'dmy',
      dateOrderFrom: 'file',
    });
    // The trailing ";;;;;;;;" line is blank, not a row.
    expect(report).toMatchObject({ rows: 8, created: 5, rejected: 3 });
    expect(rejections(report)).toEqual([
      [7, 7, 'field_count'],
      [8, 8, 'missing_identity'],
      [9, 9, 'invalid_date'],
    ]);
    expect(report.rejections[0]?.reason).toBe('10 fields where the header has 9: a ";" inside an unquoted value?');
    expect(await lead('katrin.vogel@nordlicht-energie.de')).toMatchObject({
      person: {
        name: 'Katrin Vogel',
        title: 'Leiterin Marketing DACH',
        linkedinUrl: 'https://www.linkedin.com/in/katrin-vogel-4a1b2c/',
      },
      company: { name: 'Nordlicht Energie AG', employees: 1200, country: 'DE' },
      times: { createdAt: utc(2026, 3, 14) },
    });
    expect((await lead('stefan.huber@alpenmetall.at'))?.times.createdAt).toBe(utc(2026, 10, 2, 9, 15));
    expect(await lead('jean.dubois@lumiere-conseil.fr')).toMatchObject({
      company: { name: 'Lumière Conseil, SARL', country: 'FR' },
      times: { createdAt: utc(2026, 10, 21) },
    });
    expect((await lead('anna.kowalska@wisla-data.pl'))?.company.employees).toBe(1500);
  });

  it('reads the same file saved by Excel as plain “CSV” (Windows-1252, no BOM)', async () => {
    // Latin-1 letters only in this file, so its bytes are its char codes (see csv.test.ts on Node's decoder).
    const utf8 = text('excel-de-semicolon.csv')
      .replace(/^\uFEFF/, '')
      .replace('Wisła', 'Wisla');
    const bytes = Uint8Array.from([...utf8].map((c) => c.charCodeAt(0)));
    const report = await importSuggested(new Blob([bytes]));
    expect(report.file.encoding).toBe('windows-1252');
    expect(report).toMatchObject({ created: 5, rejected: 3 });
    expect((await lead('stefan.huber@alpenmetall.at'))?.person.title).toBe('Geschäftsführer');
  });

  it('reads Excel’s “Unicode text” (UTF-16LE, tabs)', async () => {
    const tsv = 'Email\tName\tCompany\r\nzoe@kiwiharbour.co.nz\tZoë Clarke\tKiwi Harbour\r\n';
    const bytes = new Uint8Array(2 + tsv.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < tsv.length; i++) {
      bytes[2 + 2 * i] = tsv.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = tsv.charCodeAt(i) >> 8;
    }
    const report = await importSuggested(new Blob([bytes]));
    expect(report.file).toMatchObject({ delimiter: '\t', encoding: 'utf-16le' });
    expect((await lead('zoe@kiwiharbour.co.nz'))?.person.name).toBe('Zoë Clarke');
  });
});

describe('webinar attendee list (any CSV, mapped by header names)', () => {
  it('imports LinkedIn-only people, engagement dates, and the same person twice as one lead', async () => {
    const report = await importSuggested('webinar-attendees.csv');
    expect(report).toMatchObject({ rows: 9, created: 4, updated: 1, rejected: 4, eventsAdded: 7 });
    expect(rejections(report)).toEqual([
      [6, 6, 'invalid_linkedin'],
      [7, 7, 'missing_identity'],
      [9, 9, 'field_count'],
      [10, 10, 'invalid_date'],
    ]);
    expect(report.warnings.map((w) => [w.line, w.code])).toEqual([[5, 'invalid_linkedin']]);
    const maya = await lead('maya.goldberg@orchardhr.com');
    expect(maya?.person).toMatchObject({
      title: 'SVP People Operations',
      linkedinUrl: 'https://www.linkedin.com/in/mayagoldberg/',
    });
    const events = await ctx.events.forLead(maya?.id ?? '');
    expect(events.map((e) => [e.type, e.pageCategory, new Date(e.occurredAt).toISOString()])).toEqual([
      ['webinar_attended', undefined, '2026-11-12T16:00:00.000Z'],
      ['page_visit', 'pricing', '2026-11-14T09:30:00.000Z'],
      ['page_visit', 'pricing', '2026-11-18T11:45:00.000Z'],
    ]);
    const [ben] = await ctx.leads.findByLinkedinUrl('linkedin.com/in/ben-carter-7781');
    expect(ben?.person).toMatchObject({ name: 'Ben Carter', emails: [] });
    expect((await lead('luis.ortega@caminoverde.mx'))?.person.linkedinUrl).toBeUndefined();
  });
});

describe('activity log', () => {
  const mapping: ImportMappingInput = {
    preset: 'marketo',
    columns: [
      { column: 'Lead ID', field: 'marketoId' },
      { column: 'Email Address', field: 'email' },
      { column: 'Activity Date', field: 'eventAt' },
      { column: 'Activity Type', field: 'eventType' },
      { column: 'Primary Attribute Value', field: 'eventDetail' },
    ],
  };

  it('adds one event per row to known leads, page visits by URL, once', async () => {
    await importSuggested('marketo-leads.csv');
    const report = await importCsv(ctx, blob('marketo-activities.csv'), { mapping, createLeads: false });
    expect(report).toMatchObject({ rows: 8, updated: 5, unchanged: 1, created: 0, rejected: 2, eventsAdded: 5 });
    expect(rejections(report)).toEqual([
      [5, 5, 'unknown_event_type'],
      [8, 8, 'no_match'],
    ]);
    expect(report.rejections[0]?.reason).toBe(
      'Activity Type "Change Score" is not an engagement Handoff tracks (map it in the activity types)',
    );
    const dana = await lead('dana.whitfield@brightpath.io');
    const events = await ctx.events.forLead(dana?.id ?? '');
    expect(events.map((e) => [e.type, e.pageCategory, e.details.detail])).toEqual([
      ['page_visit', 'pricing', 'https://www.brightpath-demo.com/pricing'],
      ['page_visit', 'docs', 'https://www.brightpath-demo.com/docs/api'],
    ]);
    const felix = await ctx.events.forLead((await lead('felix.wagner@kranich-it.de'))?.id ?? '');
    expect(felix.map((e) => [e.type, e.details])).toEqual([
      ['form_submitted', { activity: 'Fill Out Form', detail: 'Demo Request Form' }],
    ]);
  });
});

describe('refusals before anything is written', () => {
  const mapping: ImportMappingInput = { columns: [{ column: 'Email', field: 'email' }] };

  it('refuses an empty file', async () => {
    for (const empty of ['', '\uFEFF', '\r\n\r\n']) {
      await expect(importCsv(ctx, empty, { mapping })).rejects.toThrow(ImportFileError);
    }
  });

  it('refuses a mapping without an identity column', async () => {
    await expect(
      importCsv(ctx, 'Name\nA\n', { mapping: { columns: [{ column: 'Name', field: 'fullName' }] } }),
    ).rejects.toThrow(ValidationError);
  });

  it('refuses a file that lacks every mapped identity column, naming them', async () => {
    const error = await importCsv(ctx, 'Name,Company\nA,B\n', { mapping }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).message).toBe(
      'The file has no "Email" column, so no row can be matched to a lead. Check the mapping.',
    );
    expect(await ctx.leads.count()).toBe(0);
  });

  it('imports a header-only file as nothing, and a file without a final line break in full', async () => {
    expect(await importCsv(ctx, 'Email,Name', { mapping })).toMatchObject({ status: 'completed', rows: 0 });
    expect(await importCsv(ctx, 'Email,Name\na@x.io,A', { mapping })).toMatchObject({ rows: 1, created: 1 });
  });

  it('notes mapped columns the file lacks', async () => {
    const report = await importCsv(ctx, 'Email\na@x.io\n', {
      mapping: {
        columns: [
          { column: 'Email', field: 'email' },
          { column: 'Title', field: 'title' },
        ],
      },
    });
    expect(report.notes).toEqual(['Mapped columns not in this file, left out: "Title"']);
  });
});

describe('progress, cancel and failure', () => {
  it('reports progress after every batch, never going back, and ending at 100%', async () => {
    const progress: ImportProgress[] = [];
    const report = await importSuggested('hubspot-contacts.csv', {
      batchRows: 2,
      chunkBytes: 1024,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.length).toBeGreaterThan(5);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.rowsDone).toBeGreaterThanOrEqual(progress[i - 1]?.rowsDone ?? 0);
      expect(progress[i]?.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]?.bytesDone ?? 0);
    }
    expect(progress.at(-1)).toEqual({
      rowsDone: 16,
      bytesDone: report.file.bytes,
      bytesTotal: report.file.bytes,
      fraction: 1,
      created: 13,
      updated: 0,
      unchanged: 0,
      rejected: 3,
    });
  });

  it('stops between batches when cancelled, keeping whole batches, and a re-run completes the rest', async () => {
    const controller = new AbortController();
    const report = await importSuggested('hubspot-contacts.csv', {
      batchRows: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.created >= 3) controller.abort();
      },
    });
    expect(report.status).toBe('cancelled');
    expect(report.created).toBe(3);
    expect(await ctx.leads.count()).toBe(3);
    const rest = await importSuggested('hubspot-contacts.csv');
    expect(rest).toMatchObject({ status: 'completed', created: 10, unchanged: 3 });
  });

  it('writes nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await importSuggested('hubspot-contacts.csv', { signal: controller.signal });
    expect(report).toMatchObject({ status: 'cancelled', rows: 0 });
    expect(await ctx.leads.count()).toBe(0);
  });

  it('stops with the report so far when the database fails, earlier batches kept', async () => {
    const db = testDb();
    refuseWrites(db, 'leads', (row) => (row.emailKeys as string[]).includes('kenji.watanabe@sorato.jp'));
    const repos = createRepositories(db, { now: () => NOW });
    const error = await importSuggested(
      'hubspot-contacts.csv',
      { batchRows: 5 },
      { ...repos, db, clock: { now: NOW } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportWriteError);
    const { report } = error as ImportWriteError;
    expect(report.status).toBe('failed');
    expect(report.created).toBe(await repos.leads.count());
    expect(report.created).toBeGreaterThan(0);
    expect(await repos.leads.findByEmail('kenji.watanabe@sorato.jp')).toEqual([]);
    db.close();
  });
});

import { fireEvent, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMapping } from '../../../lib/import/saved-mappings';
import { refuseWrites, setupRepositories } from '../../support/db';
import { blobText, csvFile, csvFixture, fixtureText, installBlobStream } from './files';
import { button, control, group, openOptions, section } from './render';

installBlobStream();

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => {
  vi.restoreAllMocks();
  ctx.db.close();
});

const importSection = () => section('Import leads from CSV');
const columns = () => group(importSection(), /^Columns/);
const column = (name: string) => control<HTMLSelectElement>(columns(), name);
const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

/** Picks a file in the section's file input and waits for its mapping step. */
async function choose(file: File): Promise<void> {
  await userEvent.upload(control(importSection(), 'Choose a CSV file'), file);
  await within(importSection()).findByText(`Import ${file.name}`, { selector: 'button' });
}

/** Presses Import and waits for the report's heading. */
async function runImport(fileName: string, heading = 'Import finished'): Promise<HTMLElement> {
  await userEvent.click(button(importSection(), `Import ${fileName}`));
  const title = await within(importSection()).findByText(heading, { selector: 'h3' }, { timeout: 10_000 });
  const report = title.closest('section');
  if (!report) throw new Error('No report');
  return report;
}

/** The report's counts as label -> number text. */
function counts(report: HTMLElement): Record<string, string> {
  const list = within(report).getByLabelText('Import counts');
  return Object.fromEntries(
    [...list.querySelectorAll('div')].map((div) => [
      div.querySelector('dt')?.textContent,
      div.querySelector('dd')?.textContent,
    ]),
  );
}

/** The rejected rows table as [line, reason] pairs. */
function rejectedRows(report: HTMLElement): string[][] {
  const table = within(report).getByRole('table', { name: 'Rejected rows' });
  return [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
  );
}

function leavePage(): Event {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event;
}

describe('the preview and the suggested mapping', () => {
  it('recognises a HubSpot contacts export: its first rows, separator, encoding and every column mapped', async () => {
    await openOptions(ctx);
    await choose(csvFixture('hubspot-contacts.csv'));
    const area = importSection();
    expect(within(area).getByTestId('import-detected').textContent).toBe(
      'Looks like a HubSpot contacts export (Contacts > Export, CSV): columns mapped as that export names them.',
    );
    const facts = Object.fromEntries(
      [...area.querySelectorAll('.file-facts div')].map((d) => [
        d.querySelector('dt')?.textContent,
        d.querySelector('dd')?.textContent,
      ]),
    );
    expect(facts).toMatchObject({ Columns: '22', Separator: 'comma', Encoding: 'UTF-8' });
    const table = within(area).getByRole('table', { name: 'First rows of hubspot-contacts.csv' });
    expect(table.querySelector('thead th')?.textContent).toBe('Record ID');
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[2]?.textContent)).toEqual([
      'Whitfield',
      'Ibarra',
      'Raman',
      'Becker',
      'Okafor',
    ]);

    expect(column('Record ID').value).toBe('hubspotId');
    expect(column('Email').value).toBe('email');
    expect(column('Lifecycle Stage').value).toBe('stage');
    expect(column('Became a Marketing Qualified Lead Date').value).toBe('mqlAt');
    expect(column('Recent Conversion Date').value).toBe('formSubmittedAt');
    // HubSpot's Lead Status is its sales status, not the funnel stage; a street has no field.
    expect(column('Lead Status').value).toBe('');
    expect(column('Street Address').value).toBe('');
    expect(within(area).queryByTestId('mapping-problems')).toBeNull();
    expect(control(area, 'Source name').value).toBe('HubSpot contacts export');
    expect(button(area, 'Import hubspot-contacts.csv').disabled).toBe(false);
    // Nothing is written by looking.
    expect(await ctx.leads.count()).toBe(0);
  });

  it.each([
    {
      file: 'salesforce-leads.csv',
      detected: /^Looks like a Salesforce leads report \(Leads report > Export > Details Only, CSV\)/,
      mapped: { 'Lead ID': 'salesforceId', 'Company / Account': 'companyName', 'Lead Status': 'stage', Email: 'email' },
      stages: { 'Open - Not Contacted': 'mql', 'Closed - Converted': 'sql', 'Closed - Not Converted': 'recycled' },
      source: 'Salesforce leads report',
    },
    {
      file: 'marketo-leads.csv',
      detected: /^Looks like a Marketo lead list \(Smart list \/ static list > Export People, CSV\)/,
      mapped: { Id: 'marketoId', 'Email Address': 'email', 'Acquisition Program': 'campaign', 'Lead Score': '' },
      stages: { Open: 'mql', MQL: 'mql', Nurture: 'recycled' },
      source: 'Marketo lead list',
    },
  ])('recognises $file, with its stage values', async ({ file, detected, mapped, stages, source }) => {
    await openOptions(ctx);
    await choose(csvFixture(file));
    const area = importSection();
    expect(within(area).getByTestId('import-detected').textContent).toMatch(detected);
    for (const [name, field] of Object.entries(mapped)) expect(column(name).value, name).toBe(field);
    const stageValues = group(area, /^Stage values/);
    for (const [value, stage] of Object.entries(stages)) {
      expect(control<HTMLSelectElement>(stageValues, value).value, value).toBe(stage);
    }
    expect(control(area, 'Source name').value).toBe(source);
  });

  it('suggests columns of any other CSV from their names, and takes a file dropped on the box', async () => {
    await openOptions(ctx);
    const drop = within(importSection()).getByTestId('file-drop');
    fireEvent.drop(drop, { dataTransfer: { files: [csvFixture('webinar-attendees.csv')], types: ['Files'] } });
    await within(importSection()).findByText('Import webinar-attendees.csv', { selector: 'button' });
    expect(within(importSection()).getByTestId('import-detected').textContent).toBe(
      'No CRM export recognised: columns are suggested from their names.',
    );
    expect(column('Work Email').value).toBe('email');
    expect(column('LinkedIn Profile').value).toBe('linkedinUrl');
    expect(column('Webinar attended').value).toBe('webinarAttendedAt');
    expect(column('Registered').value).toBe('');
    expect(control(importSection(), 'Source name').value).toBe('webinar-attendees');
  });

  it('keeps the text of a hostile file inert', async () => {
    await openOptions(ctx);
    await choose(
      csvFile(
        'Email,<img src=x onerror="window.__pwned=1">\nx@acme.io,"<script>window.__pwned=2</script><b>bold</b>"\n',
        'hostile.csv',
      ),
    );
    const table = within(importSection()).getByRole('table', { name: 'First rows of hostile.csv' });
    expect(table.querySelector('th')?.nextElementSibling?.textContent).toBe('<img src=x onerror="window.__pwned=1">');
    expect(table.querySelector('tbody td:nth-child(2)')?.textContent).toBe(
      '<script>window.__pwned=2</script><b>bold</b>',
    );
    expect(importSection().querySelector('img, script, b')).toBeNull();
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});

describe('importing', () => {
  it('writes the good rows and reports the rejected ones by line with the reason, downloadable', async () => {
    const { downloads } = await openOptions(ctx);
    await choose(csvFixture('hubspot-contacts.csv'));
    const report = await runImport('hubspot-contacts.csv');

    expect(counts(report)).toEqual({
      Created: '13',
      Updated: '0',
      Unchanged: '0',
      Rejected: '3',
      'Events added': '17',
    });
    expect(within(report).getByRole('status').textContent).toBe(
      'hubspot-contacts.csv: 16 rows read. 3 rejected; the others are imported.',
    );
    expect(rejectedRows(report)).toEqual([
      ['8', 'Email "marco.rossi@@lumen.it" is not a valid email address'],
      ['9', 'No lead has HubSpot ID 51234807, and the row has no email or LinkedIn URL to create one'],
      ['18', 'Create Date "2026-11-31 11:00" is not a date (expected e.g. 2026-03-14, 03/14/2026 or 14.03.2026)'],
    ]);
    expect(
      within(report)
        .getByText(/^1 warning/)
        .closest('details')?.textContent,
    ).toContain('Line 15: Country/Region "EMEA" is not a country Handoff knows; imported without it');

    expect(await ctx.leads.count()).toBe(13);
    const [dana] = await ctx.leads.findByEmail('dana.whitfield@brightpath.io');
    expect(dana).toMatchObject({ stage: 'mql', crmIds: { hubspot: '51234801' }, company: { employees: 320 } });

    await userEvent.click(button(report, 'Download the rejected rows (CSV)'));
    expect(downloads.map((d) => d.name)).toEqual(['hubspot-contacts-rejected-rows.csv']);
    const rejected = (await blobText(downloads[0]?.blob ?? new Blob())).split('\r\n');
    expect(rejected[0]).toMatch(/^Line,Reason,Record ID,First Name,Last Name,Email,/);
    expect(rejected[1]).toMatch(/^8,Email ""marco\.rossi@@lumen\.it"" is not a valid email address|^8,"Email ""marco/);
    expect(rejected.filter((line) => line !== '')).toHaveLength(4);
    // The mapping is remembered under the source name.
    expect((await loadMapping(ctx.entries, 'HubSpot contacts export'))?.preset).toBe('hubspot');
  });

  it('imports with the rep’s edits: a column mapped, one left out, a stage value changed', async () => {
    await openOptions(ctx);
    await choose(csvFixture('webinar-attendees.csv'));
    await userEvent.selectOptions(column('Registered'), 'createdAt');
    await userEvent.selectOptions(column('Last pricing page visit'), '');
    await runImport('webinar-attendees.csv');
    const [maya] = await ctx.leads.findByEmail('maya.goldberg@orchardhr.com');
    expect(maya?.times.createdAt).toBe(utc(2026, 11, 1));
    expect((await ctx.events.forLead(maya?.id ?? '')).map((e) => e.type)).toEqual(['webinar_attended']);

    await choose(csvFixture('salesforce-leads.csv'));
    const stages = group(importSection(), /^Stage values/);
    await userEvent.selectOptions(control<HTMLSelectElement>(stages, 'Closed - Not Converted'), 'disqualified');
    await runImport('salesforce-leads.csv');
    const [ethan] = await ctx.leads.findByEmail('ethan.cole@bluebirddental.com');
    expect(ethan?.stage).toBe('disqualified');
    expect((await loadMapping(ctx.entries, 'Salesforce leads report'))?.stageValues).toContainEqual({
      value: 'Closed - Not Converted',
      stage: 'disqualified',
    });
  });

  it('lists what is wrong with a mapping and will not import until it is fixed', async () => {
    await openOptions(ctx);
    await choose(csvFixture('hubspot-contacts.csv'));
    await userEvent.selectOptions(column('First Name'), 'lastName');
    const problems = within(importSection()).getByTestId('mapping-problems');
    const message = '"First Name" and "Last Name" are both imported as Last name: choose one';
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([message]);
    expect(column('First Name').getAttribute('aria-invalid')).toBe('true');
    expect(button(importSection(), 'Import hubspot-contacts.csv').disabled).toBe(true);

    await userEvent.selectOptions(column('First Name'), 'firstName');
    expect(within(importSection()).queryByTestId('mapping-problems')).toBeNull();
    expect(button(importSection(), 'Import hubspot-contacts.csv').disabled).toBe(false);
  });

  it('refuses a file with no identity column before writing anything', async () => {
    await openOptions(ctx);
    await choose(csvFile('Name,Company,Title\nJane Doe,Acme,VP Sales\n', 'names.csv'));
    const problems = within(importSection()).getByTestId('mapping-problems');
    expect(problems.textContent).toContain(
      'Map a column to email, LinkedIn URL or a CRM id: without one no row can be matched to a lead',
    );
    expect(button(importSection(), 'Import names.csv').disabled).toBe(true);
    await userEvent.click(button(importSection(), 'Import names.csv'));
    expect(await ctx.leads.count()).toBe(0);
    expect(await loadMapping(ctx.entries, 'names')).toBeUndefined();
  });

  it('refuses an empty file, saying so', async () => {
    await openOptions(ctx);
    await userEvent.upload(control(importSection(), 'Choose a CSV file'), csvFile('', 'empty.csv'));
    const alert = await within(importSection()).findByRole('alert');
    expect(alert.textContent).toBe(
      'Not imported: empty.csv. The file is empty: no header row was found. Nothing was written.',
    );
  });

  it('shows what was written when the database refuses a write', async () => {
    refuseWrites(ctx.db, 'leads', (row) => (row.emailKeys as string[]).includes('kenji.watanabe@sorato.jp'));
    await openOptions(ctx);
    await choose(csvFixture('hubspot-contacts.csv'));
    const report = await runImport('hubspot-contacts.csv', 'Import stopped');
    // One batch, one transaction: the refused write rolled the whole batch back.
    expect(within(report).getByRole('alert').textContent).toMatch(
      /^The database refused a write \(.+\)\. 0 leads were written before it, each batch whole; importing the file again updates them and adds the rest\.$/s,
    );
    expect(counts(report)).toMatchObject({ Created: '0', Updated: '0' });
    expect(await ctx.leads.count()).toBe(0);
  });
});

describe('importing again', () => {
  it('offers the saved mapping for the same columns, and updates the leads instead of adding them twice', async () => {
    await openOptions(ctx);
    await choose(csvFixture('hubspot-contacts.csv'));
    await userEvent.selectOptions(column('Last marketing email open date'), '');
    await userEvent.clear(control(importSection(), 'Source name'));
    await userEvent.type(control(importSection(), 'Source name'), 'HubSpot weekly');
    const first = await runImport('hubspot-contacts.csv');
    expect(counts(first)).toMatchObject({ Created: '13', Updated: '0', Rejected: '3' });

    // The same export a week later: one title changed.
    const later = fixtureText('hubspot-contacts.csv').replace('VP of Revenue Operations', 'SVP Revenue');
    expect(later).not.toBe(fixtureText('hubspot-contacts.csv'));
    await choose(csvFile(later, 'hubspot-contacts.csv'));
    const area = importSection();
    expect(within(area).getByText('You saved a mapping for files with these columns: “HubSpot weekly”.')).toBeTruthy();
    // Offered, not applied: the suggestion stands until the rep takes it.
    expect(column('Last marketing email open date').value).toBe('emailOpenedAt');
    await userEvent.click(button(area, 'Use saved mapping “HubSpot weekly”'));
    expect(column('Last marketing email open date').value).toBe('');
    expect(control(area, 'Source name').value).toBe('HubSpot weekly');
    expect(within(area).getByText('Using your saved mapping “HubSpot weekly”.')).toBeTruthy();

    const second = await runImport('hubspot-contacts.csv');
    expect(counts(second)).toMatchObject({ Created: '0', Updated: '1', Unchanged: '12', Rejected: '3' });
    expect(await ctx.leads.count()).toBe(13);
    const [dana] = await ctx.leads.findByEmail('dana.whitfield@brightpath.io');
    expect(dana?.person.title).toBe('SVP Revenue');
  });
});

describe('a running import', () => {
  it('shows its progress in rows and percent, warns before leaving, and stops between batches on Cancel', async () => {
    // 1,001 rows: two full batches of 500 and one more row.
    const rows = Array.from({ length: 1001 }, (_, i) => `person${i}@acme-${i}.io,Person ${i}`);
    const file = csvFile(`Email,Full Name\n${rows.join('\n')}\n`, 'big.csv');
    // The second batch waits until the test has pressed Cancel: the import is then surely mid-way.
    const importBatch = ctx.imports.importBatch.bind(ctx.imports);
    let reached: () => void = () => undefined;
    const secondBatch = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    vi.spyOn(ctx.imports, 'importBatch').mockImplementation(async (...args) => {
      calls += 1;
      if (calls === 2) {
        reached();
        await released;
      }
      return importBatch(...args);
    });

    await openOptions(ctx);
    await choose(file);
    expect(leavePage().defaultPrevented).toBe(false);
    await userEvent.click(button(importSection(), 'Import big.csv'));
    await secondBatch;

    const bar = await within(importSection()).findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toMatch(/^500 rows, \d+%$/));
    expect(Number(bar.getAttribute('value'))).toBeGreaterThan(0);
    expect(Number(bar.getAttribute('value'))).toBeLessThan(100);
    expect(
      await within(importSection()).findByText(/^500 created, 0 updated, 0 unchanged, 0 rejected so far\./),
    ).toBeTruthy();
    expect(leavePage().defaultPrevented).toBe(true);
    // No second import while one runs.
    expect(control(importSection(), 'Choose a CSV file').disabled).toBe(true);

    await userEvent.click(button(importSection(), 'Cancel import'));
    expect(within(importSection()).getByText(/Cancelling after the current batch…/)).toBeTruthy();
    release();

    const report = await within(importSection()).findByText('Import cancelled', { selector: 'h3' });
    const section = report.closest('section') as HTMLElement;
    // The batch under way was written whole; the one after it never started.
    expect(counts(section)).toMatchObject({ Created: '1,000', Rejected: '0' });
    expect(await ctx.leads.count()).toBe(1000);
    // The page stops guarding against leaving once the import has ended (a render after the report).
    await waitFor(() => expect(leavePage().defaultPrevented).toBe(false));
  });
});

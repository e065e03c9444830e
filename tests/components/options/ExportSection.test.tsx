import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_TABLES } from '../../../lib/db/snapshot';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { importCsv } from '../../../lib/import/import';
import { readCsvPreview } from '../../../lib/import/preview';
import { setupRepositories } from '../../support/db';
import { blobText, csvFixture, installBlobStream } from './files';
import { button, control, type Download, group, openOptions, section } from './render';

installBlobStream();

type Repos = ReturnType<typeof setupRepositories>;
const opened: Repos[] = [];
let ctx: Repos;
beforeEach(() => {
  ctx = fresh();
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const repos of opened.splice(0)) repos.db.close();
});

function leavePage(): Event {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event;
}

function fresh(): Repos {
  const repos = setupRepositories();
  opened.push(repos);
  return repos;
}

const exportSection = () => section('Export and back up data');
const restoreInput = () => control(exportSection(), 'Choose a backup file (.jsonl)');

/** Leads as a rep gets them: a CRM export through the importer, with the mapping it suggests. */
async function importFixture(repos: Repos, name: string): Promise<void> {
  const preview = await readCsvPreview(csvFixture(name));
  await importCsv(repos, csvFixture(name), { mapping: preview.suggestion.mapping });
}

/** Every record of every table, as a backup sees them. */
async function everything(repos: Repos) {
  const tables = await Promise.all(SNAPSHOT_TABLES.map((t) => repos.snapshot.page(t, undefined, 10_000)));
  return Object.fromEntries(SNAPSHOT_TABLES.map((t, i) => [t, tables[i]]));
}

/** Backs up `repos` through the page and returns the downloaded file. */
async function backUp(repos: Repos): Promise<File> {
  const rendered = await openOptions(repos);
  await userEvent.click(button(exportSection(), 'Back up everything (.jsonl)'));
  await within(exportSection()).findByText(/^Backed up \d+ records? to handoff-backup-2026-11-23\.jsonl\.$/);
  const download = rendered.downloads.at(-1) as Download;
  rendered.unmount();
  return new File([download.blob], download.name, { type: 'application/x-ndjson' });
}

describe('export leads as CSV', () => {
  it('downloads every lead with stage, score and decision columns, with semicolons when asked', async () => {
    await importFixture(ctx, 'hubspot-contacts.csv');
    const { downloads } = await openOptions(ctx);
    await userEvent.click(button(exportSection(), 'Export leads (CSV)'));
    await within(exportSection()).findByText('Exported 13 leads to handoff-leads-2026-11-23.csv.');

    const [csv] = downloads;
    expect(csv?.name).toBe('handoff-leads-2026-11-23.csv');
    const [header = [], ...rows] = Papa.parse<string[]>((await blobText(csv?.blob ?? new Blob())).trim()).data;
    expect(rows).toHaveLength(13);
    expect(header.slice(0, 3)).toEqual(['Handoff ID', 'Full Name', 'Email']);
    expect(header).toEqual(expect.arrayContaining(['Stage', 'Score', 'BANT Budget', 'Decision', 'Rejection Reason']));
    const dana = rows.find((row) => row.includes('dana.whitfield@brightpath.io')) ?? [];
    expect(dana[header.indexOf('Full Name')]).toBe('Dana Whitfield');
    expect(dana[header.indexOf('Stage')]).toBe('mql');
    expect(Number(dana[header.indexOf('Score')])).toBeGreaterThan(0);

    await userEvent.click(control(exportSection(), /^Semicolons between columns/));
    await userEvent.click(button(exportSection(), 'Export leads (CSV)'));
    await within(exportSection()).findByText('Exported 13 leads to handoff-leads-2026-11-23.csv.');
    expect(downloads).toHaveLength(2);
    const european = await blobText(downloads[1]?.blob ?? new Blob());
    expect(european.split('\r\n')[0]).toMatch(/^Handoff ID;Full Name;Email;/);
  });
});

describe('backup and restore', () => {
  it('restores a backup into an empty database exactly as it was backed up', async () => {
    await importFixture(ctx, 'hubspot-contacts.csv');
    await ctx.settings.save({ ...DEFAULT_SETTINGS, companyDomains: ['seller.io'] });
    const file = await backUp(ctx);
    expect(file.name).toBe('handoff-backup-2026-11-23.jsonl');

    const empty = fresh();
    const { downloads } = await openOptions(empty);
    await userEvent.upload(restoreInput(), file);
    // An empty database is restored at once: there is nothing to replace.
    await within(exportSection()).findByText(
      'Restored 13 leads, 17 events, 1 settings entry from handoff-backup-2026-11-23.jsonl.',
      {},
      { timeout: 10_000 },
    );
    expect(await everything(empty)).toEqual(await everything(ctx));
    expect(downloads).toEqual([]);
    // The page shows the restored settings.
    await within(section('You and your company')).findByText('seller.io');
  });

  it('shows its progress while restoring, and asks before the page is left', async () => {
    await importFixture(ctx, 'hubspot-contacts.csv');
    const file = await backUp(ctx);
    const empty = fresh();
    // The first write waits for the test: the restore is then surely under way.
    const write = empty.snapshot.write.bind(empty.snapshot);
    let reached: () => void = () => undefined;
    const writing = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(empty.snapshot, 'write').mockImplementation(async (batch) => {
      reached();
      await released;
      return write(batch);
    });

    await openOptions(empty);
    await userEvent.upload(restoreInput(), file);
    await writing;
    const bar = await within(exportSection()).findByRole('progressbar', { name: 'Restore progress' });
    expect(bar.getAttribute('aria-valuetext')).toBe('0 of 30 records, 0%');
    expect(restoreInput().disabled).toBe(true);
    expect(leavePage().defaultPrevented).toBe(true);

    release();
    await within(exportSection()).findByText(/^Restored 13 leads, 17 events from /);
    expect(leavePage().defaultPrevented).toBe(false);
  });

  it('refuses a damaged backup, naming its line, and changes nothing', async () => {
    await importFixture(ctx, 'salesforce-leads.csv');
    const text = await blobText(await backUp(ctx));
    const lines = text.split('\n');
    lines[2] = lines[2]?.slice(0, 40) ?? '';
    const damaged = new File([lines.join('\n')], 'damaged.jsonl');

    const target = fresh();
    await importFixture(target, 'hubspot-contacts.csv');
    const before = await everything(target);
    await openOptions(target);
    await userEvent.upload(restoreInput(), damaged);
    const alert = await within(exportSection()).findByRole('alert');
    expect(alert.querySelector('p')?.textContent).toBe(
      'Not restored: damaged.jsonl. The backup cannot be restored. Nothing was changed.',
    );
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Line 3: not valid JSON (the file is damaged or was edited)']);
    expect(screen.queryByText(/^Replace everything with/)).toBeNull();
    expect(await everything(target)).toEqual(before);
  });

  it('restores over data only once the rep confirms it replaces everything, offering a backup first', async () => {
    await importFixture(ctx, 'salesforce-leads.csv');
    const file = await backUp(ctx);

    const target = fresh();
    await importFixture(target, 'hubspot-contacts.csv');
    const before = await everything(target);
    const { downloads } = await openOptions(target);
    await userEvent.upload(restoreInput(), file);
    const confirm = await within(exportSection()).findByText(
      'Replace everything with handoff-backup-2026-11-23.jsonl?',
      {
        selector: 'legend',
      },
    );
    const dialog = group(exportSection(), /^Replace everything with/);
    expect(confirm).toBeTruthy();
    expect(dialog.textContent).toContain('The backup holds 11 leads');
    expect(dialog.querySelector('.warning')?.textContent).toBe(
      'Restoring replaces everything Handoff holds now: 13 leads, 17 events. It is deleted, not merged, and cannot be undone.',
    );
    const replace = button(dialog, 'Replace everything and restore');
    expect(replace.disabled).toBe(true);
    expect(await everything(target)).toEqual(before);

    // The current data can be saved first, from the same place.
    await userEvent.click(button(dialog, 'Back up the current data first'));
    await within(dialog).findByText('Backed up 30 records to handoff-backup-2026-11-23.jsonl.');
    expect(downloads).toHaveLength(1);
    expect((await blobText(downloads[0]?.blob ?? new Blob())).split('\n').filter(Boolean)).toHaveLength(31);

    await userEvent.click(control(dialog, 'Delete everything Handoff holds now and replace it with this backup'));
    expect(replace.disabled).toBe(false);
    await userEvent.click(replace);
    await within(exportSection()).findByText(
      'Restored 11 leads from handoff-backup-2026-11-23.jsonl.',
      {},
      { timeout: 10_000 },
    );
    expect(await everything(target)).toEqual(await everything(ctx));
  });

  it('cancels a restore over data without changing anything', async () => {
    await importFixture(ctx, 'salesforce-leads.csv');
    const file = await backUp(ctx);
    const target = fresh();
    await importFixture(target, 'hubspot-contacts.csv');
    const before = await everything(target);
    await openOptions(target);
    await userEvent.upload(restoreInput(), file);
    const dialog = await within(exportSection()).findByText(/^Replace everything with/, { selector: 'legend' });
    await userEvent.click(button(dialog.closest('fieldset') as HTMLElement, 'Cancel'));
    expect(within(exportSection()).queryByText(/^Replace everything with/)).toBeNull();
    expect(await everything(target)).toEqual(before);
  });
});

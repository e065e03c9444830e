import * as z from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS } from '../../../lib/db/db';
import { SNAPSHOT_TABLES } from '../../../lib/db/snapshot';
import { generateDemoDataset } from '../../../lib/demo/generate';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import {
  BackupError,
  BackupHeaderSchema,
  BackupLineSchema,
  backupBlob,
  backupFileName,
  restoreBackup,
  validateBackup,
} from '../../../lib/export/backup';
import { loadMapping, saveMapping } from '../../../lib/import/saved-mappings';
import { makeActivity, setupRepositories } from '../../support/db';
import { DAY, NOW } from '../../support/factories';

let source: ReturnType<typeof setupRepositories>;
let target: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  source = setupRepositories();
  target = setupRepositories();
});
afterEach(() => {
  source.db.close();
  target.db.close();
});

/** A realistic database: demo leads and events, checklists, decisions (one withdrawn), calls, settings, saved mappings. */
async function seed(repos = source) {
  const { leads, events } = generateDemoDataset({ seed: 7, leads: 40, now: NOW });
  await repos.leads.bulkUpsert(leads);
  await repos.events.bulkUpsert([...events]);
  const [a, b, c] = leads;
  if (!a || !b || !c) throw new Error('seed');
  await repos.qualifications.save({
    leadId: a.id,
    framework: 'bant',
    criteria: {
      need: { status: 'confirmed', evidence: 'Reporting takes 2 days a month', updatedBy: 'sam', updatedAt: NOW - DAY },
    },
  });
  await repos.qualifications.save({
    leadId: b.id,
    framework: 'meddic',
    criteria: { metrics: { status: 'partial', evidence: '' } },
  });
  const rejected = await repos.dispositions.record(
    {
      leadId: c.id,
      decision: 'rejected',
      route: 'mql_handoff',
      reason: 'bad_timing',
      note: 'Q3 budget',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam',
      decidedAt: NOW - 2 * DAY,
    },
    c,
  );
  await repos.dispositions.record(
    {
      leadId: c.id,
      decision: 'withdrawn',
      route: 'mql_handoff',
      withdraws: rejected.disposition.id,
      decidedBy: 'sam',
      decidedAt: NOW - DAY,
    },
    c,
  );
  await repos.activities.log(
    makeActivity(a, {
      notes: 'Discovery call — "needs SSO"\nnext: demo',
      durationSeconds: 1260,
      nextStep: { action: 'Send demo invite', dueAt: NOW + DAY },
    }),
  );
  await repos.settings.save({
    ...DEFAULT_SETTINGS,
    framework: 'meddic',
    reasonLabels: { other: 'Something else' },
    captureEngagement: true,
  });
  await saveMapping(repos.entries, 'hubspot', {
    preset: 'hubspot',
    columns: [{ column: 'Email', field: 'email' }],
    dates: { order: 'mdy', timeZone: 'America/New_York' },
  });
  await repos.entries.put('ui:lastExport', z.object({ at: z.number() }), { at: NOW - DAY });
}

/** Every stored row of every table, exactly as IndexedDB holds it (derived index keys included). */
async function tables(repos: ReturnType<typeof setupRepositories>) {
  const all: Record<string, unknown[]> = {};
  for (const table of SNAPSHOT_TABLES) all[table] = await repos.db.table(table).toArray();
  return all;
}

async function backupText(options: Parameters<typeof backupBlob>[1] = { now: NOW }) {
  return new TextDecoder().decode(await (await backupBlob(source.snapshot, options)).arrayBuffer());
}

describe('backup and restore', () => {
  it('restores into an empty database exactly: every table, every row, every field', async () => {
    await seed();
    const blob = await backupBlob(source.snapshot, { now: NOW });
    const header = await restoreBackup(target.snapshot, blob);
    expect(header.counts).toEqual(await source.snapshot.counts());
    expect(header.counts.events).toBeGreaterThan(100);
    expect(await tables(target)).toEqual(await tables(source));
    // And the restored database works as one: lookups, the settings, the saved mapping
    expect((await target.settings.get()).reasonLabels).toEqual({ other: 'Something else' });
    expect((await loadMapping(target.entries, 'hubspot'))?.dates.timeZone).toBe('America/New_York');
    const someone = (await source.snapshot.page('leads', undefined, 1))[0];
    expect(await target.leads.findByEmail(someone?.person.emails[0] ?? '')).toEqual([someone]);
  });

  it('is the same in small batches, and reports progress of both directions', async () => {
    await seed();
    const exported: number[] = [];
    const blob = await backupBlob(source.snapshot, {
      now: NOW,
      pageSize: 50,
      onProgress: (p) => exported.push(p.done),
    });
    const restored: { done: number; total: number }[] = [];
    await restoreBackup(target.snapshot, blob, { batchSize: 7, onProgress: (p) => restored.push(p) });
    expect(await tables(target)).toEqual(await tables(source));
    const total = Object.values(await source.snapshot.counts()).reduce((x, y) => x + y, 0);
    expect(exported.at(-1)).toBe(total);
    expect(restored.at(-1)).toEqual({ done: total, total });
    expect(restored.length).toBeGreaterThan(total / 7 - 1);
  });

  it('writes JSON Lines: a header with counts, then one record per line in table order', async () => {
    await seed();
    const lines = (await backupText()).trimEnd().split('\n');
    const header = BackupHeaderSchema.parse(JSON.parse(lines[0] ?? ''));
    expect(header).toMatchObject({
      format: 'handoff-backup',
      version: 1,
      schemaVersion: SCHEMA_VERSIONS.length,
      exportedAt: NOW,
    });
    expect(lines).toHaveLength(1 + Object.values(header.counts).reduce((x, y) => x + y, 0));
    const tablesInOrder = lines.slice(1).map((line) => BackupLineSchema.parse(JSON.parse(line))[0]);
    expect([...new Set(tablesInOrder)]).toEqual([...SNAPSHOT_TABLES]);
    expect(backupFileName(NOW)).toBe('handoff-backup-2026-11-23.jsonl');
  });

  it('restores an empty database’s backup to an empty database', async () => {
    const blob = await backupBlob(source.snapshot, { now: NOW });
    await restoreBackup(target.snapshot, blob);
    expect(await target.snapshot.isEmpty()).toBe(true);
  });

  it('refuses to restore over data unless asked to replace it', async () => {
    await seed();
    const blob = await backupBlob(source.snapshot, { now: NOW });
    await target.leads.create({ person: { name: 'Somebody', emails: ['somebody@x.io'] }, stage: 'lead' });
    await expect(restoreBackup(target.snapshot, blob)).rejects.toThrow(/already has data/);
    expect(await target.leads.count()).toBe(1);
    await restoreBackup(target.snapshot, blob, { replace: true });
    expect(await tables(target)).toEqual(await tables(source));
  });

  describe('a damaged or foreign file is refused whole, naming the line, and nothing is written', () => {
    let good: string[];
    beforeEach(async () => {
      await seed();
      good = (await backupText()).trimEnd().split('\n');
    });
    const firstOf = (table: string) => good.findIndex((line) => line.startsWith(`["${table}"`));
    const edit = (index: number, change: (record: Record<string, unknown>) => void) => {
      const copy = [...good];
      const [table, record] = JSON.parse(copy[index] ?? '') as [string, Record<string, unknown>];
      change(record);
      copy[index] = JSON.stringify([table, record]);
      return copy;
    };

    it.each<[string, (lines: string[]) => string[], RegExp]>([
      ['not JSON', (l) => l.map((line, i) => (i === 3 ? line.slice(0, 40) : line)), /^line 4: not valid JSON/],
      ['not a backup', () => ['{"hello":"world"}'], /Not a Handoff backup/],
      [
        'a newer format',
        (l) => [l[0]?.replace('"version":1', '"version":2') ?? '', ...l.slice(1)],
        /written by a newer Handoff/,
      ],
      ['a record that does not fit', () => [], /events record: type: Invalid option/],
      [
        'an event of a lead that is not in the backup',
        () => [],
        /refers to lead 01ZZZZZZZZZZZZZZZZZZZZZZZZ, which is not in the backup/,
      ],
      ['a record twice', (l) => [...l.slice(0, 3), l[2] ?? '', ...l.slice(3)], /^line 4: leads \w+ appears twice/],
      ['tables out of order', () => [], /a leads record after the events records/],
      ['a cut-off file', (l) => l.slice(0, -5), /announced, .* found: the file is incomplete/],
      ['a saved mapping that does not fit', () => [], /saved import mapping importMapping:hubspot: columns/],
      ['an empty file', () => [], /The file is empty/],
    ])('%s', async (what, damage, message) => {
      let lines = damage(good);
      if (what === 'a record that does not fit')
        lines = edit(firstOf('events'), (r) => {
          r.type = 'fax_sent';
        });
      if (what === 'an event of a lead that is not in the backup')
        lines = edit(firstOf('events'), (r) => {
          r.leadId = '01ZZZZZZZZZZZZZZZZZZZZZZZZ';
        });
      if (what === 'tables out of order')
        lines = [...good.slice(0, firstOf('events') + 1), good[1] ?? '', ...good.slice(firstOf('events') + 1)];
      if (what === 'a saved mapping that does not fit') {
        lines = edit(
          good.findIndex((l) => l.includes('importMapping:hubspot')),
          (r) => {
            (r.value as { columns: unknown }).columns = [{ column: 'Email', field: 'shoeSize' }];
          },
        );
      }
      const file = what === 'an empty file' ? '' : `${lines.join('\n')}\n`;
      const error = await restoreBackup(target.snapshot, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect(
        (error as BackupError).issues.map((i) => (i.line > 0 ? `line ${i.line}: ${i.message}` : i.message)).join('\n'),
      ).toMatch(message);
      expect(await target.snapshot.isEmpty()).toBe(true);
    });

    it('accepts the untouched file, with CRLF line ends too', async () => {
      await expect(validateBackup(`${good.join('\r\n')}\r\n`)).resolves.toMatchObject({ format: 'handoff-backup' });
    });
  });
});

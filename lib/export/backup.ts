import * as z from 'zod';
import {
  keyOf,
  SNAPSHOT_SCHEMAS,
  SNAPSHOT_TABLES,
  type SnapshotRecords,
  type SnapshotRepository,
  type SnapshotTable,
} from '../db/snapshot';
import { SCHEMA_VERSIONS } from '../db/db';
import { TimestampSchema } from '../domain/common';
import { describeIssues } from '../domain/validation';
import { decodeText } from '../import/csv';
import { ImportMappingSchema } from '../import/mapping';
import { MAPPING_KEY_PREFIX } from '../import/saved-mappings';

/**
 * The backup file: JSON Lines. The first line is a header; every other line is one record,
 * `["<table>", {...}]`, tables in {@link SNAPSHOT_TABLES} order and records in key order.
 * One line per record (not one JSON document) so that 100k leads and 1M events are written
 * and, above all, read back in a stream: a restore never holds the file, only a batch.
 */
export const BACKUP_FORMAT = 'handoff-backup';
export const BACKUP_VERSION = 1;

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: 'Not a Handoff backup (the first line does not say "handoff-backup")' }),
  version: z.literal(BACKUP_VERSION, {
    error: `This backup was written by a newer Handoff (format version is not ${BACKUP_VERSION})`,
  }),
  /** The database schema version it was taken from. */
  schemaVersion: z.number().int().positive(),
  exportedAt: TimestampSchema,
  /** Records per table: a cut-off file is caught by counting. */
  counts: z.object(
    Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, z.number().int().nonnegative()])) as Record<
      SnapshotTable,
      z.ZodNumber
    >,
  ),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

/**
 * A record line: the table and the record, parsed with the schema its repository writes
 * with. (`validateBackup` applies the same schemas table by table, for sharper messages.)
 */
export const BackupLineSchema = z.union([
  z.tuple([z.literal('leads'), SNAPSHOT_SCHEMAS.leads]),
  z.tuple([z.literal('events'), SNAPSHOT_SCHEMAS.events]),
  z.tuple([z.literal('qualifications'), SNAPSHOT_SCHEMAS.qualifications]),
  z.tuple([z.literal('dispositions'), SNAPSHOT_SCHEMAS.dispositions]),
  z.tuple([z.literal('activities'), SNAPSHOT_SCHEMAS.activities]),
  z.tuple([z.literal('settings'), SNAPSHOT_SCHEMAS.settings]),
]);

const TableNameSchema = z.enum(SNAPSHOT_TABLES);

/** A backup that cannot be restored, with every problem found (up to {@link MAX_ISSUES}) by line. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly issues: readonly { line: number; message: string }[],
    summary = 'The backup cannot be restored',
  ) {
    super(`${summary}: ${issues.map((i) => (i.line > 0 ? `line ${i.line}: ${i.message}` : i.message)).join('; ')}`);
  }
}

const MAX_ISSUES = 20;

const currentSchemaVersion = () => SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;

/**
 * The backup as text parts: the header line, then one part per page of records. Every
 * table is read in ONE read transaction (`SnapshotRepository.forEachPage`), so the backup is
 * a consistent snapshot even while the sidebar keeps writing (its writes wait).
 */
export async function backupParts(
  snapshot: SnapshotRepository,
  options: {
    now: number;
    pageSize?: number;
    signal?: AbortSignal;
    onProgress?: (p: { done: number; total: number }) => void;
  },
): Promise<string[]> {
  const parts: string[] = [''];
  const counts = Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, 0])) as Record<SnapshotTable, number>;
  const total = Object.values(await snapshot.counts()).reduce((a, b) => a + b, 0);
  let done = 0;
  await snapshot.forEachPage(
    (table, records) => {
      let text = '';
      for (const record of records) text += `${JSON.stringify([table, record])}\n`;
      parts.push(text);
      counts[table] += records.length;
      done += records.length;
      options.onProgress?.({ done, total: Math.max(total, done) });
    },
    {
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: currentSchemaVersion(),
    exportedAt: options.now,
    counts,
  };
  // The header is written last: only then are the counts known.
  parts[0] = `${JSON.stringify(header)}\n`;
  return parts;
}

/** The backup as a file to download (`handoff-backup-<date>.jsonl`). */
export async function backupBlob(
  snapshot: SnapshotRepository,
  options: Parameters<typeof backupParts>[1],
): Promise<Blob> {
  return new Blob(await backupParts(snapshot, options), { type: 'application/x-ndjson' });
}

/** The file name a backup taken at `now` is offered under. */
export function backupFileName(now: number): string {
  return `handoff-backup-${new Date(now).toISOString().slice(0, 10)}.jsonl`;
}

type BackupSource = Blob | string;

/** The lines of a backup, numbered from 1, read in a stream (a line is never split). */
async function* lines(source: BackupSource): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let line = 0;
  for await (const chunk of decodeText(source, { chunkBytes: 1024 * 1024, encoding: 'utf-8' })) {
    const parts = (rest + chunk.text).split('\n');
    rest = parts.pop() ?? '';
    for (const text of parts) {
      line += 1;
      yield { line, text: text.replace(/\r$/, '') };
    }
  }
  if (rest.trim() !== '') yield { line: line + 1, text: rest };
}

type ParsedLine<T extends SnapshotTable = SnapshotTable> = { table: T; record: SnapshotRecords[T] };

/**
 * Checks a whole backup without writing anything, and returns its header. Every line must be
 * JSON and fit its table's schema; tables must come in order and records in strictly
 * increasing key order (so a duplicated or reordered record is caught without holding the
 * keys); every checklist, event, decision and activity must name a lead of the backup;
 * saved import mappings must fit the mapping schema; and the counts must match the header's
 * (a cut-off file). Throws {@link BackupError} naming the first {@link MAX_ISSUES} problems by line.
 */
export async function validateBackup(source: BackupSource): Promise<BackupHeader> {
  const issues: { line: number; message: string }[] = [];
  const report = (line: number, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ line, message });
  };
  let header: BackupHeader | undefined;
  const counts = Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, 0])) as Record<SnapshotTable, number>;
  const leadIds = new Set<string>();
  let tableIndex = 0;
  let lastKey: string | undefined;

  for await (const { line, text } of lines(source)) {
    if (issues.length >= MAX_ISSUES) break;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      report(line, 'not valid JSON (the file is damaged or was edited)');
      if (!header) break;
      continue;
    }
    if (!header) {
      const parsed = BackupHeaderSchema.safeParse(json);
      if (!parsed.success) {
        for (const i of describeIssues(parsed.error)) report(line, i.path ? `${i.path}: ${i.message}` : i.message);
        break;
      }
      header = parsed.data;
      if (header.schemaVersion > currentSchemaVersion()) {
        report(
          line,
          `taken from database version ${header.schemaVersion}, newer than this Handoff (${currentSchemaVersion()})`,
        );
        break;
      }
      continue;
    }
    const parsed = parseLine(json);
    if ('error' in parsed) {
      report(line, parsed.error);
      continue;
    }
    const { table, record } = parsed;
    const index = SNAPSHOT_TABLES.indexOf(table);
    if (index < tableIndex) {
      report(
        line,
        `a ${table} record after the ${SNAPSHOT_TABLES[tableIndex]} records (tables must come in backup order)`,
      );
      continue;
    }
    if (index > tableIndex) {
      tableIndex = index;
      lastKey = undefined;
    }
    const key = keyOf(table, record);
    if (lastKey !== undefined && key <= lastKey) {
      report(line, key === lastKey ? `${table} ${key} appears twice` : `${table} ${key} is out of order`);
      continue;
    }
    lastKey = key;
    counts[table] += 1;
    if (table === 'leads') leadIds.add(key);
    else if ('leadId' in (record as object)) {
      const leadId = (record as { leadId: string }).leadId;
      if (!leadIds.has(leadId))
        report(line, `${table} record ${key} refers to lead ${leadId}, which is not in the backup`);
    }
    if (table === 'settings') {
      const entry = record as SnapshotRecords['settings'];
      if (entry.key.startsWith(MAPPING_KEY_PREFIX)) {
        const mapping = ImportMappingSchema.safeParse(entry.value);
        if (!mapping.success) {
          const first = describeIssues(mapping.error)[0];
          report(line, `saved import mapping ${entry.key}: ${first ? `${first.path}: ${first.message}` : 'invalid'}`);
        }
      }
    }
  }
  if (!header && issues.length === 0) issues.push({ line: 0, message: 'The file is empty' });
  if (header && issues.length === 0) {
    for (const table of SNAPSHOT_TABLES) {
      if (counts[table] !== header.counts[table]) {
        issues.push({
          line: 0,
          message: `${header.counts[table]} ${table} announced, ${counts[table]} found: the file is incomplete or was edited`,
        });
      }
    }
  }
  if (issues.length > 0 || !header) throw new BackupError(issues);
  return header;
}

function parseLine(json: unknown): ParsedLine | { error: string } {
  const table = TableNameSchema.safeParse(Array.isArray(json) ? json[0] : undefined);
  if (!Array.isArray(json) || json.length !== 2 || !table.success) {
    return { error: `not a backup record (expected ["<table>", {...}] with a table of ${SNAPSHOT_TABLES.join(', ')})` };
  }
  const record = SNAPSHOT_SCHEMAS[table.data].safeParse(json[1]);
  if (!record.success) {
    const described = describeIssues(record.error)
      .slice(0, 3)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    return { error: `${table.data} record: ${described.join('; ')}` };
  }
  return { table: table.data, record: record.data as SnapshotRecords[SnapshotTable] };
}

export interface RestoreOptions {
  /** Empty the database first. Without it, a restore into a database that has data is refused. */
  replace?: boolean;
  /** Records per transaction (default 2000). */
  batchSize?: number;
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * Restores a backup: validates the whole file first ({@link validateBackup}; nothing is
 * written if anything is wrong), then writes it in batches of `batchSize` records, one
 * transaction each, leads first. Records keep their ids and `updatedAt`: restored into an
 * empty database, every table equals the one backed up.
 *
 * Throws {@link BackupError} for a bad file, or for a database that is not empty when
 * `replace` is not set (nothing is written). A database failure during the writes leaves a
 * partial restore behind (each batch whole); running the restore again with `replace`
 * starts over.
 */
export async function restoreBackup(
  snapshot: SnapshotRepository,
  source: BackupSource,
  options: RestoreOptions = {},
): Promise<BackupHeader> {
  const header = await validateBackup(source);
  if (!options.replace && !(await snapshot.isEmpty())) {
    throw new BackupError(
      [
        {
          line: 0,
          message:
            'The database already has data; restoring would mix the two. Restore with "replace" to overwrite it.',
        },
      ],
      'Restore refused',
    );
  }
  if (options.replace) await snapshot.clear();

  const batchSize = options.batchSize ?? 2000;
  const total = Object.values(header.counts).reduce((a, b) => a + b, 0);
  let batch: { [T in SnapshotTable]?: unknown[] } = {};
  let size = 0;
  let done = 0;
  const flush = async () => {
    if (size === 0) return;
    await snapshot.write(batch);
    done += size;
    batch = {};
    size = 0;
    options.onProgress?.({ done, total });
  };
  let first = true;
  for await (const { text } of lines(source)) {
    if (text.trim() === '') continue;
    if (first) {
      first = false;
      continue;
    }
    const [table, record] = JSON.parse(text) as [SnapshotTable, unknown];
    let list = batch[table];
    if (!list) {
      list = [];
      batch[table] = list;
    }
    list.push(record);
    size += 1;
    // Tables come in order, and a batch writes its leads before the rest: an event's lead
    // is always stored by the time the event is.
    if (size >= batchSize) await flush();
  }
  await flush();
  return header;
}

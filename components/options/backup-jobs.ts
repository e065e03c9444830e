import { useState } from 'react';
import type { SnapshotTable } from '../../lib/db/snapshot';
import { backupBlob, backupFileName } from '../../lib/export/backup';
import type { OptionsContext } from './section';

/** A download being prepared: its progress, then what came of it. */
export type Job =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number | undefined }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

export const count = (n: number) => n.toLocaleString('en');
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const TABLE_WORDS: Record<SnapshotTable, [string, string]> = {
  leads: ['lead', 'leads'],
  events: ['event', 'events'],
  qualifications: ['checklist', 'checklists'],
  dispositions: ['decision', 'decisions'],
  activities: ['logged activity', 'logged activities'],
  settings: ['settings entry', 'settings entries'],
};

/** Record counts in words ("13 leads, 17 events, 1 settings entry"); tables without records left out. */
export function describeCounts(counts: Readonly<Record<SnapshotTable, number>>): string {
  const parts = (Object.keys(TABLE_WORDS) as SnapshotTable[])
    .filter((table) => counts[table] > 0)
    .map((table) => {
      const [one, many] = TABLE_WORDS[table];
      return `${count(counts[table])} ${counts[table] === 1 ? one : many}`;
    });
  return parts.length === 0 ? 'no records' : parts.join(', ');
}

/**
 * The full backup as a download: every table, read in one transaction (a consistent
 * snapshot), as JSON Lines. Used by the Export section and by the restore's "back up first".
 */
export function useBackup(context: Pick<OptionsContext, 'repos' | 'now' | 'download'>) {
  const [job, setJob] = useState<Job>({ kind: 'idle' });
  async function run(): Promise<void> {
    if (job.kind === 'running') return;
    const at = context.now();
    setJob({ kind: 'running', done: 0, total: undefined });
    try {
      let records = 0;
      const blob = await backupBlob(context.repos.snapshot, {
        now: at,
        onProgress: ({ done, total }) => {
          records = done;
          setJob({ kind: 'running', done, total });
        },
      });
      const name = backupFileName(at);
      context.download(name, blob);
      setJob({
        kind: 'done',
        message: `Backed up ${count(records)} ${records === 1 ? 'record' : 'records'} to ${name}.`,
      });
    } catch (error) {
      setJob({ kind: 'failed', message: `Could not back up: ${messageOf(error)}` });
    }
  }
  return { job, run };
}

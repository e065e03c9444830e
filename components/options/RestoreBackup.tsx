import { useState } from 'react';
import type { SnapshotTable } from '../../lib/db/snapshot';
import { BackupError, type BackupHeader, restoreBackup, validateBackup } from '../../lib/export/backup';
import { useWarnBeforeUnload } from './before-unload';
import { count, describeCounts, type Job, messageOf, useBackup } from './backup-jobs';
import { FileDrop } from './FileDrop';
import type { OptionsContext } from './section';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'refused'; fileName: string; summary: string; issues: readonly { line: number; message: string }[] }
  | {
      kind: 'confirm';
      file: File;
      header: BackupHeader;
      current: Record<SnapshotTable, number>;
      understood: boolean;
    }
  | { kind: 'restoring'; fileName: string; done: number; total: number }
  | { kind: 'restored'; fileName: string; header: BackupHeader }
  /** `wrote`: the restore had begun writing (a partial restore is left behind). */
  | { kind: 'failed'; fileName: string; message: string; wrote: boolean };

/** Problems of a refused backup listed on the page; the rest are counted. */
const SHOWN_ISSUES = 10;

const total = (counts: Readonly<Record<SnapshotTable, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Restore from a backup file. The whole file is checked first (JSON on every line, every
 * record fits its table, counts match the header) and nothing changes if anything is
 * wrong: the problems are listed by line. Into an empty database it restores at once;
 * over data it says what would be deleted, offers a backup of it first, and restores only
 * once the rep confirms that it REPLACES everything.
 */
export function RestoreBackup({ context }: { context: OptionsContext }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const backupFirst = useBackup(context);
  const busy = step.kind === 'checking' || step.kind === 'restoring';
  useWarnBeforeUnload(step.kind === 'restoring');

  async function choose(file: File) {
    if (busy) return;
    setStep({ kind: 'checking', fileName: file.name });
    let header: BackupHeader;
    try {
      header = await validateBackup(file);
    } catch (error) {
      setStep(refusal(file.name, error));
      return;
    }
    let current: Record<SnapshotTable, number>;
    try {
      current = await context.repos.snapshot.counts();
    } catch (error) {
      setStep({ kind: 'failed', fileName: file.name, message: messageOf(error), wrote: false });
      return;
    }
    if (total(current) === 0) await restore(file, header, false);
    else setStep({ kind: 'confirm', file, header, current, understood: false });
  }

  async function restore(file: File, header: BackupHeader, replace: boolean) {
    setStep({ kind: 'restoring', fileName: file.name, done: 0, total: total(header.counts) });
    try {
      await restoreBackup(context.repos.snapshot, file, {
        replace,
        onProgress: ({ done, total }) => setStep({ kind: 'restoring', fileName: file.name, done, total }),
      });
      setStep({ kind: 'restored', fileName: file.name, header });
    } catch (error) {
      // A BackupError is a refusal before any write (the file, or data that arrived meanwhile).
      if (error instanceof BackupError) setStep(refusal(file.name, error));
      else setStep({ kind: 'failed', fileName: file.name, message: messageOf(error), wrote: true });
    }
  }

  return (
    <div className="restore">
      <h3>Restore from a backup</h3>
      <FileDrop
        label="Choose a backup file (.jsonl)"
        accept=".jsonl,.ndjson,application/x-ndjson,application/jsonl"
        hint="The whole file is checked first; if anything is wrong, nothing changes. Restoring replaces everything Handoff holds."
        disabled={busy}
        onFile={(file) => void choose(file)}
      />

      {step.kind === 'checking' && <p role="status">Checking {step.fileName}…</p>}

      {step.kind === 'refused' && (
        <div role="alert" className="import-refused">
          <p className="error">
            Not restored: {step.fileName}. {step.summary}. Nothing was changed.
          </p>
          <ul>
            {step.issues.slice(0, SHOWN_ISSUES).map((issue) => (
              <li key={`${issue.line}: ${issue.message}`}>
                {issue.line > 0 ? `Line ${issue.line}: ` : ''}
                {issue.message}
              </li>
            ))}
            {step.issues.length > SHOWN_ISSUES && <li>and {step.issues.length - SHOWN_ISSUES} more</li>}
          </ul>
        </div>
      )}

      {step.kind === 'confirm' && (
        <fieldset className="restore-confirm">
          <legend>Replace everything with {step.file.name}?</legend>
          <p>
            The backup holds {describeCounts(step.header.counts)}, taken{' '}
            {new Date(step.header.exportedAt).toLocaleString()}.
          </p>
          <p className="warning">
            <strong>Restoring replaces everything</strong> Handoff holds now: {describeCounts(step.current)}. It is
            deleted, not merged, and cannot be undone.
          </p>
          <div className="row">
            <button type="button" className="secondary" onClick={() => void backupFirst.run()}>
              Back up the current data first
            </button>
            <JobStatus job={backupFirst.job} label="Backup progress" />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={step.understood}
              onChange={(e) => setStep({ ...step, understood: e.target.checked })}
            />
            Delete everything Handoff holds now and replace it with this backup
          </label>
          <div className="row">
            <button
              type="button"
              className="danger"
              disabled={!step.understood || backupFirst.job.kind === 'running'}
              onClick={() => void restore(step.file, step.header, true)}
            >
              Replace everything and restore
            </button>
            <button type="button" className="secondary" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </fieldset>
      )}

      {step.kind === 'restoring' && (
        <JobStatus
          job={{ kind: 'running', done: step.done, total: step.total }}
          label="Restore progress"
          what={`Restoring ${step.fileName}`}
        />
      )}
      {step.kind === 'restored' && (
        <p role="status">
          Restored {describeCounts(step.header.counts)} from {step.fileName}.
        </p>
      )}
      {step.kind === 'failed' && (
        <p role="alert" className="error">
          {step.wrote
            ? `The restore of ${step.fileName} stopped partway: ${step.message}. Part of the backup was written; restore it again to start over (it replaces everything).`
            : `Not restored: ${step.fileName}. The database could not be read (${step.message}). Nothing was changed.`}
        </p>
      )}
    </div>
  );
}

function refusal(fileName: string, error: unknown): Step {
  if (error instanceof BackupError) {
    const summary = error.message.slice(0, Math.max(0, error.message.indexOf(':'))) || 'The backup cannot be restored';
    return { kind: 'refused', fileName, summary, issues: error.issues };
  }
  return {
    kind: 'refused',
    fileName,
    summary: 'The file could not be read',
    issues: [{ line: 0, message: messageOf(error) }],
  };
}

/** A job's progress bar (records done of total), or its outcome. */
export function JobStatus({
  job,
  label,
  what,
  unit = 'records',
}: {
  job: Job;
  label: string;
  what?: string;
  unit?: 'records' | 'leads';
}) {
  switch (job.kind) {
    case 'idle':
      return null;
    case 'running': {
      const percent = job.total ? Math.min(100, Math.floor((job.done / job.total) * 100)) : undefined;
      const text =
        job.total === undefined
          ? `${count(job.done)} ${unit}`
          : `${count(job.done)} of ${count(job.total)} ${unit}${percent === undefined ? '' : `, ${percent}%`}`;
      return (
        <p className="job-progress">
          {what ? `${what}: ` : ''}
          {text}{' '}
          <progress
            aria-label={label}
            aria-valuetext={text}
            max={100}
            {...(percent === undefined ? {} : { value: percent })}
          />
        </p>
      );
    }
    case 'done':
      return <p role="status">{job.message}</p>;
    case 'failed':
      return (
        <p role="alert" className="error">
          {job.message}
        </p>
      );
  }
}

import { memo, useState } from 'react';
import { leadsCsvBlob } from '../../lib/export/leads-csv';
import { count, type Job, messageOf, useBackup } from './backup-jobs';
import { JobStatus, RestoreBackup } from './RestoreBackup';
import type { SectionProps } from './section';
import './data-transfer.css';

/** `handoff-leads-2026-11-23.csv`, dated like the backup. */
export function leadsCsvFileName(now: number): string {
  return `handoff-leads-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

/**
 * Export and backup: the leads as a CSV for a CRM (stage, score with the saved model,
 * checklist statuses, the decision in force with its reason), a full backup of everything
 * as JSON Lines, and the restore from such a backup.
 */
export const ExportSection = memo(
  function ExportSection({ saved, context }: SectionProps) {
    const { repos, now, download } = context;
    const [semicolons, setSemicolons] = useState(false);
    const [csv, setCsv] = useState<Job>({ kind: 'idle' });
    const backup = useBackup(context);

    async function exportLeads() {
      if (csv.kind === 'running') return;
      const at = now();
      setCsv({ kind: 'running', done: 0, total: undefined });
      try {
        let leads = 0;
        const blob = await leadsCsvBlob(repos.snapshot, {
          settings: saved,
          now: at,
          delimiter: semicolons ? ';' : ',',
          onProgress: ({ leadsDone, leadsTotal }) => {
            leads = leadsDone;
            setCsv({ kind: 'running', done: leadsDone, total: leadsTotal });
          },
        });
        const name = leadsCsvFileName(at);
        download(name, blob);
        setCsv({ kind: 'done', message: `Exported ${count(leads)} ${leads === 1 ? 'lead' : 'leads'} to ${name}.` });
      } catch (error) {
        setCsv({ kind: 'failed', message: `Could not export the leads: ${messageOf(error)}` });
      }
    }

    return (
      <>
        <h3>Leads for a CRM</h3>
        <p className="muted small">
          One row per lead: identity, company, stage and its dates, score (with the saved scoring model), the
          checklist's statuses and the decision in force with its reason. Column names are ones the import reads back.
        </p>
        <div className="row">
          <button
            type="button"
            className="secondary"
            onClick={() => void exportLeads()}
            disabled={csv.kind === 'running'}
          >
            Export leads (CSV)
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={semicolons} onChange={(e) => setSemicolons(e.target.checked)} />
            Semicolons between columns (Excel in most of Europe)
          </label>
        </div>
        <JobStatus job={csv} label="Export progress" what="Exporting leads" unit="leads" />

        <h3>Backup</h3>
        <p className="muted small">
          Everything Handoff holds (leads, engagement, checklists, decisions, calls, settings and saved import mappings)
          in one file that restores exactly.
        </p>
        <div className="row">
          <button
            type="button"
            className="secondary"
            onClick={() => void backup.run()}
            disabled={backup.job.kind === 'running'}
          >
            Back up everything (.jsonl)
          </button>
        </div>
        <JobStatus job={backup.job} label="Backup progress" what="Backing up" />

        <RestoreBackup context={context} />
      </>
    );
  },
  // Reads the stored settings (the export's scoring model), never the draft being edited.
  (a, b) => a.context === b.context && a.saved === b.saved,
);

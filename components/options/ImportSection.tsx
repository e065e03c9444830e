import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { ValidationError } from '../../lib/domain/validation';
import { rejectedRowsCsv } from '../../lib/export/rejected-csv';
import { type ImportProgress, type ImportReport, ImportWriteError, importCsv } from '../../lib/import/import';
import { type CsvPreview, readCsvPreview } from '../../lib/import/preview';
import { ImportFileError } from '../../lib/import/rows';
import { listMappings, MappingSourceSchema, saveMapping } from '../../lib/import/saved-mappings';
import { useWarnBeforeUnload } from './before-unload';
import { FileDrop } from './FileDrop';
import {
  applySavedMapping,
  checkMapping,
  defaultSourceName,
  matchSavedMapping,
  type SavedMapping,
} from './import-mapping';
import { ImportMappingForm, type MappingDraft } from './ImportMappingForm';
import { ImportPreview } from './ImportPreview';
import { ImportProgressView, ImportReportView } from './ImportReportView';
import type { SectionProps } from './section';
import './data-transfer.css';

/** Rows read for the preview: the table shows a few, the stage and activity values come from all of them. */
const SAMPLE_ROWS = 200;

interface Chosen {
  file: File;
  preview: CsvPreview;
  /** A saved mapping whose columns this file has: offered, not applied. */
  saved: SavedMapping | undefined;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'unreadable'; fileName: string; message: string }
  | {
      kind: 'mapping';
      chosen: Chosen;
      draft: MappingDraft;
      usingSaved: boolean;
      sourceError?: string;
      /** The last try was refused: before writing (`nothing`), or by an error that may have come after some batches. */
      refusal?: { message: string; written: 'nothing' | 'unknown' };
    }
  | { kind: 'running'; chosen: Chosen; draft: MappingDraft; progress?: ImportProgress; cancelling: boolean }
  | { kind: 'finished'; chosen: Chosen; report: ImportReport; failure?: string };

function firstDraft(preview: CsvPreview, fileName: string): MappingDraft {
  const mapping = preview.suggestion.mapping;
  return {
    mapping,
    sourceName: defaultSourceName(preview.preset, fileName),
    remember: true,
    // An activity log enriches the leads there are; a lead list adds people.
    createLeads: !mapping.columns.some((entry) => entry.field === 'eventType'),
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** A message as a sentence: the library's end without a full stop. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Refusals the importer makes before it writes anything (lib/import/import.ts). */
const refusedBeforeWriting = (error: unknown) =>
  error instanceof ValidationError || error instanceof ImportFileError || error instanceof RangeError;

/**
 * CSV import: choose (or drop) a file, see its first rows and what it looks like, map its
 * columns (suggested; a saved mapping for the same columns is offered), import with a
 * progress bar and Cancel, then read the report with every refused row's line and reason.
 * The library writes in batches, one transaction each, yielding to the page between them,
 * so the page stays responsive at 100k rows; leaving the page while it runs asks first.
 */
export const ImportSection = memo(
  function ImportSection({ context }: SectionProps) {
    const { repos, download } = context;
    const [step, setStep] = useState<Step>({ kind: 'idle' });
    const readToken = useRef(0);
    const controller = useRef<AbortController | undefined>(undefined);
    const running = step.kind === 'running';
    useWarnBeforeUnload(running);
    // A page closed mid-import stops between batches instead of writing on into the void.
    useEffect(() => () => controller.current?.abort(), []);

    const check = useMemo(() => (step.kind === 'mapping' ? checkMapping(step.draft.mapping) : undefined), [step]);

    async function choose(file: File) {
      if (controller.current) return;
      readToken.current += 1;
      const token = readToken.current;
      setStep({ kind: 'reading', fileName: file.name });
      try {
        const [preview, saved] = await Promise.all([
          readCsvPreview(file, { rows: SAMPLE_ROWS }),
          // A saved mapping that no longer fits the schema is simply not offered.
          listMappings(repos.entries).then(
            (result) => result.mappings,
            () => [],
          ),
        ]);
        if (token !== readToken.current) return;
        setStep({
          kind: 'mapping',
          chosen: { file, preview, saved: matchSavedMapping(preview.header, saved) },
          draft: firstDraft(preview, file.name),
          usingSaved: false,
        });
      } catch (error) {
        if (token !== readToken.current) return;
        setStep({ kind: 'unreadable', fileName: file.name, message: messageOf(error) });
      }
    }

    function applySaved() {
      if (step.kind !== 'mapping' || !step.chosen.saved) return;
      const { source, mapping } = step.chosen.saved;
      setStep({
        ...step,
        draft: {
          ...step.draft,
          mapping: applySavedMapping(step.chosen.preview.header, mapping),
          sourceName: source,
          remember: true,
        },
        usingSaved: true,
        sourceError: undefined,
        refusal: undefined,
      });
    }

    async function start() {
      if (step.kind !== 'mapping' || controller.current) return;
      const { chosen, draft } = step;
      if (checkMapping(draft.mapping).problems.length > 0) return;
      const source = MappingSourceSchema.safeParse(draft.sourceName);
      if (draft.remember && !source.success) {
        setStep({ ...step, sourceError: source.error.issues[0]?.message ?? 'Name the source of the file' });
        return;
      }
      const abort = new AbortController();
      controller.current = abort;
      setStep({ kind: 'running', chosen, draft, cancelling: false });
      // Saved once something may have been written: a refused file leaves no trace, not even its mapping.
      const remember = async () => {
        if (draft.remember && source.success) await saveMapping(repos.entries, source.data, draft.mapping);
      };
      try {
        const report = await importCsv(repos, chosen.file, {
          mapping: draft.mapping,
          createLeads: draft.createLeads,
          signal: abort.signal,
          onProgress: (progress) => setStep((s) => (s.kind === 'running' ? { ...s, progress } : s)),
        });
        await remember().catch(() => undefined);
        setStep({ kind: 'finished', chosen, report });
      } catch (error) {
        if (error instanceof ImportWriteError) {
          await remember().catch(() => undefined);
          setStep({ kind: 'finished', chosen, report: error.report, failure: messageOf(error.cause) });
        } else {
          setStep({
            kind: 'mapping',
            chosen,
            draft,
            usingSaved: false,
            refusal: { message: messageOf(error), written: refusedBeforeWriting(error) ? 'nothing' : 'unknown' },
          });
        }
      } finally {
        controller.current = undefined;
      }
    }

    function cancel() {
      controller.current?.abort();
      setStep((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s));
    }

    function downloadRejected(fileName: string, report: ImportReport) {
      const base = fileName.replace(/\.[^.]*$/, '') || 'import';
      download(`${base}-rejected-rows.csv`, new Blob([rejectedRowsCsv(report)], { type: 'text/csv;charset=utf-8' }));
    }

    return (
      <>
        <p className="muted small">
          Leads and their engagement from a HubSpot contacts export, a Salesforce leads report, a Marketo list or any
          other CSV. Each row finds its lead by CRM ID, email or LinkedIn URL, so importing a file again updates those
          leads instead of adding them twice.
        </p>
        <FileDrop
          label="Choose a CSV file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          hint="Or drop it on this box. Nothing is imported until you have checked the columns."
          disabled={running}
          onFile={(file) => void choose(file)}
        />

        {step.kind === 'reading' && <p role="status">Reading {step.fileName}…</p>}
        {step.kind === 'unreadable' && (
          <p role="alert" className="error">
            Not imported: {step.fileName}. {sentence(step.message)} Nothing was written.
          </p>
        )}

        {step.kind === 'mapping' && check && (
          <div className="import-step">
            <ImportPreview
              fileName={step.chosen.file.name}
              size={step.chosen.file.size}
              preview={step.chosen.preview}
            />
            {step.chosen.saved &&
              (step.usingSaved ? (
                <p className="notice" role="status">
                  Using your saved mapping “{step.chosen.saved.source}”.
                </p>
              ) : (
                <div className="notice saved-mapping">
                  <p>You saved a mapping for files with these columns: “{step.chosen.saved.source}”.</p>
                  <button type="button" className="secondary" onClick={applySaved}>
                    Use saved mapping “{step.chosen.saved.source}”
                  </button>
                </div>
              ))}
            <ImportMappingForm
              preview={step.chosen.preview}
              draft={step.draft}
              check={check}
              sourceError={step.sourceError}
              onChange={(draft) => setStep({ ...step, draft, sourceError: undefined, refusal: undefined })}
            />
            {step.refusal && (
              <p role="alert" className="error">
                {step.refusal.written === 'nothing'
                  ? `Not imported: ${sentence(step.refusal.message)} Nothing was written.`
                  : `The import stopped: ${sentence(step.refusal.message)} Rows written before it stay; importing the file again updates them rather than adding them twice.`}
              </p>
            )}
            <div className="row">
              <button type="button" onClick={() => void start()} disabled={check.problems.length > 0}>
                Import {step.chosen.file.name}
              </button>
              <button type="button" className="secondary" onClick={() => setStep({ kind: 'idle' })}>
                Choose another file
              </button>
            </div>
          </div>
        )}

        {step.kind === 'running' && (
          <ImportProgressView
            fileName={step.chosen.file.name}
            progress={step.progress}
            cancelling={step.cancelling}
            onCancel={cancel}
          />
        )}

        {step.kind === 'finished' && (
          <ImportReportView
            fileName={step.chosen.file.name}
            report={step.report}
            failure={step.failure}
            onDownloadRejected={() => downloadRejected(step.chosen.file.name, step.report)}
          />
        )}
      </>
    );
  },
  // The page re-renders sections that own no settings on every edit of the draft; this one
  // reads none of it, and its mapping table is large.
  (a, b) => a.context === b.context,
);

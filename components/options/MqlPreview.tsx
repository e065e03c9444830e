import { useEffect, useMemo, useRef, useState } from 'react';
import type * as z from 'zod';
import { type ScoringModel, ScoringModelSchema } from '../../lib/domain/scoring-model';
import { type ScoreTotals, summarizePreview, totalsKey } from '../../lib/scoring/preview';
import { type PreviewReader, scoreInChunks } from '../../lib/scoring/preview-run';
import type { SettingsDraft } from './draft';
import { describePath, humanMessage, issuesOf } from './issues';

export interface MqlPreviewProps {
  /** The model being edited (may be invalid while the rep types). */
  draft: SettingsDraft['scoringModel'];
  saved: ScoringModel;
  reader: PreviewReader;
  now: () => number;
  chunkSize?: number;
  /** Quiet time after the last edit before the leads are read again. */
  settleMs?: number;
}

type Run = { kind: 'idle' } | { kind: 'running'; scored: number; total: number } | { kind: 'failed'; message: string };

const DEFAULT_SETTLE_MS = 300;

/**
 * How many stored leads would be MQLs under the draft model, against the saved one. Every
 * lead is scored with its events, a chunk at a time with a progress bar, yielding to the page
 * between chunks; an edit cancels a run in progress. Totals are kept per rules-and-decay
 * (`totalsKey`), so a threshold edit recounts at once without reading the leads again.
 */
export function MqlPreview({ draft, saved, reader, now, chunkSize, settleMs = DEFAULT_SETTLE_MS }: MqlPreviewProps) {
  const parsed = useMemo(() => ScoringModelSchema.safeParse(draft), [draft]);
  const draftModel = parsed.success ? parsed.data : undefined;
  const draftKey = draftModel && totalsKey(draftModel);
  const savedKey = totalsKey(saved);

  const cache = useRef(new Map<string, ScoreTotals>());
  const [, setCached] = useState(0);
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  // "Recount" after leads changed elsewhere: forget every total and read again.
  const [generation, setGeneration] = useState(0);

  // The models behind the keys, read by the effect without making whole models its dependencies.
  const models = useRef({ draftModel, saved });
  models.current = { draftModel, saved };

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on what changes the totals; `generation` forces a re-read.
  useEffect(() => {
    if (draftKey === undefined) return;
    const { draftModel: currentDraft, saved: currentSaved } = models.current;
    const wanted = new Map<string, ScoringModel>();
    if (currentDraft && !cache.current.has(draftKey)) wanted.set(draftKey, currentDraft);
    if (!cache.current.has(savedKey)) wanted.set(savedKey, currentSaved);
    if (wanted.size === 0) {
      setRun({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    const timer = setTimeout(async () => {
      try {
        const total = await reader.count();
        signal.throwIfAborted();
        setRun({ kind: 'running', scored: 0, total });
        const keys = [...wanted.keys()];
        const totals = await scoreInChunks({
          models: [...wanted.values()],
          reader,
          now: now(),
          chunkSize,
          signal,
          onProgress: (scored) => setRun({ kind: 'running', scored, total: Math.max(total, scored) }),
        });
        // Only what is on screen is kept: totals of a large database are not small.
        for (const key of [...cache.current.keys()])
          if (key !== draftKey && key !== savedKey) cache.current.delete(key);
        keys.forEach((key, index) => {
          const value = totals[index];
          if (value) cache.current.set(key, value);
        });
        setCached((n) => n + 1);
        setRun({ kind: 'idle' });
      } catch (error) {
        if (signal.aborted) return;
        setRun({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }, settleMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draftKey, savedKey, generation, reader]);

  const draftTotals = draftKey === undefined ? undefined : cache.current.get(draftKey);
  const savedTotals = cache.current.get(savedKey);
  const summary =
    draftModel && draftTotals && savedTotals
      ? summarizePreview({ totals: draftTotals, bar: draftModel }, { totals: savedTotals, bar: saved })
      : undefined;
  const stale = run.kind === 'running' || (draftKey !== undefined && draftTotals === undefined);

  return (
    <section className="mql-preview" aria-labelledby="mql-preview-heading">
      <h3 id="mql-preview-heading">Preview on your leads</h3>
      {!parsed.success ? (
        <p role="status">The preview waits for a valid model. {firstProblem(parsed.error, draft)}</p>
      ) : (
        <>
          <div role="status" aria-live="polite" aria-busy={stale} data-testid="mql-preview-summary">
            {summary && summary.leads === 0 && (
              <p>No leads stored yet: import leads to see how the model sorts them.</p>
            )}
            {summary && summary.leads > 0 && (
              <p className={stale ? 'muted' : undefined}>
                With this draft, <strong>{count(summary.draftMqls)}</strong> of {count(summary.leads)}{' '}
                {summary.leads === 1 ? 'lead' : 'leads'} would be MQLs ({draftModel && describeBar(draftModel)}). With
                the saved model: {count(summary.savedMqls)}.
                {(summary.gained > 0 || summary.lost > 0) && (
                  <>
                    {' '}
                    {count(summary.gained)} more would qualify, {count(summary.lost)} would drop out.
                  </>
                )}
              </p>
            )}
            {!summary && run.kind !== 'failed' && <p className="muted">Scoring your leads…</p>}
          </div>
          {run.kind === 'running' && (
            <p className="preview-progress">
              <label>
                Scored {count(run.scored)} of {count(run.total)} leads{' '}
                <progress max={Math.max(run.total, 1)} value={run.scored} />
              </label>
            </p>
          )}
          {run.kind === 'failed' && (
            <p role="alert" className="error">
              Could not read the leads for the preview: {run.message}
            </p>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              cache.current.clear();
              setGeneration((g) => g + 1);
            }}
          >
            Recount
          </button>{' '}
          <span className="hint">Counts every stored lead with its events; recount after an import.</span>
        </>
      )}
    </section>
  );
}

function count(n: number): string {
  return n.toLocaleString();
}

/** "score 60 or more, with 15+ fit and 15+ behaviour points". */
function describeBar(model: ScoringModel): string {
  const needs = model.mqlNeeds;
  const groups = needs && (needs.fit > 0 || needs.behavior > 0);
  return `score ${model.threshold} or more${groups ? `, with ${needs.fit}+ fit and ${needs.behavior}+ behaviour points` : ''}`;
}

function firstProblem(error: z.ZodError, draft: SettingsDraft['scoringModel']): string {
  const [issue] = issuesOf(error);
  if (!issue) return '';
  return `${describePath(`scoringModel.${issue.path}`, { scoringModel: draft })}: ${humanMessage(issue.message)}.`;
}

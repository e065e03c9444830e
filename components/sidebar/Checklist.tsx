import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { QualificationDraft } from '../../lib/db';
import { FRAMEWORK_DEFINITIONS } from '../../lib/domain/frameworks';
import type { Lead } from '../../lib/domain/lead';
import { emptyQualification, type Qualification } from '../../lib/domain/qualification';
import { actorOf } from '../../lib/sidebar/data';
import { CriterionField, type CriterionPatch } from './CriterionField';
import { useLive, useSidebarData } from './data';
import { useDiscardedLeads } from './discarded-leads';
import { SqlGate } from './SqlGate';
import './qualification.css';

/** How long the rep may pause before the checklist is saved. */
export const AUTOSAVE_MS = 400;

export interface ChecklistProps {
  lead: Lead;
  now: () => number;
  /** Pause before an edit is saved (tests lengthen it to prove the flushes). */
  autosaveMs?: number;
}

/**
 * The lead's qualification checklist in the framework of the settings (or the one it was
 * started in), saved as the rep types, with the SQL bar under it following every click.
 * Each lead gets fresh state; the previous lead's pending edit is saved on the way out.
 */
export function Checklist(props: ChecklistProps) {
  return <LeadChecklist key={props.lead.id} {...props} />;
}

function LeadChecklist({ lead, now, autosaveMs = AUTOSAVE_MS }: ChecklistProps) {
  const headingId = useId();
  const data = useSidebarData();
  const settings = useLive(['settings'], (d) => d.settings());
  const stored = useLive(['qualification', lead.id], (d) => d.qualification(lead.id));
  // The rep's copy, shown instead of the stored one once they edit.
  const [edited, setEdited] = useState<Qualification | null>(null);
  const lastSaved = useRef<Qualification | null>(null);
  const discarded = useDiscardedLeads();
  const autosave = useAutosave(
    async (q: Qualification) => {
      // The rep said this page is not this lead: what they typed is not theirs to keep.
      if (discarded.has(lead.id)) return;
      lastSaved.current = await data.saveQualification(toDraft(q));
    },
    autosaveMs,
    // Everything typed is saved: the background need not keep a copy any more.
    () => data.holdUnsaved(lead.id, null),
  );
  const { pending } = autosave;

  // A change made elsewhere replaces the rep's copy, unless an edit of theirs is not saved yet.
  // Our own save coming back is not adopted: it is trimmed, and the rep may be mid-sentence.
  useEffect(() => {
    if (!stored || pending()) return;
    if (lastSaved.current && sameChecklist(stored, lastSaved.current)) return;
    setEdited(null);
  }, [stored, pending]);

  if (settings === undefined || stored === undefined) return <p aria-busy="true">Loading the checklist…</p>;

  const shown = edited ?? stored ?? emptyQualification(lead.id, settings.framework, now());
  const framework = FRAMEWORK_DEFINITIONS[shown.framework];
  const actor = actorOf(settings);

  function change(key: string, patch: CriterionPatch) {
    const entry = shown.criteria[key] ?? { status: 'unknown', evidence: '' };
    const next: Qualification = {
      ...shown,
      criteria: { ...shown.criteria, [key]: { ...entry, ...patch, updatedBy: actor, updatedAt: now() } },
    };
    setEdited(next);
    autosave.schedule(next);
    // At once, not after the pause: a tab closed mid-sentence still keeps it (lib/background/drafts.ts).
    data.holdUnsaved(lead.id, toDraft(next));
  }

  return (
    <>
      <section className="card checklist" aria-labelledby={headingId} onBlur={autosave.flush}>
        <h3 id={headingId}>Qualification ({framework.label})</h3>
        {shown.framework !== settings.framework && (
          <p className="notice small">
            This checklist was started in {framework.label}; your settings now say{' '}
            {FRAMEWORK_DEFINITIONS[settings.framework].label}. It stays in {framework.label}.
          </p>
        )}
        {framework.criteria.map((criterion) => (
          <CriterionField
            key={criterion.key}
            id={`${headingId}-${criterion.key}`}
            criterion={criterion}
            entry={shown.criteria[criterion.key] ?? { status: 'unknown', evidence: '' }}
            onChange={(patch) => change(criterion.key, patch)}
          />
        ))}
        <div className="save-status">
          <p role="status" className={autosave.status.kind === 'failed' ? 'error small' : 'muted small'}>
            {statusText(autosave.status)}
          </p>
          {autosave.status.kind === 'failed' && (
            <button type="button" className="secondary" onClick={autosave.retry}>
              Retry
            </button>
          )}
        </div>
      </section>
      <SqlGate qualification={shown} criteria={settings.sqlCriteria} framework={shown.framework} />
    </>
  );
}

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

function statusText(status: SaveStatus): string {
  if (status.kind === 'saving') return 'Saving…';
  if (status.kind === 'saved') return 'Saved';
  if (status.kind === 'failed') return `Not saved: ${status.message}`;
  return '';
}

/**
 * Saves the latest value `delayMs` after the last change, one save at a time and in order
 * (each save replaces the whole checklist, so the last one started must land last).
 * `flush` saves a waiting change at once; it also runs on unmount, on `pagehide` and when
 * the page is hidden, so closing the tab mid-sentence loses nothing.
 */
function useAutosave<T>(save: (value: T) => Promise<void>, delayMs: number, onAllSaved: () => void) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const saveRef = useRef(save);
  const onAllSavedRef = useRef(onAllSaved);
  const latest = useRef<{ value: T; version: number } | null>(null);
  const queued = useRef(0); // the last version handed to `save`
  const saved = useRef(0); // the last version `save` accepted
  const chain = useRef(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    saveRef.current = save;
    onAllSavedRef.current = onAllSaved;
  });

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const next = latest.current;
    if (!next || next.version <= queued.current) return;
    queued.current = next.version;
    chain.current = chain.current.then(async () => {
      const isLatest = () => latest.current?.version === next.version;
      try {
        await saveRef.current(next.value);
        saved.current = Math.max(saved.current, next.version);
        if (isLatest()) {
          setStatus({ kind: 'saved' });
          onAllSavedRef.current();
        }
      } catch (error) {
        if (isLatest()) setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    });
  }, []);

  const schedule = useCallback(
    (value: T) => {
      latest.current = { value, version: (latest.current?.version ?? 0) + 1 };
      setStatus({ kind: 'saving' });
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  const retry = useCallback(() => {
    queued.current = saved.current;
    setStatus({ kind: 'saving' });
    flush();
  }, [flush]);

  /** Whether the rep has a change that is not saved yet (waiting, in flight or refused). */
  const pending = useCallback(() => (latest.current?.version ?? 0) > saved.current, []);

  useEffect(() => {
    const stop = new AbortController();
    window.addEventListener('pagehide', flush, { signal: stop.signal });
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.visibilityState === 'hidden') flush();
      },
      { signal: stop.signal },
    );
    return () => {
      stop.abort();
      flush();
    };
  }, [flush]);

  return { status, schedule, flush, retry, pending };
}

function toDraft(q: Qualification): QualificationDraft {
  return { leadId: q.leadId, framework: q.framework, criteria: q.criteria };
}

/** The same checklist in what a rep sees: framework, and each criterion's status, evidence and stamp. */
function sameChecklist(a: Qualification, b: Qualification): boolean {
  const keys = Object.keys(a.criteria);
  return (
    a.framework === b.framework &&
    keys.length === Object.keys(b.criteria).length &&
    keys.every((key) => {
      const x = a.criteria[key];
      const y = b.criteria[key];
      return (
        x !== undefined &&
        y !== undefined &&
        x.status === y.status &&
        x.evidence === y.evidence &&
        x.updatedBy === y.updatedBy &&
        x.updatedAt === y.updatedAt
      );
    })
  );
}

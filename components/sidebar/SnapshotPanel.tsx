import { type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react';
import { readSnapshotMeta, type SnapshotStats } from '../../lib/sites/snapshot';
import './snapshot.css';

export interface PageSnapshot {
  /** The page as one redacted HTML file (lib/sites/snapshot.ts). */
  html: string;
  /** The page's URL, redacted. */
  url: string;
}

export interface SnapshotPanelProps {
  /** Asks the page for its redacted copy: the background relays `page.snapshot` to the tab. */
  take: () => Promise<PageSnapshot>;
  /** Today, for the file's name; tests pin it. */
  now?: () => Date;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'taking' }
  | { kind: 'preview'; snapshot: PageSnapshot; site: string; stats: SnapshotStats }
  | { kind: 'saved'; file: string }
  | { kind: 'error'; message: string };

/** How long a saved file's object URL lives: Firefox may still be reading it right after the click. */
const REVOKE_AFTER_MS = 1_000;

/**
 * "Save this page for a bug report": a redacted copy of the page the sidebar sits beside, for a
 * page it could not read or read wrong. The rep sees what the file holds before anything is
 * saved, and the file goes to their own downloads: nothing is sent anywhere.
 */
export function SnapshotPanel({ take, now = () => new Date() }: SnapshotPanelProps) {
  const headingId = useId();
  const htmlId = useId();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const start = useRef<HTMLButtonElement>(null);
  const preview = useRef<HTMLHeadingElement>(null);
  const live = useRef(true);
  const backToStart = useRef(false);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  // Keyboard and screen-reader users land where the answer is: on the preview, or back on the
  // button once the preview is gone (saved or cancelled).
  useEffect(() => {
    if (step.kind === 'preview') preview.current?.focus();
    else if (backToStart.current) {
      backToStart.current = false;
      start.current?.focus();
    }
  }, [step.kind]);

  const taking = step.kind === 'taking';
  const ask = async () => {
    if (taking) return;
    setStep({ kind: 'taking' });
    let next: Step;
    try {
      const snapshot = await take();
      const meta = readSnapshotMeta(snapshot.html);
      next = meta
        ? { kind: 'preview', snapshot, site: meta.site, stats: meta.stats }
        : { kind: 'error', message: 'The copy of the page came back incomplete. Reload the page and try again.' };
    } catch (error) {
      next = { kind: 'error', message: takeError(error) };
    }
    if (live.current) setStep(next);
  };

  const save = (snapshot: PageSnapshot, site: string) => {
    const file = fileName(site, now());
    try {
      const href = URL.createObjectURL(new Blob([snapshot.html], { type: 'text/html' }));
      const link = document.createElement('a');
      link.href = href;
      link.download = file;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
      setStep({ kind: 'saved', file });
    } catch (error) {
      setStep({
        kind: 'error',
        message: `Couldn't save the file (${messageOf(error)}). Check that your browser may download files, then try again.`,
      });
    }
    backToStart.current = true;
  };

  const cancel = () => {
    backToStart.current = true;
    setStep({ kind: 'idle' });
  };

  return (
    <section className="snapshot card" aria-labelledby={headingId} aria-busy={taking}>
      <h3 id={headingId}>Page snapshot</h3>
      {step.kind !== 'preview' && (
        <>
          <p className="hint">
            Wrong person, or nobody? Save a copy of this page for a bug report: names, addresses and messages are
            replaced with made-up ones, and you see the file before it is saved.
          </p>
          {/* aria-disabled, not disabled: the button keeps the focus while the page is copied. */}
          <button ref={start} type="button" className="secondary" onClick={() => void ask()} aria-disabled={taking}>
            Save this page for a bug report
          </button>
        </>
      )}
      {taking && (
        <p role="status" className="muted">
          Copying the page and replacing names, addresses and messages…
        </p>
      )}
      {step.kind === 'error' && (
        <p role="alert" className="error">
          {step.message}
        </p>
      )}
      {step.kind === 'saved' && (
        <p role="status">Saved as {step.file} in your downloads. Attach it to your bug report.</p>
      )}
      {step.kind === 'preview' && (
        <Preview
          {...step}
          headingRef={preview}
          htmlId={htmlId}
          onSave={() => save(step.snapshot, step.site)}
          onCancel={cancel}
        />
      )}
    </section>
  );
}

interface PreviewProps {
  snapshot: PageSnapshot;
  stats: SnapshotStats;
  headingRef: RefObject<HTMLHeadingElement | null>;
  htmlId: string;
  onSave: () => void;
  onCancel: () => void;
}

/** What the file holds, in words and in full (as text: the page's HTML is never rendered here). */
function Preview({ snapshot, stats, headingRef, htmlId, onSave, onCancel }: PreviewProps) {
  const size = useMemo(() => new Blob([snapshot.html]).size, [snapshot.html]);
  return (
    <div className="snapshot-preview">
      <h4 ref={headingRef} tabIndex={-1}>
        What the file contains
      </h4>
      <ul className="snapshot-summary">
        <li>
          <strong>Kept:</strong> the page's layout ({count(stats.elements, 'element')}), its roles, class names and ids,
          and interface labels such as From, To and Reading Pane.
        </li>
        <li>
          <strong>Replaced</strong> with made-up look-alikes: {count(stats.words, 'word')},{' '}
          {count(stats.emails, 'email address', 'email addresses')}, {count(stats.numbers, 'number')}, and the personal
          parts of {count(stats.links, 'link')}.
        </li>
        <li>
          <strong>Removed:</strong> scripts, image sources, event handlers and comments (
          {stats.removed.toLocaleString('en')} in all).
        </li>
      </ul>
      <dl className="facts">
        <div>
          <dt>Page</dt>
          <dd className="snapshot-url">{snapshot.url}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatSize(size)}</dd>
        </div>
      </dl>
      <label htmlFor={htmlId} className="snapshot-label">
        The file, as it will be saved
      </label>
      <textarea id={htmlId} className="snapshot-html" readOnly rows={8} spellCheck={false} value={snapshot.html} />
      <div className="snapshot-actions">
        <button type="button" onClick={onSave}>
          Save file
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** `handoff-<site>-<yyyy-mm-dd>.html`, in the rep's own calendar. */
export function fileName(site: string, day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  return `handoff-${/^[a-z]+$/.test(site) ? site : 'page'}-${date}.html`;
}

function takeError(error: unknown): string {
  const message = messageOf(error);
  // What Chrome and Firefox say when the tab has no content script to answer (reloaded, or opened
  // before the extension was installed or updated).
  if (/receiving end|could not establish connection|message port closed|no tab/i.test(message)) {
    return "Handoff can't reach this page. Reload the page, wait until it has loaded, then try again.";
  }
  return `Couldn't copy this page (${message}). Reload the page and try again.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

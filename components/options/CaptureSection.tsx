import { fieldId } from './issues';
import type { SectionProps } from './section';

/** The captured-engagement opt-in, off by default: it records what the rep looks at. */
export function CaptureSection({ draft, update }: SectionProps) {
  const id = fieldId('captureEngagement');
  return (
    <div className="field">
      <label className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={draft.captureEngagement}
          aria-describedby={`${id}-hint`}
          onChange={(e) => update((d) => ({ ...d, captureEngagement: e.target.checked }))}
        />{' '}
        Log my views of known leads as engagement
      </label>
      <p id={`${id}-hint`} className="hint">
        When you open a known lead's LinkedIn profile or an email thread with them, Handoff adds a "viewed" event to
        their timeline, at most once per lead per day; it never records anything about people who are not leads.
      </p>
    </div>
  );
}

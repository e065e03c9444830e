import { fieldId } from './issues';
import type { SectionProps } from './section';

/**
 * What Handoff may record from the pages the rep uses, each opt-in and off by default: views of
 * known leads as engagement, and the rep's own sends to them as touches (lib/sites/sent.ts).
 */
export function CaptureSection({ draft, update }: SectionProps) {
  const id = fieldId('captureEngagement');
  const touchesId = fieldId('captureTouches');
  return (
    <>
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
      <div className="field">
        <label className="checkbox">
          <input
            id={touchesId}
            type="checkbox"
            checked={draft.captureTouches}
            aria-describedby={`${touchesId}-hint`}
            onChange={(e) => update((d) => ({ ...d, captureTouches: e.target.checked }))}
          />{' '}
          Log what I send to known leads as touches
        </label>
        <p id={`${touchesId}-hint`} className="hint">
          When you send a known lead an email from Gmail or Outlook, or a LinkedIn message or connection request,
          Handoff logs a touch (the first one stops the SLA clock). It keeps the kind and the time, never the message,
          and nothing about people who are not leads.
        </p>
      </div>
    </>
  );
}

import { readingSummary } from '../../lib/sidebar/correction';
import type { PageIdentity } from '../../lib/sites/types';

export interface PageReadingProps {
  identity: PageIdentity;
  /** Opens the correction. Absent while the rep is already correcting. */
  onWrongPerson?: (() => void) | undefined;
}

/**
 * Who the page was read as, and how sure that is (which layer read each field: the layout,
 * the page title, an address on the page...), with the rep's way to say it is someone else.
 * Page text, rendered as text.
 */
export function PageReading({ identity, onWrongPerson }: PageReadingProps) {
  const who = identity.name ?? identity.emails[0] ?? 'this profile';
  const how = readingSummary(identity);
  return (
    <div className="page-reading">
      <p className="muted small">
        On this page: <span className="page-reading-who">{who}</span>
        {how && (
          <>
            {' · '}
            <span title={`How Handoff read this page: ${how}`}>{how}</span>
          </>
        )}
      </p>
      {onWrongPerson && (
        <button
          type="button"
          className="secondary small"
          onClick={onWrongPerson}
          title="Tell Handoff this page is someone else: pick the right lead, or correct the name and email"
        >
          Wrong person?
        </button>
      )}
    </div>
  );
}

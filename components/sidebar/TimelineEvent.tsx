import { type EngagementEvent, isHighIntent } from '../../lib/domain/event';
import { useFormat } from './format';
import { eventLabel, ORIGIN_LABELS } from './labels';

/** Detail fields shown per event: enough to tell two downloads apart, not a data dump. */
const MAX_DETAILS = 3;
/** A web address is shown as host and path, cut to this many characters (the whole one is its tooltip). */
const MAX_URL = 48;

/** `acme.com/pricing?plan=pro` for `https://www.acme.com/pricing?plan=pro`: readable, never broken mid-word. */
export function shortUrl(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const short = `${url.host.replace(/^www\./, '')}${url.pathname === '/' ? '' : url.pathname}${url.search}`;
  return short.length <= MAX_URL ? short : `${short.slice(0, MAX_URL - 1)}…`;
}

function valueText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' ? (shortUrl(value) ?? value) : String(value);
}

function detailText(details: EngagementEvent['details']): string {
  return Object.entries(details)
    .slice(0, MAX_DETAILS)
    .map(([key, value]) => `${key.replaceAll('_', ' ')}: ${valueText(value)}`)
    .join(' · ');
}

/** The full details, for the tooltip: addresses whole. */
function detailTitle(details: EngagementEvent['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key.replaceAll('_', ' ')}: ${String(value)}`)
    .join('\n');
}

/**
 * Origins worth a word on the line: what the rep did or saw themselves. Imported, synced and
 * ingested events are most of any timeline; on every line the word said nothing (it is in
 * the time's tooltip).
 */
const SHOWN_ORIGINS = new Set<EngagementEvent['origin']>(['captured', 'manual']);

/**
 * One timeline entry: time, what happened, a "High intent" tag in words (seen and read
 * aloud, not a colour), details (addresses shortened) and, when the rep made or saw it, its
 * origin. Details come from imports and pages: text only.
 */
export function TimelineEvent({ event }: { event: EngagementEvent }) {
  const format = useFormat();
  const high = isHighIntent(event);
  const hasDetails = Object.keys(event.details).length > 0;
  return (
    <li className={high ? 'event high-intent' : 'event'}>
      <time
        className="event-time"
        dateTime={new Date(event.occurredAt).toISOString()}
        title={`${format.dateTime(event.occurredAt)}, ${ORIGIN_LABELS[event.origin]}`}
      >
        {format.time(event.occurredAt)}
      </time>{' '}
      <span className="event-label">{eventLabel(event)}</span>
      {high && (
        <>
          {' '}
          <span className="badge badge-intent">High intent</span>
        </>
      )}
      {hasDetails && (
        <>
          {' '}
          <span className="event-details" title={detailTitle(event.details)}>
            {detailText(event.details)}
          </span>
        </>
      )}
      {SHOWN_ORIGINS.has(event.origin) && (
        <>
          {' '}
          <span className="event-origin">{ORIGIN_LABELS[event.origin]}</span>
        </>
      )}
    </li>
  );
}

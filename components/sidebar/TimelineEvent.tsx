import { type EngagementEvent, isHighIntent } from '../../lib/domain/event';
import { useFormat } from './format';
import { eventLabel, ORIGIN_LABELS } from './labels';

/** Detail fields shown per event: enough to tell two downloads apart, not a data dump. */
const MAX_DETAILS = 3;

function detailText(details: EngagementEvent['details']): string {
  return Object.entries(details)
    .slice(0, MAX_DETAILS)
    .map(
      ([key, value]) => `${key.replaceAll('_', ' ')}: ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`,
    )
    .join(' · ');
}

/**
 * One timeline entry: time, what happened, a "High intent" tag in words (seen and read
 * aloud, not a colour), details and origin. Details come from imports and pages: text only.
 */
export function TimelineEvent({ event }: { event: EngagementEvent }) {
  const format = useFormat();
  const high = isHighIntent(event);
  const hasDetails = Object.keys(event.details).length > 0;
  return (
    <li className={high ? 'event high-intent' : 'event'}>
      <time className="event-time" dateTime={new Date(event.occurredAt).toISOString()}>
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
          <span className="event-details">{detailText(event.details)}</span>
        </>
      )}{' '}
      <span className="event-origin">{ORIGIN_LABELS[event.origin]}</span>
    </li>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { EngagementEvent } from '../../lib/domain/event';
import { type Formatter, useFormat } from './format';
import { TimelineEvent } from './TimelineEvent';
import { type HistoryReader, loadTimelinePages } from './timeline-pages';

export const TIMELINE_PAGE_SIZE = 50;

export interface TimelineProps {
  history: HistoryReader;
  leadId: string;
  pageSize?: number;
}

interface Day {
  key: string;
  heading: string;
  events: EngagementEvent[];
}

/** Events newest first, grouped under the day the rep sees them on. */
function groupByDay(events: readonly EngagementEvent[], format: Formatter): Day[] {
  const days: Day[] = [];
  for (const event of events) {
    const key = format.dayKey(event.occurredAt);
    const last = days.at(-1);
    if (last?.key === key) last.events.push(event);
    else days.push({ key, heading: format.day(event.occurredAt), events: [event] });
  }
  return days;
}

/**
 * The lead's engagement, newest first, a page at a time. Live: an import or a sync that adds
 * events re-renders it. High-intent events carry a visible "High intent" tag, which is also
 * what a screen reader reads.
 */
export function Timeline({ history, leadId, pageSize = TIMELINE_PAGE_SIZE }: TimelineProps) {
  const headingId = useId();
  const format = useFormat();
  const [pages, setPages] = useState(1);
  const { data: loaded } = useQuery({
    queryKey: ['timeline', leadId, pages, pageSize],
    queryFn: async () => ({ pages, ...(await loadTimelinePages(history, leadId, pages, pageSize)) }),
    // The shown pages stay while more load: a result for fewer pages means "Load older" is in flight.
    placeholderData: keepPreviousData,
  });
  const loadingOlder = loaded !== undefined && loaded.pages !== pages;

  return (
    <section className="card timeline" aria-labelledby={headingId}>
      <h3 id={headingId}>Engagement</h3>
      {loaded === undefined ? (
        <p aria-busy="true">Loading engagement…</p>
      ) : loaded.events.length === 0 ? (
        <p className="muted">No engagement recorded yet.</p>
      ) : (
        groupByDay(loaded.events, format).map((day) => (
          <div key={day.key} className="timeline-day">
            <h4 id={`${headingId}-${day.key}`}>
              <time dateTime={day.key}>{day.heading}</time>
            </h4>
            <ol aria-labelledby={`${headingId}-${day.key}`}>
              {day.events.map((event) => (
                <TimelineEvent key={event.id} event={event} />
              ))}
            </ol>
          </div>
        ))
      )}
      {/* aria-disabled while loading, not disabled: a disabled button drops keyboard focus. */}
      {loaded?.hasMore && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (!loadingOlder) setPages(loaded.pages + 1);
          }}
          aria-disabled={loadingOlder}
        >
          {loadingOlder ? 'Loading older events…' : 'Load older'}
        </button>
      )}
    </section>
  );
}

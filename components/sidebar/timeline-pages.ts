import type { HistoryOptions } from '../../lib/db';
import type { EngagementEvent } from '../../lib/domain/event';

/** A lead's events, newest first, a page at a time (`SidebarData.history`). */
export type HistoryReader = (leadId: string, options: HistoryOptions) => Promise<EngagementEvent[]>;

export interface TimelinePages {
  /** Newest first, no duplicates. */
  events: EngagementEvent[];
  /** Older events exist beyond what was loaded. */
  hasMore: boolean;
}

/**
 * The newest `pages * pageSize` events of a lead, read a page at a time with
 * `history({ limit, before })`.
 *
 * `before` is exclusive, so paging with `before: oldestShown.occurredAt` would skip the
 * unshown events that share the oldest shown timestamp (an import stamps a batch with one
 * time). Each older page instead asks for everything up to and including that instant,
 * over-fetching by the number already shown at it, and drops those by id: nothing is skipped,
 * nothing shown twice, even when more than a page of events share one millisecond. One extra
 * row per page says whether there is more, so "Load older" never leads to an empty page.
 */
export async function loadTimelinePages(
  history: HistoryReader,
  leadId: string,
  pages: number,
  pageSize: number,
): Promise<TimelinePages> {
  const shown: EngagementEvent[] = [];
  let hasMore = true;
  for (let page = 0; page < pages && hasMore; page += 1) {
    const oldest = shown.at(-1);
    let batch: EngagementEvent[];
    if (oldest === undefined) {
      batch = await history(leadId, { limit: pageSize + 1 });
    } else {
      const tied = new Set(shown.filter((e) => e.occurredAt === oldest.occurredAt).map((e) => e.id));
      const raw = await history(leadId, { before: oldest.occurredAt + 1, limit: tied.size + pageSize + 1 });
      batch = raw.filter((e) => !tied.has(e.id));
    }
    hasMore = batch.length > pageSize;
    shown.push(...batch.slice(0, pageSize));
  }
  return { events: shown, hasMore };
}

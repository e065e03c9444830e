import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Timeline } from '../../../components/sidebar/Timeline';
import { loadTimelinePages } from '../../../components/sidebar/timeline-pages';
import type { EngagementEvent } from '../../../lib/domain/event';
import type { Lead } from '../../../lib/domain/lead';
import { setupRepositories } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';
import { renderWithFormat } from './render';

const HOUR = 3_600_000;

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
beforeEach(async () => {
  ctx = setupRepositories();
  lead = await ctx.leads.create(makeLead());
});
afterEach(() => ctx.db.close());

/** `n` email opens at one instant, as an import stamps a batch. */
const sameInstant = (n: number, at: number) =>
  Array.from({ length: n }, (_, i) => makeEvent(lead, 'email_opened', 0, { occurredAt: at, details: { n: i } }));

const ids = (events: readonly EngagementEvent[]) => events.map((e) => e.id);

function showTimeline(pageSize?: number) {
  return renderWithFormat(
    <Timeline history={(id, options) => ctx.events.history(id, options)} leadId={lead.id} pageSize={pageSize} />,
    ctx,
  );
}

/** The day headings, top to bottom. */
const dayHeadings = () => screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);

describe('Timeline', () => {
  it('groups events by day, newest first, with human labels', async () => {
    await ctx.events.bulkAdd([
      visit(lead, 'pricing', 0),
      makeEvent(lead, 'email_opened', 0, { occurredAt: NOW - 2 * HOUR }),
      makeEvent(lead, 'content_download', 1, { details: { title: 'ROI guide' } }),
      visit(lead, 'case_study', 3),
    ]);
    showTimeline();
    await screen.findByText('Monday, 23 November 2026');
    expect(dayHeadings()).toEqual(['Monday, 23 November 2026', 'Sunday, 22 November 2026', 'Friday, 20 November 2026']);

    const monday = screen.getByRole('list', { name: 'Monday, 23 November 2026' });
    const items = within(monday).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '12:00 Page visit: Pricing page High intent',
      '10:00 Opened an email',
    ]);
    const sunday = screen.getByRole('list', { name: 'Sunday, 22 November 2026' });
    expect(within(sunday).getByRole('listitem').textContent).toBe('12:00 Downloaded content title: ROI guide');
    // The origin of an imported event is in the time's tooltip, not on every line.
    expect(within(sunday).getByText('12:00').getAttribute('title')).toContain('imported');
  });

  it('says where an event came from only when the rep made or saw it, and shortens addresses', async () => {
    await ctx.events.bulkAdd([
      makeEvent(lead, 'linkedin_viewed', 0, { origin: 'captured' }),
      makeEvent(lead, 'content_download', 1, {
        details: {
          url: 'https://www.acme-analytics.com/resources/2026/the-very-long-report-on-revenue-operations.pdf?utm_source=newsletter',
        },
      }),
    ]);
    showTimeline();
    expect(await screen.findByText('seen in this browser')).toBeTruthy();
    const detail = await screen.findByText(/^url: acme-analytics\.com\/resources/);
    expect(detail.textContent?.endsWith('…')).toBe(true);
    expect(detail.textContent?.length).toBeLessThan(60);
    expect(detail.getAttribute('title')).toContain(
      'https://www.acme-analytics.com/resources/2026/the-very-long-report',
    );
  });

  it('marks high-intent events in words, not only by colour', async () => {
    await ctx.events.bulkAdd([
      makeEvent(lead, 'demo_requested', 1),
      makeEvent(lead, 'meeting_booked', 2),
      makeEvent(lead, 'email_replied', 3),
      visit(lead, 'demo', 4),
      visit(lead, 'blog', 5),
      makeEvent(lead, 'webinar_attended', 6),
    ]);
    showTimeline();
    await screen.findByText('Requested a demo');
    const marked = screen
      .getAllByRole('listitem')
      .filter((li) => within(li).queryByText('High intent') !== null)
      .map((li) => li.querySelector('.event-label')?.textContent);
    expect(marked).toEqual(['Requested a demo', 'Booked a meeting', 'Replied to an email', 'Page visit: Demo page']);
  });

  it('says so when there is no engagement', async () => {
    showTimeline();
    expect(await screen.findByText('No engagement recorded yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('pages back with "Load older" until everything is shown, then offers no more', async () => {
    await ctx.events.bulkAdd(Array.from({ length: 7 }, (_, i) => makeEvent(lead, 'email_opened', i)));
    showTimeline(3);
    await screen.findByText('Monday, 23 November 2026');
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('Wednesday, 18 November 2026');
    expect(screen.getAllByRole('listitem')).toHaveLength(6);
    await userEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('Tuesday, 17 November 2026');
    expect(screen.getAllByRole('listitem')).toHaveLength(7);
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('skips and repeats nothing when events share the timestamp at a page boundary', async () => {
    // Page size 3: the first page ends inside a batch of 4 events stamped at one instant.
    const batch = sameInstant(4, NOW - DAY);
    await ctx.events.bulkAdd([makeEvent(lead, 'email_clicked', 0), ...batch, makeEvent(lead, 'form_submitted', 2)]);
    showTimeline(3);
    await screen.findByText('Monday, 23 November 2026');
    await userEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('Submitted a form');
    const shown = screen.getAllByRole('listitem').map((li) => li.querySelector('.event-details')?.textContent ?? '');
    expect(shown.filter((d) => d.startsWith('n: ')).sort()).toEqual(['n: 0', 'n: 1', 'n: 2', 'n: 3']);
    expect(screen.getAllByRole('listitem')).toHaveLength(6);
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('shows an event added elsewhere (an import, a sync) without a reload', async () => {
    await ctx.events.add(makeEvent(lead, 'email_opened', 2));
    showTimeline();
    await screen.findByText('Opened an email');
    await ctx.events.add(makeEvent(lead, 'meeting_booked', 0));
    expect(await screen.findByText('Booked a meeting')).toBeTruthy();
  });
});

describe('loadTimelinePages', () => {
  it.each([
    { name: 'a boundary inside a tie', before: 1, tied: 4, after: 1, pageSize: 3 },
    { name: 'more tied events than a page', before: 1, tied: 7, after: 2, pageSize: 2 },
    { name: 'everything at one instant', before: 0, tied: 5, after: 0, pageSize: 2 },
    { name: 'a page that ends exactly where the tie ends', before: 0, tied: 3, after: 2, pageSize: 3 },
  ])('pages through $name: every event once, in history order', async ({ before, tied, after, pageSize }) => {
    const events = [
      ...Array.from({ length: before }, (_, i) => makeEvent(lead, 'email_clicked', 0, { occurredAt: NOW - i * HOUR })),
      ...sameInstant(tied, NOW - DAY),
      ...Array.from({ length: after }, (_, i) => makeEvent(lead, 'form_submitted', 2 + i)),
    ];
    await ctx.events.bulkAdd(events);
    const all = await ctx.events.history(lead.id);
    const total = events.length;
    const pagesNeeded = Math.ceil(total / pageSize);

    for (let pages = 1; pages <= pagesNeeded; pages += 1) {
      const loaded = await loadTimelinePages((id, o) => ctx.events.history(id, o), lead.id, pages, pageSize);
      expect(ids(loaded.events)).toEqual(ids(all.slice(0, Math.min(total, pages * pageSize))));
      expect(loaded.hasMore).toBe(pages < pagesNeeded);
    }
    // Asking for more pages than exist changes nothing.
    expect(
      ids((await loadTimelinePages((id, o) => ctx.events.history(id, o), lead.id, pagesNeeded + 2, pageSize)).events),
    ).toEqual(ids(all));
  });

  it('shows why the naive cursor is wrong: `before: oldest.occurredAt` skips the rest of a tie', async () => {
    await ctx.events.bulkAdd(sameInstant(4, NOW));
    const firstPage = await ctx.events.history(lead.id, { limit: 2 });
    const oldest = firstPage.at(-1);
    if (!oldest) throw new Error('no events');
    expect(await ctx.events.history(lead.id, { limit: 2, before: oldest.occurredAt })).toEqual([]);
    expect((await loadTimelinePages((id, o) => ctx.events.history(id, o), lead.id, 2, 2)).events).toHaveLength(4);
  });
});

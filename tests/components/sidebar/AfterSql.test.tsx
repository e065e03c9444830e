import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dealDayInstant, describeAfterSql } from '../../../components/sidebar/AfterSql';
import { Decision } from '../../../components/sidebar/Decision';
import { createFormatter } from '../../../components/sidebar/format';
import type { Disposition } from '../../../lib/domain/disposition';
import type { Lead } from '../../../lib/domain/lead';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { renderWithFormat } from './render';

const HOUR = 3_600_000;
/** `YYYY-MM-DD` of an instant in UTC, the zone the sidebar tests read dates in. */
const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const noon = (at: number) => Date.parse(`${day(at)}T12:00:00Z`);

describe('dealDayInstant: the day a rep picks, as an instant', () => {
  const now = Date.UTC(2026, 10, 23, 15, 30);
  const options = { now, timeZone: 'UTC', floor: undefined };

  it('is now for today, noon for an earlier day, nothing for a day ahead or no day', () => {
    expect(dealDayInstant('2026-11-23', options)).toBe(now);
    expect(dealDayInstant('2026-11-20', options)).toBe(Date.UTC(2026, 10, 20, 12));
    expect(dealDayInstant('2026-11-24', options)).toBeUndefined();
    expect(dealDayInstant('', options)).toBeUndefined();
  });

  it('reads the day in the sidebar’s zone, and keeps after the floor on the floor’s own day', () => {
    expect(dealDayInstant('2026-11-20', { ...options, timeZone: 'America/New_York' })).toBe(Date.UTC(2026, 10, 20, 17));
    // Accepted at 15:00 on the 20th, won "on the 20th": not at noon, before the acceptance.
    const floor = Date.UTC(2026, 10, 20, 15);
    expect(dealDayInstant('2026-11-20', { ...options, floor })).toBe(floor);
    expect(dealDayInstant('2026-11-21', { ...options, floor })).toBe(Date.UTC(2026, 10, 21, 12));
  });

  it('describes each record with its day', () => {
    const format = createFormatter({ locale: 'en-GB', timeZone: 'UTC' });
    const base = { id: '01J00000000000000000000000', leadId: '01J00000000000000000000001', route: 'mql_handoff' };
    const record = (fields: Partial<Disposition>) =>
      ({ ...base, note: '', decidedBy: 'x', decidedAt: NOW, occurredAt: NOW - DAY, ...fields }) as Disposition;
    expect(describeAfterSql(record({ decision: 'opportunity' }), format)).toBe('Opportunity created on 22 Nov 2026');
    expect(describeAfterSql(record({ decision: 'won' }), format)).toBe('Won on 22 Nov 2026');
    expect(describeAfterSql(record({ decision: 'lost', lostReason: 'competitor' }), format)).toBe(
      'Lost on 22 Nov 2026: Chose a competitor, back to nurture',
    );
  });
});

// The sidebar's data port records with the real clock (lib/sidebar/data.ts), so the leads are
// dated back from it.
describe('Decision after SQL: opportunity, won, lost', () => {
  let ctx: ReturnType<typeof setupRepositories>;
  let now: number;
  beforeEach(() => {
    ctx = setupRepositories();
    now = Date.now();
  });
  afterEach(() => ctx.db.close());

  /** An SQL accepted five days ago on a direct inbound route (a demo request). */
  async function acceptedSql(times: Partial<Lead['times']> = {}, stage: Lead['stage'] = 'sql'): Promise<Lead> {
    const lead = makeLead({ stage, times: { createdAt: now - 20 * DAY, sqlAt: now - 5 * DAY, ...times } });
    await ctx.leads.create(lead);
    const recorded = await ctx.dispositions.record(
      {
        leadId: lead.id,
        decision: 'accepted_sql',
        route: 'direct_inbound',
        decidedBy: 'sam@seller.io',
        decidedAt: now - 5 * DAY,
      },
      lead,
    );
    return recorded.lead;
  }

  const render = (lead: Lead) => renderWithFormat(<Decision lead={lead} now={() => Date.now()} />, ctx);
  const stored = async (id: string) => ctx.leads.get(id);

  it('offers the opportunity, the win and the loss on an SQL, next to reject; only win and loss on an opportunity', async () => {
    const { unmount } = render(await acceptedSql());
    for (const name of ['Reject', 'Opportunity created', 'Won', 'Lost']) {
      expect(await screen.findByRole('button', { name })).toBeTruthy();
    }
    unmount();
    render(await acceptedSql({ opportunityAt: now - 2 * DAY }, 'opportunity'));
    await screen.findByRole('button', { name: 'Won' });
    expect(screen.queryByRole('button', { name: 'Opportunity created' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Lost' })).toBeTruthy();
  });

  it('records an opportunity on the day the rep picks, on the acceptance’s route, in force in the history', async () => {
    const lead = await acceptedSql();
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Opportunity created' }));
    const form = screen.getByRole('form', { name: 'Opportunity created' });
    const opened = within(form).getByLabelText('Opened on (UTC)') as HTMLInputElement;
    expect(document.activeElement).toBe(opened);
    // Today by default, bounded by the SQL and today.
    expect(opened.value).toBe(day(now));
    expect([opened.min, opened.max]).toEqual([day(now - 5 * DAY), day(now)]);
    fireEvent.change(opened, { target: { value: day(now - 2 * DAY) } });
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: opportunity created' }));

    await screen.findByText(
      `Opportunity created on ${createFormatter({ locale: 'en-GB', timeZone: 'UTC' }).date(now - 2 * DAY)} recorded.`,
    );
    await waitFor(async () => expect((await stored(lead.id))?.stage).toBe('opportunity'));
    expect((await stored(lead.id))?.times.opportunityAt).toBe(noon(now - 2 * DAY));
    expect(await ctx.dispositions.current(lead.id)).toMatchObject({
      decision: 'opportunity',
      route: 'direct_inbound',
      occurredAt: noon(now - 2 * DAY),
    });
    const history = await screen.findByRole('list', { name: 'History' });
    const item = within(history).getAllByRole('listitem')[0];
    expect(item?.textContent).toContain('Opportunity created on');
    expect(item?.textContent).toContain('In force');
  });

  it('wins from the keyboard: the button, then Enter in the date field; Undo takes it back', async () => {
    const lead = await acceptedSql({ opportunityAt: now - 2 * DAY }, 'opportunity');
    render(lead);
    const won = await screen.findByRole('button', { name: 'Won' });
    won.focus();
    await userEvent.keyboard('{Enter}');
    const field = screen.getByLabelText('Won on (UTC)');
    expect(document.activeElement).toBe(field);
    await userEvent.type(screen.getByLabelText('Note (optional)'), 'Signed 40 seats');
    field.focus();
    await userEvent.keyboard('{Enter}');

    await waitFor(async () => expect((await stored(lead.id))?.stage).toBe('customer'));
    expect(await ctx.dispositions.current(lead.id)).toMatchObject({ decision: 'won', note: 'Signed 40 seats' });
    await userEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await stored(lead.id))?.stage).toBe('opportunity'));
    expect((await stored(lead.id))?.times.customerAt).toBeUndefined();
    expect((await ctx.dispositions.history(lead.id)).map((d) => d.decision)).toEqual([
      'withdrawn',
      'won',
      'accepted_sql',
    ]);
  });

  it('loses a deal with a standardized reason: the reason suggests when to revisit; back to nurture', async () => {
    const lead = await acceptedSql();
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Lost' }));
    const form = screen.getByRole('form', { name: 'Lost' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Why it was lost'));
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: lost' }));
    expect(within(form).getByRole('alert').textContent).toBe('Pick why the deal was lost: marketing learns from it.');

    await userEvent.selectOptions(within(form).getByLabelText('Why it was lost'), 'competitor');
    expect(within(form).getByText('They bought from someone else: revisit near their renewal.')).toBeTruthy();
    const revisit = within(form).getByLabelText('Back to nurture: revisit on') as HTMLInputElement;
    expect(revisit.value).toBe(day(now + 365 * DAY));
    await userEvent.selectOptions(within(form).getByLabelText('Why it was lost'), 'other');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: lost' }));
    expect(within(form).getByRole('alert').textContent).toBe('Reason "Other" needs a note saying why.');
    await userEvent.selectOptions(within(form).getByLabelText('Why it was lost'), 'timing');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: lost' }));

    await waitFor(async () => expect((await stored(lead.id))?.stage).toBe('recycled'));
    const after = await stored(lead.id);
    expect(after?.revisitAt).toBe(Date.parse(`${day(now + 90 * DAY)}T09:00:00Z`));
    expect(await ctx.dispositions.current(lead.id)).toMatchObject({
      decision: 'lost',
      lostReason: 'timing',
      outcome: { kind: 'recycled' },
    });
    const history = await screen.findByRole('list', { name: 'History' });
    expect(within(history).getAllByRole('listitem')[0]?.textContent).toMatch(/^Lost on .+: Timing, back to nurture/);
  });

  it('refuses a day before the SQL in words, and records nothing', async () => {
    const lead = await acceptedSql();
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Won' }));
    fireEvent.change(screen.getByLabelText('Won on (UTC)'), { target: { value: day(now - 6 * DAY) } });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: won' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^Pick .+ or later: the lead became an SQL then\.$/);
    expect(await ctx.dispositions.history(lead.id)).toHaveLength(1);
    expect((await stored(lead.id))?.stage).toBe('sql');
  });

  it('reopens a win recorded earlier, back to the opportunity', async () => {
    const lead = await acceptedSql({ opportunityAt: now - 3 * DAY }, 'opportunity');
    const won = await ctx.dispositions.record(
      {
        leadId: lead.id,
        decision: 'won',
        route: 'direct_inbound',
        occurredAt: now - DAY - HOUR,
        decidedBy: 'sam@seller.io',
        decidedAt: now - DAY,
      },
      { ...lead, stage: 'customer', times: { ...lead.times, customerAt: now - DAY - HOUR } },
    );
    render(won.lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Reopen decision' }));
    await userEvent.type(screen.getByLabelText('Why reopen it (required)'), 'The contract was not signed after all');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: reopen, back to Opportunity' }));
    await waitFor(async () => expect((await stored(lead.id))?.stage).toBe('opportunity'));
    expect((await stored(lead.id))?.times.customerAt).toBeUndefined();
  });
});

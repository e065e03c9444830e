import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decision, UNDO_MS } from '../../../components/sidebar/Decision';
import type { SeenOptions, VisibilityEntry } from '../../../components/sidebar/useSeen';
import { DispositionSchema } from '../../../lib/domain/disposition';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { formatHlc } from '../../../lib/replication/hlc';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { createFormatter } from '../../../components/sidebar/format';
import { FORMAT, renderWithFormat } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

async function mql() {
  return ctx.leads.create(makeLead({ stage: 'mql', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }));
}

async function meetBar(leadId: string) {
  await ctx.qualifications.save({
    leadId,
    framework: 'bant',
    criteria: {
      budget: { status: 'confirmed', evidence: 'Approved for Q1' },
      need: { status: 'confirmed', evidence: 'Forecast misses by 20%' },
      timeline: { status: 'confirmed', evidence: 'Q1' },
      authority: { status: 'confirmed', evidence: 'VP, signs with the CFO' },
    },
  });
}

function render(lead: Awaited<ReturnType<typeof mql>>, undoMs?: number) {
  return renderWithFormat(<Decision lead={lead} now={() => Date.now()} undoMs={undoMs} />, ctx);
}

describe('Decision', () => {
  it('accepts an MQL that meets the bar, records it, and shows it in force in the history', async () => {
    const lead = await mql();
    await meetBar(lead.id);
    render(lead);
    await screen.findByText('MQL · Meets the SQL bar');
    await userEvent.click(screen.getByRole('button', { name: 'Accept as SQL' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));

    expect(await screen.findByText('Accepted as SQL (MQL handoff) recorded.')).toBeTruthy();
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('sql'));
    const history = await screen.findByRole('list', { name: 'History' });
    expect(within(history).getByText('In force')).toBeTruthy();
    expect((await ctx.dispositions.current(lead.id))?.route).toBe('mql_handoff');
  });

  it('below the bar, accepting needs an override note, which is recorded', async () => {
    const lead = await mql();
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    expect(
      screen.getByText(/Below the SQL bar: Needs Budget confirmed, Authority confirmed, Need confirmed/),
    ).toBeTruthy();
    const override = screen.getByLabelText('Override: why accept anyway (required)');
    expect(document.activeElement).toBe(override);
    await userEvent.type(override, 'CFO asked for a demo this week');
    await userEvent.click(screen.getByRole('button', { name: 'Accept with override' }));
    await waitFor(async () =>
      expect((await ctx.dispositions.current(lead.id))?.override).toEqual({ note: 'CFO asked for a demo this week' }),
    );
  });

  it('rejects with a standardized reason; the reason suggests recycle and a revisit date', async () => {
    const lead = await mql();
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    expect(screen.getByRole('alert').textContent).toBe('Pick a reason: marketing learns from it.');

    await userEvent.selectOptions(screen.getByLabelText('Reason'), 'no_budget');
    expect(screen.getByText('No money for this now, and no way to find it soon.')).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Recycle to marketing/ }) as HTMLInputElement).checked).toBe(true);
    const revisit = screen.getByLabelText('Revisit on') as HTMLInputElement;
    expect(revisit.value).toBe(new Date(Date.now() + 180 * DAY).toISOString().slice(0, 10));
    await userEvent.type(screen.getByLabelText('Note (optional)'), 'Budget frozen until next FY');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));

    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('recycled'));
    const current = await ctx.dispositions.current(lead.id);
    expect(current).toMatchObject({ decision: 'rejected', reason: 'no_budget', note: 'Budget frozen until next FY' });
    expect(current?.outcome?.kind).toBe('recycled');
  });

  it('"Other" needs a note; disqualify is one click away', async () => {
    const lead = await mql();
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    await userEvent.selectOptions(screen.getByLabelText('Reason'), 'other');
    await userEvent.click(screen.getByRole('radio', { name: 'Disqualify' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    expect(screen.getByRole('alert').textContent).toBe('Reason "Other" needs a note saying why.');
    await userEvent.type(screen.getByLabelText('Note (required)'), 'Duplicate of an existing customer');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('disqualified'));
  });

  it('undo within the window appends a withdrawal and moves the lead back; the offer then expires', async () => {
    const lead = await mql();
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Undo' }));

    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('mql'));
    expect((await ctx.dispositions.history(lead.id)).map((d) => d.decision)).toEqual(['withdrawn', 'accepted_sql']);
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();
    const history = await screen.findByRole('list', { name: 'History' });
    await within(history).findByText('Undone', { selector: '.badge' });
  });

  it('offers undo only for a while (a few seconds in the product)', async () => {
    expect(UNDO_MS).toBeGreaterThanOrEqual(5_000);
    const lead = await mql();
    await meetBar(lead.id);
    render(lead, 300);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    await screen.findByRole('button', { name: 'Undo' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
    expect((await ctx.leads.get(lead.id))?.stage).toBe('sql');
  });

  it('direct-to-SQL: a lead that never was an MQL is accepted on a direct route', async () => {
    const lead = await ctx.leads.create(makeLead({ stage: 'lead' }));
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Direct to SQL' }));
    const route = screen.getByLabelText('How this lead reached SQL');
    expect(document.activeElement).toBe(route);
    await userEvent.selectOptions(route, 'direct_inbound');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    await waitFor(async () => expect((await ctx.dispositions.current(lead.id))?.route).toBe('direct_inbound'));
    expect((await ctx.leads.get(lead.id))?.times.mqlAt).toBeUndefined();
  });

  it("asks before a decision on a teammate's lead, and records it only when told to", async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'sam@seller.io' } });
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', owner: 'tom@seller.io', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toContain("This is tom@seller.io's lead. Record this decision on it anyway?");
    await userEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();

    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, record it' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('sql'));
  });

  it('decides at once on my own lead and on an unassigned one', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'Sam@Seller.io' } });
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', owner: 'sam@seller.io', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('sql'));
  });

  it('offers no decision on a customer', async () => {
    const customer = await ctx.leads.create(
      makeLead({ stage: 'customer', times: { createdAt: NOW - 90 * DAY, customerAt: NOW - DAY } }),
    );
    render(customer);
    expect(await screen.findByText('No decision to make at this stage.')).toBeTruthy();
  });

  it('renders a hostile note as text', async () => {
    const lead = await mql();
    await ctx.dispositions.record(
      {
        leadId: lead.id,
        decision: 'rejected',
        route: 'mql_handoff',
        reason: 'other',
        note: '<img src=x onerror=alert(1)>',
        outcome: { kind: 'disqualified' },
        decidedBy: 'rep@x.io',
        decidedAt: NOW,
      },
      { ...lead, stage: 'disqualified', times: { ...lead.times, disqualifiedAt: NOW } },
    );
    const { container } = render(lead);
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('Decision: a conflict from team sync', () => {
  it('shows both decisions made blind as a conflict, in words, with the later by clock in force', async () => {
    const lead = await mql();
    await ctx.sync.turnOn({
      serverUrl: 'https://sync.test',
      token: 't',
      team: { id: 'team', name: 'Team' },
      rep: 'Sam',
    });
    const base = { leadId: lead.id, route: 'mql_handoff', note: '' } as const;
    // Sam's device clock ran ahead: his rejection has the later decidedAt, Alex's acceptance the later sync clock.
    const sam = DispositionSchema.parse({
      ...base,
      id: '01KAQZ4X5T0000000000000DB1',
      decision: 'rejected',
      reason: 'bad_timing',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam@seller.io',
      decidedAt: NOW + 60_000,
    });
    const alex = DispositionSchema.parse({
      ...base,
      id: '01KAQZ4X5T0000000000000DB2',
      decision: 'accepted_sql',
      decidedBy: 'alex@seller.io',
      decidedAt: NOW,
    });
    const clock = (ms: number, node: string) => formatHlc({ ms, counter: 0, node });
    await ctx.sync.applyPulled(
      [
        { table: 'dispositions', recordId: sam.id, seq: 1, hlc: clock(NOW - 1000, 'sam'), data: sam, basedOn: null },
        { table: 'dispositions', recordId: alex.id, seq: 2, hlc: clock(NOW, 'alex'), data: alex, basedOn: null },
      ],
      '2',
    );
    render(lead);

    const history = await screen.findByRole('list', { name: 'History' });
    const [samItem, alexItem] = within(history).getAllByRole('listitem');
    if (!samItem || !alexItem) throw new Error('two decisions expected');
    // Listed newest first by decidedAt; in force by clock, whatever the wall clocks said.
    expect(samItem.textContent).toMatch(/^Rejected: Bad timing, recycled/);
    expect(within(samItem).queryByText('In force')).toBeNull();
    expect(within(alexItem).getByText('In force')).toBeTruthy();
    expect(samItem.textContent).toContain(
      'Conflict: decided on another browser at the same time as "Accepted as SQL (MQL handoff)" by alex@seller.io (Mon, 23 Nov 2026, 12:00); neither saw the other. The later one is in force.',
    );
    expect(alexItem.textContent).toContain(
      'Conflict: decided on another browser at the same time as "Rejected: Bad timing, recycled" by sam@seller.io (Mon, 23 Nov 2026, 12:01); neither saw the other. This one is the later by sync\'s clock, so it is in force.',
    );
    expect(screen.getByText(/Decisions on this lead were made at the same time on different browsers/)).toBeTruthy();
  });

  it('says nothing of a conflict when there is none', async () => {
    const lead = await mql();
    await ctx.dispositions.record(
      { leadId: lead.id, decision: 'accepted_sql', route: 'mql_handoff', decidedBy: 'sam@seller.io', decidedAt: NOW },
      { ...lead, stage: 'sql', times: { ...lead.times, sqlAt: NOW } },
    );
    render(lead);
    await screen.findByRole('list', { name: 'History' });
    expect(screen.queryByText(/Conflict/)).toBeNull();
  });
});

/** The browser's IntersectionObserver v2 for the decision area, reporting what the test says. */
class Watcher {
  static last: Watcher | undefined;
  constructor(readonly callback: (entries: readonly VisibilityEntry[]) => void) {
    Watcher.last = this;
  }
  observe() {}
  disconnect() {}
}
const seenAs = (entry: VisibilityEntry) => act(() => Watcher.last?.callback([entry]));

describe('Decision in a frame the page may cover', () => {
  const framed = (Observer: SeenOptions['Observer']) => ({ framed: true, Observer, armMs: 0 });

  async function acceptClicked(seen: SeenOptions) {
    const lead = await mql();
    await meetBar(lead.id);
    renderWithFormat(<Decision lead={lead} now={() => Date.now()} seen={seen} />, ctx);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    return lead;
  }

  it('records at once while the browser reports the decision area visible', async () => {
    const lead = await acceptClicked(framed(Watcher));
    seenAs({ isIntersecting: true, isVisible: true });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('sql'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks before recording a click made while the page covered the sidebar; records once confirmed', async () => {
    const lead = await acceptClicked(framed(Watcher));
    seenAs({ isIntersecting: true, isVisible: false });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    const held = await screen.findByRole('alertdialog');
    expect(held.textContent).toContain(
      'The page was covering or fading this sidebar when you clicked. Record this decision?',
    );
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();

    await userEvent.click(within(held).getByRole('button', { name: 'Yes, record it' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('sql'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('where the browser cannot tell (Firefox), every decision is confirmed; Cancel records nothing', async () => {
    const lead = await acceptClicked(framed(null));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    const held = await screen.findByRole('alertdialog');
    expect(held.textContent).toContain('This browser cannot tell whether the page covers this sidebar.');
    await userEvent.click(within(held).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();
    expect((await ctx.leads.get(lead.id))?.stage).toBe('mql');
  });

  it('holds an undo clicked while covered as well', async () => {
    const lead = await acceptClicked(framed(Watcher));
    seenAs({ isIntersecting: true, isVisible: true });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    seenAs({ isIntersecting: true, isVisible: false });
    await userEvent.click(undo);
    const held = await screen.findByRole('alertdialog');
    expect(held.textContent).toContain('Undo the decision?');
    expect((await ctx.leads.get(lead.id))?.stage).toBe('sql');
    await userEvent.click(within(held).getByRole('button', { name: 'Yes, undo it' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('mql'));
  });

  it('does not take the confirmation in the same instant it appears (a double click)', async () => {
    const lead = await acceptClicked({ framed: true, Observer: null });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    const yes = within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Yes, record it' });
    expect((yes as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(yes);
    expect(await ctx.dispositions.current(lead.id)).toBeUndefined();
  });
});

describe('Decision: the handoff to an AE', () => {
  const ALEX = { name: 'Alex Kim', email: 'alex.kim@seller.io' };

  it('accepting asks for the AE, a meeting and a note to sales; the AE becomes the owner and the history says so', async () => {
    await ctx.settings.save({
      ...(await ctx.settings.get()),
      accountExecutives: [ALEX, { name: 'Priya Nair', email: 'priya@seller.io' }],
    });
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', owner: 'sam@seller.io', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    const form = screen.getByRole('form', { name: 'Accept as SQL' });
    const ae = within(form).getByLabelText('Account executive who takes it');
    // Optional, but asked: "Nobody yet" is the starting choice.
    expect((ae as HTMLSelectElement).value).toBe('');
    await userEvent.selectOptions(ae, ALEX.email);
    fireEvent.change(within(form).getByLabelText(/Meeting booked/), { target: { value: '2026-11-24T10:00' } });
    await userEvent.type(within(form).getByLabelText('Note to sales (optional)'), 'Wants 12 seats, CFO joins');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: accept as SQL' }));

    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.owner).toBe(ALEX.email));
    const current = await ctx.dispositions.current(lead.id);
    expect(current?.handoff).toEqual({
      ae: ALEX,
      meetingAt: Date.UTC(2026, 10, 24, 10, 0),
      note: 'Wants 12 seats, CFO joins',
      previousOwner: 'sam@seller.io',
    });
    const history = await screen.findByRole('list', { name: 'History' });
    const meeting = createFormatter(FORMAT).dateTime(Date.UTC(2026, 10, 24, 10, 0));
    expect(
      within(history).getByText(`Handed to Alex Kim · meeting ${meeting} · “Wants 12 seats, CFO joins”`),
    ).toBeTruthy();
    expect(within(history).getByText('Accepted as SQL (MQL handoff), handed to Alex Kim')).toBeTruthy();
  });

  it("with team sync on, lists the team's reps after the settings' AEs; a team rep picked becomes the owner", async () => {
    await ctx.settings.save({ ...(await ctx.settings.get()), accountExecutives: [ALEX] });
    await ctx.sync.turnOn({
      serverUrl: 'https://sync.test',
      token: 't',
      team: { id: 'team', name: 'Team' },
      rep: 'Sam',
    });
    await ctx.sync.saveTeamReps('team', [
      { name: 'Alex Kim', email: ALEX.email }, // in the settings already
      { name: 'Jo Park' }, // no email on the token: a handoff needs one
      { name: 'Priya Nair', email: 'priya@seller.io' },
      { name: 'Sam', email: 'sam@seller.io' }, // the rep themselves
    ]);
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', owner: 'sam@seller.io', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    const form = screen.getByRole('form', { name: 'Accept as SQL' });
    const team = await within(form).findByRole('group', { name: 'Team (synced)' });
    expect(
      within(team)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Priya Nair (priya@seller.io)']);
    const ae = within(form).getByLabelText('Account executive who takes it');
    expect(
      within(ae)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Nobody yet', 'Alex Kim (alex.kim@seller.io)', 'Priya Nair (priya@seller.io)']);
    expect(within(form).queryByText(/No account executives in the settings yet/)).toBeNull();
    await userEvent.selectOptions(ae, 'priya@seller.io');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: accept as SQL' }));

    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.owner).toBe('priya@seller.io'));
    expect((await ctx.dispositions.current(lead.id))?.handoff).toEqual({
      ae: { name: 'Priya Nair', email: 'priya@seller.io' },
      previousOwner: 'sam@seller.io',
    });
  });

  it('with team sync off, lists the settings only', async () => {
    await ctx.settings.save({ ...(await ctx.settings.get()), accountExecutives: [ALEX] });
    await ctx.sync.turnOn({
      serverUrl: 'https://sync.test',
      token: 't',
      team: { id: 'team', name: 'Team' },
      rep: 'Sam',
    });
    await ctx.sync.saveTeamReps('team', [{ name: 'Priya Nair', email: 'priya@seller.io' }]);
    await ctx.sync.turnOff();
    const lead = await mql();
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    const ae = screen.getByLabelText('Account executive who takes it');
    // The list kept from the last sync stays stored, but is not offered while sync is off.
    await waitFor(async () => expect(await ctx.sync.teamReps()).toEqual([]));
    expect(
      within(ae)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Nobody yet', 'Alex Kim (alex.kim@seller.io)']);
    expect(screen.queryByRole('group', { name: 'Team (synced)' })).toBeNull();
  });

  it('says where to add AEs when the settings have none, and accepts with "Nobody yet"', async () => {
    const lead = await ctx.leads.create(
      makeLead({ stage: 'mql', owner: 'sam@seller.io', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    await meetBar(lead.id);
    render(lead);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept as SQL' }));
    const ae = screen.getByLabelText('Account executive who takes it');
    expect(ae.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/No account executives in the settings yet/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: accept as SQL' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('sql'));
    expect((await ctx.leads.get(lead.id))?.owner).toBe('sam@seller.io');
    expect((await ctx.dispositions.current(lead.id))?.handoff).toBeUndefined();
  });
});

describe('Decision: reopening a decision after the undo window', () => {
  /** A lead decided on some days ago: stored with its decision, no Undo offered. */
  async function decidedEarlier(
    lead: ReturnType<typeof makeLead>,
    decision: Record<string, unknown>,
  ): Promise<ReturnType<typeof makeLead>> {
    await ctx.leads.create(lead);
    const recorded = await ctx.dispositions.record(
      { leadId: lead.id, decidedBy: 'sam@seller.io', decidedAt: NOW - DAY, ...decision } as never,
      lead,
    );
    return recorded.lead;
  }

  it('reopens an SQL with a reason: the stage goes back to MQL, the history shows both', async () => {
    const lead = await decidedEarlier(
      makeLead({
        stage: 'sql',
        owner: 'alex.kim@seller.io',
        times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - 3 * DAY, sqlAt: NOW - DAY },
      }),
      {
        decision: 'accepted_sql',
        route: 'mql_handoff',
        handoff: { ae: { name: 'Alex Kim', email: 'alex.kim@seller.io' }, previousOwner: 'sam@seller.io' },
      },
    );
    render(lead);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Reopen decision' }));
    const form = screen.getByRole('form', { name: 'Reopen the decision' });
    expect(within(form).getByText(/the lead goes back to MQL, and back from Alex Kim/)).toBeTruthy();
    const why = within(form).getByLabelText('Why reopen it (required)');
    expect(document.activeElement).toBe(why);

    // The reason is required, said next to the field.
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: reopen, back to MQL' }));
    expect(why.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Say why you reopen it: the team reads it in the history.')).toBeTruthy();
    expect(await ctx.dispositions.history(lead.id)).toHaveLength(1);

    await userEvent.type(why, 'Alex: no budget until Q3');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm: reopen, back to MQL' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('mql'));
    const stored = await ctx.leads.get(lead.id);
    expect(stored?.owner).toBe('sam@seller.io');
    expect(stored?.times.sqlAt).toBeUndefined();
    expect(stored?.times.mqlAt).toBe(NOW - 3 * DAY);

    const history = await screen.findByRole('list', { name: 'History' });
    await within(history).findByText('Reopened', { selector: '.badge' });
    const items = within(history).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain(
      'Took back "Accepted as SQL (MQL handoff), handed to Alex Kim": Alex: no budget until Q3',
    );
    expect(items[1]?.textContent).toContain('Reopened: Alex: no budget until Q3');
    expect(within(history).queryByText('In force')).toBeNull();
  });

  it('a recycled lead offers Reopen next to Direct to SQL, and goes back to where it was rejected from', async () => {
    const lead = await decidedEarlier(
      makeLead({
        stage: 'recycled',
        revisitAt: NOW + 80 * DAY,
        times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - 3 * DAY, recycledAt: NOW - DAY },
      }),
      {
        decision: 'rejected',
        route: 'mql_handoff',
        reason: 'bad_timing',
        outcome: { kind: 'recycled', revisitAt: NOW + 80 * DAY },
      },
    );
    render(lead);
    expect(await screen.findByRole('button', { name: 'Direct to SQL' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Reopen decision' }));
    await userEvent.type(screen.getByLabelText('Why reopen it (required)'), 'They called back: budget approved');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: reopen, back to MQL' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('mql'));
    expect((await ctx.leads.get(lead.id))?.revisitAt).toBeUndefined();
  });

  it('a reopen clicked while the page may cover the sidebar waits for a confirmation', async () => {
    const lead = await decidedEarlier(
      makeLead({ stage: 'disqualified', times: { createdAt: NOW - 10 * DAY, disqualifiedAt: NOW - DAY } }),
      { decision: 'rejected', route: 'direct_outbound', reason: 'competitor', outcome: { kind: 'disqualified' } },
    );
    renderWithFormat(
      <Decision lead={lead} now={() => Date.now()} seen={{ framed: true, Observer: null, armMs: 0 }} />,
      ctx,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Reopen decision' }));
    await userEvent.type(screen.getByLabelText('Why reopen it (required)'), 'Not a competitor after all');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: reopen, back to Lead' }));
    expect(await screen.findByText(/Reopen the decision\?/)).toBeTruthy();
    expect((await ctx.leads.get(lead.id))?.stage).toBe('disqualified');
    await userEvent.click(await screen.findByRole('button', { name: 'Yes, reopen it' }));
    await waitFor(async () => expect((await ctx.leads.get(lead.id))?.stage).toBe('lead'));
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Queue } from '../../../components/popup/Queue';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';

const HOUR = 3_600_000;
let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const now = () => NOW;
const showQueue = (props: { limit?: number; onOpenDashboard?: () => void } = {}) =>
  render(<Queue repos={ctx} now={now} locale="en-GB" timeZone="UTC" {...props} />);

const mql = (name: string, mqlAt: number, person: Partial<Lead['person']> = {}, times: Partial<Lead['times']> = {}) =>
  ctx.leads.create(
    makeLead({
      person: { name, emails: [`${name.toLowerCase().replace(/\W/g, '')}@acme.io`], ...person },
      stage: 'mql',
      times: { createdAt: mqlAt - DAY, mqlAt, ...times },
    }),
  );

const logTouch = (lead: Lead, occurredAt: number, nextStep?: { action: string; dueAt: number }) =>
  ctx.activities.log({
    leadId: lead.id,
    kind: 'call',
    outcome: 'connected',
    occurredAt,
    loggedBy: 'sam@seller.io',
    ...(nextStep ? { nextStep } : {}),
  });

const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('link')
    .map((a) => a.firstChild?.textContent);

describe('the popup as the day’s plan', () => {
  it('lists MQLs due a first touch with score, intent and business time left, overdue first and in words', async () => {
    const fresh = await mql('Fresh', NOW - HOUR, { title: 'VP Sales' });
    await ctx.events.bulkAdd([visit(fresh, 'pricing', 1), visit(fresh, 'pricing', 2), visit(fresh, 'pricing', 3)]);
    // Tuesday 12:00 + 24 business hours = Friday 12:00: 8 business hours overdue on Monday 12:00.
    await mql('Late', NOW - 6 * DAY);
    await ctx.leads.create(makeLead({ stage: 'sql', times: { createdAt: NOW - DAY, sqlAt: NOW } }));
    showQueue();

    const list = await screen.findByRole('list', { name: /^First touch due 2/ });
    expect(screen.getByRole('heading', { name: 'First touch due 2 · 1 overdue' })).toBeTruthy();
    expect(names(list)).toEqual(['Late', 'Fresh']);
    const [late, first] = within(list).getAllByRole('listitem') as [HTMLElement, HTMLElement];
    expect(late.textContent).toContain('Overdue 8 h');
    expect(within(late).getByText('Overdue').className).toContain('badge');
    expect(first.textContent).toMatch(/Acme · VP Sales · \d+ pts/);
    expect(first.textContent).toContain('Pricing page ×3, 3 times');
    // Monday 12:00 to Thursday 11:00: 5 + 8 + 8 + 2 business hours.
    expect(first.textContent).toContain('23 h left');
  });

  it('names a demo request as the strongest intent', async () => {
    const dana = await mql('Dana', NOW - HOUR);
    await ctx.events.bulkAdd([visit(dana, 'pricing', 1), makeEvent(dana, 'demo_requested', 2)]);
    showQueue();
    const list = await screen.findByRole('list', { name: /^First touch due/ });
    expect(within(list).getByText('Requested a demo')).toBeTruthy();
  });

  it('links each lead to its LinkedIn profile, or to a LinkedIn search for it', async () => {
    await mql('Dana Whitfield', NOW - HOUR, { linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield/' });
    await mql('No Profile', NOW - 2 * HOUR);
    showQueue();
    const list = await screen.findByRole('list', { name: /^First touch due/ });
    const [noProfile, dana] = within(list).getAllByRole('link');
    expect(dana?.getAttribute('href')).toBe('https://www.linkedin.com/in/dana-whitfield/');
    expect(dana?.getAttribute('target')).toBe('_blank');
    expect(noProfile?.getAttribute('href')).toBe(
      'https://www.linkedin.com/search/results/people/?keywords=No%20Profile%20Acme',
    );
    expect(noProfile?.textContent).toContain('(search on LinkedIn)');
  });

  it('lists next steps due today and overdue, the overdue ones in words', async () => {
    const ana = await mql('Ana', NOW - 5 * DAY);
    await logTouch(ana, NOW - 2 * DAY, { action: 'Send the pricing deck', dueAt: NOW - DAY });
    const ben = await mql('Ben', NOW - 4 * DAY);
    await logTouch(ben, NOW - HOUR, { action: 'Try again after lunch', dueAt: NOW + 3 * HOUR });
    const cy = await mql('Cy', NOW - 4 * DAY);
    await logTouch(cy, NOW - HOUR, { action: 'Not today', dueAt: NOW + 2 * DAY });
    showQueue();

    const list = await screen.findByRole('list', { name: /^Next steps due 2/ });
    const [overdue, today] = within(list).getAllByRole('listitem') as [HTMLElement, HTMLElement];
    expect(within(overdue).getByRole('link').firstChild?.textContent).toBe('Ana');
    expect(within(overdue).getByText('Send the pricing deck')).toBeTruthy();
    expect(overdue.textContent).toContain('Overdue was due Sun, 22 Nov 2026, 12:00');
    expect(overdue.className).toBe('overdue');
    expect(within(today).getByText('Try again after lunch')).toBeTruthy();
    expect(today.textContent).toContain('due today 15:00');
    expect(today.textContent).not.toContain('Overdue');
  });

  it('puts a demo request from someone who is not an MQL at the top, on its one-hour clock', async () => {
    await mql('Standard', NOW - HOUR);
    const inbound = await ctx.leads.create(
      makeLead({ person: { name: 'Inbound', emails: ['in@acme.io'] }, stage: 'lead', times: { createdAt: NOW - DAY } }),
    );
    await ctx.events.add(makeEvent(inbound, 'demo_requested', 15 / 1440));
    showQueue();
    const list = await screen.findByRole('list', { name: /^First touch due 2/ });
    expect(names(list)).toEqual(['Inbound', 'Standard']);
    const [top] = within(list).getAllByRole('listitem') as [HTMLElement];
    expect(within(top).getByText('High intent').className).toContain('badge');
    expect(top.textContent).toContain('45 min left');
  });

  it('lists touched MQLs waiting for a verdict, the earliest verdict due first, and reconciles with the dashboard', async () => {
    const old = await mql('Old', NOW - 8 * DAY, { title: 'CTO' });
    await logTouch(old, NOW - 3 * DAY);
    const recent = await mql('Recent', NOW - 2 * DAY);
    await logTouch(recent, NOW - HOUR);
    await mql('Untouched', NOW - HOUR);
    showQueue();

    const list = await screen.findByRole('list', { name: /^Waiting for a verdict 2/ });
    expect(names(list)).toEqual(['Old', 'Recent']);
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first?.textContent).toContain('Acme · CTO · 3 days waiting');
    // Touched last Friday noon: two working days (Friday afternoon, Monday, Tuesday morning) run to Tuesday noon.
    expect(first?.textContent).toContain('verdict due Tue, 24 Nov 2026, 12:00');
    expect(second?.textContent).toContain('touched today');
    // Touched an hour ago (Monday 11:00): due Wednesday 11:00.
    expect(second?.textContent).toContain('verdict due Wed, 25 Nov 2026, 11:00');
    expect(screen.getByTestId('verdict-reconcile').textContent).toBe(
      '3 MQLs wait for a verdict in all; 1 of them still need a first touch.',
    );
  });

  it('moves a lead from first touch to waiting for a verdict when a touch is logged elsewhere', async () => {
    const dana = await mql('Dana', NOW - HOUR);
    showQueue();
    await screen.findByRole('list', { name: /^First touch due 1/ });
    expect(screen.getByText('No touched MQL is waiting for a verdict.')).toBeTruthy();
    await logTouch(dana, NOW);
    const list = await screen.findByRole('list', { name: /^Waiting for a verdict 1/ });
    expect(names(list)).toEqual(['Dana']);
    expect(screen.getByText('No MQL is waiting for a first touch.')).toBeTruthy();
  });

  it('shows revisits due only when there are some', async () => {
    showQueue();
    await screen.findByText('No MQL is waiting for a first touch.');
    expect(screen.queryByRole('heading', { name: /Revisits due/ })).toBeNull();
    await ctx.leads.create(
      makeLead({
        person: { name: 'Back Again' },
        stage: 'recycled',
        times: { createdAt: NOW - 120 * DAY, recycledAt: NOW - 90 * DAY },
        revisitAt: NOW - DAY,
      }),
    );
    const list = await screen.findByRole('list', { name: /^Revisits due 1/ });
    expect(list.textContent).toContain('Back Again');
    expect(list.textContent).toContain('revisit since 22 Nov 2026');
  });

  it('shows the first five of a list, and opens the dashboard for the rest', async () => {
    for (const minutes of [20, 40, 60, 80, 100, 120, 140]) await mql(`Lead ${minutes}`, NOW - minutes * 60_000);
    const onOpenDashboard = vi.fn();
    showQueue({ onOpenDashboard });
    const list = await screen.findByRole('list', { name: /^First touch due 7/ });
    expect(names(list)).toEqual(['Lead 140', 'Lead 120', 'Lead 100', 'Lead 80', 'Lead 60']);
    await userEvent.click(screen.getByRole('button', { name: 'and 2 more in the dashboard' }));
    expect(onOpenDashboard).toHaveBeenCalledOnce();
  });

  it('says how many more without a dashboard to open', async () => {
    for (const minutes of [30, 60, 90]) await mql(`Lead ${minutes}`, NOW - minutes * 60_000);
    showQueue({ limit: 2 });
    await screen.findByRole('list', { name: /^First touch due 3/ });
    expect(screen.getByText('and 1 more')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says so when there is nothing to do', async () => {
    showQueue();
    expect(await screen.findByText('No MQL is waiting for a first touch.')).toBeTruthy();
    expect(screen.getByText('No next step is due today.')).toBeTruthy();
    expect(screen.getByText('No touched MQL is waiting for a verdict.')).toBeTruthy();
  });

  it('renders a hostile name and next step as text', async () => {
    const lead = await mql('<img src=x onerror=alert(1)>', NOW - 3 * DAY);
    await logTouch(lead, NOW - HOUR, { action: '<b onmouseover=alert(2)>x</b>', dueAt: NOW + HOUR });
    showQueue();
    const list = await screen.findByRole('list', { name: /^Next steps due/ });
    expect(document.querySelector('img, b')).toBeNull();
    expect(list.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(list.textContent).toContain('<b onmouseover=alert(2)>x</b>');
  });
});

describe('my queue and claiming', () => {
  const ME = 'sam@seller.io';
  // The chosen view is kept in the popup's storage: each test starts on the default.
  beforeEach(() => localStorage.clear());
  const withMe = () => ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: ME } });

  it('opens on my own leads, with unassigned and whole-team views a click away', async () => {
    await withMe();
    await mql('Mine', NOW - HOUR, {}, {});
    await ctx.leads.update((await mql('Unowned', NOW - 2 * HOUR)).id, {});
    const mine = await ctx.leads.create(
      makeLead({
        person: { name: 'Own', emails: ['own@acme.io'] },
        stage: 'mql',
        owner: ME,
        times: { createdAt: NOW - DAY, mqlAt: NOW - HOUR },
      }),
    );
    await ctx.leads.create(
      makeLead({
        person: { name: 'Toms', emails: ['toms@acme.io'] },
        stage: 'mql',
        owner: 'tom@seller.io',
        times: { createdAt: NOW - DAY, mqlAt: NOW - HOUR },
      }),
    );
    showQueue();
    const list = await screen.findByRole('list', { name: /^First touch due 1/ });
    expect(names(list)).toEqual([mine.person.name]);
    expect(screen.getByRole('radio', { name: 'Mine' })).toHaveProperty('checked', true);

    await userEvent.click(screen.getByRole('radio', { name: 'Unassigned' }));
    expect(names(await screen.findByRole('list', { name: /^First touch due 2/ }))).toEqual(['Unowned', 'Mine']);
    await userEvent.click(screen.getByRole('radio', { name: 'Whole team' }));
    const team = await screen.findByRole('list', { name: /^First touch due 4/ });
    expect(within(team).getByText('tom')).toBeTruthy();
  });

  it('claims an unassigned lead in one click, and asks before taking over a teammate’s', async () => {
    await withMe();
    const open = await mql('Open', NOW - HOUR);
    const toms = await ctx.leads.create(
      makeLead({
        person: { name: 'Toms', emails: ['toms@acme.io'] },
        stage: 'mql',
        owner: 'tom@seller.io',
        times: { createdAt: NOW - DAY, mqlAt: NOW - 2 * HOUR },
      }),
    );
    showQueue();
    await userEvent.click(await screen.findByRole('radio', { name: 'Whole team' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Claim Open' }));
    await vi.waitFor(async () => expect((await ctx.leads.get(open.id))?.owner).toBe(ME));

    await userEvent.click(screen.getByRole('button', { name: 'Claim Toms' }));
    expect((await ctx.leads.get(toms.id))?.owner).toBe('tom@seller.io');
    await userEvent.click(screen.getByRole('button', { name: 'Take over from tom' }));
    await vi.waitFor(async () => expect((await ctx.leads.get(toms.id))?.owner).toBe(ME));
    await userEvent.click(screen.getByRole('radio', { name: 'Mine' }));
    expect(names(await screen.findByRole('list', { name: /^First touch due 2/ }))).toEqual(['Toms', 'Open']);
  });

  it('says who has the lead when a teammate claimed it first', async () => {
    await withMe();
    const open = await mql('Open', NOW - HOUR);
    // Tom's claim arrives by sync between the list being read and the click's transaction.
    const claim = ctx.leads.claim.bind(ctx.leads);
    const leads = Object.create(ctx.leads) as typeof ctx.leads;
    leads.claim = async (...args) => {
      await ctx.db.leads.update(open.id, { owner: 'tom@seller.io' });
      return claim(...args);
    };
    render(<Queue repos={{ ...ctx, leads }} now={now} locale="en-GB" timeZone="UTC" />);
    await userEvent.click(await screen.findByRole('radio', { name: 'Whole team' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Claim Open' }));
    expect((await screen.findByRole('alert')).textContent).toContain('tom@seller.io claimed this lead first.');
    expect((await ctx.leads.get(open.id))?.owner).toBe('tom@seller.io');
  });

  it('has no "mine" without the rep’s email, and says where to add it', async () => {
    await mql('Open', NOW - HOUR);
    showQueue();
    expect(await screen.findByRole('radio', { name: 'Mine' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('radio', { name: 'Whole team' })).toHaveProperty('checked', true);
    expect(screen.getByText(/Add your email in the options/)).toBeTruthy();
  });
});

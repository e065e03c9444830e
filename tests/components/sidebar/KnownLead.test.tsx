import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeadInput } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, open, visit } from '../../support/factories';
import { linkedinIdentity, renderSidebar } from './render';

const HOUR = 3_600_000;
// NOW is Monday 2026-11-23 12:00 UTC; the default calendar is Mon-Fri 09:00-17:00 UTC, 24 business hours.
const MONDAY_10 = NOW - 2 * HOUR;
const LAST_MONDAY_10 = NOW - 7 * DAY - 2 * HOUR;

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const janeOnPage = linkedinIdentity({ emails: ['jane@acme.io'] });

function showJane() {
  return renderSidebar({ repos: ctx, state: { kind: 'person', identity: janeOnPage } });
}

function jane(overrides: Parameters<typeof makeLead>[0] = {}) {
  return makeLead({
    stage: 'mql',
    owner: 'sam@seller.io',
    times: { createdAt: NOW - 30 * DAY, mqlAt: MONDAY_10 },
    ...overrides,
    person: { name: 'Jane Doe', emails: ['jane@acme.io'], title: 'VP of Revenue Operations', ...overrides.person },
    company: overrides.company ?? { name: 'Acme', domain: 'acme.io', employees: 220 },
  });
}

/** The points shown on each explanation line, as numbers ("−10" is minus ten). */
function shownPoints(list: HTMLElement): number[] {
  return within(list)
    .getAllByTestId('line-points')
    .map((el) => Number((el.textContent ?? '').replace('\u2212', '-')));
}

/** The score's explanation is folded under its figure at the top: open it as the rep would. */
async function openScore(): Promise<HTMLElement> {
  const figure = await screen.findByRole('button', { name: /points · MQL at/ });
  if (figure.getAttribute('aria-expanded') !== 'true') await userEvent.click(figure);
  return screen.findByRole('list', { name: 'Score explanation' });
}

describe('a known lead', () => {
  it('shows who they are: name, title, company, stage and owner', async () => {
    await ctx.leads.create(jane());
    showJane();
    const header = (await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).closest('header');
    if (!header) throw new Error('no header');
    expect(within(header).getByText('VP of Revenue Operations at Acme')).toBeTruthy();
    expect(within(header).getByText('MQL').className).toContain('badge');
    expect(within(header).getByText('sam@seller.io')).toBeTruthy();
    expect(within(header).getByText('jane@acme.io')).toBeTruthy();
  });

  it('is found by the LinkedIn profile when the page shows no email, whatever the URL shape', async () => {
    await ctx.leads.create(jane({ person: { emails: [], linkedinUrl: 'linkedin.com/in/jane-doe' } }));
    renderSidebar({
      repos: ctx,
      state: { kind: 'person', identity: linkedinIdentity({ linkedinUrl: 'https://de.linkedin.com/in/Jane-Doe/' }) },
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
  });

  it.each<{ name: string; times: Partial<LeadInput['times']>; stage?: LeadInput['stage']; text: string | null }>([
    { name: 'running', times: { mqlAt: MONDAY_10 }, text: '22 h left for first touch' },
    // Thu 19 Nov 10:00 deadline; Thu 7 + Fri 8 + Mon 3 = 18 h.
    { name: 'overdue', times: { mqlAt: LAST_MONDAY_10 }, text: 'Overdue by 18 business hours' },
    {
      name: 'met',
      times: { mqlAt: LAST_MONDAY_10, firstTouchAt: LAST_MONDAY_10 + 5 * HOUR },
      text: 'First touch met in 5 h',
    },
    {
      name: 'late',
      times: { mqlAt: LAST_MONDAY_10, firstTouchAt: NOW },
      text: 'First touch after 42 h, past the 24 business hours',
    },
    { name: 'not applicable to a plain lead', stage: 'lead', times: {}, text: null },
  ])('shows the SLA clock: $name', async ({ times, stage, text }) => {
    await ctx.leads.create(jane({ stage: stage ?? 'mql', times: { createdAt: NOW - 30 * DAY, ...times } }));
    showJane();
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    if (text === null) {
      expect(screen.queryByRole('heading', { name: 'First touch' })).toBeNull();
    } else {
      expect((await screen.findByTestId('sla-text')).textContent).toBe(text);
    }
  });

  it('writes the deadline out, and the verdict as a word, not only a colour', async () => {
    await ctx.leads.create(jane());
    showJane();
    const sla = (await screen.findByRole('heading', { name: 'First touch' })).closest('section');
    if (!sla) throw new Error('no SLA section');
    expect(within(sla).getByText('Waiting')).toBeTruthy();
    expect(within(sla).getByText('Due Thu, 26 Nov 2026, 10:00 (24 business hours from MQL)')).toBeTruthy();
  });

  it('explains the score: every line with points and evidence, summing to the total', async () => {
    const lead = await ctx.leads.create(jane());
    await ctx.events.bulkAdd([
      visit(lead, 'pricing', 2),
      visit(lead, 'demo', 1),
      open(lead, 'q4', 3),
      open(lead, 'q4', 4),
      open(lead, 'q4', 5),
    ]);
    showJane();
    const lines = await openScore();
    const total = Number(screen.getByTestId('score-total').textContent);
    // Size +15, VP +20, pricing +20, demo +25, 3 opens +10.
    expect(total).toBe(90);
    expect(shownPoints(lines)).toEqual([15, 20, 20, 25, 10]);
    expect(shownPoints(lines).reduce((a, b) => a + b, 0)).toBe(total);
    expect(screen.getByTestId('score-summary').textContent).toBe('90 points');
    expect(screen.getAllByText('MQL by score')).toHaveLength(2);
    const text = lines.textContent ?? '';
    expect(text).toContain('Company has 50-500 employees Employees: 220');
    expect(text).toContain('Title: VP of Revenue Operations');
    expect(text).toContain('Visited the pricing page 1 event, latest 21 Nov 2026');
    expect(text).toContain('Opened 3+ emails of a sequence 3 events, latest 20 Nov 2026');
    expect(screen.getByText('Nothing: the score meets the threshold, with fit and behaviour.')).toBeTruthy();
  });

  it('says what is missing, and counts negative lines in the sum', async () => {
    await ctx.leads.create(
      jane({ person: { emails: ['jane@gmail.com'], title: 'Analyst' }, company: { name: 'Acme', employees: 20 } }),
    );
    renderSidebar({
      repos: ctx,
      state: { kind: 'person', identity: linkedinIdentity({ emails: ['jane@gmail.com'] }) },
    });
    const lines = await openScore();
    expect(shownPoints(lines)).toEqual([-10]);
    expect(screen.getByTestId('score-total').textContent).toBe('-10');
    expect(lines.textContent).toContain('\u221210 Personal email domain only Email: jane@gmail.com');
    expect(screen.getByText('Below the MQL threshold')).toBeTruthy();
    expect(screen.getByText('70 points to the threshold of 60.')).toBeTruthy();
    const missing = screen.getByRole('list', { name: 'Rules not met yet:' });
    expect(missing.textContent).toContain('Visited the demo page 1 more demo page visit in the last 90 days');
    expect(missing.textContent).toContain('Company has 50-500 employees Company has 20 employees (needs 50-500)');
  });

  it('scores with the model in the settings, and follows a settings change live', async () => {
    await ctx.leads.create(jane());
    showJane();
    expect(await screen.findByText('· MQL at 60')).toBeTruthy();
    const model = { ...DEFAULT_SETTINGS.scoringModel, version: 2, threshold: 100 };
    await ctx.settings.save({ ...DEFAULT_SETTINGS, scoringModel: model });
    expect(await screen.findByText('· MQL at 100')).toBeTruthy();
    expect(screen.getByText('Model: Default (starting framework) (version 2)')).toBeTruthy();
  });

  it('follows changes made elsewhere: a new event rescores, a stage change re-renders', async () => {
    const lead = await ctx.leads.create(jane());
    showJane();
    await openScore();
    expect(screen.getByTestId('score-total').textContent).toBe('35');
    await ctx.events.add(makeEvent(lead, 'webinar_attended', 1));
    await screen.findByText((_, el) => el?.getAttribute('data-testid') === 'score-total' && el.textContent === '55');

    await ctx.leads.update(lead.id, { stage: 'sql', times: { sqlAt: NOW, firstTouchAt: NOW - HOUR } });
    const header = screen.getByRole('heading', { level: 2, name: 'Jane Doe' }).closest('header');
    if (!header) throw new Error('no header');
    expect(await within(header).findByText('SQL')).toBeTruthy();
    expect(await screen.findByText('First touch met in 1 h')).toBeTruthy();
  });

  it('hides the rules not met once the lead is past MQL: the score decides nothing more', async () => {
    await ctx.leads.create(jane({ stage: 'sql', times: { createdAt: NOW - 30 * DAY, mqlAt: MONDAY_10, sqlAt: NOW } }));
    showJane();
    await openScore();
    expect(screen.queryByRole('list', { name: 'Rules not met yet:' })).toBeNull();
    expect(screen.queryByText('What is missing')).toBeNull();
  });

  it('shows every lead that matches, as a possible duplicate, and lets the rep switch', async () => {
    await ctx.leads.create(jane({ person: { name: 'Jane Doe', emails: ['jane@acme.io'] } }));
    await ctx.leads.create(
      jane({ person: { name: 'J. Doe', emails: ['jd@old.io'], linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' } }),
    );
    showJane();
    const notice = (await screen.findByRole('heading', { name: '2 leads match this person' })).closest('section');
    if (!notice) throw new Error('no notice');
    const first = within(notice).getByRole('button', { name: /^Jane Doe/ });
    const second = within(notice).getByRole('button', { name: /^J\. Doe/ });
    expect(first.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(second);
    expect(await screen.findByRole('heading', { level: 2, name: 'J. Doe' })).toBeTruthy();
    expect(second.getAttribute('aria-pressed')).toBe('true');
  });

  it('renders a hostile name, title and event detail as literal text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const lead = await ctx.leads.create(
      jane({ person: { name: hostile, title: `<script>alert(2)</script>` }, company: { name: '<b>Acme</b>' } }),
    );
    await ctx.events.add(makeEvent(lead, 'content_download', 1, { details: { title: '<svg onload=alert(3)>' } }));
    const { container } = showJane();
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe(hostile);
    expect(await screen.findByText('title: <svg onload=alert(3)>')).toBeTruthy();
    expect(screen.getByText('<script>alert(2)</script> at <b>Acme</b>')).toBeTruthy();
    expect(container.querySelector('img, script, svg, b')).toBeNull();
  });
});

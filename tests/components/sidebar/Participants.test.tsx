import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageIdentity, ThreadParticipant } from '../../../lib/sites/types';
import { setupRepositories } from '../../support/db';
import { makeLead } from '../../support/factories';
import { renderSidebar } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const PAGE_KEY = 'gmail:FMfcgzQZTxCvKrLsPbNqWdHjTfGmZcRk';
const LEA = { name: 'Léa Dubois-Martin', email: 'lea.dubois-martin@northwind-analytics.com' };
const MARCUS = { name: 'Marcus Lindqvist', email: 'marcus.lindqvist@fjellsec.example' };
const DANA = { name: 'Dana Whitfield', email: 'dana.whitfield@northwind-analytics.com' };

/** A Gmail thread read as Léa, with everyone outside on it (`others` after her). */
function thread(others: readonly ThreadParticipant[] = [MARCUS, DANA]): PageIdentity {
  return {
    site: 'gmail',
    page: 'mail_thread',
    name: LEA.name,
    emails: [LEA.email],
    readBy: { name: 'selector', emails: 'selector' },
    pageKey: PAGE_KEY,
    participants: [LEA, ...others],
  };
}

const show = (identity: PageIdentity) => renderSidebar({ repos: ctx, state: { kind: 'person', identity } });
const switcher = () => screen.getByRole('group', { name: 'On this thread:' });
const person = (name: string) => within(switcher()).getByRole('button', { name });

describe('everyone on the thread', () => {
  it("starts on the page's person, marked, and switches to another exactly as the page's person is shown", async () => {
    const user = userEvent.setup();
    await ctx.leads.create(makeLead({ person: { name: DANA.name, emails: [DANA.email] }, stage: 'sql' }));
    show(thread());
    await screen.findByRole('heading', { level: 2, name: LEA.name });
    expect(screen.getByText('Not a lead yet')).toBeTruthy();
    expect(person(LEA.name).getAttribute('aria-pressed')).toBe('true');
    expect(person(DANA.name).getAttribute('aria-pressed')).toBe('false');

    // Dana is a lead: her lead view, as if the page were hers.
    await user.click(person(DANA.name));
    await screen.findByText(DANA.email);
    expect(screen.queryByText('Not a lead yet')).toBeNull();
    expect(person(DANA.name).getAttribute('aria-pressed')).toBe('true');

    // Marcus is nobody yet: the add form, pre-filled with him.
    await user.click(person(MARCUS.name));
    await screen.findByRole('heading', { level: 2, name: MARCUS.name });
    expect((screen.getByLabelText('Emails') as HTMLInputElement).value).toBe(MARCUS.email);

    await user.click(person(LEA.name));
    expect(await screen.findByRole('heading', { level: 2, name: LEA.name })).toBeTruthy();
  });

  it('is used from the keyboard, and a switch is a view, not a correction of the page', async () => {
    const user = userEvent.setup();
    show(thread());
    await screen.findByRole('heading', { level: 2, name: LEA.name });
    person(MARCUS.name).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 2, name: MARCUS.name });
    expect(document.activeElement).toBe(person(MARCUS.name));
    await user.keyboard('{Shift>}{Tab}{/Shift} ');
    await screen.findByRole('heading', { level: 2, name: LEA.name });
    expect(await ctx.corrections.forPage(PAGE_KEY)).toBeUndefined();
    expect(screen.queryByText(/corrected by you/)).toBeNull();
  });

  it('names the first three and folds the rest behind "+N", the shown one always in view', async () => {
    const user = userEvent.setup();
    const crowd = ['Ana', 'Ben', 'Cleo', 'Dev'].map((name) => ({ name, email: `${name.toLowerCase()}@crowd.example` }));
    show(thread(crowd));
    await screen.findByRole('heading', { level: 2, name: LEA.name });
    expect(
      within(switcher())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Léa Dubois-Martin', 'Ana', 'Ben', '+2']);
    await user.click(within(switcher()).getByRole('button', { name: 'Show 2 more on this thread' }));
    await user.click(person('Dev'));
    await screen.findByRole('heading', { level: 2, name: 'Dev' });
    expect(
      within(switcher())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toContain('Dev');
  });

  it('shows no switcher for a thread with one person outside', async () => {
    const { participants: _participants, ...alone } = thread();
    show(alone);
    await screen.findByRole('heading', { level: 2, name: LEA.name });
    expect(screen.queryByRole('group', { name: 'On this thread:' })).toBeNull();
  });
});

describe('others at the same company', () => {
  it('names the leads at the domain under an unknown person, each opening that lead, with a way back', async () => {
    const user = userEvent.setup();
    await ctx.leads.create(makeLead({ person: { name: DANA.name, emails: [DANA.email] }, stage: 'sql' }));
    await ctx.leads.create(
      makeLead({ person: { name: 'Tom Becker', emails: ['tom@eu.northwind-analytics.com'] }, company: {} }),
    );
    await ctx.leads.create(makeLead({ person: { name: 'Priya Raman', emails: ['priya@tidewater.io'] } }));
    show(thread());
    const line = await screen.findByText(/2 others at northwind-analytics\.com:/);
    expect(line.textContent).toBe('2 others at northwind-analytics.com: Dana Whitfield (SQL), Tom Becker (Lead)');

    await user.click(within(line).getByRole('button', { name: DANA.name }));
    await screen.findByText(DANA.email);
    await user.click(screen.getByRole('button', { name: 'Back to the person on this page' }));
    expect(await screen.findByRole('heading', { level: 2, name: LEA.name })).toBeTruthy();
  });

  it("leaves the lead shown out of its own company's line, and says nothing at a free-mail domain", async () => {
    await ctx.leads.create(makeLead({ person: { name: DANA.name, emails: [DANA.email] }, stage: 'sql', company: {} }));
    await ctx.leads.create(makeLead({ person: { name: 'Lea', emails: [LEA.email] }, company: {} }));
    const { participants: _participants, ...dana } = { ...thread(), name: DANA.name, emails: [DANA.email] };
    show(dana);
    const line = await screen.findByText(/1 other at northwind-analytics\.com:/);
    expect(line.textContent).toBe('1 other at northwind-analytics.com: Lea (Lead)');

    await ctx.leads.create(makeLead({ person: { name: 'Jo', emails: ['jo@gmail.com'] }, company: {} }));
    renderSidebar({
      repos: ctx,
      state: {
        kind: 'person',
        identity: { site: 'gmail', page: 'mail_thread', name: 'Kim', emails: ['kim@gmail.com'] },
      },
    });
    await screen.findByRole('heading', { level: 2, name: 'Kim' });
    await waitFor(() => expect(screen.queryByText(/at gmail\.com/)).toBeNull());
  });
});

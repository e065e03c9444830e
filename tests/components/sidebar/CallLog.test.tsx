import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallLog } from '../../../components/sidebar/CallLog';
import { outcomesFor } from '../../../lib/domain/activity-outcomes';
import { ACTIVITY_KINDS } from '../../../lib/domain/enums';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { ValidationError } from '../../../lib/domain/validation';
import { makeActivity, setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { FORMAT, renderWithFormat } from './render';

const HOUR = 3_600_000;

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => {
  vi.restoreAllMocks();
  ctx.db.close();
});

async function jane(): Promise<Lead> {
  return ctx.leads.create(makeLead({ stage: 'mql', times: { createdAt: NOW - 30 * DAY, mqlAt: NOW - 2 * HOUR } }));
}

async function showLog(lead: Lead, timeZone: string = FORMAT.timeZone) {
  renderWithFormat(<CallLog lead={lead} now={() => NOW} timeZone={timeZone} />, ctx);
  return screen.findByRole('form', { name: 'Log a touch' });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const logButton = () => screen.getByRole('button', { name: 'Log touch' });
const checklistToggle = () => screen.getByRole('button', { name: /^Update the checklist/ });
const nextStepToggle = () => screen.getByRole('button', { name: /^Add a next step/ });
const openChecklist = () => userEvent.click(checklistToggle());
const openNextStep = () => userEvent.click(nextStepToggle());
/** "Logged" in the status region: announced once the touch is stored. */
const logged = () => waitFor(() => expect(screen.getByRole('status').textContent).toBe('Logged'));
const touches = async () => within(await screen.findByRole('list', { name: 'Touches' })).getAllByRole('listitem');

/** The text of the field's description: its error (if any) and hint, as a screen reader gets them. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('the call log', () => {
  it('logs a connected call with its duration, notes, a BANT update and a next step', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'sam@seller.io' } });
    const lead = await jane();
    await showLog(lead);
    expect(field('Kind').value).toBe('call');
    expect(screen.getByText('No touches logged yet.')).toBeTruthy();

    await userEvent.selectOptions(field('Outcome'), 'Connected');
    await userEvent.type(field('Duration (minutes)'), '25');
    await userEvent.type(field('Notes'), 'Budget approved for Q1.\nWants a demo for the team.');
    await openChecklist();
    await userEvent.selectOptions(field('Budget'), 'confirmed');
    await userEvent.type(field('Evidence for Budget'), 'CFO signed off 40k');
    await openNextStep();
    await userEvent.type(field('Next step'), 'Send the demo invite');
    await userEvent.type(field('Due'), '2026-11-25T10:30');
    await userEvent.click(logButton());

    await logged();
    const [stored, ...others] = await ctx.activities.forLead(lead.id);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      kind: 'call',
      outcome: 'connected',
      durationSeconds: 25 * 60,
      notes: 'Budget approved for Q1.\nWants a demo for the team.',
      criteriaUpdates: [{ criterion: 'budget', status: 'confirmed', evidence: 'CFO signed off 40k' }],
      nextStep: { action: 'Send the demo invite', dueAt: Date.UTC(2026, 10, 25, 10, 30) },
      occurredAt: NOW,
      loggedBy: 'sam@seller.io',
    });
    expect((await ctx.qualifications.get(lead.id))?.criteria.budget).toMatchObject({
      status: 'confirmed',
      evidence: 'CFO signed off 40k',
      updatedBy: 'sam@seller.io',
    });
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBe(NOW);

    // The form is ready for the next touch, the outcome to be chosen again; the folds stay as
    // the rep left them, and the checklist shows what the call taught.
    expect(field('Outcome').value).toBe('');
    expect(field('Duration (minutes)').value).toBe('');
    expect(field('Notes').value).toBe('');
    expect(field('Next step').value).toBe('');
    expect(field('Due').value).toBe('');
    expect(screen.queryByLabelText('Evidence for Budget')).toBeNull();
    expect(await screen.findByRole('option', { name: 'No change (now confirmed)' })).toBeTruthy();

    const [item] = await touches();
    expect(item?.textContent).toBe(
      'Call · Connected · 25 min' +
        'Mon, 23 Nov 2026, 12:00' +
        'Budget approved for Q1.\nWants a demo for the team.' +
        'Budget: Confirmed (CFO signed off 40k)' +
        'Next step: Send the demo invite, due Wed, 25 Nov 2026, 10:30',
    );
  });

  it('lists the touches newest first, with their labels', async () => {
    const lead = await jane();
    await ctx.activities.log(
      makeActivity(lead, { kind: 'email', outcome: 'sent', occurredAt: NOW - 3 * DAY, notes: 'Intro email' }),
    );
    await ctx.activities.log(makeActivity(lead, { kind: 'call', outcome: 'voicemail', occurredAt: NOW - DAY }));
    await ctx.activities.log(
      makeActivity(lead, { kind: 'linkedin_message', outcome: 'replied', occurredAt: NOW - 2 * DAY }),
    );
    await showLog(lead);
    const items = await touches();
    expect(items.map((item) => item.querySelector('.touch-head')?.textContent)).toEqual([
      'Call · Left a voicemail',
      'LinkedIn message · Replied',
      'Email · Sent',
    ]);
    expect(items[0]?.querySelector('time')?.textContent).toBe('Sun, 22 Nov 2026, 12:00');
  });

  it('offers the outcomes of the kind of touch, and a duration only for conversations', async () => {
    await showLog(await jane());
    expect(
      within(field('Outcome'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Choose an outcome',
      'Connected',
      'No answer',
      'Left a voicemail',
      'Meeting booked',
      'Not interested',
      'Wrong contact',
    ]);
    await userEvent.selectOptions(field('Kind'), 'LinkedIn message');
    expect(field('Outcome').value).toBe('');
    expect(screen.queryByLabelText('Duration (minutes)')).toBeNull();
    await openChecklist();
    expect(screen.getByRole('group', { name: 'Checklist updates made during this touch' })).toBeTruthy();
  });

  it('offers each kind exactly the outcomes the domain allows, keeping a chosen outcome the new kind allows', async () => {
    await showLog(await jane());
    const offered = () =>
      within(field('Outcome'))
        .getAllByRole<HTMLOptionElement>('option')
        .map((o) => o.value)
        .filter((v) => v !== '');
    for (const kind of ACTIVITY_KINDS) {
      await userEvent.selectOptions(field('Kind'), kind);
      expect(offered(), kind).toEqual(outcomesFor(kind));
    }
    await userEvent.selectOptions(field('Kind'), 'call');
    await userEvent.selectOptions(field('Outcome'), 'Meeting booked');
    await userEvent.selectOptions(field('Kind'), 'email');
    expect(field('Outcome').value).toBe('meeting_booked');
    // A meeting cannot be "replied": the rep chooses again rather than inheriting a guess.
    await userEvent.selectOptions(field('Outcome'), 'Replied');
    await userEvent.selectOptions(field('Kind'), 'meeting');
    expect(field('Outcome').value).toBe('');
  });

  it.each([
    {
      filled: 'only the action',
      fill: async () => {
        await openNextStep();
        await userEvent.type(field('Next step'), 'Call back');
      },
      invalid: 'Due',
      message: 'Due: A next step needs a due date (or clear the next step)',
    },
    {
      filled: 'only the due date',
      fill: async () => {
        await openNextStep();
        await userEvent.type(field('Due'), '2026-11-25T10:30');
      },
      invalid: 'Next step',
      message: 'Next step: Say what the next step is (or clear the due date)',
    },
  ])('refuses a next step with $filled, and stores nothing', async ({ fill, invalid, message }) => {
    const lead = await jane();
    await showLog(lead);
    await userEvent.selectOptions(field('Outcome'), 'Connected');
    await userEvent.type(field('Notes'), 'Quick chat');
    await fill();
    await userEvent.click(logButton());

    expect((await screen.findByRole('alert')).textContent).toBe(`Not logged. Check ${invalid}.`);
    expect(field(invalid).getAttribute('aria-invalid')).toBe('true');
    expect(description(field(invalid))).toMatch(new RegExp(`^${message.replace(/[()]/g, '\\$&')}`));
    expect(document.activeElement).toBe(field(invalid));
    expect(field('Notes').value).toBe('Quick chat');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBeUndefined();
  });

  it('shows what the store refused next to each field, focuses the first, and keeps the form', async () => {
    const lead = await jane();
    const log = vi.spyOn(ctx.activities, 'log').mockRejectedValueOnce(
      new ValidationError('activity', [
        { path: 'nextStep.action', message: 'Too big: expected string to have <=300 characters' },
        { path: 'criteriaUpdates.0.evidence', message: 'Too big: expected string to have <=2000 characters' },
      ]),
    );
    await showLog(lead);
    await userEvent.selectOptions(field('Outcome'), 'Connected');
    await userEvent.type(field('Notes'), 'Long call');
    await openChecklist();
    await userEvent.selectOptions(field('Need'), 'partial');
    await userEvent.type(field('Evidence for Need'), 'Pain in reporting');
    await openNextStep();
    await userEvent.type(field('Next step'), 'Follow up');
    await userEvent.type(field('Due'), '2026-11-25T10:30');
    await userEvent.click(logButton());

    expect((await screen.findByRole('alert')).textContent).toBe('Not logged. Check Evidence for Need, Next step.');
    expect(description(field('Evidence for Need'))).toBe('Evidence for Need: Too long: at most 2000 characters');
    expect(description(field('Next step'))).toBe('Next step: Too long: at most 300 characters');
    expect(field('Notes').getAttribute('aria-invalid')).toBe('false');
    expect(document.activeElement).toBe(field('Evidence for Need'));
    expect(field('Notes').value).toBe('Long call');
    expect(field('Need').value).toBe('partial');
    expect(field('Evidence for Need').value).toBe('Pain in reporting');
    expect(field('Due').value).toBe('2026-11-25T10:30');

    // The same form, sent again, is stored; the errors go.
    await userEvent.click(logButton());
    await logged();
    expect(log).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await ctx.activities.forLead(lead.id)).toHaveLength(1);
  });

  it('logs with Ctrl+Enter from the notes', async () => {
    const lead = await jane();
    await showLog(lead);
    await userEvent.selectOptions(field('Outcome'), 'No answer');
    await userEvent.type(field('Notes'), 'Rang twice{Control>}{Enter}{/Control}');
    await logged();
    expect(await ctx.activities.forLead(lead.id)).toMatchObject([{ outcome: 'no_answer', notes: 'Rang twice' }]);
  });

  it('marks a next step that is past due as overdue', async () => {
    const lead = await jane();
    await ctx.activities.log(
      makeActivity(lead, { occurredAt: NOW - 3 * DAY, nextStep: { action: 'Send pricing', dueAt: NOW - DAY } }),
    );
    await ctx.activities.log(
      makeActivity(lead, { occurredAt: NOW - HOUR, nextStep: { action: 'Book the demo', dueAt: NOW + DAY } }),
    );
    await showLog(lead);
    const [later, earlier] = await touches();
    expect(earlier?.querySelector('.next-step')?.textContent).toBe(
      'Next step: Send pricing, due Sun, 22 Nov 2026, 12:00Overdue',
    );
    expect(within(earlier as HTMLElement).getByText('Overdue').className).toContain('badge-overdue');
    expect(later?.querySelector('.next-step')?.textContent).toBe(
      'Next step: Book the demo, due Tue, 24 Nov 2026, 12:00',
    );
  });

  it('offers the MEDDIC criteria when the settings say MEDDIC, and logs against them', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, framework: 'meddic' });
    const lead = await jane();
    await showLog(lead);
    expect(checklistToggle().textContent).toBe('Update the checklist (6)');
    await openChecklist();
    const group = screen.getByRole('group', { name: 'Checklist updates made during this call' });
    expect(within(group).getAllByRole('combobox').map(labelOf)).toEqual([
      'Metrics',
      'Economic buyer',
      'Decision criteria',
      'Decision process',
      'Identify pain',
      'Champion',
    ]);
    expect(screen.queryByLabelText('Budget')).toBeNull();

    await userEvent.selectOptions(field('Champion'), 'partial');
    await userEvent.selectOptions(field('Outcome'), 'Connected');
    await userEvent.click(logButton());
    await logged();
    const qualification = await ctx.qualifications.get(lead.id);
    expect(qualification?.framework).toBe('meddic');
    expect(qualification?.criteria.champion?.status).toBe('partial');
  });

  it('shows each criterion at its current status', async () => {
    const lead = await jane();
    await ctx.qualifications.save({
      leadId: lead.id,
      framework: 'bant',
      criteria: { need: { status: 'confirmed' }, budget: { status: 'failed' } },
    });
    await showLog(lead);
    await openChecklist();
    expect(within(field('Need')).getAllByRole('option')[0]?.textContent).toBe('No change (now confirmed)');
    expect(within(field('Budget')).getAllByRole('option')[0]?.textContent).toBe('No change (now failed)');
    expect(within(field('Timeline')).getAllByRole('option')[0]?.textContent).toBe('No change (now unknown)');
  });

  it("reads the due date in the rep's time zone", async () => {
    const lead = await jane();
    await showLog(lead, 'Europe/Berlin');
    await userEvent.selectOptions(field('Outcome'), 'No answer');
    await openNextStep();
    await userEvent.type(field('Next step'), 'Call back');
    await userEvent.type(field('Due'), '2026-11-25T10:30');
    await userEvent.click(logButton());
    await logged();
    const [stored] = await ctx.activities.forLead(lead.id);
    expect(stored?.nextStep?.dueAt).toBe(Date.UTC(2026, 10, 25, 9, 30));
  });

  it('renders stored notes and evidence as literal text', async () => {
    const lead = await jane();
    const hostile = '<img src=x onerror=alert(1)>';
    await ctx.activities.log(
      makeActivity(lead, {
        notes: hostile,
        criteriaUpdates: [{ criterion: 'need', status: 'partial', evidence: '<script>x()</script>' }],
      }),
    );
    await showLog(lead);
    const [item] = await touches();
    expect(within(item as HTMLElement).getByText(hostile)).toBeTruthy();
    expect(item?.querySelector('img, script')).toBeNull();
  });

  it('starts with no outcome, and refuses a touch whose outcome was not chosen', async () => {
    const lead = await jane();
    await showLog(lead);
    expect(field('Outcome').value).toBe('');
    expect(
      within(field('Outcome')).getByRole<HTMLOptionElement>('option', { name: 'Choose an outcome' }).selected,
    ).toBe(true);
    await userEvent.type(field('Notes'), 'Rang, nobody picked up');
    await userEvent.click(logButton());

    expect((await screen.findByRole('alert')).textContent).toBe('Not logged. Check Outcome.');
    expect(field('Outcome').getAttribute('aria-invalid')).toBe('true');
    expect(description(field('Outcome'))).toBe('Outcome: Choose how the touch went');
    expect(document.activeElement).toBe(field('Outcome'));
    expect(field('Notes').value).toBe('Rang, nobody picked up');
    expect(await ctx.activities.forLead(lead.id)).toEqual([]);

    await userEvent.selectOptions(field('Outcome'), 'No answer');
    await userEvent.click(logButton());
    await logged();
    expect(await ctx.activities.forLead(lead.id)).toMatchObject([{ outcome: 'no_answer' }]);
  });

  it('is compact by default: the checklist changes and the next step wait behind their toggles', async () => {
    await showLog(await jane());
    const form = screen.getByRole('form', { name: 'Log a touch' });
    const labels = [...form.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Kind', 'Outcome', 'Duration (minutes)', 'Notes']);
    expect(checklistToggle().textContent).toBe('Update the checklist (4)');
    expect(checklistToggle().getAttribute('aria-expanded')).toBe('false');
    expect(nextStepToggle().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('Budget')).toBeNull();
    expect(screen.queryByLabelText('Next step')).toBeNull();

    await openChecklist();
    expect(checklistToggle().getAttribute('aria-expanded')).toBe('true');
    const group = screen.getByRole('group', { name: 'Checklist updates made during this call' });
    expect(within(group).getAllByRole('combobox').map(labelOf)).toEqual(['Budget', 'Authority', 'Need', 'Timeline']);
    expect(document.getElementById(checklistToggle().getAttribute('aria-controls') ?? '')?.contains(group)).toBe(true);

    await openNextStep();
    expect(nextStepToggle().getAttribute('aria-expanded')).toBe('true');
    expect(field('Next step')).toBeTruthy();
    expect(field('Due')).toBeTruthy();
  });

  it('still logs what a folded section holds, and its toggle says so', async () => {
    const lead = await jane();
    await showLog(lead);
    await userEvent.selectOptions(field('Outcome'), 'Connected');
    await openChecklist();
    await userEvent.selectOptions(field('Need'), 'partial');
    await openNextStep();
    await userEvent.type(field('Next step'), 'Call back');
    await userEvent.type(field('Due'), '2026-11-25T10:30');
    await openChecklist();
    await openNextStep();
    expect(checklistToggle().textContent).toBe('Update the checklist (4) · 1 change');
    expect(nextStepToggle().textContent).toBe('Add a next step · filled in');

    await userEvent.click(logButton());
    await logged();
    expect(await ctx.activities.forLead(lead.id)).toMatchObject([
      { criteriaUpdates: [{ criterion: 'need', status: 'partial' }], nextStep: { action: 'Call back' } },
    ]);
    expect(checklistToggle().textContent).toBe('Update the checklist (4)');
  });

  it('opens a folded section to show and focus a field the store refused', async () => {
    const lead = await jane();
    vi.spyOn(ctx.activities, 'log').mockRejectedValueOnce(
      new ValidationError('activity', [
        { path: 'criteriaUpdates.0.evidence', message: 'Too big: expected string to have <=2000 characters' },
      ]),
    );
    await showLog(lead);
    await userEvent.selectOptions(field('Outcome'), 'Connected');
    await openChecklist();
    await userEvent.selectOptions(field('Need'), 'partial');
    await userEvent.type(field('Evidence for Need'), 'Pain in reporting');
    await openChecklist();
    await userEvent.click(logButton());

    expect((await screen.findByRole('alert')).textContent).toBe('Not logged. Check Evidence for Need.');
    expect(checklistToggle().getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(field('Evidence for Need')));
    expect(description(field('Evidence for Need'))).toBe('Evidence for Need: Too long: at most 2000 characters');
  });
});

function labelOf(control: HTMLElement): string {
  return (control as HTMLSelectElement).labels?.[0]?.textContent ?? '';
}

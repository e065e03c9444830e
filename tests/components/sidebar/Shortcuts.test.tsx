import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { linkedinIdentity, renderSidebar } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

/** Jane, an MQL, in the sidebar; `meetsBar` gives her a checklist that clears the default SQL bar. */
async function showJane({ meetsBar = false } = {}) {
  const lead = await ctx.leads.create(
    makeLead({
      stage: 'mql',
      times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY },
      person: { name: 'Jane Doe', emails: ['jane@acme.io'] },
    }),
  );
  if (meetsBar) {
    await ctx.qualifications.save({
      leadId: lead.id,
      framework: 'bant',
      criteria: {
        budget: { status: 'confirmed' },
        need: { status: 'confirmed' },
        timeline: { status: 'confirmed' },
        authority: { status: 'confirmed' },
      },
    });
  }
  renderSidebar({ repos: ctx, state: { kind: 'person', identity: linkedinIdentity({ emails: ['jane@acme.io'] }) } });
  await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
  await screen.findByRole('button', { name: 'Accept as SQL' });
  return lead;
}

describe('sidebar keyboard shortcuts', () => {
  beforeEach(() => showJane());

  it('lists every shortcut in the sidebar', async () => {
    const list = screen.getByText('Keyboard shortcuts').closest('details');
    expect(list).not.toBeNull();
    const text = list?.textContent ?? '';
    for (const keys of ['Alt+Shift+H', 'Alt+A', 'Alt+R', 'Alt+Z', 'Alt+C', 'Alt+L']) expect(text).toContain(keys);
  });

  it('Alt+R opens the rejection form on its reason; Alt+A the acceptance', async () => {
    await userEvent.keyboard('{Alt>}r{/Alt}');
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Alt>}a{/Alt}');
    expect(screen.getByRole('form', { name: 'Accept as SQL' })).toBeTruthy();
  });

  it('Alt+C goes to the checklist, Alt+L to the call log', async () => {
    await userEvent.keyboard('{Alt>}c{/Alt}');
    const checklist = screen.getByRole('heading', { name: /Checklist|BANT/ }).closest('section');
    expect(checklist?.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Alt>}l{/Alt}');
    const form = screen.getByRole('form', { name: /Log a touch/ });
    expect(within(form).queryAllByRole('combobox').concat(within(form).queryAllByRole('radio'))).toContain(
      document.activeElement,
    );
  });
});

describe('Alt+A from the call log', () => {
  const notes = () => screen.getByLabelText('Notes') as HTMLTextAreaElement;
  const confirm = () => screen.getByRole('button', { name: 'Confirm: accept as SQL' });

  it.each([
    { field: 'Notes', into: () => userEvent.type(notes(), 'Budget approved') },
    { field: 'Outcome', into: () => userEvent.selectOptions(screen.getByLabelText('Outcome'), 'Connected') },
    { field: 'Duration (minutes)', into: () => userEvent.type(screen.getByLabelText('Duration (minutes)'), '25') },
  ])('from $field, focuses the confirmation without typing; Enter then accepts', async ({ field, into }) => {
    const lead = await showJane({ meetsBar: true });
    await into();
    const typed = (screen.getByLabelText(field) as HTMLInputElement).value;
    await userEvent.keyboard('{Alt>}a{/Alt}');

    expect(document.activeElement).toBe(confirm());
    expect((screen.getByLabelText(field) as HTMLInputElement).value).toBe(typed);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText(/^Accepted as SQL .* recorded\.$/)).toBeTruthy());
    expect(notes().value).toBe(field === 'Notes' ? 'Budget approved' : '');
    expect((await ctx.leads.get(lead.id))?.stage).toBe('sql');
  });

  it('leaves focus where the opened form puts it: below the bar, on the required override', async () => {
    await showJane();
    await userEvent.type(notes(), 'Budget approved');
    await userEvent.keyboard('{Alt>}a{/Alt}');
    expect(document.activeElement).toBe(screen.getByLabelText('Override: why accept anyway (required)'));
    expect(notes().value).toBe('Budget approved');
  });

  it('never types into the field, even with nothing left to accept', async () => {
    await showJane({ meetsBar: true });
    await userEvent.keyboard('{Alt>}a{/Alt}');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Accept as SQL' })).toBeNull());
    await userEvent.type(notes(), 'Booked');
    // On a Mac, Option+A types "å" unless its keydown is cancelled (user-event types nothing with Alt held).
    expect(fireEvent.keyDown(notes(), { key: 'å', code: 'KeyA', altKey: true })).toBe(false);
    expect(notes().value).toBe('Booked');
    expect(document.activeElement).toBe(notes());
  });
});

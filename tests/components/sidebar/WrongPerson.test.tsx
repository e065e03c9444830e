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

const PAGE_KEY = 'linkedin:in/jane-doe';
// The page reads Jane, by her profile URL; Jane is a lead with that URL.
const onPage = linkedinIdentity({ pageKey: PAGE_KEY, readBy: { linkedinUrl: 'url', name: 'metadata' } });

const jane = () =>
  makeLead({
    stage: 'mql',
    times: { createdAt: NOW - 30 * DAY, mqlAt: NOW - DAY },
    person: { name: 'Jane Doe', emails: ['jane@acme.io'], linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' },
    company: { name: 'Acme', domain: 'acme.io' },
  });
const joan = () =>
  makeLead({
    stage: 'mql',
    times: { createdAt: NOW - 30 * DAY, mqlAt: NOW - DAY },
    person: { name: 'Joan Dough', emails: ['joan@dough.io'] },
    company: { name: 'Dough', domain: 'dough.io' },
  });

function show() {
  return renderSidebar({ repos: ctx, state: { kind: 'person', identity: onPage } });
}

describe('how the page was read', () => {
  it('says which layer read each field', async () => {
    await ctx.leads.create(jane());
    show();
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    expect(screen.getByText('profile from the address bar; name from the page title or metadata')).toBeTruthy();
  });

  it('says for each field of someone unknown where it was read, as a tooltip', async () => {
    show();
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    expect(screen.getByText('Not a lead yet')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Name').title).toBe('read from the page title or metadata');
    expect(screen.getByLabelText<HTMLInputElement>('Title').title).toBe('');
  });
});

describe('"Wrong person?"', () => {
  it('takes the lead off the page at once, and the pick of the right one is remembered for the page', async () => {
    const user = userEvent.setup();
    const wrong = await ctx.leads.create(jane());
    const right = await ctx.leads.create(joan());
    const first = show();
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });

    await user.click(screen.getByRole('button', { name: 'Wrong person?' }));
    // No decision buttons for Jane any more: nothing can be recorded on her from here.
    expect(screen.queryByRole('heading', { level: 2, name: 'Jane Doe' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Accept as SQL/i })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Who is this?' })).toBe(document.activeElement);
    expect(screen.getByText(/Not Jane Doe/)).toBeTruthy();

    await user.type(screen.getByLabelText('Search leads'), 'Dough');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByRole('button', { name: /Joan Dough/ }));
    await screen.findByRole('heading', { level: 2, name: 'Joan Dough' });
    expect(screen.getByText(/You said this page is Joan Dough/)).toBeTruthy();

    const stored = await ctx.corrections.forPage(PAGE_KEY);
    expect(stored).toMatchObject({ pageKey: PAGE_KEY, notLeadIds: [wrong.id], leadId: right.id });

    // Next time on this page the correction wins over the reading.
    first.unmount();
    show();
    await screen.findByRole('heading', { level: 2, name: 'Joan Dough' });
    expect(screen.queryByRole('heading', { level: 2, name: 'Jane Doe' })).toBeNull();
  });

  it("is the rep's word on this page only: the same person on another page is read afresh", async () => {
    const user = userEvent.setup();
    await ctx.leads.create(jane());
    const { rerenderSidebar } = show();
    await user.click(await screen.findByRole('button', { name: 'Wrong person?' }));
    await screen.findByRole('heading', { name: 'Who is this?' });
    // Another thread, another profile URL shape: the same reading under another page key.
    rerenderSidebar({
      repos: ctx,
      state: { kind: 'person', identity: { ...onPage, pageKey: 'linkedin:in/jane-doe-2' } },
    });
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    expect(await ctx.corrections.forPage('linkedin:in/jane-doe-2')).toBeUndefined();
  });

  it('leaves the wrong lead out of the search', async () => {
    const user = userEvent.setup();
    await ctx.leads.create(jane());
    show();
    await user.click(await screen.findByRole('button', { name: 'Wrong person?' }));
    await user.type(screen.getByLabelText('Search leads'), 'Jane');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText(/No lead matches|No leads match|Nothing found/i);
  });

  it('undo puts the lead back and forgets the mark', async () => {
    const user = userEvent.setup();
    await ctx.leads.create(jane());
    show();
    await user.click(await screen.findByRole('button', { name: 'Wrong person?' }));
    await waitFor(async () => expect((await ctx.corrections.forPage(PAGE_KEY))?.notLeadIds).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await waitFor(async () => expect(await ctx.corrections.forPage(PAGE_KEY)).toBeUndefined());
  });

  it('corrects the name and email of someone unknown, then adds them with the corrected details', async () => {
    const user = userEvent.setup();
    await ctx.leads.create(jane());
    show();
    await user.click(await screen.findByRole('button', { name: 'Wrong person?' }));
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Janet Doerr');
    await user.type(screen.getByLabelText('Email'), 'janet@doerr.io');
    await user.click(screen.getByRole('button', { name: 'Use these details' }));

    const unknown = await screen.findByRole('heading', { level: 2, name: 'Janet Doerr' });
    const section = unknown.closest('section') as HTMLElement;
    expect(within(section).getByText('Not a lead yet')).toBeTruthy();
    expect(within(section).getByLabelText<HTMLInputElement>('Name').value).toBe('Janet Doerr');
    expect(screen.getByText(/name and email from your correction/)).toBeTruthy();
    expect(await ctx.corrections.forPage(PAGE_KEY)).toMatchObject({
      person: { name: 'Janet Doerr', email: 'janet@doerr.io' },
    });

    await user.click(screen.getByRole('button', { name: 'Add as lead' }));
    await waitFor(() => expect(screen.queryByText('Not a lead yet')).toBeNull());
    const added = await ctx.leads.findByEmail('janet@doerr.io');
    expect(added.map((lead) => lead.person.name)).toEqual(['Janet Doerr']);
  });

  it('refuses a malformed email in words, and records nothing', async () => {
    const user = userEvent.setup();
    await ctx.leads.create(jane());
    show();
    await user.click(await screen.findByRole('button', { name: 'Wrong person?' }));
    await user.type(screen.getByLabelText('Email'), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Use these details' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Invalid email address');
    expect((await ctx.corrections.forPage(PAGE_KEY))?.person).toBeUndefined();
  });

  it('drops a checklist edit still waiting to be saved on the lead marked wrong', async () => {
    const user = userEvent.setup();
    const wrong = await ctx.leads.create(jane());
    show();
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    const checklist = screen.getByRole('button', { name: 'Qualification' });
    if (checklist.getAttribute('aria-expanded') !== 'true') await user.click(checklist);
    const evidence = (await screen.findAllByRole('textbox', { name: /evidence/i }))[0];
    if (!evidence) throw new Error('no evidence field');
    await user.type(evidence, 'Budget approved');
    // Within the autosave pause, and with the focus still in the field (no blur has saved it):
    // the click unmounts the checklist, whose flush on the way out must not write to Jane.
    fireEvent.click(screen.getByRole('button', { name: 'Wrong person?' }));
    await screen.findByRole('heading', { name: 'Who is this?' });
    await new Promise((done) => setTimeout(done, 50));
    expect(await ctx.qualifications.get(wrong.id)).toBeUndefined();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import type { PageIdentity } from '../../../lib/sites/types';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';
import { AddLeadForm } from '../../../components/sidebar/AddLeadForm';
import { linkedinIdentity, renderSidebar, renderWithFormat } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const gmailThread: PageIdentity = {
  site: 'gmail',
  page: 'mail_thread',
  name: 'Jane Doe',
  emails: ['jane.doe@acme.io', 'jdoe@gmail.com'],
};

function showPerson(identity: PageIdentity) {
  return renderSidebar({ repos: ctx, state: { kind: 'person', identity } });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

/** The text of the field's description: its error (if any) and hint, as a screen reader gets them. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('an unknown person', () => {
  it('is headed by their name, shows what was recognised once, as the form pre-filled from the page, and writes nothing by itself', async () => {
    showPerson(linkedinIdentity());
    const heading = await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    expect(within(heading.closest('section') as HTMLElement).getByText('Not a lead yet')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Recognised on this page' })).toBeNull();
    expect(screen.queryByRole('definition')).toBeNull();
    expect(field('Name').value).toBe('Jane Doe');
    expect(field('Emails').value).toBe('');
    expect(field('LinkedIn URL').value).toBe('https://www.linkedin.com/in/jane-doe/');
    expect(field('Title').value).toBe('VP of Revenue Operations');
    expect(field('Company').value).toBe('Acme');
    expect(field('Location').value).toBe('Berlin, Germany');
    expect(await ctx.leads.count()).toBe(0);
  });

  it('guesses the company domain from a work email, never from a free-mail one', async () => {
    showPerson(gmailThread);
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    expect(field('Emails').value).toBe('jane.doe@acme.io, jdoe@gmail.com');
    expect(field('Company domain').value).toBe('acme.io');
  });

  it('saves the edited form as a lead from the page, then shows the known lead', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'sam@seller.io' } });
    showPerson(linkedinIdentity());
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await userEvent.clear(field('Title'));
    await userEvent.type(field('Title'), 'Chief Revenue Officer');
    await userEvent.type(field('Emails'), 'jane@acme.io');
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));

    expect(await screen.findByText('Chief Revenue Officer at Acme')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
    const [lead] = await ctx.leads.findByEmail('jane@acme.io');
    expect(lead).toMatchObject({
      stage: 'lead',
      source: 'LinkedIn',
      owner: 'sam@seller.io',
      person: {
        name: 'Jane Doe',
        emails: ['jane@acme.io'],
        linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
        title: 'Chief Revenue Officer',
        location: 'Berlin, Germany',
      },
      company: { name: 'Acme' },
      times: { createdAt: NOW },
    });
    expect(await ctx.leads.count()).toBe(1);
  });

  it('names the source after the site: a Gmail thread gives a Gmail lead', async () => {
    showPerson(gmailThread);
    await userEvent.click(await screen.findByRole('button', { name: 'Add as lead' }));
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    const [lead] = await ctx.leads.findByEmail('jane.doe@acme.io');
    expect(lead?.source).toBe('Gmail');
    expect(lead?.company).toEqual({ domain: 'acme.io' });
  });

  it('shows the schema error next to the field it concerns, and saves nothing', async () => {
    showPerson(linkedinIdentity());
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await userEvent.clear(field('LinkedIn URL'));
    await userEvent.type(field('LinkedIn URL'), 'https://example.com/jane');
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Not saved. Check LinkedIn URL.');
    const url = field('LinkedIn URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(description(url)).toBe('LinkedIn URL: Not a LinkedIn profile URL (expected linkedin.com/in/<name>)');
    expect(document.activeElement).toBe(url);
    expect(field('Name').getAttribute('aria-invalid')).toBe('false');
    expect(await ctx.leads.count()).toBe(0);

    // Fixing it clears the error on the next save.
    await userEvent.clear(url);
    await userEvent.type(url, 'linkedin.com/in/jane-doe');
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));
    await waitFor(() => expect(screen.queryByText('Not a lead yet')).toBeNull());
    expect(await ctx.leads.count()).toBe(1);
  });

  it('names every invalid field: an empty name, a bad email among several, no identity', async () => {
    showPerson(gmailThread);
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await userEvent.clear(field('Name'));
    await userEvent.clear(field('Emails'));
    await userEvent.type(field('Emails'), 'jane.doe@acme.io, jane@');
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Not saved. Check Name, Emails.');
    expect(description(field('Name'))).toBe('Name: Required');
    expect(description(field('Emails'))).toMatch(/^Emails: "jane@": Invalid email address /);
    expect(document.activeElement).toBe(field('Name'));

    await userEvent.type(field('Name'), 'Jane');
    await userEvent.clear(field('Emails'));
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));
    expect(await screen.findByText('Not saved. Check Emails.')).toBeTruthy();
    expect(description(field('Emails'))).toMatch(
      /^Emails: A lead needs an identity: at least one email or a LinkedIn profile URL/,
    );
    expect(await ctx.leads.count()).toBe(0);
  });

  it('becomes the known lead when someone else adds it (another tab, an import)', async () => {
    showPerson(gmailThread);
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await ctx.leads.create(makeLead({ person: { name: 'Jane Doe', emails: ['JDoe+promo@gmail.com'] }, stage: 'mql' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Add as lead' })).toBeNull());
    expect(screen.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
    expect(screen.queryByText('Not a lead yet')).toBeNull();
  });

  it('lets the rep find the person among the leads by name, and go back', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Jane Doe', emails: ['jane@old-job.io'] } }));
    showPerson(linkedinIdentity({ linkedinUrl: undefined, page: 'salesnav_lead', salesNavigatorId: 'ACwAAA1' }));
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await userEvent.click(screen.getByText('Already a lead under another email or name? Search'));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search leads' }), 'doe{Enter}');
    const results = await screen.findByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('button', { name: /Jane Doe/ }));
    expect(await screen.findByText('jane@old-job.io')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back to the person on this page' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
  });

  it('renders a hostile name from the page as literal text, in the heading and the form', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = showPerson(linkedinIdentity({ name: hostile, company: '<script>x()</script>' }));
    await screen.findByRole('heading', { level: 2, name: hostile });
    expect(field('Name').value).toBe(hostile);
    expect(container.querySelector('img, script')).toBeNull();
  });
});

describe('adding a person straight to SQL', () => {
  const criterion = (form: HTMLElement, name: string) => within(form).getByRole('group', { name });
  const addForm = () => screen.getByRole('form', { name: 'Add as lead' });

  async function startDirect() {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'sam@seller.io' } });
    showPerson(gmailThread);
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    await userEvent.click(screen.getByRole('checkbox', { name: /Take straight to SQL/ }));
    return addForm();
  }

  it('asks for an override below the bar, writes nothing without it, then adds, decides and offers undo', async () => {
    const form = await startDirect();
    await userEvent.click(within(criterion(form, 'Need')).getByRole('radio', { name: 'Confirmed' }));
    await userEvent.type(within(criterion(form, 'Need')).getByLabelText(/Evidence/), 'Replied: forecasts break');
    expect(within(form).getByText('Does not meet the SQL bar yet')).toBeTruthy();

    await userEvent.click(within(form).getByRole('button', { name: 'Add and take to SQL with override' }));
    const override = within(form).getByLabelText(/Override: why take them to SQL anyway/);
    expect(document.activeElement).toBe(override);
    expect(description(override)).toMatch(/say why you take them to SQL anyway/);
    expect((await screen.findByRole('alert')).textContent).toMatch(/override needs a note/);
    expect(await ctx.leads.count()).toBe(0);

    await userEvent.type(override, 'Asked for a demo this week');
    await userEvent.click(within(form).getByRole('button', { name: 'Add and take to SQL with override' }));

    await waitFor(() => expect(screen.queryByText('Not a lead yet')).toBeNull());
    expect(screen.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
    const [lead] = await ctx.leads.findByEmail('jane.doe@acme.io');
    expect(lead).toMatchObject({ stage: 'sql', source: 'Gmail', owner: 'sam@seller.io' });
    expect(lead?.times.sqlAt).toBeDefined();
    const [decision] = await ctx.dispositions.history(lead?.id ?? '');
    expect(decision).toMatchObject({
      decision: 'accepted_sql',
      route: 'direct_outbound',
      override: { note: 'Asked for a demo this week' },
      decidedBy: 'sam@seller.io',
    });
    expect((await ctx.qualifications.get(lead?.id ?? ''))?.criteria.need).toMatchObject({
      status: 'confirmed',
      evidence: 'Replied: forecasts break',
    });

    // The lead view shows the evidence behind it (an SQL's checklist is folded: one click), the
    // decision in force, and Undo.
    await userEvent.click(await screen.findByRole('button', { name: 'Qualification' }));
    const need = await screen.findByRole('group', { name: 'Need' });
    expect((within(need).getByRole('radio', { name: 'Confirmed' }) as HTMLInputElement).checked).toBe(true);
    const history = await screen.findByRole('list', { name: 'History' });
    expect(history.textContent).toMatch(/Accepted as SQL \(Direct outbound \(own prospecting\)\), override/);
    expect(history.textContent).toMatch(/In force/);
    expect(screen.getByText(/Accepted as SQL .*, override recorded\./)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await ctx.leads.get(lead?.id ?? ''))?.stage).toBe('lead'));
    expect((await ctx.dispositions.history(lead?.id ?? '')).map((d) => d.decision)).toEqual([
      'withdrawn',
      'accepted_sql',
    ]);
    expect(await ctx.leads.count()).toBe(1);
  });

  it('needs no override when the evidence meets the bar, and records the route chosen', async () => {
    const form = await startDirect();
    for (const [name, status] of [
      ['Budget', 'Confirmed'],
      ['Authority', 'Confirmed'],
      ['Need', 'Confirmed'],
      ['Timeline', 'Confirmed'],
    ] as const) {
      await userEvent.click(within(criterion(form, name)).getByRole('radio', { name: status }));
    }
    expect(within(form).getByText('Meets the SQL bar')).toBeTruthy();
    expect(within(form).queryByLabelText(/Override/)).toBeNull();
    await userEvent.selectOptions(within(form).getByLabelText('How this person reached SQL'), 'direct_inbound');
    await userEvent.click(within(form).getByRole('button', { name: 'Add and take to SQL' }));

    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    const [lead] = await ctx.leads.findByEmail('jane.doe@acme.io');
    const [decision] = await ctx.dispositions.history(lead?.id ?? '');
    expect(decision).toMatchObject({ decision: 'accepted_sql', route: 'direct_inbound' });
    expect(decision?.override).toBeUndefined();
  });

  it('keeps the plain "Add as lead" when the box is unticked again', async () => {
    await startDirect();
    await userEvent.click(screen.getByRole('checkbox', { name: /Take straight to SQL/ }));
    expect(screen.queryByLabelText('How this person reached SQL')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    const [lead] = await ctx.leads.findByEmail('jane.doe@acme.io');
    expect(lead?.stage).toBe('lead');
    expect(await ctx.dispositions.history(lead?.id ?? '')).toEqual([]);
  });
});

describe('taking someone straight to SQL in a frame the page may cover', () => {
  it('where the browser cannot tell whether the sidebar is seen, asks first; Cancel writes nothing', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'sam@seller.io' } });
    renderWithFormat(
      <AddLeadForm identity={gmailThread} onCreated={() => {}} seen={{ framed: true, Observer: null, armMs: 0 }} />,
      ctx,
    );
    const form = await screen.findByRole('form', { name: 'Add as lead' });
    await userEvent.click(within(form).getByRole('checkbox', { name: /Take straight to SQL/ }));
    await userEvent.type(within(form).getByLabelText(/Override: why take them to SQL anyway/), 'Asked for a demo');
    await userEvent.click(within(form).getByRole('button', { name: 'Add and take to SQL with override' }));

    const held = await screen.findByRole('alertdialog');
    expect(held.textContent).toContain('This browser cannot tell whether the page covers this sidebar.');
    expect(await ctx.leads.count()).toBe(0);
    await userEvent.click(within(held).getByRole('button', { name: 'Cancel' }));
    expect(await ctx.leads.count()).toBe(0);

    await userEvent.click(within(form).getByRole('button', { name: 'Add and take to SQL with override' }));
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: /Yes, add/ }));
    await waitFor(async () => expect(await ctx.leads.count()).toBe(1));
    const [lead] = await ctx.leads.findByEmail('jane.doe@acme.io');
    expect(lead?.stage).toBe('sql');
  });
});

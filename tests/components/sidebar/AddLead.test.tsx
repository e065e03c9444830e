import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import type { PageIdentity } from '../../../lib/sites/types';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';
import { linkedinIdentity, renderSidebar } from './render';

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
  it('shows what was recognised and a form pre-filled from the page, and writes nothing by itself', async () => {
    showPerson(linkedinIdentity());
    expect(await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' })).toBeTruthy();
    const recognised = screen.getByRole('heading', { name: 'Recognised on this page' }).nextElementSibling;
    expect(recognised?.textContent).toBe(
      'NameJane DoeLinkedInhttps://www.linkedin.com/in/jane-doe/TitleVP of Revenue OperationsCompanyAcmeLocationBerlin, Germany',
    );
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
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
    expect(field('Emails').value).toBe('jane.doe@acme.io, jdoe@gmail.com');
    expect(field('Company domain').value).toBe('acme.io');
  });

  it('saves the edited form as a lead from the page, then shows the known lead', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: 'sam@seller.io' } });
    showPerson(linkedinIdentity());
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
    await userEvent.clear(field('Title'));
    await userEvent.type(field('Title'), 'Chief Revenue Officer');
    await userEvent.type(field('Emails'), 'jane@acme.io');
    await userEvent.click(screen.getByRole('button', { name: 'Add as lead' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
    expect(screen.getByText('Chief Revenue Officer at Acme')).toBeTruthy();
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
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
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
    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
  });

  it('names every invalid field: an empty name, a bad email among several, no identity', async () => {
    showPerson(gmailThread);
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
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
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
    await ctx.leads.create(makeLead({ person: { name: 'Jane Doe', emails: ['JDoe+promo@gmail.com'] }, stage: 'mql' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add as lead' })).toBeNull();
  });

  it('lets the rep find the person among the leads by name, and go back', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Jane Doe', emails: ['jane@old-job.io'] } }));
    showPerson(linkedinIdentity({ linkedinUrl: undefined, page: 'salesnav_lead', salesNavigatorId: 'ACwAAA1' }));
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
    await userEvent.click(screen.getByText('Already a lead under another email or name? Search'));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search leads' }), 'doe{Enter}');
    const results = await screen.findByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('button', { name: /Jane Doe/ }));
    expect(await screen.findByText('jane@old-job.io')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back to the person on this page' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Not a lead yet' })).toBeTruthy();
  });

  it('renders a hostile name from the page as literal text, in the facts and the form', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = showPerson(linkedinIdentity({ name: hostile, company: '<script>x()</script>' }));
    await screen.findByRole('heading', { level: 2, name: 'Not a lead yet' });
    expect(screen.getByText(hostile, { selector: 'dd' })).toBeTruthy();
    expect(field('Name').value).toBe(hostile);
    expect(container.querySelector('img, script')).toBeNull();
  });
});

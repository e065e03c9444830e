import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from '../../../components/popup/Queue';
import type { Lead } from '../../../lib/domain/lead';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';

const HOUR = 3_600_000;
let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const now = () => NOW;
const showQueue = (limit?: number) =>
  render(<Queue repos={ctx} now={now} limit={limit} locale="en-GB" timeZone="UTC" />);

const mql = (name: string, mqlAt: number, person: Partial<Lead['person']> = {}) =>
  ctx.leads.create(
    makeLead({
      person: { name, emails: [`${name.toLowerCase().replace(/\W/g, '')}@acme.io`], ...person },
      stage: 'mql',
      times: { createdAt: mqlAt - DAY, mqlAt },
    }),
  );

const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('link')
    .map((a) => a.querySelector('.queue-name')?.textContent);

describe('the popup queue', () => {
  it('lists waiting MQLs by SLA deadline, overdue first and marked in words, with the counts', async () => {
    await mql('Fresh', NOW - HOUR, { title: 'VP Sales' });
    // Tuesday 12:00 + 24 business hours = Friday 12:00: overdue on Monday.
    await mql('Late', NOW - 6 * DAY);
    await ctx.leads.create(makeLead({ stage: 'sql', times: { createdAt: NOW - DAY, sqlAt: NOW } }));
    showQueue();

    const list = await screen.findByRole('list', { name: 'Waiting for first touch' });
    expect(names(list)).toEqual(['Late', 'Fresh']);
    const [late, fresh] = within(list).getAllByRole('listitem');
    expect(late?.textContent).toContain('Overdue was due Fri, 20 Nov 2026, 12:00');
    expect(within(late as HTMLElement).getByText('Overdue')).toBeTruthy();
    expect(fresh?.textContent).toContain('due Thu, 26 Nov 2026, 11:00');
    expect(fresh?.textContent).toContain('VP Sales at Acme');
    expect(screen.getByTestId('queue-counts').textContent).toBe(
      '2 waiting for first touch · 1 overdue · 0 due today · 0 to revisit',
    );
  });

  it('links each lead to its LinkedIn profile, or to a LinkedIn search for it', async () => {
    await mql('Dana Whitfield', NOW - HOUR, { linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield/' });
    await mql('No Profile', NOW - 2 * HOUR);
    showQueue();
    const list = await screen.findByRole('list', { name: 'Waiting for first touch' });
    const [noProfile, dana] = within(list).getAllByRole('link');
    expect(dana?.getAttribute('href')).toBe('https://www.linkedin.com/in/dana-whitfield/');
    expect(dana?.getAttribute('target')).toBe('_blank');
    expect(noProfile?.getAttribute('href')).toBe(
      'https://www.linkedin.com/search/results/people/?keywords=No%20Profile%20Acme',
    );
    expect(noProfile?.textContent).toContain('(search on LinkedIn)');
  });

  it('lists recycled leads due for revisit, and follows a change made elsewhere', async () => {
    showQueue();
    expect(await screen.findByText('No recycled lead is due for a revisit.')).toBeTruthy();
    await ctx.leads.create(
      makeLead({
        person: { name: 'Back Again' },
        stage: 'recycled',
        times: { createdAt: NOW - 120 * DAY, recycledAt: NOW - 90 * DAY },
        revisitAt: NOW - DAY,
      }),
    );
    const list = await screen.findByRole('list', { name: 'Due for revisit' });
    expect(list.textContent).toContain('Back Again');
    expect(list.textContent).toContain('revisit since 22 Nov 2026');
  });

  it('shows the most urgent few and says how many more wait', async () => {
    for (const minutes of [30, 60, 90, 120]) await mql(`Lead ${minutes}`, NOW - minutes * 60_000);
    showQueue(3);
    const list = await screen.findByRole('list', { name: 'Waiting for first touch' });
    expect(names(list)).toEqual(['Lead 120', 'Lead 90', 'Lead 60']);
    expect(screen.getByText('and 1 more')).toBeTruthy();
    expect(screen.getByTestId('queue-counts').textContent).toMatch(/^4 waiting/);
  });

  it('says so when there is nothing to do', async () => {
    showQueue();
    expect(await screen.findByText('No MQL is waiting for a first touch.')).toBeTruthy();
  });

  it('renders a hostile name as text', async () => {
    await mql('<img src=x onerror=alert(1)>', NOW - HOUR);
    showQueue();
    const list = await screen.findByRole('list', { name: 'Waiting for first touch' });
    expect(list.querySelector('img')).toBeNull();
    expect(list.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

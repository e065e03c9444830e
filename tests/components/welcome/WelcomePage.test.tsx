import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSampleData } from '../../../lib/db/sample';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { NOW, makeLead } from '../../support/factories';
import { description } from '../options/render';
import { OPTIONS_URL, openWelcome } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const form = () => screen.getByRole('form', { name: 'Who you are' });
const nameInput = () => within(form()).getByLabelText('Your name') as HTMLInputElement;
const emailInput = () => within(form()).getByLabelText('Your email') as HTMLInputElement;
const domains = () => within(form()).getByRole('group', { name: 'Company domains' });
const domainItems = () =>
  within(domains())
    .queryAllByRole('listitem')
    .map((li) => li.firstChild?.textContent);
const save = () => userEvent.click(within(form()).getByRole('button', { name: 'Save' }));

describe('the welcome page', () => {
  it('asks who the rep is, says what is kept where and why each permission, and offers two ways on', async () => {
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Handoff' })).toBeTruthy();
    expect(nameInput().value).toBe('');
    expect(screen.getByText(/stays in this browser's own database \(IndexedDB\)/)).toBeTruthy();
    expect(screen.getByText(/Nothing leaves this browser unless your team turns on team sync/)).toBeTruthy();
    const permissions = within(screen.getByRole('list', { name: 'What Handoff is allowed to do' }));
    expect(permissions.getAllByRole('listitem').map((li) => li.textContent?.split(':')[0])).toEqual([
      'Storage',
      'Alarms',
      'Scripting',
      expect.stringMatching(/^Read www\.linkedin\.com, mail\.google\.com, outlook\.office\.com/),
      "Your team's sync server (optional)",
    ]);
    expect(await screen.findByRole('button', { name: 'Load sample data' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Import your leads from a CSV' }).getAttribute('href')).toBe(
      `${OPTIONS_URL}#import`,
    );
  });

  it('saves name, email and the domain the email pre-filled, keeping the other settings', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, scoringModel: { ...DEFAULT_SETTINGS.scoringModel, threshold: 45 } });
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    await userEvent.type(nameInput(), 'Sam Seller');
    await userEvent.type(emailInput(), 'Sam@Seller.io');
    // The work email's domain fills the company domains as it is typed.
    expect(domainItems()).toEqual(['seller.io']);
    await save();

    expect((await screen.findByText(/^Saved\./)).textContent).toBe(
      'Saved. Your decisions and calls are signed Sam Seller (sam@seller.io).',
    );
    const stored = await ctx.settings.get();
    expect(stored.rep).toEqual({ name: 'Sam Seller', email: 'sam@seller.io' });
    expect(stored.companyDomains).toEqual(['seller.io']);
    expect(stored.scoringModel.threshold).toBe(45);
  });

  it('stops following the email once the rep edits the domains, and skips personal mail domains', async () => {
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    await userEvent.type(emailInput(), 'sam@gmail.com');
    expect(domainItems()).toEqual([]);
    await userEvent.clear(emailInput());
    await userEvent.type(emailInput(), 'sam@seller.io');
    expect(domainItems()).toEqual(['seller.io']);
    await userEvent.click(within(domains()).getByRole('button', { name: 'Remove seller.io' }));
    await userEvent.type(within(domains()).getByLabelText('Add domain'), 'seller-eu.com{Enter}');
    await userEvent.clear(emailInput());
    await userEvent.type(emailInput(), 'sam@other.io');
    expect(domainItems()).toEqual(['seller-eu.com']);
  });

  it('keeps the stored domains of a rep who comes back to the page', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam' }, companyDomains: ['seller.io'] });
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    expect(nameInput().value).toBe('Sam');
    await userEvent.type(emailInput(), 'sam@elsewhere.com');
    expect(domainItems()).toEqual(['seller.io']);
  });

  it('asks for the name next to the field, focuses it, and saves nothing', async () => {
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    await save();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not saved: fix the field marked above, then Save again.',
    );
    expect(nameInput().getAttribute('aria-invalid')).toBe('true');
    expect(description(nameInput())).toBe('Type your name: it signs the decisions and calls you log.');
    expect(document.activeElement).toBe(nameInput());
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);

    // The message follows the fix.
    await userEvent.type(nameInput(), 'Sam');
    expect(nameInput().getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('alert').textContent).toBe('All fixed: press Save again.');
  });

  it('refuses a bad email with the schema, next to the field', async () => {
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    await userEvent.type(nameInput(), 'Sam');
    await userEvent.type(emailInput(), 'sam@');
    await save();
    await screen.findByRole('alert');
    expect(emailInput().getAttribute('aria-invalid')).toBe('true');
    expect(description(emailInput())).toMatch(/^Invalid email address /);
    expect(document.activeElement).toBe(emailInput());
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('says in words when the settings cannot be written, and keeps what was typed', async () => {
    const failing = { ...ctx, settings: { get: ctx.settings.get.bind(ctx.settings), save: vi.fn() } };
    failing.settings.save.mockRejectedValue(new Error('QuotaExceededError: disk full'));
    await openWelcome({ repos: failing as unknown as typeof ctx, loadSample: vi.fn() });
    await userEvent.type(nameInput(), 'Sam');
    await save();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not save: QuotaExceededError: disk full. What you typed is still here; try Save again.',
    );
    expect(nameInput().value).toBe('Sam');
  });

  it('loads the sample leads into an empty database', async () => {
    await openWelcome({ repos: ctx, loadSample: () => loadSampleData(ctx, { now: NOW }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Load sample data' }));
    // Sample loading writes thousands of rows on fake-indexeddb: a generous wait, not a timing assertion.
    expect((await screen.findByText(/^Loaded 100 sample leads\./, {}, { timeout: 60_000 })).textContent).toMatch(
      /toolbar/,
    );
    const counts = await ctx.leads.countByStage();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(100);
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
  }, 90_000);

  it('offers no sample data once there are leads, and says why a load failed', async () => {
    const loadSample = vi.fn().mockRejectedValueOnce(new Error('disk full'));
    const rendered = await openWelcome({ repos: ctx, loadSample });
    await userEvent.click(await screen.findByRole('button', { name: 'Load sample data' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not load the sample data \(disk full\)/);
    rendered.unmount();

    await ctx.leads.create(makeLead({ stage: 'mql' }));
    await openWelcome({ repos: ctx, loadSample });
    expect(await screen.findByText('1 lead is already in this browser.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
  });

  it('works by keyboard: fields, save, then the ways on, in page order; Enter saves', async () => {
    await openWelcome({ repos: ctx, loadSample: vi.fn() });
    await screen.findByRole('button', { name: 'Load sample data' });
    const order = [
      nameInput(),
      emailInput(),
      within(domains()).getByLabelText('Add domain'),
      within(domains()).getByRole('button', { name: 'Add domain' }),
      within(form()).getByRole('button', { name: 'Save' }),
      screen.getByRole('button', { name: 'Load sample data' }),
      screen.getByRole('link', { name: 'Import your leads from a CSV' }),
    ];
    for (const element of order) {
      await userEvent.tab();
      expect(document.activeElement).toBe(element);
    }

    nameInput().focus();
    await userEvent.keyboard('Sam{Enter}');
    await screen.findByText(/^Saved\./);
    await waitFor(async () => expect((await ctx.settings.get()).rep.name).toBe('Sam'));
  });
});

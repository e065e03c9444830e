import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupRepositories } from '../../support/db';
import { makeLead } from '../../support/factories';
import { linkedinIdentity, renderSidebar } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe('Sidebar states', () => {
  it('is a complementary landmark named Handoff', () => {
    renderSidebar({ repos: ctx, state: { kind: 'loading' } });
    expect(screen.getByRole('complementary', { name: 'Handoff' })).toBeTruthy();
  });

  it('collapses from a keyboard-reachable button when the host allows it', async () => {
    const onCollapse = vi.fn();
    const { unmount } = renderSidebar({ repos: ctx, state: { kind: 'none' }, onCollapse });
    await userEvent.tab();
    const button = screen.getByRole('button', { name: 'Collapse the sidebar' });
    expect(document.activeElement).toBe(button);
    await userEvent.keyboard('{Enter}');
    expect(onCollapse).toHaveBeenCalledTimes(1);
    unmount();
    renderSidebar({ repos: ctx, state: { kind: 'none' } });
    expect(screen.queryByRole('button', { name: 'Collapse the sidebar' })).toBeNull();
  });

  it('offers the other host from the header: the side panel from the frame, the page from the panel', async () => {
    const onMove = vi.fn();
    const { rerenderSidebar } = renderSidebar({
      repos: ctx,
      state: { kind: 'none' },
      placement: { mode: 'frame', onMove },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Show in the side panel' }));
    expect(onMove).toHaveBeenCalledTimes(1);
    rerenderSidebar({ repos: ctx, state: { kind: 'none' }, placement: { mode: 'panel', onMove } });
    expect(screen.queryByRole('button', { name: 'Show in the side panel' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show beside the page' }));
    expect(onMove).toHaveBeenCalledTimes(2);
    // No site of ours, or no side panel in this browser: the host gives none, and there is no control.
    rerenderSidebar({ repos: ctx, state: { kind: 'none' } });
    expect(screen.queryByRole('button', { name: /^Show (in the side panel|beside the page)$/ })).toBeNull();
  });

  it('asks the rep for their name while decisions would be recorded without it, and stops once given', async () => {
    renderSidebar({ repos: ctx, state: { kind: 'none' } });
    const notice = await screen.findByTestId('who-am-i');
    const link = within(notice).getByRole('link', { name: 'Add your name and work email' });
    expect(link.getAttribute('href')).toMatch(/welcome\.html$/);
    expect(link.getAttribute('target')).toBe('_blank');
    const settings = await ctx.settings.get();
    await ctx.settings.save({ ...settings, rep: { name: 'Sam Seller' } });
    await vi.waitFor(() => expect(screen.queryByTestId('who-am-i')).toBeNull());
  });

  it('loading: says it is reading the page', () => {
    renderSidebar({ repos: ctx, state: { kind: 'loading' } });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Reading the page…');
    expect(status.getAttribute('aria-busy')).toBe('true');
  });

  it('person: shows a lookup in progress, then the result', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Jane Doe', emails: ['jane@acme.io'] } }));
    renderSidebar({ repos: ctx, state: { kind: 'person', identity: linkedinIdentity({ emails: ['jane@acme.io'] }) } });
    expect(screen.getByText('Looking up Jane Doe…')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
  });

  it('none: explains, and the search opens a lead found by name', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Zoë Quinn', emails: ['zoe@acme.io'] }, stage: 'mql' }));
    await ctx.leads.create(makeLead({ person: { name: 'Bob Stone', emails: ['bob@acme.io'] } }));
    renderSidebar({ repos: ctx, state: { kind: 'none' } });
    expect(screen.getByRole('heading', { level: 2, name: 'Nobody on this page' })).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Search leads'), 'zoe{Enter}');
    expect(await screen.findByText('1 lead matches "zoe".')).toBeTruthy();
    const results = screen.getByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('button', { name: /Zoë Quinn/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Zoë Quinn' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Back to search results' }));
    expect(screen.getByRole('list', { name: 'Search results' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2, name: 'Zoë Quinn' })).toBeNull();
  });

  it('failed: says the page could not be read, why, and searches by email and LinkedIn URL', async () => {
    await ctx.leads.create(
      makeLead({
        person: { name: 'Jane Doe', emails: ['jane.doe@acme.io'], linkedinUrl: 'linkedin.com/in/jane-doe' },
      }),
    );
    renderSidebar({ repos: ctx, state: { kind: 'failed', reason: 'The profile name was not found.' } });
    expect(screen.getByRole('heading', { level: 2, name: "Couldn't read this page" })).toBeTruthy();
    expect(screen.getByText('The profile name was not found.')).toBeTruthy();

    const box = screen.getByLabelText('Search leads');
    await userEvent.type(box, 'Jane.Doe+news@ACME.io{Enter}');
    expect(await screen.findByText('1 lead matches "Jane.Doe+news@ACME.io".')).toBeTruthy();

    await userEvent.clear(box);
    await userEvent.type(box, 'https://de.linkedin.com/in/Jane-Doe/?locale=de{Enter}');
    expect(await screen.findByText(/^1 lead matches "https:\/\/de\.linkedin/)).toBeTruthy();

    await userEvent.clear(box);
    await userEvent.type(box, 'nobody@nowhere.io{Enter}');
    expect(await screen.findByText('No lead matches "nobody@nowhere.io".')).toBeTruthy();
  });

  it('failed: uses the search the host provides instead of the built-in one', async () => {
    const onSearch = vi.fn().mockResolvedValue([makeLead({ person: { name: 'From the host' } })]);
    renderSidebar({ repos: ctx, state: { kind: 'failed', reason: 'x' }, onSearch });
    await userEvent.type(screen.getByLabelText('Search leads'), 'host{Enter}');
    expect(await screen.findByRole('button', { name: /From the host/ })).toBeTruthy();
    expect(onSearch).toHaveBeenCalledWith('host');
  });

  it('error: shows the message and a Retry that asks the host to retry', async () => {
    const onRetry = vi.fn();
    renderSidebar({ repos: ctx, state: { kind: 'error', message: 'Lost the connection to the extension.' }, onRetry });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Lost the connection to the extension.')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('error: no Retry button when the host cannot retry', () => {
    renderSidebar({ repos: ctx, state: { kind: 'error', message: 'Broken.' } });
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows a failing live query as an error with Retry, not a blank frame', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await ctx.leads.create(makeLead({ person: { emails: ['jane@acme.io'] } }));
    // A settings row an older release wrote, that no longer parses.
    await ctx.db.settings.put({ key: 'settings', value: { version: 1, framework: 'nope' }, updatedAt: 0 } as never);
    const onRetry = vi.fn();
    renderSidebar({
      repos: ctx,
      state: { kind: 'person', identity: linkedinIdentity({ emails: ['jane@acme.io'] }) },
      onRetry,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Invalid settings: framework/);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('follows the page: a new state replaces the old view', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Jane Doe', emails: ['jane@acme.io'] } }));
    await ctx.leads.create(makeLead({ person: { name: 'Bob Stone', emails: ['bob@acme.io'] } }));
    const { rerenderSidebar } = renderSidebar({
      repos: ctx,
      state: { kind: 'person', identity: linkedinIdentity({ emails: ['jane@acme.io'] }) },
    });
    await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
    rerenderSidebar({
      repos: ctx,
      state: { kind: 'person', identity: linkedinIdentity({ name: 'Bob Stone', emails: ['bob@acme.io'] }) },
    });
    // Never Jane's lead under Bob's page, not even for a frame.
    expect(screen.queryByRole('heading', { level: 2, name: 'Jane Doe' })).toBeNull();
    expect(await screen.findByRole('heading', { level: 2, name: 'Bob Stone' })).toBeTruthy();
    rerenderSidebar({ repos: ctx, state: { kind: 'loading' } });
    expect(screen.queryByRole('heading', { level: 2, name: 'Bob Stone' })).toBeNull();
  });
});

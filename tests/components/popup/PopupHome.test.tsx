import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupHome } from '../../../components/popup/PopupHome';
import { loadSampleData } from '../../../lib/db/sample';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe('PopupHome', () => {
  it('offers sample data on an empty database and shows the counts live once loaded', async () => {
    render(<PopupHome repos={ctx} loadSample={() => loadSampleData(ctx, { now: NOW })} now={() => NOW} />);
    expect(await screen.findByText('0 leads in this browser')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Load sample data' }));
    expect(await screen.findByText('100 leads in this browser', {}, { timeout: 10_000 })).toBeTruthy();
    // The offer goes once there is data; the stage breakdown appears.
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
    expect(screen.getByText('MQLs')).toBeTruthy();
    // The day's plan leads the popup once there is data, each list counted in its heading.
    expect(await screen.findByRole('heading', { name: /^First touch due \d+/ }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Next steps due \d+/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Waiting for a verdict \d+/ })).toBeTruthy();
    // Loading 100 leads and reading the plan is slow on a busy machine; the waits above bound it.
  }, 30_000);

  it('opens the side panel from its own button', async () => {
    const onOpenPanel = vi.fn();
    render(<PopupHome repos={ctx} loadSample={vi.fn()} onOpenPanel={onOpenPanel} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Open the side panel' }));
    expect(onOpenPanel).toHaveBeenCalledTimes(1);
  });

  it('follows changes made elsewhere (another tab, an import) without a reload', async () => {
    render(<PopupHome repos={ctx} loadSample={vi.fn()} />);
    await screen.findByText('0 leads in this browser');
    await ctx.leads.create(makeLead({ stage: 'mql' }));
    expect(await screen.findByText('1 lead in this browser')).toBeTruthy();
  });

  it('says what went wrong when the sample cannot be loaded, and lets the rep retry', async () => {
    const loadSample = vi.fn().mockRejectedValueOnce(new Error('QuotaExceededError: disk full'));
    render(<PopupHome repos={ctx} loadSample={loadSample} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Load sample data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not load the sample data: QuotaExceededError: disk full',
    );
    expect(screen.getByRole('button', { name: 'Load sample data' }).hasAttribute('disabled')).toBe(false);
  });
});

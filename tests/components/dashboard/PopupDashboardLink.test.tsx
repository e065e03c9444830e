import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupHome } from '../../../components/popup/PopupHome';
import { setupRepositories } from '../../support/db';

// The popup's way in to the dashboard. Kept here, not in the popup's tests, while the popup is reworked.
let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe("the popup's Dashboard link", () => {
  it('opens the dashboard', async () => {
    const onOpenDashboard = vi.fn();
    render(<PopupHome repos={ctx} loadSample={vi.fn()} onOpenDashboard={onOpenDashboard} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Dashboard' }));
    expect(onOpenDashboard).toHaveBeenCalledOnce();
  });

  it('is not shown without a way to open the page', async () => {
    render(<PopupHome repos={ctx} loadSample={vi.fn()} />);
    await screen.findByText('0 leads in this browser');
    expect(screen.queryByRole('button', { name: 'Dashboard' })).toBeNull();
  });
});

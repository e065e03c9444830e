import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupHome } from '../../../components/popup/PopupHome';
import { setupRepositories } from '../../support/db';

// The popup's way in to this page. Kept here, not in the popup's tests, while the popup is reworked.
let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe("the popup's Settings link", () => {
  it('opens the options page', async () => {
    const onOpenSettings = vi.fn();
    render(<PopupHome repos={ctx} loadSample={vi.fn()} onOpenSettings={onOpenSettings} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  it('is not shown without a way to open the page', async () => {
    render(<PopupHome repos={ctx} loadSample={vi.fn()} />);
    await screen.findByText('0 leads in this browser');
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
  });
});

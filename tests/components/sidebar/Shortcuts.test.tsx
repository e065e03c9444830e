import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { linkedinIdentity, renderSidebar } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(async () => {
  ctx = setupRepositories();
  await ctx.leads.create(
    makeLead({
      stage: 'mql',
      times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY },
      person: { name: 'Jane Doe', emails: ['jane@acme.io'] },
    }),
  );
  renderSidebar({ repos: ctx, state: { kind: 'person', identity: linkedinIdentity({ emails: ['jane@acme.io'] }) } });
  await screen.findByRole('heading', { level: 2, name: 'Jane Doe' });
  await screen.findByRole('button', { name: 'Accept as SQL' });
});
afterEach(() => ctx.db.close());

describe('sidebar keyboard shortcuts', () => {
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

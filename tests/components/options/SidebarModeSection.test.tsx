import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupRepositories } from '../../support/db';
import { control, openOptions, reopen, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const where = () => section('Where the sidebar shows');
const site = (name: string) => control<HTMLSelectElement>(where(), name);

describe('where the sidebar shows', () => {
  it('defaults to the side panel on LinkedIn, saying why, and beside the page on Gmail and Outlook', async () => {
    await openOptions(ctx);
    expect([site('LinkedIn').value, site('Gmail').value, site('Outlook').value]).toEqual(['panel', 'frame', 'frame']);
    expect(where().textContent).toContain(
      "LinkedIn's user agreement forbids overlaying or modifying its pages, and accounts get restricted for it",
    );
  });

  it('is changed per site and saved; the page shows it again', async () => {
    const rendered = await openOptions(ctx);
    await userEvent.selectOptions(site('LinkedIn'), 'Beside the page');
    await userEvent.selectOptions(site('Gmail'), "In the browser's side panel");
    await saveSettings();
    expect((await ctx.settings.get()).sidebarMode).toEqual({ linkedin: 'frame', gmail: 'panel', outlook: 'frame' });
    await reopen(rendered, ctx);
    expect([site('LinkedIn').value, site('Gmail').value]).toEqual(['frame', 'panel']);
  });
});

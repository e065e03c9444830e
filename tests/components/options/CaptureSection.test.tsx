import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupRepositories } from '../../support/db';
import { control, description, openOptions, reopen, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const optIn = () => control(section('Captured engagement'), 'Log my views of known leads as engagement');

describe('captured engagement', () => {
  it('is off by default and says what it does', async () => {
    await openOptions(ctx);
    expect(optIn().checked).toBe(false);
    expect(description(optIn())).toBe(
      `When you open a known lead's LinkedIn profile or an email thread with them, Handoff adds a "viewed" event to their timeline, at most once per lead per day; it never records anything about people who are not leads.`,
    );
  });

  it('is switched on from the keyboard and saved; the page shows it again', async () => {
    const rendered = await openOptions(ctx);
    optIn().focus();
    await userEvent.keyboard(' ');
    expect(optIn().checked).toBe(true);
    await saveSettings();
    expect((await ctx.settings.get()).captureEngagement).toBe(true);
    await reopen(rendered, ctx);
    expect(optIn().checked).toBe(true);
  });
});

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
const touches = () => control(section('Captured engagement'), 'Log what I send to known leads as touches');

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

  it('has its own opt-in for touches that log themselves: off by default, saying what it keeps', async () => {
    const rendered = await openOptions(ctx);
    expect(touches().checked).toBe(false);
    expect(description(touches())).toBe(
      'When you send a known lead an email from Gmail or Outlook, or a LinkedIn message or connection request, Handoff logs a touch (the first one stops the SLA clock). It keeps the kind and the time, never the message, and nothing about people who are not leads.',
    );
    await userEvent.click(touches());
    expect(optIn().checked).toBe(false);
    await saveSettings();
    expect(await ctx.settings.get()).toMatchObject({ captureTouches: true, captureEngagement: false });
    await reopen(rendered, ctx);
    expect(touches().checked).toBe(true);
  });
});

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPTIONS_SECTIONS } from '../../../components/options/OptionsPage';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { control, openOptions, reopen, saveSettings, saveState, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const thresholdInput = () => control(section('Scoring model'), 'MQL threshold');

function leavePage(): Event {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event;
}

describe('the options page', () => {
  it('shows every section, with a nav that links to each', async () => {
    await openOptions(ctx);
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    // The section list; the nav's other links (privacy policy, welcome page) come after it.
    const links = within(within(nav).getByRole('list')).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual(
      OPTIONS_SECTIONS.map((s) => [s.title, `#${s.id}`]),
    );
    // Who the rep is comes first (issue 15: the name field was fifth, under the scoring editor).
    expect(OPTIONS_SECTIONS[0]?.id).toBe('identity');
    expect(within(nav).getByRole('link', { name: 'Show the welcome page' }).getAttribute('href')).toBe('/welcome.html');
    for (const { title, id } of OPTIONS_SECTIONS) expect(screen.getByRole('region', { name: title }).id).toBe(id);
    expect(saveState()).toBe('All changes saved');
  });

  it('starts from the stored settings', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, scoringModel: { ...DEFAULT_SETTINGS.scoringModel, threshold: 45 } });
    await openOptions(ctx);
    const threshold = thresholdInput();
    expect(threshold.value).toBe('45');
  });

  it('marks unsaved changes in the save bar, the section and the nav, and asks before leaving', async () => {
    await openOptions(ctx);
    const threshold = thresholdInput();
    expect(leavePage().defaultPrevented).toBe(false);

    await userEvent.clear(threshold);
    await userEvent.type(threshold, '70');
    expect(saveState()).toBe('Unsaved changes');
    expect(within(section('Scoring model')).getByText('Unsaved')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(within(nav).getByRole('link', { name: 'Scoring model • (unsaved changes)' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'SLA and business hours' })).toBeTruthy();
    expect(leavePage().defaultPrevented).toBe(true);

    // Typed back to what is stored: nothing left unsaved.
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '60');
    expect(saveState()).toBe('All changes saved');
    expect(leavePage().defaultPrevented).toBe(false);
  });

  it('saves the draft, which the page shows again when reopened', async () => {
    const rendered = await openOptions(ctx);
    const threshold = thresholdInput();
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '70');
    await saveSettings();
    expect(leavePage().defaultPrevented).toBe(false);
    expect((await ctx.settings.get()).scoringModel.threshold).toBe(70);

    await reopen(rendered, ctx);
    expect(thresholdInput().value).toBe('70');
  });

  it('saves with Ctrl+S', async () => {
    await openOptions(ctx);
    const threshold = thresholdInput();
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '65');
    await userEvent.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved.');
    expect((await ctx.settings.get()).scoringModel.threshold).toBe(65);
  });

  it('refuses an invalid draft: nothing is written, each problem is next to its field and listed with a link', async () => {
    await openOptions(ctx);
    const threshold = thresholdInput();
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '0');
    const hours = control(section('SLA and business hours'), 'First touch within (business hours)');
    await userEvent.clear(hours);
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved: 2 settings need fixing. Nothing was changed.');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['MQL threshold: Must be at least 1', 'First touch within (business hours): Enter a number']);
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    // The first problem takes the focus; the link of the second leads to it.
    expect(document.activeElement).toBe(threshold);
    await userEvent.click(within(alert).getByRole('link', { name: 'First touch within (business hours)' }));
    expect(document.activeElement).toBe(hours);

    // Fixed fields lose their error as the rep types; the list follows.
    await userEvent.type(hours, '16');
    expect(hours.getAttribute('aria-invalid')).toBe('false');
    expect(within(alert).getAllByRole('listitem')).toHaveLength(1);
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '50');
    expect(screen.getByRole('alert').textContent).toBe('All problems are fixed: save again.');
    await saveSettings();
    expect((await ctx.settings.get()).sla.firstTouchBusinessHours).toBe(16);
  });

  it('resets one section to its defaults, with undo', async () => {
    await ctx.settings.save({
      ...DEFAULT_SETTINGS,
      captureEngagement: true,
      sla: { ...DEFAULT_SETTINGS.sla, firstTouchBusinessHours: 8 },
    });
    await openOptions(ctx);
    const sla = section('SLA and business hours');
    const hours = control(sla, 'First touch within (business hours)');
    expect(hours.value).toBe('8');
    // Sections already at their defaults have nothing to reset.
    expect(
      (within(section('Rejection reasons')).getByRole('button', { name: /Reset to defaults/ }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);

    await userEvent.click(within(sla).getByRole('button', { name: 'Reset to defaults (SLA and business hours)' }));
    expect(hours.value).toBe('24');
    // Only that section: the capture opt-in stays on.
    expect(control(section('Captured engagement'), 'Log my views of known leads as engagement').checked).toBe(true);
    expect(screen.getByText('SLA and business hours: reset to defaults.')).toBeTruthy();
    expect((await ctx.settings.get()).sla.firstTouchBusinessHours).toBe(8);

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(hours.value).toBe('8');
    expect(saveState()).toBe('All changes saved');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('offers Undo of a reset only until that section is edited again', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, sla: { ...DEFAULT_SETTINGS.sla, firstTouchBusinessHours: 8 } });
    await openOptions(ctx);
    const sla = section('SLA and business hours');
    await userEvent.click(within(sla).getByRole('button', { name: 'Reset to defaults (SLA and business hours)' }));
    // An edit elsewhere keeps it.
    await userEvent.click(control(section('Captured engagement'), 'Log my views of known leads as engagement'));
    expect(screen.getByText('Undo', { selector: 'button' })).toBeTruthy();
    // An edit of the reset section drops it: undoing would throw that edit away.
    await userEvent.type(control(sla, 'First touch within (business hours)'), '0');
    expect(screen.queryByText('Undo', { selector: 'button' })).toBeNull();
    expect(control(sla, 'First touch within (business hours)').value).toBe('240');
  });

  it('discards unsaved changes, with undo', async () => {
    await openOptions(ctx);
    const threshold = thresholdInput();
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '75');
    await userEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(threshold.value).toBe('60');
    expect(saveState()).toBe('All changes saved');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(threshold.value).toBe('75');
  });

  it('takes settings saved in another window, and warns instead when it has unsaved edits', async () => {
    await openOptions(ctx);
    const threshold = thresholdInput();
    await act(() => ctx.settings.save({ ...DEFAULT_SETTINGS, captureEngagement: true }));
    const capture = control(section('Captured engagement'), 'Log my views of known leads as engagement');
    await waitFor(() => expect(capture.checked).toBe(true));
    expect(saveState()).toBe('All changes saved');

    await userEvent.clear(threshold);
    await userEvent.type(threshold, '70');
    await act(() => ctx.settings.save({ ...DEFAULT_SETTINGS, captureEngagement: false }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The settings were saved in another window while you edited here.',
    );
    expect(threshold.value).toBe('70');
    expect(capture.checked).toBe(true);
  });

  it('says when the stored settings cannot be read, and lets the rep save valid ones over them', async () => {
    await ctx.db.settings.put({ key: 'settings', value: { version: 99 } as never, updatedAt: 0 });
    await openOptions(ctx);
    expect((await screen.findByRole('alert')).textContent).toContain('The stored settings could not be read');
    await saveSettings();
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('reaches every control with the keyboard, in page order', async () => {
    await openOptions(ctx);
    const threshold = thresholdInput();
    const save = screen.getByRole('button', { name: 'Save settings' });
    save.focus();
    await userEvent.tab();
    // Discard and the first section's reset are disabled (nothing unsaved, already the defaults):
    // the first control is the rep's name, then on through the page.
    expect(document.activeElement).toBe(control(section('You and your company'), 'Your name'));
    fireEvent.change(threshold, { target: { value: '' } });
    await userEvent.type(threshold, '61');
    save.focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByText('Saved.');
    expect((await ctx.settings.get()).scoringModel.threshold).toBe(61);
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timeZoneOptions } from '../../../components/options/SlaSection';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { button, control, description, group, openOptions, reopen, retype, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const sla = () => section('SLA and business hours');
const holidays = () => group(sla(), 'Holidays');

describe('SLA and business hours', () => {
  it('saves the first-touch hours and the calendar; the page shows them again', async () => {
    const rendered = await openOptions(ctx);
    await retype(control(sla(), 'First touch within (business hours)'), '8');
    await retype(control(sla(), 'High-intent first touch within (business hours)'), '0.5');
    await userEvent.selectOptions(
      control<HTMLSelectElement>(sla(), 'Verdict within (business days of the first touch)'),
      '3',
    );
    await userEvent.selectOptions(control<HTMLSelectElement>(sla(), 'Time zone'), 'Europe/Berlin');
    const workdays = group(sla(), 'Workdays');
    await userEvent.click(control(workdays, 'Fri'));
    await userEvent.click(control(workdays, 'Sun'));
    fireEvent.change(control(sla(), 'Working day starts'), { target: { value: '08:30' } });
    fireEvent.change(control(sla(), 'Working day ends'), { target: { value: '16:30' } });
    const addHoliday = control(holidays(), 'Add holiday');
    fireEvent.change(addHoliday, { target: { value: '2026-12-25' } });
    await userEvent.click(button(holidays(), 'Add holiday'));
    fireEvent.change(addHoliday, { target: { value: '2026-12-24' } });
    // Enter adds too.
    addHoliday.focus();
    await userEvent.keyboard('{Enter}');
    await saveSettings();

    expect((await ctx.settings.get()).sla).toEqual({
      firstTouchBusinessHours: 8,
      highIntentBusinessHours: 0.5,
      verdictBusinessDays: 3,
      calendar: {
        timeZone: 'Europe/Berlin',
        workdays: [0, 1, 2, 3, 4],
        dayStart: '08:30',
        dayEnd: '16:30',
        holidays: ['2026-12-24', '2026-12-25'],
      },
    });

    await reopen(rendered, ctx);
    expect(control<HTMLSelectElement>(sla(), 'Time zone').value).toBe('Europe/Berlin');
    expect(
      within(holidays())
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['2026-12-24', '2026-12-25']);
    expect((control(group(sla(), 'Workdays'), 'Sun') as HTMLInputElement).checked).toBe(true);
  });

  it('removes a holiday', async () => {
    await ctx.settings.save({
      ...DEFAULT_SETTINGS,
      sla: { ...DEFAULT_SETTINGS.sla, calendar: { ...DEFAULT_SETTINGS.sla.calendar, holidays: ['2026-12-25'] } },
    });
    await openOptions(ctx);
    await userEvent.click(within(holidays()).getByRole('button', { name: 'Remove 2026-12-25' }));
    expect(within(holidays()).getByText('No holidays: every workday counts.')).toBeTruthy();
    // The focus goes to the add input, not lost to the page.
    expect(document.activeElement).toBe(control(holidays(), 'Add holiday'));
    await saveSettings();
    expect((await ctx.settings.get()).sla.calendar.holidays).toEqual([]);
  });

  it('refuses a day that ends before it starts and a week without workdays, next to each field', async () => {
    await openOptions(ctx);
    fireEvent.change(control(sla(), 'Working day ends'), { target: { value: '08:00' } });
    const workdays = group(sla(), 'Workdays');
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await userEvent.click(control(workdays, day));
    await userEvent.click(screen.getByText('Save settings', { selector: 'button' }));
    await screen.findByRole('alert');

    const end = control(sla(), 'Working day ends');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(description(end)).toBe('The working day must end after it starts');
    expect(description(workdays)).toBe('Add at least one');
    expect(control(workdays, 'Mon').getAttribute('aria-invalid')).toBe('true');
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('will not add the same holiday twice, or a blank one', async () => {
    await openOptions(ctx);
    const add = control(holidays(), 'Add holiday');
    await userEvent.click(button(holidays(), 'Add holiday'));
    expect(description(add)).toBe('Pick a date Days off in your time zone; the SLA clock skips them.');
    fireEvent.change(add, { target: { value: '2026-01-01' } });
    await userEvent.click(button(holidays(), 'Add holiday'));
    fireEvent.change(add, { target: { value: '2026-01-01' } });
    await userEvent.click(button(holidays(), 'Add holiday'));
    expect(add.getAttribute('aria-invalid')).toBe('true');
    expect(description(add)).toContain('2026-01-01 is already a holiday');
    expect(within(holidays()).getAllByRole('listitem')).toHaveLength(1);
  });
});

describe('timeZoneOptions', () => {
  it('offers the IANA zones plus UTC and the current value, sorted', () => {
    const zones = timeZoneOptions('Asia/Calcutta');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Asia/Calcutta');
    expect(zones).toEqual([...zones].sort());
  });
});

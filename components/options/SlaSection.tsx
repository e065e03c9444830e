import { useMemo } from 'react';
import type { Settings } from '../../lib/domain/settings';
import { CheckboxGroupField, Field, ItemListField, NumberField, type ParsedItem, TextField } from './fields';
import { errorAt } from './issues';
import type { SectionProps } from './section';

/** Monday first, as a work week reads; stored as the schema's 0 = Sunday ... 6 = Saturday. */
const WEEKDAYS: readonly { value: number; label: string }[] = [
  { value: 1, label: 'Mon' },
  { value: 2, label: 'Tue' },
  { value: 3, label: 'Wed' },
  { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' },
  { value: 6, label: 'Sat' },
  { value: 0, label: 'Sun' },
];

/**
 * The zones the time-zone select offers: the runtime's IANA list, plus UTC (the default,
 * which V8 leaves out of `supportedValuesOf`) and the current value if the list lacks it
 * (an alias such as Asia/Calcutta saved elsewhere), so the select never shows a wrong zone.
 */
export function timeZoneOptions(current: string): string[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort();
}

/** A holiday from a date input (`YYYY-MM-DD`). */
export function parseHoliday(text: string, existing: readonly string[]): ParsedItem {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: false, message: 'Pick a date' };
  if (existing.includes(text)) return { ok: false, message: `${text} is already a holiday` };
  return { ok: true, value: text };
}

type Calendar = Settings['sla']['calendar'];

/**
 * The speed-to-lead tiers (a high-intent request's hour, any other MQL's day, the verdict's
 * days after the first touch) and the business calendar their clocks run in.
 */
export function SlaSection({ draft, issues, update }: SectionProps) {
  const calendar = draft.sla.calendar;
  const zones = useMemo(() => timeZoneOptions(calendar.timeZone), [calendar.timeZone]);
  const setCalendar = (patch: Partial<Calendar>) =>
    update((d) => ({ ...d, sla: { ...d.sla, calendar: { ...d.sla.calendar, ...patch } } }));

  return (
    <>
      <NumberField
        path="sla.firstTouchBusinessHours"
        label="First touch within (business hours)"
        hint="Any other MQL. The clocks count only the business hours below (with 9:00-17:00 days, 24 hours is three working days)."
        min={0.5}
        max={720}
        step={0.5}
        issues={issues}
        value={draft.sla.firstTouchBusinessHours}
        onChange={(hours) => update((d) => ({ ...d, sla: { ...d.sla, firstTouchBusinessHours: hours ?? Number.NaN } }))}
      />
      <NumberField
        path="sla.highIntentBusinessHours"
        label="High-intent first touch within (business hours)"
        hint="A demo request, a pricing or contact form, a chat: the playbook answers these within the hour, MQL or not."
        min={0.25}
        max={720}
        step={0.25}
        issues={issues}
        value={draft.sla.highIntentBusinessHours}
        onChange={(hours) => update((d) => ({ ...d, sla: { ...d.sla, highIntentBusinessHours: hours ?? Number.NaN } }))}
      />
      <Field
        path="sla.verdictBusinessDays"
        label="Verdict within (business days of the first touch)"
        error={errorAt(issues, 'sla.verdictBusinessDays')}
      >
        {(control) => (
          <select
            {...control}
            value={draft.sla.verdictBusinessDays}
            onChange={(e) => update((d) => ({ ...d, sla: { ...d.sla, verdictBusinessDays: Number(e.target.value) } }))}
          >
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n} {n === 1 ? 'day' : 'days'}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path="sla.calendar.timeZone" label="Time zone" error={errorAt(issues, 'sla.calendar.timeZone')}>
        {(control) => (
          <select {...control} value={calendar.timeZone} onChange={(e) => setCalendar({ timeZone: e.target.value })}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckboxGroupField
        path="sla.calendar.workdays"
        legend="Workdays"
        issues={issues}
        options={WEEKDAYS}
        value={calendar.workdays}
        sort={(a, b) => a - b}
        onChange={(workdays) => setCalendar({ workdays })}
      />
      <div className="row">
        <TextField
          path="sla.calendar.dayStart"
          label="Working day starts"
          type="time"
          issues={issues}
          value={calendar.dayStart}
          onChange={(dayStart) => setCalendar({ dayStart })}
        />
        <TextField
          path="sla.calendar.dayEnd"
          label="Working day ends"
          type="time"
          issues={issues}
          value={calendar.dayEnd}
          onChange={(dayEnd) => setCalendar({ dayEnd })}
        />
      </div>
      <ItemListField
        path="sla.calendar.holidays"
        label="Holidays"
        addLabel="Add holiday"
        emptyText="No holidays: every workday counts."
        hint="Days off in your time zone; the SLA clock skips them."
        inputType="date"
        issues={issues}
        items={calendar.holidays}
        parse={parseHoliday}
        itemLabel={(date) => date}
        onChange={(holidays) => setCalendar({ holidays: [...holidays].sort() })}
      />
    </>
  );
}

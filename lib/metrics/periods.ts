import { localDate, wallTimeToInstant } from '../sla/business-hours';

/** Calendar periods the dashboard groups by: ISO weeks (Monday to Sunday) or months. */
export type PeriodUnit = 'week' | 'month';

/** One calendar period in a time zone, as instants: `[start, end)`. */
export interface Period {
  /** The local date it starts on: `YYYY-MM-DD` (a Monday) for a week, `YYYY-MM` for a month. */
  label: string;
  start: number;
  end: number;
}

/**
 * The period that contains `instant`, with its bounds at local midnight in `timeZone`: the
 * team's week, not UTC's. A week that spans a DST change is 167 or 169 hours long, and a
 * midnight that does not exist (a zone that springs forward at 00:00) starts at the first
 * instant of that day.
 */
export function periodOf(instant: number, unit: PeriodUnit, timeZone: string): Period {
  const [year, month, day] = localDate(instant, timeZone).split('-').map(Number) as [number, number, number];
  const first =
    unit === 'month'
      ? Date.UTC(year, month - 1, 1)
      : Date.UTC(year, month - 1, day - ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7));
  const next = new Date(first);
  if (unit === 'month') next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCDate(next.getUTCDate() + 7);
  const date = new Date(first).toISOString().slice(0, 10);
  return {
    label: unit === 'month' ? date.slice(0, 7) : date,
    start: wallTimeToInstant(`${date}T00:00`, timeZone),
    end: wallTimeToInstant(`${next.toISOString().slice(0, 10)}T00:00`, timeZone),
  };
}

/**
 * The periods that overlap `[from, to)`, in order; empty when `to <= from`. The first and
 * last keep their full calendar bounds: a caller that counts only inside `[from, to)`
 * shows a partial period, not a shifted one.
 */
export function periodsBetween(from: number, to: number, unit: PeriodUnit, timeZone: string): Period[] {
  const result: Period[] = [];
  if (!(to > from)) return result;
  for (let period = periodOf(from, unit, timeZone); period.start < to; period = periodOf(period.end, unit, timeZone)) {
    result.push(period);
  }
  return result;
}

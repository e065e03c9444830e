import type { MetricsFilter } from '../../lib/metrics';
import { localDate, wallTimeToInstant } from '../../lib/sla/business-hours';

const DAY_MS = 86_400_000;

export const RANGE_PRESETS = ['last30', 'last90', 'quarter', 'last12m', 'all', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = {
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  quarter: 'This quarter',
  last12m: 'Last 12 months',
  all: 'All time',
  custom: 'Custom dates',
};

export type Range = NonNullable<MetricsFilter['range']>;

/**
 * The entry window of a preset at `now`, in the business calendar's zone (the zone the
 * periods of conversion over time are counted in): rolling 30 and 90 days, the calendar
 * quarter so far, the 12 months since the same date last year; `undefined` for all time.
 * Every window ends just after `now`, so a lead that entered at `now` is in it.
 */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number, timeZone: string): Range | undefined {
  const to = now + 1;
  const [year, month, day] = localDate(now, timeZone).split('-').map(Number) as [number, number, number];
  switch (preset) {
    case 'last30':
      return { from: now - 30 * DAY_MS, to };
    case 'last90':
      return { from: now - 90 * DAY_MS, to };
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: wallTimeToInstant(`${year}-${pad(first)}-01T00:00`, timeZone), to };
    }
    case 'last12m':
      return { from: wallTimeToInstant(`${year - 1}-${pad(month)}-${pad(day)}T00:00`, timeZone), to };
    case 'all':
      return undefined;
  }
}

/**
 * The window of two dates typed as `YYYY-MM-DD`, both days included, in `timeZone`;
 * `undefined` when either is missing or malformed, or the end comes before the start.
 */
export function customRange(fromDate: string, toDate: string, timeZone: string): Range | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDate) || !/^\d{4}-\d{2}-\d{2}$/.test(toDate)) return undefined;
  const from = wallTimeToInstant(`${fromDate}T00:00`, timeZone);
  // Noon of the last day plus a day is the next day whatever DST does; its midnight ends the range.
  const next = localDate(wallTimeToInstant(`${toDate}T12:00`, timeZone) + DAY_MS, timeZone);
  const to = wallTimeToInstant(`${next}T00:00`, timeZone);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return undefined;
  return { from, to };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

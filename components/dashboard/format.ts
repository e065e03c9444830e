import type { PeriodUnit } from '../../lib/metrics';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What a missing rate reads as: nothing to divide is not 0%. */
export const NO_DATA = 'no data';

/** How the dashboard writes its numbers and dates: one locale, dates in the business calendar's zone. */
export interface DashboardFormat {
  /** "1,234" */
  count(n: number): string;
  /** "18.2%", or "no data" for a `null` rate. */
  rate(rate: number | null): string;
  /** A lift in percentage points: "+12.5 pp", "−3 pp" (a real minus sign), "no data". */
  points(lift: number | null): string;
  /** "12 Nov 2026" */
  date(at: number): string;
  /** A period's name on an axis and in a table: "Week of 2 Nov 2026", "Nov 2026". */
  period(start: number, unit: PeriodUnit): string;
  /** The short form for a chart's axis: "2 Nov", "Nov 26". */
  periodShort(start: number, unit: PeriodUnit): string;
  /** Business time: "6.5 business hours"; "no data" for `null`. */
  businessHours(ms: number | null): string;
  /** Elapsed time: "3.2 days", "5 hours"; "no data" for `null`. */
  elapsed(ms: number | null): string;
}

export function createDashboardFormat(locale: string | undefined, timeZone: string): DashboardFormat {
  const integer = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  const dayMonth = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' });
  const month = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', year: 'numeric' });
  const monthShort = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', year: '2-digit' });
  return {
    count: (n) => integer.format(n),
    rate: (rate) => (rate === null ? NO_DATA : percent.format(rate)),
    points: (lift) => {
      if (lift === null) return NO_DATA;
      const value = decimal.format(Math.abs(lift * 100));
      if (value === '0') return '0 pp';
      return `${lift < 0 ? '\u2212' : '+'}${value} pp`;
    },
    date: (at) => date.format(at),
    period: (start, unit) => (unit === 'week' ? `Week of ${date.format(start)}` : month.format(start)),
    periodShort: (start, unit) => (unit === 'week' ? dayMonth.format(start) : monthShort.format(start)),
    businessHours: (ms) => {
      if (ms === null) return NO_DATA;
      const hours = ms / HOUR_MS;
      return `${decimal.format(hours)} business ${hours === 1 ? 'hour' : 'hours'}`;
    },
    elapsed: (ms) => {
      if (ms === null) return NO_DATA;
      if (ms < DAY_MS) {
        const hours = ms / HOUR_MS;
        return `${decimal.format(hours)} ${hours === 1 ? 'hour' : 'hours'}`;
      }
      const days = ms / DAY_MS;
      return `${decimal.format(days)} ${days === 1 ? 'day' : 'days'}`;
    },
  };
}

/** "1 lead", "14 leads". */
export function leadsWord(n: number, format: Pick<DashboardFormat, 'count'>): string {
  return `${format.count(n)} ${n === 1 ? 'lead' : 'leads'}`;
}

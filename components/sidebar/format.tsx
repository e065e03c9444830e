import { createContext, type ReactNode, useContext, useMemo } from 'react';

const MINUTE_MS = 60_000;

/** How dates read in the sidebar: the browser's locale and zone unless pinned (tests pin both). */
export interface FormatOptions {
  locale?: string | undefined;
  timeZone?: string | undefined;
}

export interface Formatter {
  /** The display zone (IANA name): what a date the rep types is read in. */
  timeZone: string;
  /** "Mon, 23 Nov 2026, 12:00" */
  dateTime(at: number): string;
  /** "23 Nov 2026" */
  date(at: number): string;
  /** "Monday, 23 November 2026": a timeline day heading. */
  day(at: number): string;
  /** "12:00" */
  time(at: number): string;
  /** "2026-11-23" in the display zone: groups a timeline by the day the rep sees. */
  dayKey(at: number): string;
}

export function createFormatter({ locale, timeZone }: FormatOptions = {}): Formatter {
  const zone = timeZone === undefined ? {} : { timeZone };
  const dateTime = new Intl.DateTimeFormat(locale, {
    ...zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const date = new Intl.DateTimeFormat(locale, { ...zone, day: 'numeric', month: 'short', year: 'numeric' });
  const day = new Intl.DateTimeFormat(locale, {
    ...zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit' });
  // en-CA formats as YYYY-MM-DD: a sortable key, whatever the display locale.
  const key = new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    timeZone: dateTime.resolvedOptions().timeZone,
    dateTime: (at) => dateTime.format(at),
    date: (at) => date.format(at),
    day: (at) => day.format(at),
    time: (at) => time.format(at),
    dayKey: (at) => key.format(at),
  };
}

const FormatContext = createContext<Formatter>(createFormatter());

export function FormatProvider({ locale, timeZone, children }: FormatOptions & { children: ReactNode }) {
  const formatter = useMemo(() => createFormatter({ locale, timeZone }), [locale, timeZone]);
  return <FormatContext value={formatter}>{children}</FormatContext>;
}

export function useFormat(): Formatter {
  return useContext(FormatContext);
}

/** "3 h 20 min", "5 h", "45 min", "0 min": whole minutes, rounded down so time left is never overstated. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "2 business hours", "1 business hour", or "2 h 15 min of business time". */
export function formatBusinessDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  if (minutes > 0 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 business hour' : `${hours} business hours`;
  }
  return `${formatDuration(ms)} of business time`;
}

/** "+20", "−10" (a real minus sign, read as "minus" by screen readers). */
export function formatPoints(points: number): string {
  return points < 0 ? `\u2212${Math.abs(points)}` : `+${points}`;
}

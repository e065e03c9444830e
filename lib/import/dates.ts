import { wallClockInstant } from '../sla/business-hours';

/** Day and month order of a numeric date such as 03/04/2026. */
export type DateOrder = 'mdy' | 'dmy';

export interface DateContext {
  order: DateOrder;
  /** IANA zone of a date written without an offset. */
  timeZone: string;
}

const MINUTE = 60_000;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

// Optional time: "9:12", "09:12:33", "9:12 AM", "09:12:33.250", with an optional zone.
const TIME = String.raw`(?:[T ,]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?`;
/** 2026-03-14, 2026/03/14, with the optional time (HubSpot, Marketo, ISO 8601). */
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`, 'i');
/** 03/14/2026, 14/03/2026, 14.03.2026, 14-03-26 (Salesforce and Excel, by locale). */
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
/** Mar 14, 2026 / March 14 2026. */
const MONTH_NAME_FIRST = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})${TIME}$`, 'i');
/** 14 Mar 2026 / 14-Mar-2026. */
const DAY_FIRST_NAME = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})${TIME}$`, 'i');

interface Parts {
  year: number;
  month: number;
  day: number;
  time: (string | undefined)[];
}

/**
 * Epoch milliseconds of a date as CRMs export it, or `undefined` when it is not one:
 * ISO 8601 (`2026-03-14`, `2026-03-14T09:12:00Z`, `2026-03-14 09:12`), numeric dates in the
 * context's order (`03/14/2026 9:12 AM` for US, `14/03/2026` day first), dotted European
 * dates (`14.03.2026 09:12`, always day first) and English month names (`Mar 14, 2026`).
 * A date without an offset is a wall time in `context.timeZone`; a date without a time is
 * that day's midnight there. Impossible dates (31 April, 25:00) are refused rather than
 * rolled over, and so are dates before 1970 (timestamps are non-negative).
 */
export function parseCrmDate(input: string, context: DateContext): number | undefined {
  const text = input.trim().replace(/\s+/g, ' ');
  const parts = splitDate(text, context.order);
  if (!parts) return undefined;
  const [h, min, sec, fraction, meridiem, zone] = parts.time;
  let hours = h === undefined ? 0 : Number(h);
  const minutes = min === undefined ? 0 : Number(min);
  const seconds = sec === undefined ? 0 : Number(sec);
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    const pm = meridiem.toLowerCase().startsWith('p');
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const { year, month, day } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;

  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
  let instant: number;
  if (zone) {
    instant = wall - offsetMinutes(zone) * MINUTE;
  } else {
    instant = zonedWallClock(wall, context.timeZone);
  }
  return Number.isFinite(instant) && instant >= 0 ? instant : undefined;
}

function splitDate(text: string, order: DateOrder): Parts | undefined {
  let m = YEAR_FIRST.exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), time: m.slice(4, 10) };
  m = YEAR_LAST.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    // A dotted date is day first in every locale that writes one (de, fr-CH, ru, ...).
    const dayFirst = m[2] === '.' || order === 'dmy';
    return { year: fullYear(m[4] ?? ''), month: dayFirst ? b : a, day: dayFirst ? a : b, time: m.slice(5, 11) };
  }
  m = MONTH_NAME_FIRST.exec(text);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    return month ? { year: Number(m[3]), month, day: Number(m[2]), time: m.slice(4, 10) } : undefined;
  }
  m = DAY_FIRST_NAME.exec(text);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month ? { year: Number(m[3]), month, day: Number(m[1]), time: m.slice(4, 10) } : undefined;
  }
  return undefined;
}

/** Two-digit years as POSIX `strptime` reads them: 69-99 are 19xx, 00-68 are 20xx. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year >= 69 ? 1900 + year : 2000 + year;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ZONED_CACHE_SIZE = 50_000;
const zonedCache = new Map<string, Map<number, number>>();

/**
 * `wallClockInstant`, remembered per zone and wall time. Each conversion asks the zone's
 * offset three or four times through `Intl` (a tenth of a 100k-row import's own work in
 * Chromium, bench/FINDINGS.md), and a file repeats its times: a date-only cell is midnight,
 * CRMs export to the minute. Exact: the same wall time in the same zone is the same instant.
 */
function zonedWallClock(wall: number, timeZone: string): number {
  let zone = zonedCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    zonedCache.set(timeZone, zone);
  }
  let instant = zone.get(wall);
  if (instant === undefined) {
    if (zone.size >= ZONED_CACHE_SIZE) zone.clear();
    instant = wallClockInstant(wall, timeZone);
    zone.set(wall, instant);
  }
  return instant;
}

/** Minutes east of UTC of an explicit zone: `Z`, `UTC`, `+02:00`, `-0500`, `+01`. */
function offsetMinutes(zone: string): number {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/**
 * The day/month order a file's numeric dates must have, from some of its date cells: a
 * first number above 12 (14/03/2026) says day first, a second above 12 (03/14/2026) says
 * month first. `undefined` when nothing settles it, or the cells contradict each other.
 */
export function inferDateOrder(values: Iterable<string>): DateOrder | undefined {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const m = YEAR_LAST.exec(value.trim().replace(/\s+/g, ' '));
    if (!m || m[2] === '.') continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[3]) > 12) monthFirst = true;
  }
  if (dayFirst === monthFirst) return undefined;
  return dayFirst ? 'dmy' : 'mdy';
}

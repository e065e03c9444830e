import { TZDate, tzOffset } from '@date-fns/tz';
import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';

/** The business calendar of settings: IANA zone, workdays (0 = Sunday), HH:MM day bounds, local holidays. */
export type BusinessCalendar = Settings['sla']['calendar'];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * Upper bound on the days one computation walks. A valid calendar has a workday every week
 * and finitely many holidays, so this only stops a loop a malformed calendar would make
 * endless (every workday listed as a holiday for a century).
 */
const MAX_DAYS = 366 * 100;

/** A calendar day in the business time zone; `month` is 0-11 as in `Date`. */
interface LocalDay {
  year: number;
  month: number;
  day: number;
}

interface Clock {
  hours: number;
  minutes: number;
}

interface PreparedCalendar {
  timeZone: string;
  workdays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  start: Clock;
  end: Clock;
  /** Each day's business window once computed (`null`: a day off); see {@link businessWindows}. */
  windows: Map<string, readonly [number, number] | null>;
}

function parseClock(value: string): Clock {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Time of day must be HH:MM, got ${JSON.stringify(value)}`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/**
 * Checks what the loops rely on. Settings are parsed by `BusinessCalendarSchema` already;
 * this guards callers that build a calendar by hand, where an empty workday list would
 * otherwise loop to `MAX_DAYS`.
 */
function prepare(calendar: BusinessCalendar): PreparedCalendar {
  // A dashboard or queue asks for thousands of leads against one calendar; the windows of
  // the days they share are worth computing once (each costs three time-zone lookups).
  const key = JSON.stringify([
    calendar.timeZone,
    calendar.workdays,
    calendar.dayStart,
    calendar.dayEnd,
    calendar.holidays,
  ]);
  const cached = PREPARED.get(key);
  if (cached) return cached;
  const prepared = prepareUncached(calendar);
  if (PREPARED.size >= 16) PREPARED.delete(PREPARED.keys().next().value as string);
  PREPARED.set(key, prepared);
  return prepared;
}

/** Prepared calendars by their content (not identity: a settings draft is a new object per edit). */
const PREPARED = new Map<string, PreparedCalendar>();

function prepareUncached(calendar: BusinessCalendar): PreparedCalendar {
  if (Number.isNaN(tzOffset(calendar.timeZone, new Date(0)))) {
    throw new RangeError(`Unknown time zone ${JSON.stringify(calendar.timeZone)}`);
  }
  if (calendar.workdays.length === 0) throw new RangeError('A business calendar needs at least one workday');
  const start = parseClock(calendar.dayStart);
  const end = parseClock(calendar.dayEnd);
  if (start.hours * 60 + start.minutes >= end.hours * 60 + end.minutes) {
    throw new RangeError('The working day must end after it starts');
  }
  return {
    timeZone: calendar.timeZone,
    workdays: new Set(calendar.workdays),
    holidays: new Set(calendar.holidays),
    start,
    end,
    windows: new Map(),
  };
}

/** The calendar day an instant falls on in `timeZone` (unambiguous: an instant has one wall time). */
function localDayOf(instant: number, timeZone: string): LocalDay {
  const local = new TZDate(instant, timeZone);
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
}

/** Pure calendar arithmetic: UTC has no DST, so day + 1 is always the next date. */
function nextDay({ year, month, day }: LocalDay): LocalDay {
  const next = new Date(Date.UTC(year, month, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth(), day: next.getUTCDate() };
}

function weekday({ year, month, day }: LocalDay): number {
  return new Date(Date.UTC(year, month, day)).getUTCDay();
}

function isoDate({ year, month, day }: LocalDay): string {
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The instant a wall-clock time of `day` happens in `timeZone`, with the two DST edge
 * cases resolved the same way on every machine: a time skipped by spring-forward (02:30 in
 * New York on the second Sunday of March) moves forward by the gap (03:30 EDT), and a time
 * that happens twice at fall-back takes its first occurrence. (`new TZDate(y, m, d, h, min,
 * tz)` resolves the repeated hour according to the *host's* zone, which would make a
 * deadline depend on the rep's machine.) The offsets themselves come from the time-zone
 * database through `tzOffset`.
 */
function zonedInstant(day: LocalDay, clock: Clock, timeZone: string): number {
  return wallClockInstant(Date.UTC(day.year, day.month, day.day, clock.hours, clock.minutes), timeZone);
}

/**
 * The instant a wall-clock time, written as if it were UTC (`Date.UTC(...)` of the local
 * fields), happens in `timeZone`, DST edges resolved as {@link zonedInstant} says. Shared by
 * anything that reads local times (the SLA calendar, CRM dates in imports).
 */
export function wallClockInstant(wall: number, timeZone: string): number {
  // Offsets a day either side: no zone changes its offset twice within 48 hours.
  const before = tzOffset(timeZone, new Date(wall - DAY_MS));
  const after = tzOffset(timeZone, new Date(wall + DAY_MS));
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - tzOffset(timeZone, new Date(instant)) * MINUTE_MS === instant);
  // No candidate: the wall time is in a spring-forward gap. The offset in force before the
  // gap maps it to the same distance past the gap's end.
  if (candidates.length === 0) return wall - before * MINUTE_MS;
  return Math.min(...candidates);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  return isoDate(localDayOf(instant, timeZone));
}

/**
 * The instant a wall time typed as `YYYY-MM-DDTHH:mm` (a `datetime-local` value) happens in
 * `timeZone`, DST edge cases resolved as {@link zonedInstant}; `NaN` when malformed.
 */
export function wallTimeToInstant(local: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return Number.NaN;
  const [year, month, day, hours, minutes] = match.slice(1).map(Number) as [number, number, number, number, number];
  return zonedInstant({ year, month: month - 1, day }, { hours, minutes }, timeZone);
}

/**
 * Business windows `[start, end)` in epoch ms, day by day from the local day that contains
 * `from`, skipping days off and holidays. Windows are measured in real elapsed time: on a
 * day whose window spans a DST change the window is an hour shorter or longer.
 */
function* businessWindows(from: number, calendar: PreparedCalendar): Generator<readonly [number, number]> {
  let day = localDayOf(from, calendar.timeZone);
  for (let walked = 0; walked < MAX_DAYS; walked += 1, day = nextDay(day)) {
    const iso = isoDate(day);
    let window = calendar.windows.get(iso);
    if (window === undefined) {
      window =
        !calendar.workdays.has(weekday(day)) || calendar.holidays.has(iso)
          ? null
          : [zonedInstant(day, calendar.start, calendar.timeZone), zonedInstant(day, calendar.end, calendar.timeZone)];
      // Bounded: a calendar's windows over a few years are a few thousand small entries.
      if (calendar.windows.size < 20_000) calendar.windows.set(iso, window);
    }
    if (window) yield window;
  }
  throw new RangeError(`No business time within ${MAX_DAYS} days: check the workdays and holidays`);
}

/**
 * The instant `hours` business hours after `start`: time outside the working day, on days
 * off and on holidays does not count, so a start outside hours counts from the next
 * opening (Friday 18:00 + 1 h = Monday 10:00). A deadline that uses up a day exactly is
 * that day's close (Monday 09:00 + 8 h = Monday 17:00), not the next opening. `hours` = 0
 * is `start` itself.
 */
export function addBusinessHours(start: number, hours: number, calendar: BusinessCalendar): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Business hours must be >= 0, got ${hours}`);
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return start;
  for (const [open, close] of businessWindows(start, prepare(calendar))) {
    const from = Math.max(open, start);
    if (from >= close) continue;
    if (remaining <= close - from) return from + remaining;
    remaining -= close - from;
  }
  // businessWindows throws rather than end; this satisfies the return type.
  throw new RangeError('No business time left in the calendar');
}

/** Whether `at` falls in business hours (a workday, not a holiday, between the day's start and end). */
export function isBusinessTime(at: number, calendar: BusinessCalendar): boolean {
  return businessMsBetween(at, at + 1, calendar) > 0;
}

/** Business time, in ms, between `a` and `b` (0 when `b` is not after `a`). */
export function businessMsBetween(a: number, b: number, calendar: BusinessCalendar): number {
  if (b <= a) return 0;
  let total = 0;
  for (const [open, close] of businessWindows(a, prepare(calendar))) {
    if (open >= b) break;
    total += Math.max(0, Math.min(close, b) - Math.max(open, a));
  }
  return total;
}

/**
 * The first-touch SLA of one lead. Every variant but `not_applicable` carries when the
 * clock started and the deadline, so a view can say both.
 * - `met`: touched; `onTime` when the touch was at or before the deadline.
 * - `running`: waiting, and `now` is at or before the deadline (the deadline is the last
 *   on-time moment, so at exactly the deadline the clock still runs with 0 left).
 * - `overdue`: waiting past the deadline; `overdueBusinessMs` can be 0 when the deadline
 *   passed at a close and the office has not opened since.
 */
export type SlaStatus =
  | { kind: 'not_applicable' }
  | { kind: 'met'; startedAt: number; deadline: number; at: number; withinBusinessMs: number; onTime: boolean }
  | { kind: 'running'; startedAt: number; deadline: number; remainingBusinessMs: number }
  | { kind: 'overdue'; startedAt: number; deadline: number; overdueBusinessMs: number };

/**
 * When the first-touch clock started: at `mqlAt`; for a lead in stage `mql` without one (an
 * import that had no MQL date, a lead created straight into `mql`) at `createdAt`, since it
 * has been waiting for a touch as an MQL since then as far as we can know. Otherwise the
 * lead never was an MQL and no first-touch SLA applies (outbound leads, direct-to-SQL).
 */
export function clockStart(lead: Pick<Lead, 'stage' | 'times'>): number | undefined {
  if (lead.times.mqlAt !== undefined) return lead.times.mqlAt;
  return lead.stage === 'mql' ? lead.times.createdAt : undefined;
}

/**
 * Where a lead stands against the first-touch SLA (`settings.sla`) at `now`: the clock
 * starts when the lead became an MQL and stops at `times.firstTouchAt`. Not applicable to a
 * lead that never was an MQL, nor to one that left `mql` without a recorded touch (it has
 * been decided some other way, so there is nothing left to chase). A touch recorded before
 * the clock started (an outbound touch before the lead scored into MQL) counts as met in 0 h:
 * `firstTouchAt` is only ever the lead's first touch, so a later one cannot be seen here.
 */
export function slaStatus(
  lead: Pick<Lead, 'stage' | 'times'>,
  settings: Pick<Settings, 'sla'>,
  now: number,
): SlaStatus {
  const startedAt = clockStart(lead);
  if (startedAt === undefined) return { kind: 'not_applicable' };
  const touchedAt = lead.times.firstTouchAt;
  if (touchedAt === undefined && lead.stage !== 'mql') return { kind: 'not_applicable' };

  return clockStatus(startedAt, settings.sla.firstTouchBusinessHours, touchedAt, now, settings.sla.calendar);
}

/**
 * One business-hours clock: started at `startedAt` with `allowanceHours` to act, stopped at
 * `stoppedAt` when the act happened. The SLA clocks (first touch in each tier, the verdict)
 * are all this with their own start, allowance and stop.
 */
export function clockStatus(
  startedAt: number,
  allowanceHours: number,
  stoppedAt: number | undefined,
  now: number,
  calendar: BusinessCalendar,
): Exclude<SlaStatus, { kind: 'not_applicable' }> {
  const deadline = addBusinessHours(startedAt, allowanceHours, calendar);
  if (stoppedAt !== undefined) {
    return {
      kind: 'met',
      startedAt,
      deadline,
      at: stoppedAt,
      withinBusinessMs: businessMsBetween(startedAt, stoppedAt, calendar),
      onTime: stoppedAt <= deadline,
    };
  }
  if (now <= deadline) {
    // A clock read before its start (a skewed device clock) shows the full allowance.
    return {
      kind: 'running',
      startedAt,
      deadline,
      remainingBusinessMs: businessMsBetween(Math.max(now, startedAt), deadline, calendar),
    };
  }
  return { kind: 'overdue', startedAt, deadline, overdueBusinessMs: businessMsBetween(deadline, now, calendar) };
}

/** Business hours in one working day of the calendar (its `dayStart` to `dayEnd`). */
export function businessHoursPerDay(calendar: Pick<BusinessCalendar, 'dayStart' | 'dayEnd'>): number {
  const start = parseClock(calendar.dayStart);
  const end = parseClock(calendar.dayEnd);
  return (end.hours * 60 + end.minutes - (start.hours * 60 + start.minutes)) / 60;
}

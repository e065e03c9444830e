import { type BusinessCalendar, businessMsBetween } from '../sla/business-hours';
import { type DurationStats, type LeadSet, durationStats, leadSet } from './figures';
import { type MetricsFilter, type MetricsInput, cohort } from './filter';

/** Upper bounds of the time-to-SQL buckets, in business days (best practice: a verdict in 1 to 3). */
export const TIME_TO_SQL_BUCKET_DAYS = [1, 3, 5, 10] as const;

/** One accepted MQL's wait from MQL to acceptance. */
export interface SqlDuration {
  leadId: string;
  elapsedMs: number;
  /** Business time only: the calendar's working hours, without weekends and holidays. */
  businessMs: number;
}

export interface TimeToSqlBucket {
  /**
   * Business days, in whole working days of the calendar (09:00-17:00 makes one 8 h):
   * the bucket holds waits above the previous bound up to this one; `null` for the last,
   * open-ended bucket.
   */
  upToBusinessDays: number | null;
  leads: LeadSet;
}

export interface TimeToSql {
  /** The MQLs accepted as SQL, whose wait is measured. */
  measured: LeadSet;
  /** Every wait, shortest business time first. */
  durations: SqlDuration[];
  elapsed: DurationStats;
  business: DurationStats;
  /** By business days: {@link TIME_TO_SQL_BUCKET_DAYS}, then the rest. */
  buckets: TimeToSqlBucket[];
  /** Direct-to-SQL leads: no MQL time to measure from, so counted here and nowhere above. */
  direct: LeadSet;
  /**
   * From first capture (`times.createdAt`) to the acceptance, the playbook's time to SQL: every
   * SQL with a date, direct ones included (they were captured too: a demo request, an outbound
   * prospect added). Longer than from MQL by the nurture before it.
   */
  fromCapture: CaptureToSql;
}

/** Time from first capture to SQL, over {@link CaptureToSql.measured}. */
export interface CaptureToSql {
  measured: LeadSet;
  elapsed: DurationStats;
  business: DurationStats;
}

/**
 * Time from MQL to SQL of the cohort's accepted MQLs: from the MQL time to the acceptance
 * in force, in elapsed and in business time (`settings.sla.calendar`); and from first capture
 * to SQL of every accepted lead ({@link TimeToSql.fromCapture}). A lead accepted before its
 * recorded MQL (or creation) time, a clock or import error, counts as 0, not as a negative.
 */
export function timeToSql(input: MetricsInput, filter: MetricsFilter = {}): TimeToSql {
  const calendar = input.settings.sla.calendar;
  const durations: SqlDuration[] = [];
  const fromCapture: SqlDuration[] = [];
  const direct: string[] = [];
  for (const c of cohort(input, filter)) {
    if (c.verdict !== 'accepted') continue;
    const acceptedAt = c.decidedAt;
    if (acceptedAt !== undefined) {
      const capturedAt = c.lead.times.createdAt;
      fromCapture.push({
        leadId: c.lead.id,
        elapsedMs: Math.max(0, acceptedAt - capturedAt),
        businessMs: businessMsBetween(capturedAt, acceptedAt, calendar),
      });
    }
    if (c.mqlAt === undefined) {
      direct.push(c.lead.id);
      continue;
    }
    // An imported SQL without any stage stamp: accepted, but when is unknown.
    if (acceptedAt === undefined) continue;
    durations.push({
      leadId: c.lead.id,
      elapsedMs: Math.max(0, acceptedAt - c.mqlAt),
      businessMs: businessMsBetween(c.mqlAt, acceptedAt, calendar),
    });
  }
  durations.sort((a, b) => a.businessMs - b.businessMs || a.elapsedMs - b.elapsedMs);

  const dayMs = businessDayMs(calendar);
  let lower = Number.NEGATIVE_INFINITY;
  const buckets: TimeToSqlBucket[] = [...TIME_TO_SQL_BUCKET_DAYS, null].map((days) => {
    const upper = days === null ? Number.POSITIVE_INFINITY : days * dayMs;
    const inside = durations.filter((d) => d.businessMs > lower && d.businessMs <= upper);
    lower = upper;
    return { upToBusinessDays: days, leads: leadSet(inside.map((d) => d.leadId)) };
  });

  return {
    measured: leadSet(durations.map((d) => d.leadId)),
    durations,
    elapsed: durationStats(durations.map((d) => d.elapsedMs)),
    business: durationStats(durations.map((d) => d.businessMs)),
    buckets,
    direct: leadSet(direct),
    fromCapture: {
      measured: leadSet(fromCapture.map((d) => d.leadId)),
      elapsed: durationStats(fromCapture.map((d) => d.elapsedMs)),
      business: durationStats(fromCapture.map((d) => d.businessMs)),
    },
  };
}

/** A working day's length by the calendar's clock times (DST days are an hour off; buckets need not be exact). */
function businessDayMs({ dayStart, dayEnd }: BusinessCalendar): number {
  const minutes = (clock: string) => {
    const [hours = 0, mins = 0] = clock.split(':').map(Number);
    return hours * 60 + mins;
  };
  return (minutes(dayEnd) - minutes(dayStart)) * 60_000;
}

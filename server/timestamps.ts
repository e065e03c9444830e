import type * as z from 'zod';
import { TimestampSchema } from '../lib/domain/common';
import { LEAD_FIELDS, type PushTable } from '../lib/replication/contract';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How far past the server's time a timestamp of something that happened (`occurredAt`,
 * `decidedAt`, `updatedAt`, `scoredAt`, a lead's `times`) may be: a day covers a device or a
 * marketing tool whose clock or time zone is off, and refuses the year-2286 event that would
 * top scoring recency, SLA clocks and the dashboard for ever.
 */
export const MAX_TIMESTAMP_SKEW_MS = 24 * HOUR;

/**
 * How far ahead a scheduled time (`revisitAt`, a next step's `dueAt`, a handoff's `meetingAt`)
 * may be: these are in the future by design (recycled for 90 days), but not by centuries.
 */
export const MAX_SCHEDULED_AHEAD_YEARS = 10;
export const MAX_SCHEDULED_AHEAD_MS = MAX_SCHEDULED_AHEAD_YEARS * 366 * DAY;

/** The timestamps that name a time to come rather than one that happened. */
const SCHEDULED = new Set(['revisitAt', 'dueAt', 'meetingAt']);

/** Where a body's timestamps are: key paths, `*` for every element of an array or entry of a record. */
type Path = readonly string[];

/**
 * Every timestamp a push can carry, by table. A lead's come from LEAD_FIELDS, so a new one
 * in the domain is bounded without a change here; tests/server/hardening.test.ts walks the
 * zod schemas and fails if any other timestamp is missing from these lists.
 */
export const PUSH_TIMESTAMPS: Record<PushTable, readonly Path[]> = {
  leads: LEAD_FIELDS.filter((field) => field.schema === TimestampSchema).map((field) => ['fields', field.path]),
  qualifications: [['criteria', '*', 'updatedAt']],
  events: [['record', 'occurredAt']],
  dispositions: [
    ['record', 'decidedAt'],
    // When an opportunity opened, a deal was won or lost: something that happened.
    ['record', 'occurredAt'],
    ['record', 'outcome', 'revisitAt'],
    // The meeting booked with the AE: usually ahead, bounded as a scheduled time.
    ['record', 'handoff', 'meetingAt'],
  ],
  activities: [
    ['record', 'occurredAt'],
    ['record', 'nextStep', 'dueAt'],
  ],
};

/** Every timestamp an ingest request can carry. */
export const INGEST_TIMESTAMPS: readonly Path[] = [
  ['items', '*', 'events', '*', 'occurredAt'],
  ['items', '*', 'score', 'scoredAt'],
];

/** The values at `path` under `value`, with their full paths. Walks a fixed, short path: no recursion into the data. */
function* valuesAt(
  value: unknown,
  path: Path,
  trail: (string | number)[] = [],
): Generator<[(string | number)[], unknown]> {
  const [head, ...tail] = path;
  if (head === undefined) {
    yield [trail, value];
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (head === '*') {
    const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (const [key, inner] of entries) yield* valuesAt(inner, tail, [...trail, key]);
  } else if (Object.hasOwn(value, head)) {
    yield* valuesAt((value as Record<string, unknown>)[head], tail, [...trail, head]);
  }
}

const hours = (ms: number) => (ms >= 2 * DAY ? `${Math.floor(ms / DAY)} days` : `${Math.ceil(ms / HOUR)} hours`);

/** Issues for every timestamp under `value` at `paths` further ahead of `now` than allowed. */
function checkTimestamps(
  value: unknown,
  paths: readonly Path[],
  now: number,
  prefix: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  for (const path of paths) {
    const name = path[path.length - 1] ?? '';
    const scheduled = SCHEDULED.has(name.split('.').pop() ?? '');
    for (const [trail, time] of valuesAt(value, path)) {
      if (typeof time !== 'number') continue;
      const ahead = time - now;
      if (scheduled ? ahead <= MAX_SCHEDULED_AHEAD_MS : ahead <= MAX_TIMESTAMP_SKEW_MS) continue;
      ctx.addIssue({
        code: 'custom',
        path: [...prefix, ...trail],
        message: scheduled
          ? `${name} is more than ${MAX_SCHEDULED_AHEAD_YEARS} years ahead of the server's time`
          : `${name} is ${hours(ahead)} ahead of the server's time (at most ${MAX_TIMESTAMP_SKEW_MS / HOUR} hours ` +
            "are allowed): check the sending system's date and time",
      });
    }
  }
}

/**
 * The push schema with every timestamp bounded by the server's time (`now` is read at each
 * parse): a refinement on the server's side only, so the shared contract, which the extension
 * parses with, keeps its types.
 */
export function boundPushTimestamps<S extends z.ZodType>(schema: S, now: () => number): S {
  return schema.superRefine((push, ctx) => {
    const changes = (push as { changes?: unknown }).changes;
    if (!Array.isArray(changes)) return;
    const at = now();
    changes.forEach((change: { table?: PushTable }, index) => {
      const paths = change?.table ? PUSH_TIMESTAMPS[change.table] : undefined;
      if (paths) checkTimestamps(change, paths, at, ['changes', index], ctx);
    });
  }) as S;
}

/** The ingest schema with every timestamp bounded by the server's time. */
export function boundIngestTimestamps<S extends z.ZodType>(schema: S, now: () => number): S {
  return schema.superRefine((body, ctx) => checkTimestamps(body, INGEST_TIMESTAMPS, now(), [], ctx)) as S;
}

/**
 * When to try again after a failed sync: exponential backoff with jitter, capped, and
 * never sooner than the server asked (Retry-After). Pure: the randomness is passed in.
 */

export interface BackoffOptions {
  /** The first retry's delay before jitter (ms). */
  baseMs?: number;
  /** The longest delay before jitter (ms). */
  capMs?: number;
  /** A number in [0, 1): `Math.random` in the extension, a seeded one in tests. */
  random: () => number;
  /** What the server's Retry-After asked for (ms), if anything. */
  retryAfterMs?: number;
}

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 30 * 60_000;
/** A Retry-After longer than this is taken as this: a wrong header must not stop sync for days. */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60_000;

/**
 * The delay before attempt `failures + 1`, after `failures` (≥ 1) failed in a row:
 * `min(cap, base · 2^(failures-1))`, of which a random half is jittered away ("equal
 * jitter": never less than half, so a fleet of clients that failed together spreads out
 * without any retrying at once), and at least the server's Retry-After.
 */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const cap = options.capMs ?? BACKOFF_CAP_MS;
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(cap, base * 2 ** exponent);
  const jittered = Math.round(ceiling / 2 + options.random() * (ceiling / 2));
  const asked = Math.min(options.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return Math.max(jittered, asked);
}

/**
 * A Retry-After header as milliseconds from `now`: delta-seconds (`120`) or an HTTP date.
 * `undefined` when absent or unreadable; 0 for a date in the past.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse alone would read "-5" as a year.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

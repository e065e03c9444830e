import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
} from '../../../lib/sync/backoff';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, the ceiling when the jitter is at its top', () => {
    const top = () => 0.999_999_999;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, { random: top }))).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      960_000,
      1_800_000,
      1_800_000,
      BACKOFF_CAP_MS,
    ]);
  });

  it('never waits less than half the ceiling (equal jitter)', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, { random: () => 0 }))).toEqual([15_000, 30_000, 60_000]);
    expect(backoffDelay(1, { random: () => 0.5 })).toBe(22_500);
  });

  it('spreads clients that failed together', () => {
    const delays = [0.1, 0.3, 0.6, 0.9].map((r) => backoffDelay(3, { random: () => r }));
    expect(new Set(delays).size).toBe(4);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(60_000);
  });

  it('honours Retry-After when it asks for longer, within reason', () => {
    expect(backoffDelay(1, { random: () => 0, retryAfterMs: 120_000 })).toBe(120_000);
    expect(backoffDelay(3, { random: () => 0.999, retryAfterMs: 1_000 })).toBeGreaterThan(1_000);
    expect(backoffDelay(1, { random: () => 0, retryAfterMs: 30 * 86_400_000 })).toBe(MAX_RETRY_AFTER_MS);
  });

  it('takes other bases and caps', () => {
    expect(backoffDelay(10, { random: () => 0.999_999, baseMs: 1000, capMs: 8000 })).toBe(8000);
    expect(BACKOFF_BASE_MS).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Mon, 23 Nov 2026 12:05:00 GMT', 300_000],
    ['Mon, 23 Nov 2026 11:00:00 GMT', 0],
  ])('reads %j', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  it.each([null, undefined, 'soon', '-5'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });
});

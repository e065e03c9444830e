/** Summaries of repeated measurements. Pure. */

/**
 * The `q` quantile (0..1) of `values`, interpolating between the two nearest ranks (what
 * numpy and most spreadsheets do), so p95 of 40 samples is not simply the second largest.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('No values');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (position - below);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p95 = (values: readonly number[]): number => quantile(values, 0.95);
export const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/** Four significant digits for the JSON file: enough to compare runs, none that are only noise. */
export function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
}

/** 100000 -> "100k", 1000000 -> "1M": sizes in labels. */
export function size(n: number): string {
  if (n >= 1_000_000 && n % 100_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 100 === 0) return `${n / 1_000}k`;
  return String(n);
}

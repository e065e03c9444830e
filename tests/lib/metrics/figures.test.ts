import { describe, expect, it } from 'vitest';
import { durationStats, leadSet, quantile, ratio } from '../../../lib/metrics/figures';

describe('leadSet', () => {
  it('sorts and deduplicates the ids, and counts them', () => {
    expect(leadSet(['B', 'A', 'B'])).toEqual({ count: 2, leadIds: ['A', 'B'] });
    expect(leadSet([])).toEqual({ count: 0, leadIds: [] });
  });
});

describe('ratio', () => {
  it.each([
    { num: ['A'], den: ['A', 'B', 'C', 'D'], rate: 0.25 },
    { num: [], den: ['A'], rate: 0 },
    // Nothing to divide: no rate rather than 0% or NaN.
    { num: [], den: [], rate: null },
  ])('$num of $den is $rate', ({ num, den, rate }) => {
    const r = ratio(leadSet(num), leadSet(den));
    expect(r.rate).toBe(rate);
    expect(r.numerator.leadIds).toEqual(num);
    expect(r.denominator.leadIds).toEqual(den);
  });
});

describe('quantile', () => {
  it.each([
    { values: [], q: 0.5, expected: null },
    { values: [7], q: 0.9, expected: 7 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { values: [1, 2, 3], q: 0.5, expected: 2 },
    { values: [0, 10], q: 0.9, expected: 9 },
    { values: [1, 2, 3], q: 0, expected: 1 },
    { values: [1, 2, 3], q: 1, expected: 3 },
  ])('q=$q of $values is $expected', ({ values, q, expected }) => {
    expect(quantile(values, q)).toBe(expected);
  });
});

describe('durationStats', () => {
  it('takes values in any order', () => {
    expect(durationStats([30, 10, 20])).toEqual({ medianMs: 20, p90Ms: 28, meanMs: 20 });
  });

  it('reports null, not 0, for no values', () => {
    expect(durationStats([])).toEqual({ medianMs: null, p90Ms: null, meanMs: null });
  });
});

import { decodeTime, isValid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../../lib/domain/common';
import { Random, hashString, seedFrom, weights } from '../../../lib/demo/random';
import { ulidAt } from '../../../lib/demo/ulid';
import { NOW } from '../../support/factories';

const draws = (rng: Random, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Random', () => {
  it('replays the same sequence for the same seed', () => {
    expect(draws(new Random(42), 100)).toEqual(draws(new Random(42), 100));
  });

  it('gives unrelated sequences for neighbouring seeds', () => {
    const a = draws(new Random(1), 100);
    const b = draws(new Random(2), 100);
    expect(a.filter((x, i) => x === b[i])).toEqual([]);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = rng.int(3, 9);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(9);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(rng.int(5, 5)).toBe(5);
    expect(rng.int(5, 2)).toBe(5);
  });

  it('produces floats in [0, 1) with a mean near one half', () => {
    const rng = new Random(3);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('picks by weight and never picks a zero weight', () => {
    const rng = new Random(11);
    const table = weights(['a', 'b', 'c'] as const, [1, 3, 0]);
    expect(table).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 8000; i++) counts[rng.weighted(table)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.5);
    expect(counts.b / counts.a).toBeLessThan(3.5);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
    expect(() => new Random(1).weighted([])).toThrow(RangeError);
  });

  it('folds any finite seed into a distinct 32-bit seed', () => {
    const seeds = [0, 1, -1, 1.5, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER].map(seedFrom);
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(s >>> 0).toBe(s);
    expect(() => seedFrom(Number.NaN)).toThrow(RangeError);
  });

  it('hashes strings stably', () => {
    expect(hashString('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(hashString('01ARZ3NDEKTSV4RRFFQ69G5FAV'));
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});

describe('ulidAt', () => {
  it('builds valid ULIDs that carry the given time and sort by it', () => {
    const rng = new Random(5);
    const times = [0, 1, NOW - 1, NOW, NOW + 1, 2 ** 48 - 1];
    const ids = times.map((t) => ulidAt(t, rng));
    ids.forEach((id, i) => {
      expect(isValid(id)).toBe(true);
      expect(IdSchema.safeParse(id).success).toBe(true);
      expect(decodeTime(id)).toBe(times[i]);
    });
    expect([...ids].sort()).toEqual(ids);
  });

  it('is reproducible from the PRNG and unique across many draws', () => {
    expect(ulidAt(NOW, new Random(9))).toBe(ulidAt(NOW, new Random(9)));
    const rng = new Random(9);
    const ids = new Set(Array.from({ length: 50_000 }, () => ulidAt(NOW, rng)));
    expect(ids.size).toBe(50_000);
  });

  it('rejects times a ULID cannot hold', () => {
    const rng = new Random(1);
    for (const bad of [-1, 1.5, 2 ** 48, Number.NaN]) expect(() => ulidAt(bad, rng)).toThrow(RangeError);
  });
});

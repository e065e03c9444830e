/**
 * A small seeded pseudo-random number generator, so demo data is reproducible: the same
 * seed gives the same leads and events on every machine, in tests, benchmarks and the
 * extension's "Load sample data" button. Never Math.random: that would make failures
 * impossible to replay.
 */

/** murmur3's 32-bit finaliser: spreads every input bit over the output (avalanche). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds any finite number (negative, fractional, above 2^32) into a 32-bit seed. */
export function seedFrom(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`Seed must be finite: ${seed}`);
  const high = Math.floor(seed / 4_294_967_296) >>> 0;
  // The fractional part matters too: seed 1.5 must not equal seed 1.
  const fraction = Math.floor((seed - Math.floor(seed)) * 4_294_967_296) >>> 0;
  return mix32(mix32(mix32(seed >>> 0) ^ high) ^ fraction);
}

/** A 32-bit hash of a string (FNV-1a, then mixed): to derive a sub-stream from an id. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** A value and its relative weight, for {@link Random.weighted}. */
export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Pairs values with weights by position (`weights(LEAD_STAGES, [40, 22, ...])`): a table
 * keyed on a domain enumeration in a fraction of the bytes of spelled-out pairs.
 * Values past the end of `values` get weight 0 and are dropped.
 */
export function weights<T>(keys: readonly T[], values: readonly number[]): Weighted<T> {
  return keys.map((key, i) => [key, values[i] ?? 0] as const).filter(([, weight]) => weight > 0);
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG): 128 bits of state, passes
 * PractRand, and is fast in JS because it stays in 32-bit integer arithmetic. Chosen
 * over mulberry32, whose 2^32 period and missing outputs show at a million events.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any 32-bit integer; use {@link seedFrom} for arbitrary numbers. */
  constructor(seed: number) {
    // Distinct constants in a, b, c so that seeds 0 and 1 do not start in near-identical states.
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    // Warm-up: sfc32's first outputs are correlated with the seed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive; `min` when `max < min`. */
  int(min: number, max: number): number {
    return max <= min ? min : min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty list (a bug in the caller's data). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value with probability proportional to its weight. */
  weighted<T>(entries: Weighted<T>): T {
    let total = 0;
    for (const entry of entries) total += entry[1];
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    // Only reached through float rounding at the very top of the range.
    const last = entries[entries.length - 1];
    if (!last) throw new RangeError('Cannot pick from an empty list');
    return last[0];
  }
}

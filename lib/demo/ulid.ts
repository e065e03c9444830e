import type { Random } from './random';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID whose time part is `time` and whose 80 random bits come from `rng`, so ids are
 * reproducible and sort like the records they name (lead by creation, event by
 * occurrence). Built here rather than with ulidx's `ulid(time, prng)` because that draws
 * one float per character; four 32-bit draws per id matter at a million events.
 */
export function ulidAt(time: number, rng: Random): string {
  if (!Number.isInteger(time) || time < 0 || time > 0xffff_ffff_ffff) {
    throw new RangeError(`Bad ULID time ${time}`);
  }
  let id = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    id = CROCKFORD.charAt(rest % 32) + id;
    rest = Math.floor(rest / 32);
  }
  // Each 32-bit draw gives four 5-bit characters: 4 draws x 4 chars = 16 chars = 80 bits.
  for (let i = 0; i < 4; i++) {
    const r = rng.uint32();
    id +=
      CROCKFORD.charAt(r >>> 27) +
      CROCKFORD.charAt((r >>> 22) & 31) +
      CROCKFORD.charAt((r >>> 17) & 31) +
      CROCKFORD.charAt((r >>> 12) & 31);
  }
  return id;
}

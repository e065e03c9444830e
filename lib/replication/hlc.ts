import * as z from 'zod';

/**
 * Hybrid logical clocks (Kulkarni et al., 2014) as sortable strings:
 * `<13-digit ms>-<4-digit counter>-<node>`, e.g. `1763900000000-0003-chrome-7f3a`.
 *
 * The physical part stays close to wall time, so "the last writer wins" means what a rep
 * expects; the counter orders events inside one millisecond and after a clock went back;
 * the node (the sync client id) breaks ties, so two clocks never compare equal unless they
 * are the same event. Fixed widths make plain string comparison the clock order, which
 * lets PostgreSQL and IndexedDB sort and index them as text.
 *
 * Pure: no I/O, the time is always passed in. The extension's sync client and the server
 * share this module.
 */

/** A sync client's id (one per browser profile), also the node part of its clocks. */
export const NodeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A client id is 1-64 letters, digits, - or _');

export const HLC_PATTERN = /^(\d{13})-(\d{4})-([A-Za-z0-9_-]{1,64})$/;

/** A hybrid logical clock value in its string form. */
export const HlcSchema = z
  .string()
  .regex(HLC_PATTERN, 'A clock is <13-digit ms>-<4-digit counter>-<client id>, e.g. 1763900000000-0000-abc');
export type Hlc = string;

export interface HlcParts {
  /** Milliseconds since the epoch (the physical part, possibly pushed ahead by a peer). */
  ms: number;
  /** Orders events within one millisecond. */
  counter: number;
  /** The client that made the event. */
  node: string;
}

/** The largest counter the 4-digit form holds; one more moves the clock to the next millisecond. */
export const MAX_COUNTER = 9999;
const MAX_MS = 9_999_999_999_999;

export class InvalidHlcError extends Error {
  override readonly name = 'InvalidHlcError';
}

/** Formats clock parts as the sortable string. Throws {@link InvalidHlcError} for parts out of range. */
export function formatHlc(parts: HlcParts): Hlc {
  const { ms, counter, node } = parts;
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_MS) throw new InvalidHlcError(`Clock time out of range: ${ms}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new InvalidHlcError(`Clock counter out of range: ${counter}`);
  }
  const hlc = `${String(ms).padStart(13, '0')}-${String(counter).padStart(4, '0')}-${node}`;
  if (!HLC_PATTERN.test(hlc)) throw new InvalidHlcError(`Invalid clock node id: ${JSON.stringify(node)}`);
  return hlc;
}

/** Splits a clock string into its parts. Throws {@link InvalidHlcError} for anything malformed. */
export function parseHlc(hlc: string): HlcParts {
  const match = HLC_PATTERN.exec(hlc);
  if (!match) throw new InvalidHlcError(`Invalid clock ${JSON.stringify(hlc)}`);
  return { ms: Number(match[1]), counter: Number(match[2]), node: match[3] ?? '' };
}

/** Orders two clocks: negative when `a` is earlier, positive when later, 0 when the same event. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of the clocks given; `undefined` values are ignored. */
export function maxHlc(...clocks: (Hlc | undefined)[]): Hlc | undefined {
  let max: Hlc | undefined;
  for (const clock of clocks) if (clock !== undefined && (max === undefined || clock > max)) max = clock;
  return max;
}

/** Keeps the counter within four digits: an overflow moves the clock one millisecond on. */
function normalize(ms: number, counter: number, node: string): HlcParts {
  return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0, node } : { ms, counter, node };
}

/**
 * The clock of a local event (an edit, or the moment a change is sent): later than
 * `last` and than every earlier event on this node, and at least the wall time `now`.
 */
export function tickHlc(last: HlcParts | undefined, now: number, node: string): HlcParts {
  if (!last || now > last.ms) return { ms: now, counter: 0, node };
  return normalize(last.ms, last.counter + 1, node);
}

/**
 * The clock after receiving `remote` (a pulled record's clock): later than both `last` and
 * `remote`, so whatever this node does next is ordered after what it has seen.
 */
export function receiveHlc(last: HlcParts | undefined, remote: HlcParts, now: number, node: string): HlcParts {
  const lastMs = last?.ms ?? -1;
  const ms = Math.max(lastMs, remote.ms, now);
  if (ms === lastMs && ms === remote.ms) return normalize(ms, Math.max(last?.counter ?? 0, remote.counter) + 1, node);
  if (ms === lastMs) return normalize(ms, (last?.counter ?? 0) + 1, node);
  if (ms === remote.ms) return normalize(ms, remote.counter + 1, node);
  return { ms, counter: 0, node };
}

/**
 * A node's clock: {@link tickHlc} and {@link receiveHlc} with the state kept. The caller
 * persists {@link last} if the clock must survive a restart (wall time usually covers it).
 */
export class HybridLogicalClock {
  private state: HlcParts | undefined;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number = Date.now,
    last?: Hlc,
  ) {
    if (!NodeIdSchema.safeParse(node).success)
      throw new InvalidHlcError(`Invalid clock node id: ${JSON.stringify(node)}`);
    this.state = last === undefined ? undefined : parseHlc(last);
  }

  /** The clock for a new local event. */
  tick(): Hlc {
    this.state = tickHlc(this.state, this.wallClock(), this.node);
    return formatHlc(this.state);
  }

  /** Moves the clock past a clock seen from elsewhere. */
  receive(remote: Hlc): void {
    this.state = receiveHlc(this.state, parseHlc(remote), this.wallClock(), this.node);
  }

  /** The latest clock this node produced or saw, `undefined` before the first. */
  get last(): Hlc | undefined {
    return this.state && formatHlc(this.state);
  }
}

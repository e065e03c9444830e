import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  HlcSchema,
  HybridLogicalClock,
  InvalidHlcError,
  MAX_COUNTER,
  maxHlc,
  parseHlc,
  receiveHlc,
  tickHlc,
} from '../../../lib/replication/hlc';

const T = 1_763_900_000_000;

describe('format and parse', () => {
  it('round-trips with fixed widths', () => {
    const hlc = formatHlc({ ms: T, counter: 7, node: 'chrome-a1' });
    expect(hlc).toBe(`${T}-0007-chrome-a1`);
    expect(parseHlc(hlc)).toEqual({ ms: T, counter: 7, node: 'chrome-a1' });
  });

  it('pads small times so string order stays time order', () => {
    expect(formatHlc({ ms: 5, counter: 0, node: 'n' })).toBe('0000000000005-0000-n');
    expect(compareHlc(formatHlc({ ms: 5, counter: 0, node: 'n' }), formatHlc({ ms: T, counter: 0, node: 'n' }))).toBe(
      -1,
    );
  });

  it.each([
    ['', 'empty'],
    ['123-0000-a', 'short time'],
    [`${T}-00001-a`, 'five-digit counter'],
    [`${T}-0000-`, 'no node'],
    [`${T}-0000-a b`, 'space in node'],
    [`${T}-0000-${'x'.repeat(65)}`, 'node too long'],
  ])('refuses %j (%s)', (value) => {
    expect(() => parseHlc(value)).toThrow(InvalidHlcError);
    expect(HlcSchema.safeParse(value).success).toBe(false);
  });

  it.each([
    [{ ms: -1, counter: 0, node: 'a' }],
    [{ ms: 1.5, counter: 0, node: 'a' }],
    [{ ms: T, counter: MAX_COUNTER + 1, node: 'a' }],
    [{ ms: T, counter: 0, node: 'a-b c' }],
  ])('will not format %j', (parts) => expect(() => formatHlc(parts)).toThrow(InvalidHlcError));
});

describe('order', () => {
  it.each([
    [`${T}-0000-a`, `${T + 1}-0000-a`, -1],
    [`${T}-0001-a`, `${T}-0000-z`, 1],
    [`${T}-0001-a`, `${T}-0001-b`, -1],
    [`${T}-0001-b`, `${T}-0001-b`, 0],
  ])('%s vs %s', (a, b, expected) => expect(Math.sign(compareHlc(a, b))).toBe(expected));

  it('maxHlc ignores undefined', () => {
    expect(maxHlc(undefined, `${T}-0000-a`, `${T}-0002-a`, undefined)).toBe(`${T}-0002-a`);
    expect(maxHlc()).toBeUndefined();
  });
});

describe('tick', () => {
  it('follows the wall clock when it moves on', () => {
    expect(tickHlc({ ms: T, counter: 4, node: 'a' }, T + 10, 'a')).toEqual({ ms: T + 10, counter: 0, node: 'a' });
  });

  it('counts within a millisecond and when the wall clock went back', () => {
    expect(tickHlc({ ms: T, counter: 4, node: 'a' }, T, 'a')).toEqual({ ms: T, counter: 5, node: 'a' });
    expect(tickHlc({ ms: T, counter: 4, node: 'a' }, T - 60_000, 'a')).toEqual({ ms: T, counter: 5, node: 'a' });
  });

  it('moves to the next millisecond when the counter is full', () => {
    expect(tickHlc({ ms: T, counter: MAX_COUNTER, node: 'a' }, T, 'a')).toEqual({ ms: T + 1, counter: 0, node: 'a' });
  });
});

describe('receive', () => {
  it('jumps past a clock from the future, keeping its counter order', () => {
    const next = receiveHlc({ ms: T, counter: 0, node: 'a' }, { ms: T + 5000, counter: 3, node: 'b' }, T, 'a');
    expect(next).toEqual({ ms: T + 5000, counter: 4, node: 'a' });
  });

  it('takes the larger counter when both sit on the same millisecond', () => {
    expect(receiveHlc({ ms: T, counter: 9, node: 'a' }, { ms: T, counter: 2, node: 'b' }, T - 1, 'a')).toEqual({
      ms: T,
      counter: 10,
      node: 'a',
    });
  });

  it('ticks its own clock when the remote is older', () => {
    expect(receiveHlc({ ms: T, counter: 1, node: 'a' }, { ms: T - 10, counter: 8, node: 'b' }, T - 5, 'a')).toEqual({
      ms: T,
      counter: 2,
      node: 'a',
    });
  });

  it('follows the wall clock when it is ahead of both', () => {
    expect(receiveHlc(undefined, { ms: T, counter: 8, node: 'b' }, T + 1, 'a')).toEqual({
      ms: T + 1,
      counter: 0,
      node: 'a',
    });
  });
});

describe('HybridLogicalClock', () => {
  it('never repeats or goes back, whatever the wall clock does', () => {
    const wall = [T, T, T - 1000, T + 1, T + 1, T - 5];
    let i = 0;
    const clock = new HybridLogicalClock('a', () => wall[Math.min(i++, wall.length - 1)] ?? T);
    const seen = wall.map(() => clock.tick());
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('orders its next event after a received clock (a peer 1 h ahead)', () => {
    const clock = new HybridLogicalClock('a', () => T);
    const remote = `${T + 3_600_000}-0002-b`;
    clock.receive(remote);
    expect(compareHlc(clock.tick(), remote)).toBeGreaterThan(0);
  });

  it('resumes from a persisted clock', () => {
    const clock = new HybridLogicalClock('a', () => T - 1, `${T}-0005-a`);
    expect(clock.tick()).toBe(`${T}-0006-a`);
    expect(clock.last).toBe(`${T}-0006-a`);
  });

  it('refuses a bad node id', () => expect(() => new HybridLogicalClock('no spaces')).toThrow(InvalidHlcError));
});

import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ARM_MS,
  SEEN_FOR_MS,
  type SeenOptions,
  useSeen,
  type VisibilityEntry,
} from '../../../components/sidebar/useSeen';

/** An IntersectionObserver v2 whose reports the test writes. */
class FakeObserver {
  static made: FakeObserver[] = [];
  readonly observed: Element[] = [];
  disconnected = false;
  constructor(
    readonly callback: (entries: readonly VisibilityEntry[]) => void,
    readonly options: { trackVisibility: boolean; delay: number },
  ) {
    FakeObserver.made.push(this);
  }
  observe(target: Element) {
    this.observed.push(target);
  }
  disconnect() {
    this.disconnected = true;
  }
}

const report = (entry: VisibilityEntry) => act(() => FakeObserver.made.at(-1)?.callback([entry]));
const VISIBLE = { isIntersecting: true, isVisible: true };
const COVERED = { isIntersecting: true, isVisible: false };
const SCROLLED_AWAY = { isIntersecting: false, isVisible: false };

let clock = 0;
const now = () => clock;

function guard(options: SeenOptions = {}) {
  const hook = renderHook(() => useSeen<string>({ framed: true, Observer: FakeObserver, now, ...options }));
  const area = document.createElement('section');
  let cleanup: (() => void) | undefined;
  act(() => {
    cleanup = hook.result.current.ref(area);
  });
  return { hook, area, detach: () => cleanup?.() };
}

beforeEach(() => {
  FakeObserver.made = [];
  clock = 10_000;
});
afterEach(() => vi.useRealTimers());

describe('useSeen', () => {
  it('acts at once on our own top-level page, which no page can cover', () => {
    const { hook } = guard({ framed: false });
    expect(FakeObserver.made).toHaveLength(0);
    expect(hook.result.current.ask('accept')).toBe(true);
  });

  it('observes the area with IntersectionObserver v2: trackVisibility, 100 ms', () => {
    const { area } = guard();
    expect(FakeObserver.made).toHaveLength(1);
    expect(FakeObserver.made[0]?.options).toEqual({ trackVisibility: true, delay: 100 });
    expect(FakeObserver.made[0]?.observed).toEqual([area]);
  });

  it('acts when the browser reports the area visible', () => {
    const { hook } = guard();
    report(VISIBLE);
    expect(hook.result.current.ask('accept')).toBe(true);
    expect(hook.result.current.pending).toBeNull();
  });

  it('holds a click made before the browser said anything', () => {
    const { hook } = guard();
    let acted = true;
    act(() => {
      acted = hook.result.current.ask('accept');
    });
    expect(acted).toBe(false);
    expect(hook.result.current.pending).toBe('accept');
  });

  it('holds a click while the page covers or fades the area, and says so', () => {
    const { hook } = guard();
    report(VISIBLE);
    report(COVERED);
    act(() => {
      expect(hook.result.current.ask('accept')).toBe(false);
    });
    expect(hook.result.current.pending).toBe('accept');
    expect(hook.result.current.reason).toBe('covered');
  });

  it('holds a click just after the page uncovered the area, until it has been in view a while', () => {
    const { hook } = guard();
    report(COVERED);
    report(VISIBLE);
    clock += 100;
    act(() => {
      expect(hook.result.current.ask('accept')).toBe(false);
    });
    act(() => hook.result.current.cancel());
    clock += SEEN_FOR_MS;
    expect(hook.result.current.ask('accept')).toBe(true);
  });

  it('does not count scrolling out of view in the sidebar itself as the page covering it', () => {
    const { hook } = guard();
    report(SCROLLED_AWAY);
    report(VISIBLE);
    expect(hook.result.current.ask('accept')).toBe(true);
  });

  it('asks for a confirmation where the browser cannot tell (no IntersectionObserver v2, Firefox)', () => {
    const hook = renderHook(() => useSeen<string>({ framed: true, Observer: null, now }));
    act(() => {
      expect(hook.result.current.ask('reject')).toBe(false);
    });
    expect(hook.result.current.pending).toBe('reject');
    expect(hook.result.current.reason).toBe('unknown');
  });

  it('takes the confirmation only once it is armed, so a double click cannot confirm', () => {
    vi.useFakeTimers();
    const { hook } = guard();
    act(() => {
      hook.result.current.ask('accept');
    });
    expect(hook.result.current.armed).toBe(false);
    let confirmed: string | null = 'x';
    act(() => {
      confirmed = hook.result.current.confirm();
    });
    expect(confirmed).toBeNull();
    expect(hook.result.current.pending).toBe('accept');

    act(() => vi.advanceTimersByTime(ARM_MS));
    expect(hook.result.current.armed).toBe(true);
    act(() => {
      confirmed = hook.result.current.confirm();
    });
    expect(confirmed).toBe('accept');
    expect(hook.result.current.pending).toBeNull();
  });

  it('drops a held click on cancel', () => {
    const { hook } = guard();
    act(() => {
      hook.result.current.ask('undo');
    });
    act(() => hook.result.current.cancel());
    expect(hook.result.current.pending).toBeNull();
  });

  it('stops observing when the area goes', () => {
    const { detach } = guard();
    detach();
    expect(FakeObserver.made[0]?.disconnected).toBe(true);
  });
});

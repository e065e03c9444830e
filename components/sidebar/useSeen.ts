import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Whether a click in the sidebar was made on a sidebar the rep could see. Framed in a page,
 * the sidebar can be covered by the page's own decoy (a top-layer element that lets clicks
 * through, issue 14 finding 5) while the rep's clicks land on our buttons. IntersectionObserver
 * v2 (`trackVisibility`) tells whether the browser painted the element unobscured and
 * unfaded; where the browser has no such answer (Firefox), a decision is confirmed instead.
 */

/** After the page covered it, the area must have been in plain view this long before a click acts. */
export const SEEN_FOR_MS = 500;
/** A confirmation ignores clicks this soon after it appears: a double click must not confirm. */
export const ARM_MS = 500;

/** The constructor of an IntersectionObserver that reports `isVisible` (v2), or none. */
export type VisibilityObserver = new (
  callback: (entries: readonly VisibilityEntry[]) => void,
  options: { trackVisibility: boolean; delay: number },
) => { observe(target: Element): void; disconnect(): void };
export interface VisibilityEntry {
  isIntersecting: boolean;
  isVisible?: boolean;
}

export interface SeenOptions {
  /** Inside another page (default: `window.top !== window`); our own top-level pages are never covered. */
  framed?: boolean;
  /** Default: the browser's IntersectionObserver where it reports `isVisible`; `null` where it does not. */
  Observer?: VisibilityObserver | null;
  now?: () => number;
  /** Tests shorten it. */
  armMs?: number;
}

function nativeObserver(): VisibilityObserver | null {
  const v2 = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
  return v2 ? (IntersectionObserver as unknown as VisibilityObserver) : null;
}

export interface SeenGuard<T> {
  /** Put on the area whose buttons act. */
  ref: (element: Element | null) => (() => void) | undefined;
  /** True: act now. False: `what` waits for the rep's confirmation (`pending`). */
  ask(what: T): boolean;
  pending: T | null;
  /** Why confirmation is asked: the page covered or faded the area, or the browser cannot tell. */
  reason: 'covered' | 'unknown';
  /** Whether the confirmation takes clicks yet ({@link ARM_MS}). */
  armed: boolean;
  /** The confirmed action, if armed; cleared either way. */
  confirm(): T | null;
  cancel(): void;
}

/**
 * Guards the clicks that act (a decision, an undo) on an area of the sidebar: `ask` says
 * whether to act at once, which it does only when the area is known to be seen (or the
 * sidebar is not framed); otherwise the action waits for a confirmation.
 */
export function useSeen<T>(options: SeenOptions = {}): SeenGuard<T> {
  const framed = options.framed ?? (typeof window !== 'undefined' && window.top !== window);
  const Observer = options.Observer === undefined ? nativeObserver() : options.Observer;
  const now = options.now ?? Date.now;
  const armMs = options.armMs ?? ARM_MS;
  // Read at click time, so kept out of state: a change of visibility re-renders nothing.
  const view = useRef({ visible: false, since: 0, everCovered: false });
  const [pending, setPending] = useState<{ what: T } | null>(null);
  const [armed, setArmed] = useState(false);

  const ref = useCallback(
    (element: Element | null) => {
      if (!element || !framed || !Observer) return undefined;
      const observer = new Observer(
        (entries) => {
          const entry = entries[entries.length - 1];
          if (!entry) return;
          const state = view.current;
          const visible = entry.isVisible === true;
          if (visible && !state.visible) state.since = now();
          // Out of view in our own scroll is not the page's doing; in view yet not visible is.
          if (entry.isIntersecting && !visible) state.everCovered = true;
          state.visible = visible;
        },
        // 100 ms is the least delay trackVisibility allows.
        { trackVisibility: true, delay: 100 },
      );
      observer.observe(element);
      return () => observer.disconnect();
    },
    [framed, Observer, now],
  );

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setArmed(true), armMs);
    return () => clearTimeout(timer);
  }, [pending, armMs]);

  const seen = () => {
    if (!framed) return true;
    const { visible, since, everCovered } = view.current;
    // A page that uncovers the area just before the click must not count as seen.
    return Observer !== null && visible && (!everCovered || now() - since >= SEEN_FOR_MS);
  };

  return {
    ref,
    ask(what) {
      if (seen()) return true;
      setArmed(false);
      setPending({ what });
      return false;
    },
    pending: pending?.what ?? null,
    reason: Observer ? 'covered' : 'unknown',
    armed: pending !== null && armed,
    confirm() {
      if (!pending || !armed) return null;
      setArmed(false);
      setPending(null);
      return pending.what;
    },
    cancel() {
      setArmed(false);
      setPending(null);
    },
  };
}

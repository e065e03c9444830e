/**
 * Marks on the page's performance timeline in benchmark builds only (`npm run bench` builds
 * with WXT_HANDOFF_BENCH=1): when the loader asked for the page side, when the page side was
 * evaluated, when its work began and when it first reported the page. The page's own scripts see the same timeline, which is how the
 * benchmark checks that nothing of ours runs before the `load` event (bench/lib/page-overhead.ts).
 * In every other build the condition is a constant false and the minifier drops the call's body.
 */
export function benchMark(name: 'asked' | 'evaluated' | 'start' | 'state'): void {
  if (import.meta.env.WXT_HANDOFF_BENCH) performance.mark(`handoff:${name}`);
}

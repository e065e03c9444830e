import type { Disposition } from './disposition';

/**
 * The ids a lead's history withdrew: a withdrawal undoes the decision it names, and
 * neither is ever in force again.
 */
export function withdrawnIds(history: Iterable<Pick<Disposition, 'decision' | 'withdraws'>>): Set<string> {
  const ids = new Set<string>();
  for (const d of history) if (d.decision === 'withdrawn' && d.withdraws) ids.add(d.withdraws);
  return ids;
}

/**
 * THE rule for which decision is in force, the one the sidebar, the dashboard, the export
 * and the server all run (lib/qualification `decisionInForce`, lib/replication/merge.ts
 * `dispositionStandings`): of the decisions that are neither a withdrawal nor withdrawn,
 * the latest by `time` (a sync clock, which sorts as text), ties broken by the larger id so
 * every reader picks the same one whatever order it holds the history in. `undefined` when
 * every decision was withdrawn, or there is none.
 */
export function latestInForce<T>(
  entries: readonly T[],
  disposition: (entry: T) => Pick<Disposition, 'id' | 'decision' | 'withdraws'>,
  time: (entry: T) => string,
): T | undefined {
  const withdrawn = withdrawnIds(entries.map(disposition));
  let best: { entry: T; id: string; time: string } | undefined;
  for (const entry of entries) {
    const d = disposition(entry);
    if (d.decision === 'withdrawn' || withdrawn.has(d.id)) continue;
    const at = time(entry);
    if (best === undefined || at > best.time || (at === best.time && d.id > best.id))
      best = { entry, id: d.id, time: at };
  }
  return best?.entry;
}

import type { LeadSet, MetricsFilter, PeriodUnit } from '../../lib/metrics';
import type { DashboardEngine } from './engine';
import type { LoadProgress } from './load';

/**
 * The dashboard's engine across a worker boundary: the page calls {@link remoteEngine},
 * the worker answers with {@link serveEngine} over the same {@link DashboardEngine}. Both
 * ends are this extension's own code in its own origin, so messages are typed, not parsed.
 */
type Call =
  | { method: 'load'; now: number }
  | { method: 'figures'; filter: MetricsFilter; unit: PeriodUnit }
  | { method: 'rows'; ids: readonly string[] };

export type EngineRequest = Call & { id: number };

export type EngineReply =
  | { id: number; kind: 'progress'; progress: LoadProgress }
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'figures'; value: unknown; table: TableUpdate }
  | { id: number; kind: 'error'; message: string; superseded?: boolean };

/**
 * Lead ids cross as numbers. Each figure repeats the ids of its leads (at 100k leads one
 * set of figures holds about 1.5M of them, 54 MB cloned as strings); as indexes into a
 * table both ends keep, they cross as typed arrays, and each id once. `generation` counts
 * loads: a load starts a new table.
 */
interface TableUpdate {
  generation: number;
  /** Ids new to the table, in index order from its current end. */
  added: string[];
}

/** A {@link LeadSet} as it crosses: the same count, its ids as table indexes. */
interface EncodedLeadSet {
  count: number;
  leadIds: Uint32Array;
}

/** What both ends need of a `Worker`, a worker's global scope or a `MessagePort`. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
}

/**
 * A figures request answered without computing because a newer one came in meanwhile: the
 * page wants the figures of the filter now chosen, not of each one clicked through.
 */
export class SupersededError extends Error {
  override readonly name = 'SupersededError';
  constructor() {
    super('A newer request replaced this one');
  }
}

/** Answers the page's calls with `engine`; returns the function that stops listening. */
export function serveEngine(engine: DashboardEngine, endpoint: MessageEndpoint): () => void {
  const reply = (message: EngineReply) => endpoint.postMessage(message);
  const settle = (id: number, result: Promise<unknown>) =>
    result.then(
      (value) => reply({ id, kind: 'result', value }),
      (error: unknown) => reply({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );

  let generation = 0;
  let table = new Map<string, number>();
  const encode = (value: unknown) => {
    const added: string[] = [];
    const indexOf = (leadId: string) => {
      let index = table.get(leadId);
      if (index === undefined) {
        index = table.size;
        table.set(leadId, index);
        added.push(leadId);
      }
      return index;
    };
    const encoded = mapLeadSets(value, (set) => ({
      count: set.count,
      leadIds: Uint32Array.from(set.leadIds, indexOf),
    }));
    return { encoded, table: { generation, added } };
  };

  // Figures take seconds at 100k leads, and requests queue while they compute: only the
  // latest is computed when the worker is free; the ones it replaced are answered at once.
  let waiting: (EngineRequest & { method: 'figures' }) | undefined;
  const computeLatest = () => {
    const request = waiting;
    waiting = undefined;
    if (!request) return;
    engine.figures(request.filter, request.unit).then(
      (figures) => {
        const { encoded, table: update } = encode(figures);
        reply({ id: request.id, kind: 'figures', value: encoded, table: update });
      },
      (error: unknown) =>
        reply({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const onMessage = (event: Event) => {
    const request = (event as MessageEvent<EngineRequest>).data;
    switch (request.method) {
      case 'load':
        generation += 1;
        table = new Map();
        void settle(
          request.id,
          engine.load(request.now, (progress) => reply({ id: request.id, kind: 'progress', progress })),
        );
        break;
      case 'figures':
        if (waiting) reply({ id: waiting.id, kind: 'error', message: 'superseded', superseded: true });
        else setTimeout(computeLatest, 0);
        waiting = request;
        break;
      case 'rows':
        void settle(request.id, engine.rows(request.ids));
        break;
    }
  };
  endpoint.addEventListener('message', onMessage);
  return () => endpoint.removeEventListener('message', onMessage);
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((progress: LoadProgress) => void) | undefined;
}

/**
 * A {@link DashboardEngine} whose work happens at the other end of `endpoint` (a worker
 * running {@link serveEngine}). A worker that fails to start or throws rejects every call
 * in flight, so the page shows the error instead of waiting forever.
 */
export function remoteEngine(endpoint: MessageEndpoint): DashboardEngine {
  let lastId = 0;
  const pending = new Map<number, PendingCall>();
  const table = { generation: 0, ids: [] as string[] };
  endpoint.addEventListener('message', (event) => {
    const message = (event as MessageEvent<EngineReply>).data;
    const call = pending.get(message.id);
    if (!call) return;
    if (message.kind === 'progress') {
      call.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    switch (message.kind) {
      case 'result':
        call.resolve(message.value);
        break;
      case 'figures': {
        const update = message.table;
        if (update.generation > table.generation) {
          table.generation = update.generation;
          table.ids = [];
        }
        // Figures of data read before the latest load: the page asks again for the new data.
        if (update.generation < table.generation) {
          call.reject(new SupersededError());
          break;
        }
        for (const leadId of update.added) table.ids.push(leadId);
        call.resolve(decodeLeadSets(message.value, table.ids));
        break;
      }
      case 'error':
        call.reject(message.superseded ? new SupersededError() : new Error(message.message));
        break;
    }
  });
  // A worker that failed (to start, or later) answers nothing more: every call fails from then on.
  let failure: Error | undefined;
  endpoint.addEventListener('error', (event) => {
    failure = new Error((event as ErrorEvent).message || 'The dashboard worker stopped');
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
  });

  const call = <T>(request: Call, onProgress?: (progress: LoadProgress) => void) =>
    new Promise<T>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      lastId += 1;
      pending.set(lastId, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      endpoint.postMessage({ ...request, id: lastId } satisfies EngineRequest);
    });

  return {
    load: (now, onProgress) => call({ method: 'load', now }, onProgress),
    figures: (filter, unit) => call({ method: 'figures', filter, unit }),
    rows: (ids) => call({ method: 'rows', ids: [...ids] }),
  };
}

/**
 * A copy of plain data (objects, arrays) with every {@link LeadSet} in it replaced by
 * `replace(set)`: the figures' shapes need no list of where their lead sets are.
 */
function mapLeadSets(value: unknown, replace: (set: LeadSet) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeadSets(item, replace));
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.count === 'number' && Array.isArray(record.leadIds)) return replace(record as unknown as LeadSet);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) copy[key] = mapLeadSets(item, replace);
  return copy;
}

/** {@link mapLeadSets} backwards: each encoded set's indexes looked up in `ids` (a table only appended to). */
function decodeLeadSets(value: unknown, ids: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeLeadSets(item, ids));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  // `isView`, not `instanceof Uint32Array`: a cloned array may come from another realm.
  if (typeof record.count === 'number' && ArrayBuffer.isView(record.leadIds)) {
    const set = record as unknown as EncodedLeadSet;
    // Looked up when first read: the page reads a figure's ids only to list its leads.
    let leadIds: string[] | undefined;
    return Object.defineProperty({ count: set.count }, 'leadIds', {
      enumerable: true,
      get: () => {
        leadIds ??= Array.from(set.leadIds, (index) => ids[index] as string);
        return leadIds;
      },
    }) as LeadSet;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) copy[key] = decodeLeadSets(item, ids);
  return copy;
}

/**
 * `primary` until its first load fails, then `fallback()` for good: a worker that cannot
 * start (a browser or policy that refuses module workers in extension pages) leaves the
 * page doing the work itself instead of showing an error. Once `primary` has loaded, its
 * errors are the page's to show.
 */
export function fallbackEngine(primary: DashboardEngine, fallback: () => DashboardEngine): DashboardEngine {
  let engine = primary;
  let proven = false;
  return {
    async load(now, onProgress) {
      try {
        const summary = await engine.load(now, onProgress);
        proven = true;
        return summary;
      } catch (error) {
        if (proven || engine !== primary) throw error;
        engine = fallback();
        return engine.load(now, onProgress);
      }
    },
    figures: (filter, unit) => engine.figures(filter, unit),
    rows: (ids) => engine.rows(ids),
  };
}

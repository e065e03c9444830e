import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DashboardEngine, localEngine } from '../../../components/dashboard/engine';
import type { LoadProgress } from '../../../components/dashboard/load';
import {
  fallbackEngine,
  type MessageEndpoint,
  remoteEngine,
  SupersededError,
  serveEngine,
} from '../../../components/dashboard/remote';
import { loadSampleData } from '../../../lib/db/sample';
import type { MetricsFilter } from '../../../lib/metrics';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeAll(async () => {
  ctx = setupRepositories();
  await loadSampleData(ctx, { now: NOW });
}, 30_000);
afterAll(() => ctx.db.close());

/**
 * Two ends of a message channel as a worker and its page see them: asynchronous, in order,
 * and every message structured-cloned, so whatever crosses must survive `postMessage`.
 */
function channel() {
  const pageSide = new EventTarget();
  const workerSide = new EventTarget();
  const sent: unknown[] = [];
  const end = (own: EventTarget, other: EventTarget): MessageEndpoint => ({
    postMessage: (data) => {
      const copy = structuredClone(data);
      sent.push(copy);
      setTimeout(() => other.dispatchEvent(new MessageEvent('message', { data: copy })), 0);
    },
    addEventListener: (type, listener) => own.addEventListener(type, listener),
    removeEventListener: (type, listener) => own.removeEventListener(type, listener),
  });
  return {
    /** Every message either end posted, as it crossed. */
    sent,
    page: end(pageSide, workerSide),
    worker: end(workerSide, pageSide),
    /** The worker dies, as a `Worker` reports it to its page. */
    crash: (message: string) => pageSide.dispatchEvent(new ErrorEvent('error', { message })),
  };
}

describe('the dashboard engine across a worker boundary', () => {
  it('loads with progress, and answers figures and rows as the engine does in the page', async () => {
    const { page, worker } = channel();
    serveEngine(localEngine(ctx), worker);
    const remote = remoteEngine(page);
    const local = localEngine(ctx);

    const progress: LoadProgress[] = [];
    const summary = await remote.load(NOW, (p) => progress.push(p));
    expect(summary).toEqual(await local.load(NOW));
    expect(summary.leads).toBe(100);
    expect(progress.at(0)).toEqual({ step: 'leads', done: 0, total: 100 });
    expect(progress.map((p) => p.step)).toContain('events');

    const filter: MetricsFilter = { source: 'Webinar' };
    const figures = await remote.figures(filter, 'week');
    expect(figures).toEqual(await local.figures(filter, 'week'));
    // A second answer reuses the ids the first one sent.
    expect(await remote.figures({}, 'month')).toEqual(await local.figures({}, 'month'));
    const ids = figures.funnel.mqls.leadIds;
    expect(await remote.rows(ids)).toEqual(await local.rows(ids));

    // After a reload the ids are sent afresh: the data (and its leads) may have changed.
    await remote.load(NOW);
    expect(await remote.figures(filter, 'month')).toEqual(await local.figures(filter, 'month'));
  });

  it('sends the figures’ lead ids as indexes, each id once per load', async () => {
    const { page, worker, sent } = channel();
    serveEngine(localEngine(ctx), worker);
    const remote = remoteEngine(page);
    await remote.load(NOW);
    await remote.figures({}, 'month');
    await remote.figures({ source: 'Webinar' }, 'week');
    const replies = sent.filter((m): m is { kind: 'figures'; value: unknown; table: { added: string[] } } => {
      return typeof m === 'object' && m !== null && (m as { kind?: string }).kind === 'figures';
    });
    expect(replies).toHaveLength(2);
    const [first, second] = replies;
    // Every lead in the funnel once, in the first answer; the second only adds what is new (nothing).
    expect(first?.table.added).toHaveLength(55);
    expect(new Set(first?.table.added).size).toBe(55);
    expect(second?.table.added).toEqual([]);
    expect(JSON.stringify(second?.value)).not.toContain(first?.table.added[0]);
  });

  it('computes only the latest of the figures asked for while it was busy', async () => {
    const { page, worker } = channel();
    const local = localEngine(ctx);
    const figures = vi.fn(local.figures);
    serveEngine({ ...local, figures }, worker);
    const remote = remoteEngine(page);
    await remote.load(NOW);

    const first = remote.figures({ owner: 'nobody' }, 'month');
    const second = remote.figures({ source: 'Outbound' }, 'month');
    const third = remote.figures({ source: 'Webinar' }, 'month');
    await expect(first).rejects.toBeInstanceOf(SupersededError);
    await expect(second).rejects.toBeInstanceOf(SupersededError);
    expect((await third).funnel).toEqual((await local.figures({ source: 'Webinar' }, 'month')).funnel);
    expect(figures).toHaveBeenCalledOnce();
  });

  it('passes an engine error to the page as an error', async () => {
    const { page, worker } = channel();
    serveEngine(localEngine(ctx), worker);
    await expect(remoteEngine(page).figures({}, 'month')).rejects.toThrow('The dashboard data is not loaded yet');
  });

  it('fails the calls in flight, and every later one, when the worker dies', async () => {
    const { page, crash } = channel();
    const remote = remoteEngine(page);
    const load = remote.load(NOW);
    crash('SyntaxError: bad worker script');
    await expect(load).rejects.toThrow('SyntaxError: bad worker script');
    await expect(remote.rows(['x'])).rejects.toThrow('SyntaxError: bad worker script');
  });
});

describe('fallbackEngine', () => {
  const broken = (): DashboardEngine => ({
    load: () => Promise.reject(new Error('worker refused')),
    figures: () => Promise.reject(new Error('worker refused')),
    rows: () => Promise.reject(new Error('worker refused')),
  });

  it('does the work in the page when the worker cannot load', async () => {
    const engine = fallbackEngine(broken(), () => localEngine(ctx));
    expect((await engine.load(NOW)).leads).toBe(100);
    expect((await engine.figures({}, 'month')).funnel.mqls.count).toBe(35);
  });

  it('keeps a worker that has loaded once, and shows its later errors', async () => {
    const local = localEngine(ctx);
    let fail = false;
    const flaky: DashboardEngine = {
      ...local,
      load: (now, onProgress) => (fail ? Promise.reject(new Error('disk gone')) : local.load(now, onProgress)),
    };
    const fallback = vi.fn(() => localEngine(ctx));
    const engine = fallbackEngine(flaky, fallback);
    await engine.load(NOW);
    fail = true;
    await expect(engine.load(NOW)).rejects.toThrow('disk gone');
    expect(fallback).not.toHaveBeenCalled();
  });
});

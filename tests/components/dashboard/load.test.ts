import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadProgress, loadDashboardData } from '../../../components/dashboard/load';
import { loadSampleData } from '../../../lib/db/sample';
import { acceptanceByScore, cohort, funnel, type MetricsInput, slaCompliance } from '../../../lib/metrics';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';
import { metricsInputOf } from './render';

let ctx: ReturnType<typeof setupRepositories>;
let direct: MetricsInput;
beforeAll(async () => {
  ctx = setupRepositories();
  await loadSampleData(ctx, { now: NOW });
  direct = await metricsInputOf(ctx);
}, 30_000);
afterAll(() => ctx.db.close());

describe('loadDashboardData', () => {
  it('reads every lead and decision page by page, reporting each page, then the decided MQLs’ events', async () => {
    const progress: LoadProgress[] = [];
    const { input, settings } = await loadDashboardData(ctx, {
      now: NOW,
      pageSize: 30,
      eventLeadsPerRead: 10,
      onProgress: (p) => progress.push(p),
    });
    expect(input.now).toBe(NOW);
    expect(settings).toEqual(await ctx.settings.get());
    expect(input.leads.map((l) => l.id)).toEqual(direct.leads.map((l) => l.id));
    expect(input.dispositions).toHaveLength(direct.dispositions.length);

    const leadPages = progress.filter((p) => p.step === 'leads');
    // 100 leads in pages of 30: the start, then 30, 60, 90, 100.
    expect(leadPages.map((p) => p.done)).toEqual([0, 30, 60, 90, 100]);
    expect(leadPages.every((p) => p.total === 100)).toBe(true);
    const decisionPages = progress.filter((p) => p.step === 'decisions');
    expect(decisionPages.at(-1)).toEqual({
      step: 'decisions',
      done: direct.dispositions.length,
      total: direct.dispositions.length,
    });
    const decided = cohort(direct).filter((c) => c.path === 'mql' && c.verdict !== 'pending');
    const eventReads = progress.filter((p) => p.step === 'events');
    expect(eventReads.at(-1)).toEqual({ step: 'events', done: decided.length, total: decided.length });
    expect(eventReads).toHaveLength(1 + Math.ceil(decided.length / 10));
    // Steps come in order: all leads, then all decisions, then events.
    expect(progress.map((p) => p.step)).toEqual([...leadPages, ...decisionPages, ...eventReads].map((p) => p.step));
  });

  it('reads events only for the decided MQLs, and the figures come out as from the whole tables', async () => {
    const { input } = await loadDashboardData(ctx, { now: NOW });
    const decided = new Set(
      cohort(direct)
        .filter((c) => c.path === 'mql' && c.verdict !== 'pending')
        .map((c) => c.lead.id),
    );
    const withEvents = direct.leads.filter((l) => direct.eventsOf(l.id).length > 0);
    const notRead = withEvents.find((l) => !decided.has(l.id));
    expect(notRead).toBeDefined();
    expect(input.eventsOf(notRead?.id ?? '')).toEqual([]);
    for (const id of decided) {
      expect(input.eventsOf(id).map((e) => e.id)).toEqual(
        [...direct.eventsOf(id)].sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1)).map((e) => e.id),
      );
    }
    expect(funnel(input)).toEqual(funnel(direct));
    expect(slaCompliance(input)).toEqual(slaCompliance(direct));
    expect(acceptanceByScore(input)).toEqual(acceptanceByScore(direct));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const pages: LoadProgress[] = [];
    const load = loadDashboardData(ctx, {
      now: NOW,
      pageSize: 10,
      signal: controller.signal,
      onProgress: (p) => {
        pages.push(p);
        if (p.done === 20) controller.abort();
      },
    });
    await expect(load).rejects.toThrow();
    expect(pages.at(-1)?.done).toBe(20);
  });

  it("reads sync's decision clocks page by page, and orders a lead's decisions by them", async () => {
    // A lead decided twice: by clock the earlier decision is the later one (a device clock ran fast).
    const [lead] = direct.leads.filter((l) => direct.dispositions.filter((d) => d.leadId === l.id).length === 1);
    const first = direct.dispositions.find((d) => d.leadId === lead?.id);
    if (!lead || !first) throw new Error('the sample has a lead with one decision');
    const second = { ...first, id: `${first.id.slice(0, -1)}Z`, decidedAt: first.decidedAt + 60_000 };
    await ctx.db.dispositions.add(second);
    const clocks = [
      { id: first.id, leadId: lead.id, hlc: `${first.decidedAt + 1000}-0000-alex`, basedOn: null },
      { id: second.id, leadId: lead.id, hlc: `${first.decidedAt}-0000-sam`, basedOn: null },
      { id: 'other', leadId: 'other-lead', hlc: `${NOW}-0000-sam`, basedOn: null },
    ];
    await ctx.db.dispositionClocks.bulkPut(clocks);
    try {
      const { input } = await loadDashboardData(ctx, { now: NOW, pageSize: 2 });
      expect(input.clocks).toEqual(new Map(clocks.map((c) => [c.id, c.hlc])));
      expect(cohort(input).find((c) => c.lead.id === lead.id)?.decision?.id).toBe(first.id);
    } finally {
      await ctx.db.dispositionClocks.clear();
      await ctx.db.dispositions.delete(second.id);
    }
  });
});

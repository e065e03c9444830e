import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE, loadSampleData } from '../../../lib/db/sample';
import { generateDemoDataset } from '../../../lib/demo/generate';
import { DANA_WHITFIELD, SIOBHAN_OCONNOR } from '../../../lib/demo/personas';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { funnel, type MetricsInput, rejections, slaCompliance } from '../../../lib/metrics';
import { decisionInForce } from '../../../lib/qualification/decide';
import { scoreLead } from '../../../lib/scoring/score';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const {
  leads: SAMPLE_LEADS,
  dispositions: SAMPLE_DISPOSITIONS,
  activities: SAMPLE_ACTIVITIES,
} = generateDemoDataset({ ...SAMPLE, now: NOW });

describe('loadSampleData', () => {
  it('stores the sample leads with their histories, and Dana is found and scored as an MQL', async () => {
    const loaded = await loadSampleData(ctx, { now: NOW });
    expect(loaded.leads).toBe(SAMPLE.leads);
    expect(loaded.events).toBeGreaterThan(SAMPLE.leads);
    expect(await ctx.leads.count()).toBe(SAMPLE.leads);

    const [dana] = await ctx.leads.findByLinkedinUrl('https://uk.linkedin.com/in/Dana-Whitfield?trk=x');
    expect(dana?.person.name).toBe(DANA_WHITFIELD.name);
    if (!dana) throw new Error('Dana missing');
    const result = scoreLead(DEFAULT_SCORING_MODEL, {
      lead: dana,
      events: await ctx.events.forLead(dana.id),
      now: NOW,
    });
    expect(result.isMql).toBe(true);
  });

  it('stores sales’ decisions, what became of the SQLs and first touches, each lead’s stage agreeing with its decision in force', async () => {
    const loaded = await loadSampleData(ctx, { now: NOW });
    expect(loaded.dispositions).toBe(SAMPLE_DISPOSITIONS.length);
    expect(loaded.activities).toBe(SAMPLE_ACTIVITIES.length);
    expect(loaded.dispositions).toBeGreaterThan(20);
    expect(loaded.activities).toBeGreaterThan(20);

    const stored: Lead[] = [];
    for (const { id } of SAMPLE_LEADS) {
      const lead = await ctx.leads.get(id);
      if (lead) stored.push(lead);
    }
    const wrong: string[] = [];
    for (const lead of stored) {
      const current = await ctx.dispositions.current(lead.id);
      // The latest record of each lead left it where it is: an SQL's opportunity, win or loss included.
      const expected: Record<Lead['stage'], readonly (string | undefined)[]> = {
        lead: [undefined],
        mql: [undefined],
        sql: ['accepted_sql'],
        opportunity: ['opportunity'],
        customer: ['won'],
        recycled: lead.times.sqlAt === undefined ? ['rejected'] : ['lost'],
        disqualified: ['rejected'],
      };
      if (!expected[lead.stage].includes(current?.decision))
        wrong.push(`${lead.id} (${lead.stage}): ${current?.decision}`);
      const touches = await ctx.activities.forLead(lead.id);
      if (touches[0]?.occurredAt !== lead.times.firstTouchAt) wrong.push(`${lead.id}: first touch`);
    }
    expect(wrong).toEqual([]);
    // "Load sample data" shows the after-SQL records: an opportunity, a win and a lost deal at least.
    const decisions = new Set(SAMPLE_DISPOSITIONS.map((d) => d.decision));
    for (const kind of ['opportunity', 'won', 'lost'] as const) expect(decisions, kind).toContain(kind);
  });

  it('leaves Dana an undecided MQL and Siobhán an undecided lead (the end-to-end tests decide on them)', async () => {
    await loadSampleData(ctx, { now: NOW });
    const [dana] = await ctx.leads.findByEmail(DANA_WHITFIELD.email);
    const [siobhan] = await ctx.leads.findByLinkedinUrl(SIOBHAN_OCONNOR.linkedinUrl);
    if (!dana || !siobhan) throw new Error('persona missing');
    expect([dana.stage, siobhan.stage]).toEqual(['mql', 'lead']);
    expect(await ctx.dispositions.history(dana.id)).toEqual([]);
    expect(await ctx.dispositions.history(siobhan.id)).toEqual([]);
    expect(dana.times.firstTouchAt).toBeUndefined();
    // Her scripted first touch is in her call log; nothing else is.
    expect((await ctx.activities.forLead(siobhan.id)).map((a) => a.occurredAt)).toEqual([
      NOW - SIOBHAN_OCONNOR.hoursAgo.firstTouchAt * 3_600_000,
    ]);
  });

  it('gives the dashboard something to show', async () => {
    await loadSampleData(ctx, { now: NOW });
    const dispositions = (await Promise.all(SAMPLE_LEADS.map((lead) => ctx.dispositions.history(lead.id)))).flat();
    const input: MetricsInput = {
      leads: SAMPLE_LEADS,
      dispositions,
      eventsOf: () => [],
      settings: DEFAULT_SETTINGS,
      now: NOW,
    };
    const f = funnel(input);
    expect(f.accepted.count).toBeGreaterThan(0);
    expect(f.rejected.count).toBeGreaterThan(0);
    expect(f.directSqls.count).toBeGreaterThan(0);
    expect(rejections(input).reasons.length).toBeGreaterThan(3);
    expect(slaCompliance(input).compliance.rate).not.toBeNull();
    // A mis-click undone and decided again: the withdrawn decision is in no figure.
    const withdrawn = dispositions.find((d) => d.decision === 'withdrawn');
    expect(withdrawn).toBeDefined();
    const history = dispositions.filter((d) => d.leadId === withdrawn?.leadId);
    const inForce = decisionInForce(history);
    expect(inForce).toBeDefined();
    expect(inForce?.id).not.toBe(withdrawn?.withdraws);
  });

  it("stores marketing's scores of the personas that have one: Dana's from HubSpot, dated before her hand-over", async () => {
    const loaded = await loadSampleData(ctx, { now: NOW });
    expect(loaded.scores).toBeGreaterThanOrEqual(1);
    const [dana] = await ctx.leads.findByEmail(DANA_WHITFIELD.email);
    if (!dana) throw new Error('Dana missing');
    const scores = await ctx.marketingScores.forLead(dana.id);
    expect(scores).toEqual([
      {
        leadId: dana.id,
        system: DANA_WHITFIELD.marketingScore.system,
        value: DANA_WHITFIELD.marketingScore.value,
        model: DANA_WHITFIELD.marketingScore.model,
        scoredAt: NOW - DANA_WHITFIELD.marketingScore.hoursAgo * 3_600_000,
      },
    ]);
    expect(scores[0]?.scoredAt).toBeLessThan(dana.times.mqlAt ?? 0);
    // Her CRM id is there to link (with the portal id in the settings).
    expect(dana.crmIds.hubspot).toBe(DANA_WHITFIELD.crmIds.hubspot);
  });

  it('loading twice replaces rows instead of duplicating them, and appends no decision twice', async () => {
    const first = await loadSampleData(ctx, { now: NOW });
    const second = await loadSampleData(ctx, { now: NOW });
    expect(second).toEqual({ ...first, dispositions: 0, activities: 0, scores: 0 });
    expect(await ctx.leads.count()).toBe(first.leads);
    const [dana] = await ctx.leads.findByEmail(DANA_WHITFIELD.email);
    expect(dana && (await ctx.events.countForLead(dana.id))).toBeGreaterThan(0);
    const histories = await Promise.all(SAMPLE_LEADS.map((lead) => ctx.dispositions.history(lead.id)));
    expect(histories.flat()).toHaveLength(first.dispositions);
  });
});

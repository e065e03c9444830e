import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDashboardData } from '../../../components/dashboard/load';
import { loadSampleData } from '../../../lib/db/sample';
import type { Lead } from '../../../lib/domain/lead';
import { funnel } from '../../../lib/metrics/funnel';
import { readDayPlan } from '../../../lib/queue/read-plan';
import { setupRepositories } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';

const HOUR = 3_600_000;
let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const mql = (name: string, mqlAt: number, times: Partial<Lead['times']> = {}) =>
  ctx.leads.create(
    makeLead({
      person: { name, emails: [`${name.toLowerCase().replace(/\W/g, '')}@acme.io`], title: 'VP Sales' },
      stage: 'mql',
      times: { createdAt: mqlAt - DAY, mqlAt, ...times },
    }),
  );

describe('readDayPlan', () => {
  it('gives each waiting MQL its score, strongest intent and business time left', async () => {
    // NOW is Monday 12:00 UTC. Today 11:00 + 24 business hours = Thursday 11:00.
    const fresh = await mql('Fresh', NOW - HOUR);
    // Last Tuesday 12:00 + 24 business hours = Friday 12:00: overdue by Friday's 5 and Monday's 3 business hours.
    await mql('Late', NOW - 6 * DAY);
    await ctx.events.bulkAdd([visit(fresh, 'pricing', 1), visit(fresh, 'pricing', 2), visit(fresh, 'pricing', 3)]);

    const plan = await readDayPlan(ctx, NOW);
    expect(plan.firstTouch.total).toBe(2);
    expect(plan.firstTouch.overdue).toBe(1);
    const [late, first] = plan.firstTouch.rows;
    expect(late).toMatchObject({ overdue: true, businessMs: 8 * HOUR, intent: undefined });
    expect(first?.lead.person.name).toBe('Fresh');
    // Manager-or-above title (20) and a pricing visit (20, decayed a little over 3 days).
    expect(first?.score).toBeGreaterThan(20);
    expect(first?.intent).toMatchObject({ type: 'page_visit', pageCategory: 'pricing', count: 3 });
    // Monday 12:00 to Thursday 11:00: 5 + 8 + 8 + 2 business hours.
    expect(first?.businessMs).toBe(23 * HOUR);
  });

  it('reads high-intent requests into the first-touch list: an MQL jumps ahead, a direct-inbound lead joins', async () => {
    await mql('Standard', NOW - HOUR);
    const requested = await mql('Requested', NOW - 2 * HOUR);
    const inbound = await ctx.leads.create(
      makeLead({
        person: { name: 'Inbound', emails: ['inbound@acme.io'] },
        stage: 'lead',
        times: { createdAt: NOW - DAY },
      }),
    );
    const newsletter = await ctx.leads.create(
      makeLead({
        person: { name: 'Newsletter', emails: ['news@acme.io'] },
        stage: 'lead',
        times: { createdAt: NOW - DAY },
      }),
    );
    const old = await ctx.leads.create(
      makeLead({
        person: { name: 'Old', emails: ['old@acme.io'] },
        stage: 'lead',
        times: { createdAt: NOW - 90 * DAY },
      }),
    );
    await ctx.events.bulkAdd([
      makeEvent(requested, 'demo_requested', 30 / 1440),
      makeEvent(inbound, 'form_submitted', 10 / 1440, { details: { form: 'Contact sales' } }),
      makeEvent(newsletter, 'form_submitted', 10 / 1440, { details: { form: 'Newsletter signup' } }),
      makeEvent(old, 'demo_requested', 60),
    ]);
    const plan = await readDayPlan(ctx, NOW);
    expect(plan.firstTouch.rows.map((r) => [r.lead.person.name, r.tier])).toEqual([
      ['Requested', 'high_intent'],
      ['Inbound', 'high_intent'],
      ['Standard', 'standard'],
    ]);
    expect(plan.firstTouch.rows[1]?.deadline).toBe(NOW + 50 * 60_000);
  });

  it('lists logged next steps due today and overdue, and touched MQLs waiting for a verdict', async () => {
    const ana = await mql('Ana', NOW - 5 * DAY);
    await ctx.activities.log({
      leadId: ana.id,
      kind: 'call',
      outcome: 'connected',
      occurredAt: NOW - 2 * DAY,
      loggedBy: 'sam@seller.io',
      nextStep: { action: 'Send the pricing deck', dueAt: NOW - DAY },
    });
    const ben = await mql('Ben', NOW - 4 * DAY);
    await ctx.activities.log({
      leadId: ben.id,
      kind: 'call',
      outcome: 'voicemail',
      occurredAt: NOW - HOUR,
      loggedBy: 'sam@seller.io',
      nextStep: { action: 'Try again after lunch', dueAt: NOW + 3 * HOUR },
    });

    const plan = await readDayPlan(ctx, NOW);
    expect(plan.nextSteps.rows.map((s) => [s.lead.person.name, s.action, s.overdue])).toEqual([
      ['Ana', 'Send the pricing deck', true],
      ['Ben', 'Try again after lunch', false],
    ]);
    expect(plan.nextSteps.overdue).toBe(1);
    // Logging a touch stopped their SLA clocks: they now wait for a verdict, Ana the longest.
    expect(plan.firstTouch.total).toBe(0);
    expect(plan.verdicts.rows.map((e) => [e.lead.person.name, e.daysWaiting])).toEqual([
      ['Ana', 2],
      ['Ben', 0],
    ]);
    expect(plan.verdicts.awaiting).toBe(2);
  });

  it('keeps the first few rows of each list, and counts them all', async () => {
    // Twenty minutes apart, all after Monday's opening, so every deadline differs.
    for (const minutes of [20, 40, 60, 80, 100, 120, 140]) await mql(`Lead ${minutes}`, NOW - minutes * 60_000);
    const plan = await readDayPlan(ctx, NOW, 5);
    expect(plan.firstTouch.total).toBe(7);
    expect(plan.firstTouch.rows.map((r) => r.lead.person.name)).toEqual([
      'Lead 140',
      'Lead 120',
      'Lead 100',
      'Lead 80',
      'Lead 60',
    ]);
  });

  it('is empty with nothing to do', async () => {
    await ctx.leads.create(makeLead({ stage: 'sql', times: { createdAt: NOW - DAY, sqlAt: NOW } }));
    const plan = await readDayPlan(ctx, NOW);
    expect(plan).toEqual({
      view: 'team',
      me: undefined,
      firstTouch: { rows: [], total: 0, overdue: 0 },
      nextSteps: { rows: [], total: 0, overdue: 0 },
      verdicts: { rows: [], total: 0, awaiting: 0 },
      revisits: { rows: [], total: 0 },
    });
  });

  it('names a demo request over any number of pricing visits', async () => {
    const lead = await mql('Dana', NOW - HOUR);
    await ctx.events.bulkAdd([
      visit(lead, 'pricing', 1),
      visit(lead, 'pricing', 2),
      makeEvent(lead, 'demo_requested', 2),
    ]);
    const plan = await readDayPlan(ctx, NOW);
    expect(plan.firstTouch.rows[0]?.intent).toMatchObject({ type: 'demo_requested', count: 1 });
  });

  it('on the sample data, lists every MQL the dashboard counts as waiting for a verdict', async () => {
    await loadSampleData(ctx, { now: NOW });
    const plan = await readDayPlan(ctx, NOW, 1000);
    const { input } = await loadDashboardData(ctx, { now: NOW });
    const pending = funnel(input).pending;
    expect(plan.verdicts.awaiting).toBe(pending.count);
    // The touched ones wait in the verdict list, the others for their first touch: none drops off.
    const touched = plan.verdicts.rows.map((e) => e.lead.id);
    const untouched = plan.firstTouch.rows.map((r) => r.lead.id);
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.every((id) => pending.leadIds.includes(id))).toBe(true);
    expect(pending.leadIds.every((id) => touched.includes(id) || untouched.includes(id))).toBe(true);
    expect(plan.nextSteps.total).toBeGreaterThan(0);
  });
});

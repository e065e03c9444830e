import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandLabel } from '../../../components/dashboard/AcceptanceSection';
import { reasonText } from '../../../components/dashboard/labels';
import { loadSampleData } from '../../../lib/db/sample';
import {
  acceptanceByScore,
  conversionByGroup,
  conversionOverTime,
  funnel,
  type MetricsInput,
  recycling,
  rejections,
  slaCompliance,
  timeToSql,
} from '../../../lib/metrics';
import { setupRepositories } from '../../support/db';
import { DAY, NOW } from '../../support/factories';
import {
  barsIn,
  choose,
  figure,
  figureText,
  fmt,
  metricsInputOf,
  openDashboard,
  panel,
  panelLeadIds,
  settled,
} from './render';

// One sample database for the file: the dashboard only reads, so the tests cannot disturb each other.
let ctx: ReturnType<typeof setupRepositories>;
let input: MetricsInput;
beforeAll(async () => {
  ctx = setupRepositories();
  await loadSampleData(ctx, { now: NOW });
  input = await metricsInputOf(ctx);
}, 30_000);
afterAll(() => ctx.db.close());

const FUNNEL_COUNTS = [
  'mqls',
  'pending',
  'rejected',
  'accepted',
  'directSqls',
  'sqls',
  'opportunities',
  'customers',
  'lost',
  'directRejected',
] as const;

// Each test renders the whole page in jsdom (seconds on a busy machine): a wider limit than the default 5 s.
describe('the dashboard on the sample data', { timeout: 30_000 }, () => {
  it('shows the figures lib/metrics computes for the same leads, section by section', async () => {
    await openDashboard(ctx);
    expect(screen.getByTestId('dash-summary').textContent).toBe(
      'Figures as of Nov 23, 2026 · 100 leads stored, 55 in the funnel',
    );

    const f = funnel(input);
    for (const key of FUNNEL_COUNTS) expect(figureText(`funnel.${key}`), key).toBe(fmt.count(f[key].count));
    // The sample's MQL-to-SQL conversion, 8 of 35, read in words too.
    expect(figureText('funnel.mqlToSql')).toBe('22.9%');
    expect(figure('funnel.mqlToSql').nextElementSibling?.textContent).toBe('(8 of 35)');
    expect(figureText('funnel.sqlToOpportunity')).toBe(fmt.rate(f.sqlToOpportunity.rate));
    expect(figureText('funnel.sqlToCustomer')).toBe(fmt.rate(f.sqlToCustomer.rate));
    expect(figureText('funnel.opportunityToCustomer')).toBe(fmt.rate(f.opportunityToCustomer.rate));
    // The sample records opportunities, wins and lost deals after SQL (lib/demo/decisions.ts).
    expect([f.opportunities.count, f.customers.count, f.lost.count].every((n) => n > 0)).toBe(true);
    expect(document.querySelector('#funnel .dash-lede .badge')?.textContent).toBe('healthy');

    const periods = conversionOverTime(input, { unit: 'month' });
    expect(document.querySelectorAll('[data-table="conversion"] tbody tr')).toHaveLength(periods.length);
    for (const p of periods) {
      expect(figureText(`conversion.${p.label}.mqls`)).toBe(fmt.count(p.mqls.count));
      expect(figureText(`conversion.${p.label}.accepted`)).toBe(fmt.count(p.accepted.count));
      expect(figureText(`conversion.${p.label}.pending`)).toBe(fmt.count(p.pending.count));
      expect(figureText(`conversion.${p.label}.rate`)).toBe(fmt.rate(p.conversion.rate));
    }

    const waits = timeToSql(input);
    waits.buckets.forEach((b, i) => {
      expect(figureText(`timeToSql.bucket.${i}`)).toBe(fmt.count(b.leads.count));
    });
    expect(figureText('timeToSql.measured')).toBe(fmt.count(waits.measured.count));
    expect(figureText('timeToSql.direct')).toBe(fmt.count(waits.direct.count));
    expect(figureText('timeToSql.business.median')).toBe(fmt.businessHours(waits.business.medianMs));
    expect(figureText('timeToSql.business.p90')).toBe(fmt.businessHours(waits.business.p90Ms));
    expect(figureText('timeToSql.capture.measured')).toBe(fmt.count(waits.fromCapture.measured.count));
    expect(figureText('timeToSql.capture.elapsed.median')).toBe(fmt.elapsed(waits.fromCapture.elapsed.medianMs));
    expect(figureText('timeToSql.capture.business.p90')).toBe(fmt.businessHours(waits.fromCapture.business.p90Ms));
    // Every SQL is measured from capture, direct ones too.
    expect(waits.fromCapture.measured.count).toBe(waits.measured.count + waits.direct.count);

    const bySource = conversionByGroup(input).bySource;
    expect(
      [...document.querySelectorAll('[data-table="sources-by-source"] tbody th')].map((th) => th.textContent),
    ).toEqual(bySource.map((g) => g.key ?? 'No source'));
    for (const g of bySource) {
      const key = `sources.source.${g.key ?? 'none'}`;
      for (const [name, set] of [
        ['mqls', g.mqls],
        ['sqls', g.sqls],
        ['opportunities', g.opportunities],
        ['won', g.customers],
        ['lost', g.lost],
      ] as const) {
        expect(figureText(`${key}.${name}`), `${key}.${name}`).toBe(fmt.count(set.count));
      }
      expect(figureText(`${key}.mqlToSql`)).toBe(fmt.rate(g.mqlToSql.rate));
      expect(figureText(`${key}.sqlToOpportunity`)).toBe(fmt.rate(g.sqlToOpportunity.rate));
      expect(figureText(`${key}.sqlToWon`)).toBe(fmt.rate(g.sqlToCustomer.rate));
    }

    const sla = slaCompliance(input);
    for (const key of ['onTime', 'late', 'overdue', 'running', 'unmeasured'] as const) {
      expect(figureText(`sla.${key}`), key).toBe(fmt.count(sla[key].count));
    }
    expect(figureText('sla.compliance')).toBe(fmt.rate(sla.compliance.rate));
    expect(figureText('sla.firstTouch.median')).toBe(fmt.businessHours(sla.timeToFirstTouch.medianMs));
    for (const tier of ['high_intent', 'standard', 'verdict'] as const) {
      for (const key of ['onTime', 'late', 'overdue', 'running'] as const) {
        expect(figureText(`sla.tiers.${tier}.${key}`), `${tier}.${key}`).toBe(fmt.count(sla.tiers[tier][key].count));
      }
      expect(figureText(`sla.tiers.${tier}.compliance`)).toBe(fmt.rate(sla.tiers[tier].compliance.rate));
    }
    // The sample data has leads on every tier.
    expect(sla.tiers.high_intent.onTime.count + sla.tiers.high_intent.late.count).toBeGreaterThan(0);
    expect(sla.tiers.verdict.onTime.count + sla.tiers.verdict.late.count).toBeGreaterThan(0);

    const r = rejections(input);
    expect(figureText('rejections.rejected')).toBe(fmt.count(r.rejected.count));
    expect(figureText('rejections.rate')).toBe(fmt.rate(r.rejectionRate.rate));
    const reasonRows = document.querySelectorAll('[data-table="reasons"] tbody tr');
    expect([...reasonRows].map((row) => row.querySelector('th')?.textContent)).toEqual(
      r.reasons.map((reason) => reasonText(reason.reason, {})),
    );
    for (const reason of r.reasons) {
      expect(figureText(`rejections.reason.${reason.reason}`)).toBe(fmt.count(reason.leads.count));
    }
    const sourceRows = document.querySelectorAll('[data-table="rejections-by-source"] tbody tr');
    expect([...sourceRows].map((row) => row.querySelector('th')?.textContent)).toEqual(
      r.bySource.map((g) => g.key ?? 'No source'),
    );
    for (const g of r.bySource) {
      expect(figureText(`rejections.source.${g.key}.rejected`)).toBe(fmt.count(g.rejected.count));
      expect(figureText(`rejections.source.${g.key}.rate`)).toBe(fmt.rate(g.rejectionRate.rate));
    }

    const rc = recycling(input);
    expect(figureText('recycling.rate')).toBe(fmt.rate(rc.recycleRate.rate));
    expect(figureText('recycling.disqualifyRate')).toBe(fmt.rate(rc.disqualifyRate.rate));
    expect(figureText('recycling.due')).toBe(fmt.count(rc.dueForRevisit.count));

    const a = acceptanceByScore(input);
    expect(figureText('acceptance.overall')).toBe(fmt.rate(a.overall.rate));
    expect(figureText('acceptance.aboveThreshold')).toBe(fmt.rate(a.atOrAboveThreshold.rate));
    a.bands.forEach((band, i) => {
      expect(figureText(`acceptance.band.${i}`), bandLabel(band)).toBe(fmt.rate(band.acceptance.rate));
    });
    for (const rule of a.rules) {
      expect(figureText(`acceptance.rule.${rule.ruleId}.fired`)).toBe(fmt.rate(rule.fired.rate));
      expect(figureText(`acceptance.rule.${rule.ruleId}.notFired`)).toBe(fmt.rate(rule.notFired.rate));
      expect(figureText(`acceptance.rule.${rule.ruleId}.lift`)).toBe(fmt.points(rule.lift));
    }
  });

  it('recomputes every figure for the owner, source and date range chosen', async () => {
    await openDashboard(ctx);
    const owner = input.leads.find((l) => l.owner)?.owner ?? '';
    choose('Owner', owner);
    await settled();
    let f = funnel(input, { owner });
    expect(f.mqls.count).toBeLessThan(funnel(input).mqls.count);
    for (const key of FUNNEL_COUNTS) expect(figureText(`funnel.${key}`), key).toBe(fmt.count(f[key].count));
    expect(figureText('sla.compliance')).toBe(fmt.rate(slaCompliance(input, { owner }).compliance.rate));

    choose('Owner', '');
    choose('Source', 'Webinar');
    await settled();
    f = funnel(input, { source: 'Webinar' });
    for (const key of FUNNEL_COUNTS) expect(figureText(`funnel.${key}`), key).toBe(fmt.count(f[key].count));
    expect(figureText('rejections.rejected')).toBe(fmt.count(rejections(input, { source: 'Webinar' }).rejected.count));

    choose('Source', '');
    choose('Entered the funnel', 'last30');
    await settled();
    const range = { from: NOW - 30 * DAY, to: NOW + 1 };
    f = funnel(input, { range });
    expect(f.mqls.count).toBeLessThan(funnel(input).mqls.count);
    for (const key of FUNNEL_COUNTS) expect(figureText(`funnel.${key}`), key).toBe(fmt.count(f[key].count));
    const periods = conversionOverTime(input, { unit: 'month', filter: { range } });
    expect(document.querySelectorAll('[data-table="conversion"] tbody tr')).toHaveLength(periods.length);

    // Custom dates: both days included, in the calendar's zone (UTC in the sample settings).
    choose('Entered the funnel', 'custom');
    choose('From', '2026-09-01');
    choose('To', '2026-09-30');
    await settled();
    const september = { from: Date.UTC(2026, 8, 1), to: Date.UTC(2026, 9, 1) };
    f = funnel(input, { range: september });
    expect(f.mqls.count).toBeGreaterThan(0);
    for (const key of FUNNEL_COUNTS) expect(figureText(`funnel.${key}`), key).toBe(fmt.count(f[key].count));
  });

  it('switches conversion between months and weeks', async () => {
    await openDashboard(ctx);
    const monthly = conversionOverTime(input, { unit: 'month' });
    const weekly = conversionOverTime(input, { unit: 'week' });
    await userEvent.click(screen.getByText('Weekly', { selector: 'button' }));
    await settled();
    expect(screen.getByText('Weekly', { selector: 'button' }).getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelectorAll('[data-table="conversion"] tbody tr')).toHaveLength(weekly.length);
    expect(weekly.length).toBeGreaterThan(monthly.length);
    for (const p of weekly) expect(figureText(`conversion.${p.label}.rate`)).toBe(fmt.rate(p.conversion.rate));
    // A week without MQLs has no rate: it reads "no data", not 0%.
    const empty = weekly.find((p) => p.conversion.rate === null);
    expect(empty).toBeDefined();
    expect(figureText(`conversion.${empty?.label}.rate`)).toBe('no data');
  });

  it('draws the charts as real SVG: one bar per non-zero figure, each chart named', async () => {
    await openDashboard(ctx);
    const f = funnel(input);
    const segments = [f.mqls, f.accepted, f.directSqls, f.opportunities, f.customers].filter((s) => s.count > 0);
    expect(barsIn('funnel')).toHaveLength(segments.length);
    expect(document.querySelector('#funnel svg[role="img"] > title')?.textContent).toBe('Funnel: leads by stage');

    const periods = conversionOverTime(input, { unit: 'month' });
    expect(barsIn('conversion')).toHaveLength(periods.filter((p) => (p.conversion.rate ?? 0) > 0).length);
    // The healthy band is shaded behind the bars.
    expect(document.querySelectorAll('#conversion .healthy-band')).toHaveLength(1);

    const waits = timeToSql(input);
    expect(barsIn('time-to-sql')).toHaveLength(waits.buckets.filter((b) => b.leads.count > 0).length);
    expect(barsIn('rejections')).toHaveLength(rejections(input).reasons.length);
    const a = acceptanceByScore(input);
    expect(barsIn('acceptance', 0)).toHaveLength(a.bands.filter((b) => (b.acceptance.rate ?? 0) > 0).length);
    expect(barsIn('acceptance', 1)).toHaveLength(a.rules.filter((r) => r.lift !== null && r.lift !== 0).length);
  });

  it('lists exactly the leads behind a count, each linked to LinkedIn with its decision', async () => {
    await openDashboard(ctx);
    const f = funnel(input);
    await userEvent.click(figure('funnel.accepted'));
    expect(within(panel()).getByRole('heading').textContent).toBe('MQLs accepted as SQL');
    expect(within(panel()).getByTestId('panel-count').textContent).toBe(`${f.accepted.count} leads`);
    expect((await panelLeadIds(f.accepted.count)).sort()).toEqual(f.accepted.leadIds);
    for (const row of panel().querySelectorAll('tbody tr')) {
      expect(row.querySelector('a')?.getAttribute('href')).toMatch(/^https:\/\/www\.linkedin\.com\//);
      expect(row.textContent).toContain('Accepted');
    }

    // A reason's count: the leads rejected for it, with the reason in words.
    const top = rejections(input).reasons[0];
    if (!top?.reason) throw new Error('the sample has rejections');
    await userEvent.click(figure(`rejections.reason.${top.reason}`));
    expect(within(panel()).getByTestId('panel-count').textContent).toBe(`${top.leads.count} leads`);
    expect((await panelLeadIds(top.leads.count)).sort()).toEqual(top.leads.leadIds);
    for (const row of panel().querySelectorAll('tbody tr')) {
      expect(row.textContent).toContain(`Rejected: ${reasonText(top.reason, {})}`);
    }
  });

  it('lists a rate’s denominator with its numerator first and marked', async () => {
    await openDashboard(ctx);
    const { mqlToSql } = funnel(input);
    await userEvent.click(figure('funnel.mqlToSql'));
    expect(within(panel()).getByTestId('panel-count').textContent).toBe('35 leads, 8 accepted');
    const ids = await panelLeadIds(mqlToSql.denominator.count);
    expect([...ids].sort()).toEqual(mqlToSql.denominator.leadIds);
    expect(ids.slice(0, 8).sort()).toEqual(mqlToSql.numerator.leadIds);
    const marks = [...panel().querySelectorAll('tbody tr')].map((row) => row.querySelector('td')?.textContent);
    expect(marks.filter((m) => m === 'yes')).toHaveLength(8);
  });

  it('opens the leads of a source’s SQLs won, and of a campaign’s, with what became of each deal', async () => {
    await openDashboard(ctx);
    const { bySource, byCampaign } = conversionByGroup(input);
    const winner = bySource.find((g) => g.customers.count > 0);
    if (!winner) throw new Error('the sample has wins');
    const name = winner.key ?? 'No source';
    await userEvent.click(figure(`sources.source.${winner.key ?? 'none'}.sqlToWon`));
    expect(within(panel()).getByRole('heading').textContent).toBe(`SQLs won, ${name}`);
    expect(within(panel()).getByTestId('panel-count').textContent).toBe(
      `${winner.sqls.count} leads, ${winner.customers.count} won`,
    );
    const ids = await panelLeadIds(winner.sqls.count);
    expect(ids.slice(0, winner.customers.count).sort()).toEqual(winner.customers.leadIds);
    const wonRows = [...panel().querySelectorAll('tbody tr')].slice(0, winner.customers.count);
    for (const row of wonRows) expect(row.textContent).toMatch(/; won \w+ \d+, \d{4}/);

    await userEvent.click(screen.getByText('By campaign', { selector: '#sources button' }));
    const losing = byCampaign.find((g) => g.lost.count > 0);
    if (!losing) throw new Error('the sample has lost deals');
    await userEvent.click(figure(`sources.campaign.${losing.key ?? 'none'}.lost`));
    expect((await panelLeadIds(losing.lost.count)).sort()).toEqual(losing.lost.leadIds);
    for (const row of panel().querySelectorAll('tbody tr'))
      expect(row.textContent).toMatch(/; lost: .+, \w+ \d+, \d{4}/);
  });

  it('opens the leads of a bar clicked in a chart', async () => {
    await openDashboard(ctx);
    const f = funnel(input);
    const mqlBar = barsIn('funnel')[0]?.querySelector('path');
    if (!mqlBar) throw new Error('no MQL bar');
    fireEvent.click(mqlBar);
    expect(within(panel()).getByRole('heading').textContent).toBe('MQLs');
    expect((await panelLeadIds(f.mqls.count)).sort()).toEqual(f.mqls.leadIds);
  });

  it('works from the keyboard: Enter opens, focus goes to the panel, Escape closes and focus returns', async () => {
    await openDashboard(ctx);
    const button = figure('funnel.rejected');
    button.focus();
    await userEvent.keyboard('{Enter}');
    const heading = within(panel()).getByRole('heading');
    expect(document.activeElement).toBe(heading);
    await panelLeadIds(funnel(input).rejected.count);
    await userEvent.keyboard('{Escape}');
    expect(document.querySelector('.dash-panel')).toBeNull();
    expect(document.activeElement).toBe(button);

    await userEvent.click(figure('funnel.pending'));
    await userEvent.click(within(panel()).getByText('Close', { selector: 'button' }));
    expect(document.querySelector('.dash-panel')).toBeNull();
    expect(document.activeElement).toBe(figure('funnel.pending'));
  });

  it('closes the panel when a new filter replaces the figure it listed', async () => {
    await openDashboard(ctx);
    await userEvent.click(figure('funnel.mqls'));
    expect(panel()).toBeTruthy();
    choose('Source', 'Webinar');
    expect(document.querySelector('.dash-panel')).toBeNull();
    await settled();
  });

  it('lists a large figure a page at a time, the count always the figure’s', async () => {
    await openDashboard(ctx, { panelPageSize: 10 });
    const { mqls } = funnel(input);
    await userEvent.click(figure('funnel.mqls'));
    expect(within(panel()).getByTestId('panel-count').textContent).toBe(`${mqls.count} leads`);
    expect(await panelLeadIds(10)).toEqual(mqls.leadIds.slice(0, 10));
    await userEvent.click(within(panel()).getByText(`Show 10 more of ${mqls.count - 10}`, { selector: 'button' }));
    expect(await panelLeadIds(20)).toEqual(mqls.leadIds.slice(0, 20));
  });
});

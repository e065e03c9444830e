import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../../components/dashboard/Dashboard';
import type { DashboardEngine, DashboardSummary } from '../../../components/dashboard/engine';
import type { LoadProgress } from '../../../components/dashboard/load';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
import { figure, figureText, openDashboard, panel, panelLeadIds, renderDashboard } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

describe('an empty database', { timeout: 30_000 }, () => {
  it('says so and points to the import on the options page and to the popup’s sample data', async () => {
    renderDashboard(ctx, { optionsHref: '/options.html' });
    const empty = await screen.findByRole('region', { name: 'No leads in this browser yet' });
    expect(within(empty).getByRole('link', { name: 'options page' }).getAttribute('href')).toBe('/options.html');
    expect(empty.textContent).toContain('Load sample data');
    expect(document.querySelector('[data-figure]')).toBeNull();
    expect(screen.queryByLabelText('Owner')).toBeNull();
  });

  it('shows the figures once leads arrive and the reader checks again', async () => {
    renderDashboard(ctx);
    await screen.findByRole('region', { name: 'No leads in this browser yet' });
    await ctx.leads.create(makeLead({ stage: 'mql', times: { createdAt: NOW - 3 * DAY, mqlAt: NOW - 2 * DAY } }));
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await screen.findByText('Funnel', { selector: 'h2' });
    expect(figureText('funnel.mqls')).toBe('1');
  });
});

describe('rates with nothing to divide', { timeout: 30_000 }, () => {
  it('read "no data", never 0%, while a real 0% still reads 0%', async () => {
    // One MQL waiting (MQL-to-SQL is 0 of 1) and one SQL imported straight from a CRM (direct:
    // it never was an MQL). No MQL has been decided, so acceptance by score has nothing to divide.
    const waiting = await ctx.leads.create(
      makeLead({ stage: 'mql', times: { createdAt: NOW - 3 * DAY, mqlAt: NOW - 2 * DAY } }),
    );
    const direct = await ctx.leads.create(
      makeLead({
        person: { name: 'Direct Dee', emails: ['dee@beta.io'] },
        stage: 'sql',
        times: { createdAt: NOW - 5 * DAY, sqlAt: NOW - 4 * DAY },
      }),
    );
    await openDashboard(ctx);

    expect(figureText('funnel.mqlToSql')).toBe('0%');
    expect(figureText('funnel.opportunityToCustomer')).toBe('no data');
    expect(figureText('acceptance.overall')).toBe('no data');
    expect(figureText('acceptance.band.0')).toBe('no data');
    expect(figureText('timeToSql.business.median')).toBe('no data');
    expect(figureText('sla.compliance')).toBe('no data');
    // "no data" is not a button: there are no leads to list behind it.
    expect(figure('acceptance.overall').tagName).toBe('SPAN');
    expect(document.body.textContent).not.toMatch(/\b0 of 0\b/);

    await userEvent.click(figure('funnel.directSqls'));
    expect(await panelLeadIds(1)).toEqual([direct.id]);
    expect(panel().textContent).toContain('Accepted (imported stage, no decision recorded)');
    await userEvent.click(figure('funnel.pending'));
    expect(await panelLeadIds(1)).toEqual([waiting.id]);
    expect(panel().textContent).toContain('Waiting for a verdict');
  });

  it('says when no lead has reached the funnel yet', async () => {
    await ctx.leads.create(makeLead());
    await openDashboard(ctx);
    expect(screen.getByText(/None of the 1 lead has reached the funnel yet/)).toBeTruthy();
    expect(figureText('funnel.mqls')).toBe('0');
    expect(figureText('funnel.mqlToSql')).toBe('no data');
  });
});

/** An engine whose load the test advances by hand. */
function controlledEngine() {
  let report: ((progress: LoadProgress) => void) | undefined;
  let finish: ((summary: DashboardSummary) => void) | undefined;
  let fail: ((error: Error) => void) | undefined;
  const engine: DashboardEngine = {
    load: (_now, onProgress) =>
      new Promise((resolve, reject) => {
        report = onProgress;
        finish = resolve;
        fail = reject;
      }),
    figures: () => Promise.reject(new Error('not in this test')),
    rows: async () => [],
  };
  return {
    engine,
    progress: (p: LoadProgress) => report?.(p),
    finish: (summary: DashboardSummary) => finish?.(summary),
    fail: (error: Error) => fail?.(error),
  };
}

const EMPTY_SUMMARY: DashboardSummary = {
  now: NOW,
  leads: 0,
  inFunnel: 0,
  owners: [],
  sources: [],
  timeZone: 'UTC',
  reasonLabels: {},
};

describe('loading', () => {
  it('shows how far the reading has got, then the page', async () => {
    const control = controlledEngine();
    render(<Dashboard engine={control.engine} now={() => NOW} locale="en-US" />);
    expect(screen.getByText('Opening the database…')).toBeTruthy();
    control.progress({ step: 'leads', done: 20_000, total: 100_000 });
    const status = await screen.findByText('Reading leads: 20,000 of 100,000');
    const bar = screen.getByRole('progressbar', { name: 'Reading leads' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([20_000, 100_000]);
    expect(status.closest('[role="status"]')).toBeTruthy();
    control.progress({ step: 'events', done: 500, total: 28_000 });
    await screen.findByText('Reading the engagement of decided MQLs: 500 of 28,000');
    control.finish(EMPTY_SUMMARY);
    await screen.findByRole('region', { name: 'No leads in this browser yet' });
  });

  it('says what went wrong when the database cannot be read', async () => {
    const control = controlledEngine();
    render(<Dashboard engine={control.engine} now={() => NOW} locale="en-US" />);
    control.fail(new Error('QuotaExceededError'));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not read the database: QuotaExceededError');
  });
});

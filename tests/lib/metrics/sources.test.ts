import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { funnel } from '../../../lib/metrics/funnel';
import { conversionByGroup } from '../../../lib/metrics/sources';
import { DAY, makeLead, NOW } from '../../support/factories';
import { accept, ids, lost, metricsInput, opened, reject, won } from './support';

const T0 = NOW - 60 * DAY;
const at = (days: number) => T0 + days * DAY;
const lead = (source: string | undefined, campaign: string | undefined, stage: Lead['stage'], times = {}) =>
  makeLead({
    stage,
    ...(source && { source }),
    ...(campaign && { campaign }),
    times: { createdAt: at(0), mqlAt: at(1), ...times },
  });

// Webinar: three MQLs, two accepted (one won, one lost), one rejected.
const webinarWon = lead('Webinar', 'Forecasting', 'customer', {
  sqlAt: at(2),
  opportunityAt: at(4),
  customerAt: at(20),
});
const webinarLost = lead('Webinar', 'Scoring', 'recycled', { sqlAt: at(2), recycledAt: at(9) });
const webinarRejected = lead('Webinar', 'Scoring', 'recycled', { recycledAt: at(3) });
// Paid search: one MQL, accepted, an open opportunity; one waiting.
const paidOpen = lead('Paid Search', 'Scoring', 'opportunity', { sqlAt: at(2), opportunityAt: at(6) });
const paidWaiting = lead('Paid Search', undefined, 'mql');
// Outbound: a direct SQL won, never an MQL.
const outbound = makeLead({
  stage: 'customer',
  source: 'Outbound',
  times: { createdAt: at(0), sqlAt: at(1), customerAt: at(10) },
});
// No source at all: one waiting MQL.
const unknown = lead(undefined, undefined, 'mql');

const LEADS = [webinarWon, webinarLost, webinarRejected, paidOpen, paidWaiting, outbound, unknown];
const DISPOSITIONS = [
  accept(webinarWon, at(2)),
  opened(webinarWon, at(4)),
  won(webinarWon, at(21), at(20)),
  accept(webinarLost, at(2)),
  lost(webinarLost, at(9), 'competitor'),
  reject(webinarRejected, at(3), 'no_budget'),
  accept(paidOpen, at(2)),
  opened(paidOpen, at(6)),
  accept(outbound, at(1), 'direct_outbound'),
  won(outbound, at(10), at(10), 'direct_outbound'),
];
const input = metricsInput({ leads: LEADS, dispositions: DISPOSITIONS });

describe('conversionByGroup', () => {
  const { bySource, byCampaign } = conversionByGroup(input);

  it('follows each source from MQL to SQL, opportunity and won, every figure with its leads', () => {
    const webinar = bySource.find((g) => g.key === 'Webinar');
    expect(webinar?.mqls.leadIds).toEqual(ids(webinarWon, webinarLost, webinarRejected));
    expect(webinar?.accepted.leadIds).toEqual(ids(webinarWon, webinarLost));
    expect(webinar?.sqls.leadIds).toEqual(ids(webinarWon, webinarLost));
    expect(webinar?.opportunities.leadIds).toEqual(ids(webinarWon));
    expect(webinar?.customers.leadIds).toEqual(ids(webinarWon));
    expect(webinar?.lost.leadIds).toEqual(ids(webinarLost));
    expect(webinar?.mqlToSql.rate).toBe(2 / 3);
    expect(webinar?.sqlToOpportunity.rate).toBe(1 / 2);
    expect(webinar?.sqlToCustomer).toEqual({ rate: 1 / 2, numerator: webinar?.customers, denominator: webinar?.sqls });
  });

  it('counts a direct SQL in its source’s SQLs, never in an MQL rate', () => {
    const direct = bySource.find((g) => g.key === 'Outbound');
    expect(direct?.mqls.count).toBe(0);
    expect(direct?.mqlToSql.rate).toBeNull();
    expect(direct?.sqls.leadIds).toEqual(ids(outbound));
    expect(direct?.sqlToCustomer.rate).toBe(1);
  });

  it('orders by SQLs, then MQLs, then name, leads without one last among equals', () => {
    expect(bySource.map((g) => g.key)).toEqual(['Webinar', 'Paid Search', 'Outbound', null]);
    // Leads without a campaign are a group like any other, ranked by what they bring.
    expect(byCampaign.map((g) => [g.key, g.sqls.count, g.mqls.count])).toEqual([
      ['Scoring', 2, 3],
      [null, 1, 2],
      ['Forecasting', 1, 1],
    ]);
  });

  it('adds up to the funnel', () => {
    const whole = funnel(input);
    const sum = (pick: (g: (typeof bySource)[number]) => { count: number }) =>
      bySource.reduce((n, g) => n + pick(g).count, 0);
    expect(sum((g) => g.mqls)).toBe(whole.mqls.count);
    expect(sum((g) => g.sqls)).toBe(whole.sqls.count);
    expect(sum((g) => g.opportunities)).toBe(whole.opportunities.count);
    expect(sum((g) => g.customers)).toBe(whole.customers.count);
    expect(sum((g) => g.lost)).toBe(whole.lost.count);
  });

  it('follows the filter', () => {
    const only = conversionByGroup(input, { source: 'Paid Search' });
    expect(only.bySource.map((g) => g.key)).toEqual(['Paid Search']);
    expect(only.byCampaign.map((g) => g.key)).toEqual(['Scoring', null]);
    expect(conversionByGroup(metricsInput({}))).toEqual({ bySource: [], byCampaign: [] });
  });
});

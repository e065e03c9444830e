import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { funnel } from '../../../lib/metrics/funnel';
import { DAY, NOW, makeLead } from '../../support/factories';
import { accept, ids, lost as loss, metricsInput, opened, reject, withdrawal, won } from './support';

const T0 = NOW - 60 * DAY;
const at = (days: number) => T0 + days * DAY;
const mql = (times: Partial<Lead['times']> = {}, stage: Lead['stage'] = 'mql') =>
  makeLead({ stage, times: { createdAt: at(0), mqlAt: at(1), ...times } });

// MQLs: three accepted (one became a customer, one an opportunity), one rejected, one waiting,
// and one accepted, taken to opportunity and then recycled by sales.
const customer = mql({ sqlAt: at(2), opportunityAt: at(5), customerAt: at(40) }, 'customer');
const opportunity = mql({ sqlAt: at(2), opportunityAt: at(6) }, 'opportunity');
const sql = mql({ sqlAt: at(3) }, 'sql');
const recycled = mql({ recycledAt: at(4) }, 'recycled');
const waiting = mql();
const lost = mql({ sqlAt: at(2), opportunityAt: at(5), recycledAt: at(20) }, 'recycled');
// Never MQLs: a demo request taken straight to SQL (now an opportunity), an outbound prospect rejected.
const direct = makeLead({ stage: 'opportunity', times: { createdAt: at(0), sqlAt: at(0), opportunityAt: at(8) } });
const prospect = makeLead({ stage: 'disqualified', times: { createdAt: at(0), disqualifiedAt: at(3) } });
const untouched = makeLead({ stage: 'lead', times: { createdAt: at(0) } });

const DISPOSITIONS = [
  accept(customer, at(2)),
  accept(opportunity, at(2)),
  accept(sql, at(3)),
  reject(recycled, at(4), 'no_budget'),
  accept(lost, at(2)),
  reject(lost, at(20), 'bad_timing'),
  accept(direct, at(0), 'direct_inbound'),
  reject(prospect, at(3), 'company_not_fit', 'disqualified', 'direct_outbound'),
];
const LEADS = [customer, opportunity, sql, recycled, waiting, lost, direct, prospect, untouched];

describe('funnel', () => {
  const f = funnel(metricsInput({ leads: LEADS, dispositions: DISPOSITIONS }));

  it('counts MQLs by their verdict in force, each figure with its leads', () => {
    expect(f.mqls.leadIds).toEqual(ids(customer, opportunity, sql, recycled, waiting, lost));
    expect(f.accepted.leadIds).toEqual(ids(customer, opportunity, sql));
    // Accepted, then recycled by sales: the rejection is the verdict in force.
    expect(f.rejected.leadIds).toEqual(ids(recycled, lost));
    expect(f.pending.leadIds).toEqual(ids(waiting));
    expect(f.mqlToSql).toEqual({ rate: 0.5, numerator: f.accepted, denominator: f.mqls });
  });

  it('keeps direct-to-SQL leads out of MQL-to-SQL conversion, and in the SQLs', () => {
    expect(f.directSqls.leadIds).toEqual(ids(direct));
    expect(f.directRejected.leadIds).toEqual(ids(prospect));
    expect(f.sqls.leadIds).toEqual(ids(customer, opportunity, sql, direct));
    expect(f.opportunities.leadIds).toEqual(ids(customer, opportunity, direct));
    expect(f.customers.leadIds).toEqual(ids(customer));
    expect(f.sqlToOpportunity.rate).toBe(3 / 4);
    expect(f.opportunityToCustomer.rate).toBe(1 / 3);

    const moreDirect = Array.from({ length: 10 }, () =>
      makeLead({ stage: 'sql', times: { createdAt: at(0), sqlAt: at(1) } }),
    );
    const withMore = funnel(
      metricsInput({
        leads: [...LEADS, ...moreDirect],
        dispositions: [...DISPOSITIONS, ...moreDirect.map((l) => accept(l, at(1), 'direct_outbound'))],
      }),
    );
    expect(withMore.mqlToSql.rate).toBe(0.5);
    expect(withMore.directSqls.count).toBe(11);
  });

  it('counts a customer without an opportunity stamp (an import) as an opportunity too', () => {
    const imported = mql({ sqlAt: at(2), customerAt: at(30) }, 'customer');
    const g = funnel(metricsInput({ leads: [imported], dispositions: [accept(imported, at(2))] }));
    expect(g.opportunities.leadIds).toEqual(ids(imported));
    expect(g.opportunityToCustomer.rate).toBe(1);
  });

  it('follows the filter', () => {
    const g = funnel(metricsInput({ leads: LEADS, dispositions: DISPOSITIONS }), {
      range: { from: at(0), to: at(1) },
    });
    // Only the direct lead entered on day 0; the MQLs entered on day 1.
    expect(g.mqls.count).toBe(0);
    expect(g.sqls.leadIds).toEqual(ids(direct));
    expect(g.mqlToSql.rate).toBeNull();
  });

  it('reports null rates, not 0 or NaN, for empty input', () => {
    const g = funnel(metricsInput({}));
    expect(g.mqls).toEqual({ count: 0, leadIds: [] });
    expect([g.mqlToSql.rate, g.sqlToOpportunity.rate, g.sqlToCustomer.rate, g.opportunityToCustomer.rate]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('funnel: after SQL, as the reps record it', () => {
  // Five MQLs accepted on day 2, then moved on in Handoff: the lead's stage and stamps are
  // what the records left, as the sidebar writes them together.
  const deal = (stage: Lead['stage'], times: Partial<Lead['times']> = {}) => mql({ sqlAt: at(2), ...times }, stage);
  const open = deal('opportunity', { opportunityAt: at(5) });
  const closed = deal('customer', { opportunityAt: at(5), customerAt: at(30) });
  const quick = deal('customer', { customerAt: at(3) });
  const lostDeal = deal('recycled', { opportunityAt: at(5), recycledAt: at(25) });
  const lostEarly = deal('recycled', { recycledAt: at(4) });
  const idle = deal('sql');
  const undone = deal('sql');
  const firstOpportunity = opened(undone, at(6));
  const records = [
    ...[open, closed, quick, lostDeal, lostEarly, idle, undone].map((l) => accept(l, at(2))),
    opened(open, at(5)),
    opened(closed, at(5)),
    won(closed, at(31), at(30)),
    won(quick, at(3)),
    opened(lostDeal, at(5)),
    loss(lostDeal, at(25), 'competitor'),
    loss(lostEarly, at(4), 'no_decision'),
    firstOpportunity,
    withdrawal(firstOpportunity),
  ];
  const f = funnel(
    metricsInput({ leads: [open, closed, quick, lostDeal, lostEarly, idle, undone], dispositions: records }),
  );

  it('counts opportunities, wins and losses from the records in force', () => {
    expect(f.sqls.count).toBe(7);
    // A win without an opportunity recorded was an opportunity all the same; an undone one is not.
    expect(f.opportunities.leadIds).toEqual(ids(open, closed, quick, lostDeal));
    expect(f.customers.leadIds).toEqual(ids(closed, quick));
    expect(f.lost.leadIds).toEqual(ids(lostDeal, lostEarly));
    expect(f.sqlToOpportunity).toEqual({ rate: 4 / 7, numerator: f.opportunities, denominator: f.sqls });
    expect(f.sqlToCustomer).toEqual({ rate: 2 / 7, numerator: f.customers, denominator: f.sqls });
    expect(f.opportunityToCustomer.rate).toBe(2 / 4);
  });

  it('keeps a lost deal accepted: MQL-to-SQL conversion and the rejections do not move', () => {
    expect(f.accepted.count).toBe(7);
    expect(f.rejected.count).toBe(0);
    expect(f.mqlToSql.rate).toBe(1);
  });

  it('leaves an SQL sales rejected after its opportunity out of every stage after SQL', () => {
    const taken = deal('recycled', { opportunityAt: at(5), recycledAt: at(9) });
    const g = funnel(
      metricsInput({
        leads: [taken],
        dispositions: [accept(taken, at(2)), opened(taken, at(5)), reject(taken, at(9), 'no_budget')],
      }),
    );
    expect(g.rejected.leadIds).toEqual(ids(taken));
    expect([g.opportunities.count, g.customers.count, g.lost.count]).toEqual([0, 0, 0]);
  });

  it('counts an imported SQL moved on in Handoff as accepted, its loss as a loss', () => {
    const imported = makeLead({ stage: 'recycled', times: { createdAt: at(0), sqlAt: at(1), recycledAt: at(9) } });
    const g = funnel(metricsInput({ leads: [imported], dispositions: [loss(imported, at(9), 'timing')] }));
    expect(g.sqls.leadIds).toEqual(ids(imported));
    expect(g.lost.leadIds).toEqual(ids(imported));
    expect(g.directRejected.count).toBe(0);
  });
});

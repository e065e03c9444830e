import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import { recycling, rejections } from '../../../lib/metrics/rejections';
import { DAY, NOW, makeLead } from '../../support/factories';
import { accept, ids, metricsInput, reject, withdrawal } from './support';

const ago = (days: number) => NOW - days * DAY;
const mql = (source?: string, campaign?: string, stage: Lead['stage'] = 'mql') =>
  makeLead({ stage, source, campaign, times: { createdAt: ago(200), mqlAt: ago(150) } });

const due = mql('Webinar', 'Webinar: X', 'recycled');
const notDue = mql('Webinar', 'Webinar: X', 'recycled');
const notFit = mql('Organic Search', undefined, 'disqualified');
const accepted = mql('Webinar', 'Webinar: Y', 'sql');
const changedMind = mql('Organic Search', undefined, 'sql');
const prospect = makeLead({
  stage: 'recycled',
  source: 'Outbound',
  campaign: 'Outbound - EMEA',
  times: { createdAt: ago(200) },
});
const waiting = mql('Webinar', 'Webinar: X');
const competitor = mql(undefined, undefined, 'disqualified');
const overturned = mql('Webinar', 'Webinar: X', 'recycled');

const wrongClick = reject(changedMind, ago(30), 'bad_timing');
const DISPOSITIONS = [
  reject(due, ago(100), 'no_budget'),
  reject(notDue, ago(10), 'no_budget'),
  reject(notFit, ago(40), 'company_not_fit', 'disqualified'),
  accept(accepted, ago(40)),
  wrongClick,
  withdrawal(wrongClick),
  accept(changedMind, ago(29)),
  reject(prospect, ago(20), 'wrong_persona', 'recycled', 'direct_outbound'),
  reject(competitor, ago(50), 'competitor', 'disqualified'),
  accept(overturned, ago(120)),
  // Exactly 90 days ago: its revisit date is now, so it is due.
  reject(overturned, ago(90), 'no_budget'),
];
const INPUT = metricsInput({
  leads: [due, notDue, notFit, accepted, changedMind, prospect, waiting, competitor, overturned],
  dispositions: DISPOSITIONS,
});

describe('rejections', () => {
  const r = rejections(INPUT);

  it('counts rejections in force among decided leads; a withdrawn rejection is not one', () => {
    expect(r.decided.leadIds).toEqual(
      ids(due, notDue, notFit, accepted, changedMind, prospect, competitor, overturned),
    );
    expect(r.rejected.leadIds).toEqual(ids(due, notDue, notFit, prospect, competitor, overturned));
    expect(r.rejectionRate.rate).toBe(6 / 8);
  });

  it('lists reasons by count, ties in the standard order, split by outcome', () => {
    expect(r.reasons.map((x) => [x.reason, x.leads.leadIds])).toEqual([
      ['no_budget', ids(due, notDue, overturned)],
      ['wrong_persona', ids(prospect)],
      ['company_not_fit', ids(notFit)],
      ['competitor', ids(competitor)],
    ]);
    const noBudget = r.reasons[0];
    expect(noBudget?.recycled.count).toBe(3);
    expect(noBudget?.disqualified.count).toBe(0);
    expect(r.reasons.find((x) => x.reason === 'competitor')?.disqualified.leadIds).toEqual(ids(competitor));
  });

  it('breaks rejections down by source: most rejections first, no source last', () => {
    expect(
      r.bySource.map((g) => [
        g.key,
        g.decided.count,
        g.rejected.count,
        g.rejectionRate.rate,
        g.reasons.map((x) => x.reason),
      ]),
    ).toEqual([
      ['Webinar', 4, 3, 3 / 4, ['no_budget']],
      ['Organic Search', 2, 1, 1 / 2, ['company_not_fit']],
      ['Outbound', 1, 1, 1, ['wrong_persona']],
      [null, 1, 1, 1, ['competitor']],
    ]);
    expect(r.bySource[0]?.rejected.leadIds).toEqual(ids(due, notDue, overturned));
  });

  it('and by campaign, with campaigns nobody rejected from kept (rate 0)', () => {
    expect(r.byCampaign.map((g) => [g.key, g.rejected.count, g.rejectionRate.rate])).toEqual([
      ['Webinar: X', 3, 1],
      [null, 2, 2 / 3],
      ['Outbound - EMEA', 1, 1],
      ['Webinar: Y', 0, 0],
    ]);
  });

  it('lists rejections imported without a reason (no disposition, a rejected stage) as not recorded, last', () => {
    const imported = makeLead({
      stage: 'disqualified',
      source: 'Webinar',
      times: { createdAt: ago(200), mqlAt: ago(150), disqualifiedAt: ago(140) },
    });
    const withImport = rejections(metricsInput({ leads: [...INPUT.leads, imported], dispositions: DISPOSITIONS }));
    expect(withImport.reasons.map((x) => x.reason)).toEqual([
      'no_budget',
      'wrong_persona',
      'company_not_fit',
      'competitor',
      null,
    ]);
    expect(withImport.reasons.at(-1)?.disqualified.leadIds).toEqual([imported.id]);
  });

  it('follows the filter', () => {
    const webinar = rejections(INPUT, { source: 'Webinar' });
    expect(webinar.rejected.leadIds).toEqual(ids(due, notDue, overturned));
    expect(webinar.bySource.map((g) => g.key)).toEqual(['Webinar']);
  });

  it('is empty with null rates for empty input', () => {
    const empty = rejections(metricsInput({}));
    expect(empty).toMatchObject({ reasons: [], bySource: [], byCampaign: [], rejectionRate: { rate: null } });
  });
});

describe('recycling', () => {
  const r = recycling(INPUT);

  it('gives the recycle and disqualify rates of decided leads', () => {
    expect(r.recycled.leadIds).toEqual(ids(due, notDue, prospect, overturned));
    expect(r.disqualified.leadIds).toEqual(ids(notFit, competitor));
    expect(r.recycleRate.rate).toBe(4 / 8);
    expect(r.disqualifyRate.rate).toBe(2 / 8);
    expect(r.recycleRate.denominator).toEqual(r.decided);
  });

  it('gives the recycled leads’ reasons, and those due for a revisit at now', () => {
    expect(r.reasons.map((x) => [x.reason, x.leads.count])).toEqual([
      ['no_budget', 3],
      ['wrong_persona', 1],
    ]);
    expect(r.dueForRevisit.leadIds).toEqual(ids(due, overturned));
  });

  it('reports null rates for empty input', () => {
    const empty = recycling(metricsInput({}));
    expect([empty.recycleRate.rate, empty.disqualifyRate.rate]).toEqual([null, null]);
    expect(empty.dueForRevisit.count).toBe(0);
  });
});

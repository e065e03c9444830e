import { describe, expect, it } from 'vitest';
import { cohort, filterOptions } from '../../../lib/metrics/filter';
import { DAY, NOW, makeLead } from '../../support/factories';
import { REP, accept, ids, lost, metricsInput, opened, reject, withdrawal, won } from './support';

const T0 = NOW - 30 * DAY;

describe('cohort: who is in the funnel, on which path, entered when', () => {
  it('takes an MQL in at its MQL time, waiting for a verdict', () => {
    const lead = makeLead({ stage: 'mql', times: { createdAt: T0, mqlAt: T0 + DAY } });
    const [c] = cohort(metricsInput({ leads: [lead] }));
    expect(c).toMatchObject({ path: 'mql', enteredAt: T0 + DAY, mqlAt: T0 + DAY, verdict: 'pending' });
    expect(c?.verdictFrom).toBeUndefined();
    expect(c?.decision).toBeUndefined();
  });

  it('dates an MQL without mqlAt (an import) from createdAt, as the SLA clock does', () => {
    const imported = makeLead({ stage: 'mql', times: { createdAt: T0 } });
    // No stamp and no longer in mql: only the route of its decision says it was an MQL.
    const routed = makeLead({ stage: 'recycled', times: { createdAt: T0 + DAY } });
    const rejection = reject(routed, T0 + 2 * DAY, 'no_budget');
    const facts = cohort(metricsInput({ leads: [imported, routed], dispositions: [rejection] }));
    expect(facts.map((c) => [c.path, c.mqlAt, c.verdict])).toEqual([
      ['mql', T0, 'pending'],
      ['mql', T0 + DAY, 'rejected'],
    ]);
  });

  it('takes a lead that never was an MQL in when sales first decided on it', () => {
    const direct = makeLead({ stage: 'recycled', times: { createdAt: T0 } });
    const accepted = accept(direct, T0 + DAY, 'direct_outbound');
    // Later recycled by sales: the verdict changes, the entry does not.
    const recycled = reject(direct, T0 + 9 * DAY, 'no_budget', 'recycled', 'direct_outbound');
    const [c] = cohort(metricsInput({ leads: [direct], dispositions: [recycled, accepted] }));
    expect(c).toMatchObject({ path: 'direct', enteredAt: T0 + DAY, mqlAt: undefined, verdict: 'rejected' });
    expect(c).toMatchObject({ verdictFrom: 'disposition', decidedAt: T0 + 9 * DAY, reason: 'no_budget' });
    expect(c).toMatchObject({ outcome: 'recycled', revisitAt: T0 + 99 * DAY });
    expect(c?.decision?.id).toBe(recycled.id);
  });

  it('leaves out prospects nobody has judged, and decisions that were all withdrawn', () => {
    const prospect = makeLead({ stage: 'lead', times: { createdAt: T0, firstTouchAt: T0 + DAY } });
    const undone = makeLead({ stage: 'lead', times: { createdAt: T0 } });
    const mistake = accept(undone, T0 + DAY, 'direct_inbound');
    const input = metricsInput({ leads: [prospect, undone], dispositions: [mistake, withdrawal(mistake)] });
    expect(cohort(input)).toEqual([]);
  });

  it('uses the decision in force: a withdrawn rejection does not count, the decision after it does', () => {
    const lead = makeLead({ stage: 'sql', times: { createdAt: T0, mqlAt: T0, sqlAt: T0 + 2 * DAY } });
    const wrong = reject(lead, T0 + 2 * DAY - 60_000, 'bad_timing');
    const right = accept(lead, T0 + 2 * DAY);
    const [c] = cohort(metricsInput({ leads: [lead], dispositions: [right, withdrawal(wrong), wrong] }));
    expect(c?.verdict).toBe('accepted');
    expect(c?.decision?.id).toBe(right.id);
  });

  it('with team sync, the verdict is the decision in force by clock, as on the server', () => {
    const lead = makeLead({ stage: 'sql', times: { createdAt: T0, mqlAt: T0, sqlAt: T0 + 2 * DAY } });
    // Decided blind on two browsers; the rejecting one's wall clock ran ahead.
    const rejected = reject(lead, T0 + 2 * DAY + 60_000, 'bad_timing');
    const accepted = accept(lead, T0 + 2 * DAY);
    const input = metricsInput({ leads: [lead], dispositions: [rejected, accepted] });
    expect(cohort(input)[0]?.verdict).toBe('rejected');
    const clocks = new Map([
      [rejected.id, `${T0 + 2 * DAY - 1000}-0000-sam`],
      [accepted.id, `${T0 + 2 * DAY}-0000-alex`],
    ]);
    const [c] = cohort({ ...input, clocks });
    expect(c?.verdict).toBe('accepted');
    expect(c?.decision?.id).toBe(accepted.id);
  });

  it('reads the verdict of a lead decided outside Handoff (an import: no disposition) from its stage', () => {
    const sql = makeLead({ stage: 'opportunity', times: { createdAt: T0, mqlAt: T0 + DAY, sqlAt: T0 + 3 * DAY } });
    const recycled = makeLead({
      stage: 'recycled',
      revisitAt: T0 + 90 * DAY,
      times: { createdAt: T0, recycledAt: T0 + 2 * DAY },
    });
    const undated = makeLead({ stage: 'customer', times: { createdAt: T0 } });
    const facts = cohort(metricsInput({ leads: [sql, recycled, undated] }));
    expect(facts.map((c) => c.lead.id)).toEqual([sql.id, recycled.id]);
    expect(facts[0]).toMatchObject({
      path: 'mql',
      verdictFrom: 'stage',
      verdict: 'accepted',
      decidedAt: T0 + 3 * DAY,
      reason: undefined,
    });
    // Never an MQL: enters the funnel when it was rejected; the reason was not recorded.
    expect(facts[1]).toMatchObject({
      path: 'direct',
      enteredAt: T0 + 2 * DAY,
      verdictFrom: 'stage',
      verdict: 'rejected',
      reason: null,
      outcome: 'recycled',
      revisitAt: T0 + 90 * DAY,
    });
  });

  it('trusts the dispositions over the stage once a lead has any', () => {
    const lead = makeLead({ stage: 'sql', times: { createdAt: T0, mqlAt: T0, sqlAt: T0 + DAY } });
    const undone = accept(lead, T0 + DAY);
    const [c] = cohort(metricsInput({ leads: [lead], dispositions: [undone, withdrawal(undone)] }));
    expect(c).toMatchObject({ verdict: 'pending', verdictFrom: undefined, decidedAt: undefined });
  });

  it('ignores dispositions of leads that are not in the input', () => {
    const lead = makeLead({ stage: 'mql', times: { createdAt: T0, mqlAt: T0 } });
    const stranger = makeLead();
    const input = metricsInput({ leads: [lead], dispositions: [accept(stranger, T0, 'direct_inbound')] });
    expect(ids(...cohort(input).map((c) => c.lead))).toEqual(ids(lead));
  });

  it('is empty for empty input', () => {
    expect(cohort(metricsInput({}))).toEqual([]);
  });
});

describe('cohort: what became of an accepted lead', () => {
  const sqlAt = T0 + 2 * DAY;
  const accepted = (stage: 'sql' | 'opportunity' | 'customer' | 'recycled', times = {}) =>
    makeLead({ stage, times: { createdAt: T0, mqlAt: T0 + DAY, sqlAt, ...times } });

  it('dates the deal by the records in force, as the rep dated them, the acceptance staying the verdict', () => {
    const lead = accepted('customer', { opportunityAt: T0 + 5 * DAY, customerAt: T0 + 20 * DAY });
    const acceptance = accept(lead, sqlAt);
    const records = [acceptance, opened(lead, T0 + 6 * DAY, T0 + 5 * DAY), won(lead, T0 + 21 * DAY, T0 + 20 * DAY)];
    const [c] = cohort(metricsInput({ leads: [lead], dispositions: records }));
    expect(c).toMatchObject({ verdict: 'accepted', decidedAt: sqlAt });
    expect(c?.decision?.id).toBe(acceptance.id);
    expect(c?.deal).toEqual({
      from: 'disposition',
      opportunityAt: T0 + 5 * DAY,
      wonAt: T0 + 20 * DAY,
      lostAt: undefined,
      lostReason: undefined,
    });
  });

  it('keeps a loss with its reason; a deal is empty under a rejection', () => {
    const lostLead = accepted('recycled', { recycledAt: T0 + 9 * DAY });
    const rejected = accepted('recycled', { recycledAt: T0 + 9 * DAY });
    const [a, b] = cohort(
      metricsInput({
        leads: [lostLead, rejected],
        dispositions: [
          accept(lostLead, sqlAt),
          lost(lostLead, T0 + 9 * DAY, 'champion_left'),
          accept(rejected, sqlAt),
          reject(rejected, T0 + 9 * DAY, 'no_need'),
        ],
      }),
    );
    expect(a?.deal).toMatchObject({ from: 'disposition', lostAt: T0 + 9 * DAY, lostReason: 'champion_left' });
    expect(a?.verdict).toBe('accepted');
    expect(b?.verdict).toBe('rejected');
    expect(b?.deal.from).toBeUndefined();
  });

  it('without records, reads an accepted lead’s opportunity and win from its stage times', () => {
    const imported = accepted('customer', { opportunityAt: T0 + 5 * DAY, customerAt: T0 + 20 * DAY });
    const [c] = cohort(metricsInput({ leads: [imported], dispositions: [accept(imported, sqlAt)] }));
    expect(c?.deal).toMatchObject({ from: 'stage', opportunityAt: T0 + 5 * DAY, wonAt: T0 + 20 * DAY });
  });
});

describe('cohort filters', () => {
  const at = (days: number) => T0 + days * DAY;
  const mql = (days: number, extra: Parameters<typeof makeLead>[0] = {}) =>
    makeLead({ stage: 'mql', times: { createdAt: at(0), mqlAt: at(days) }, ...extra });
  const early = mql(1, { owner: REP, source: 'Webinar' });
  const onFrom = mql(2, { owner: 'other@seller.io', source: 'Webinar' });
  const onTo = mql(5, { owner: REP, source: 'Organic Search' });
  const direct = makeLead({ stage: 'sql', owner: REP, source: 'Outbound', times: { createdAt: at(0) } });
  const input = metricsInput({
    leads: [early, onFrom, onTo, direct],
    dispositions: [accept(direct, at(3), 'direct_outbound')],
  });
  const selected = (filter: Parameters<typeof cohort>[1]) => cohort(input, filter).map((c) => c.lead.id);

  it.each([
    { name: 'no filter', filter: {}, expected: [early, onFrom, onTo, direct] },
    // Half-open: an entry exactly at `from` is in, exactly at `to` is out.
    { name: 'range [day 2, day 5)', filter: { range: { from: at(2), to: at(5) } }, expected: [onFrom, direct] },
    { name: 'an inverted range', filter: { range: { from: at(5), to: at(2) } }, expected: [] },
    { name: 'owner', filter: { owner: REP }, expected: [early, onTo, direct] },
    { name: 'source', filter: { source: 'Webinar' }, expected: [early, onFrom] },
    {
      name: 'all three',
      filter: { range: { from: at(0), to: at(10) }, owner: REP, source: 'Outbound' },
      expected: [direct],
    },
    { name: 'an owner nobody has', filter: { owner: 'nobody@seller.io' }, expected: [] },
  ])('$name', ({ filter, expected }) => {
    expect([...selected(filter)].sort()).toEqual(ids(...expected));
  });

  it('offers the owners and sources the leads have, sorted', () => {
    const unassigned = makeLead({});
    expect(filterOptions({ leads: [onTo, early, onFrom, direct, unassigned] })).toEqual({
      owners: ['other@seller.io', REP],
      sources: ['Organic Search', 'Outbound', 'Webinar'],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { cohort, filterOptions } from '../../../lib/metrics/filter';
import { DAY, NOW, makeLead } from '../../support/factories';
import { REP, accept, ids, metricsInput, reject, withdrawal } from './support';

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

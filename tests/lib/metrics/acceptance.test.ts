import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import type { Seniority } from '../../../lib/domain/enums';
import { acceptanceByScore } from '../../../lib/metrics/acceptance';
import { DAY, NOW, makeEvent, makeLead, visit } from '../../support/factories';
import { REP, accept, ids, metricsInput, reject } from './support';

const DECIDED = NOW - 10 * DAY;

function mql(employees: number, seniority: Seniority, stage: Lead['stage']): Lead {
  return makeLead({
    stage,
    owner: REP,
    person: { seniority },
    company: { name: 'Acme', domain: 'acme.io', employees },
    times: { createdAt: NOW - 60 * DAY, mqlAt: NOW - 15 * DAY },
  });
}

// Default model: 50-500 employees +15, manager or above +20, pricing +20, webinar +20, demo page +25.
const hot = mql(200, 'vp', 'sql'); // 15 + 20 + pricing 20 + demo 25 = 80
const good = mql(200, 'director', 'sql'); // 15 + 20 + pricing 20 + webinar 20 = 75
const junior = mql(200, 'individual_contributor', 'recycled'); // 15 + pricing 20 = 35
const late = mql(5000, 'manager', 'recycled'); // 20 + webinar 20 = 40; its demo visit came after the verdict
const cold = mql(5000, 'individual_contributor', 'recycled'); // 0
const waiting = mql(200, 'vp', 'mql');
const direct = makeLead({ stage: 'sql', company: { employees: 10 }, times: { createdAt: NOW - 30 * DAY } });

const EVENTS = [
  visit(hot, 'pricing', 20),
  visit(hot, 'demo', 19),
  visit(good, 'pricing', 20),
  makeEvent(good, 'webinar_attended', 25),
  visit(junior, 'pricing', 20),
  makeEvent(late, 'webinar_attended', 20),
  visit(late, 'demo', 5),
  visit(waiting, 'pricing', 1),
];
const INPUT = metricsInput({
  leads: [hot, good, junior, late, cold, waiting, direct],
  dispositions: [
    accept(hot, DECIDED),
    accept(good, DECIDED),
    reject(junior, DECIDED, 'wrong_persona'),
    reject(late, DECIDED, 'no_need'),
    reject(cold, DECIDED, 'unresponsive'),
    accept(direct, DECIDED, 'direct_inbound'),
  ],
  events: EVENTS,
});

describe('acceptanceByScore', () => {
  const result = acceptanceByScore(INPUT);

  it('scores each decided MQL on its events as of the decision, not since', () => {
    expect(result.scores.map((s) => [s.leadId, s.score, s.accepted])).toEqual([
      [cold.id, 0, false],
      [junior.id, 35, false],
      [late.id, 40, false],
      [good.id, 75, true],
      [hot.id, 80, true],
    ]);
    expect(result.scores.find((s) => s.leadId === late.id)?.ruleIds).not.toContain('demo-visit');
    expect(result).toMatchObject({ modelId: 'default', modelVersion: 2, threshold: 60 });
  });

  it('leaves out waiting MQLs and direct leads (the model had no say in those)', () => {
    expect(result.overall.denominator.leadIds).toEqual(ids(hot, good, junior, late, cold));
    expect(result.overall.rate).toBe(2 / 5);
  });

  it('gives acceptance per score band and either side of the threshold', () => {
    expect(
      result.bands.map((b) => [b.min, b.max, b.acceptance.numerator.count, b.acceptance.denominator.count]),
    ).toEqual([
      [null, 20, 0, 1],
      [20, 40, 0, 1],
      [40, 60, 0, 1],
      [60, 80, 1, 1],
      [80, null, 1, 1],
    ]);
    expect(result.bands[2]?.acceptance.denominator.leadIds).toEqual([late.id]);
    expect(result.atOrAboveThreshold.numerator.leadIds).toEqual(ids(hot, good));
    expect(result.atOrAboveThreshold.rate).toBe(1);
    expect(result.belowThreshold.denominator.leadIds).toEqual(ids(junior, late, cold));
    expect(result.belowThreshold.rate).toBe(0);
  });

  it('compares acceptance where each rule fired and where it did not', () => {
    const rule = (id: string) => result.rules.find((r) => r.ruleId === id);
    expect(result.rules.map((r) => r.ruleId)).toEqual(INPUT.settings.scoringModel.rules.map((r) => r.id));
    expect(rule('company-size-50-500')).toMatchObject({
      category: 'fit',
      points: 15,
      fired: { rate: 2 / 3 },
      notFired: { rate: 0 },
      lift: 2 / 3,
    });
    expect(rule('company-size-50-500')?.fired.denominator.leadIds).toEqual(ids(hot, good, junior));
    expect(rule('title-manager-plus')?.fired.denominator.leadIds).toEqual(ids(hot, good, late));
    expect(rule('webinar')).toMatchObject({ category: 'behavior', fired: { rate: 1 / 2 }, notFired: { rate: 1 / 3 } });
    expect(rule('webinar')?.lift).toBeCloseTo(1 / 6, 12);
    expect(rule('demo-visit')).toMatchObject({ fired: { rate: 1 }, notFired: { rate: 1 / 4 }, lift: 3 / 4 });
    // Nobody downloaded anything: no lift to report rather than a made-up 0.
    expect(rule('gated-download')).toMatchObject({ fired: { rate: null }, notFired: { rate: 2 / 5 }, lift: null });
    expect(rule('competitor')).toMatchObject({ category: 'negative', points: -100, lift: null });
  });

  it('takes custom bands, and refuses bands that do not ascend', () => {
    const custom = acceptanceByScore(INPUT, { bands: [0, 50] });
    expect(custom.bands.map((b) => [b.min, b.max, b.acceptance.denominator.count])).toEqual([
      [null, 0, 0],
      [0, 50, 3],
      [50, null, 2],
    ]);
    expect(() => acceptanceByScore(INPUT, { bands: [50, 50] })).toThrow(RangeError);
  });

  it('follows the filter, and reports null rates for empty input', () => {
    expect(acceptanceByScore(INPUT, { filter: { owner: 'nobody@seller.io' } }).overall.rate).toBeNull();
    const empty = acceptanceByScore(metricsInput({}));
    expect(empty.scores).toEqual([]);
    expect(empty.bands.every((b) => b.acceptance.rate === null)).toBe(true);
    expect(empty.rules.every((r) => r.lift === null)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { addTotals, countMqls, type PreviewItem, summarizePreview, totalsKey } from '../../../lib/scoring/preview';
import { scoreLead } from '../../../lib/scoring/score';
import { makeEvent, makeLead, NOW, visit } from '../../support/factories';

const hot = makeLead({ person: { title: 'VP of Sales' }, company: { employees: 220 } });
const warm = makeLead({ person: { title: 'Marketing Manager' }, company: { employees: 50 } });
const cold = makeLead({ person: { title: 'Engineer' }, company: {} });
const student = makeLead({ person: { title: 'Student', emails: ['sam@gmail.com'] }, company: {} });
/** Behaviour without fit: a 3-person company, no title. */
const browser = makeLead({ person: {}, company: { employees: 3 } });

/**
 * Hand-computed on the default model: hot 15+20+20+25 = 80 (35 fit, 45 behaviour), warm
 * 15+20+20 = 55, cold 0, student -50-10 = -60, browser 20+25+20 = 65 all behaviour.
 */
const items: PreviewItem[] = [
  { lead: hot, events: [visit(hot, 'pricing', 2), visit(hot, 'demo', 1)] },
  { lead: warm, events: [visit(warm, 'pricing', 5)] },
  { lead: cold, events: [] },
  { lead: student, events: [] },
  {
    lead: browser,
    events: [visit(browser, 'pricing', 3), visit(browser, 'demo', 2), makeEvent(browser, 'webinar_attended', 4)],
  },
];
const bar = (threshold: number, mqlNeeds?: { fit: number; behavior: number }) => ({ threshold, mqlNeeds });

describe('addTotals', () => {
  it("records each lead's total and group points by id, as scoreLead gives them", () => {
    const totals = addTotals(DEFAULT_SCORING_MODEL, items, NOW);
    expect([...totals.entries()]).toEqual([
      [hot.id, { total: 80, fit: 35, behavior: 45 }],
      [warm.id, { total: 55, fit: 35, behavior: 20 }],
      [cold.id, { total: 0, fit: 0, behavior: 0 }],
      [student.id, { total: -60, fit: 0, behavior: 0 }],
      [browser.id, { total: 65, fit: 0, behavior: 65 }],
    ]);
    for (const item of items) {
      const result = scoreLead(DEFAULT_SCORING_MODEL, { ...item, now: NOW });
      expect(totals.get(item.lead.id)).toEqual({ total: result.total, ...result.groups });
    }
  });

  it('adds to a map it is given, chunk after chunk', () => {
    const totals = addTotals(DEFAULT_SCORING_MODEL, items.slice(0, 2), NOW);
    addTotals(DEFAULT_SCORING_MODEL, items.slice(2), NOW, totals);
    expect(totals.size).toBe(5);
  });
});

describe('countMqls', () => {
  const totals = addTotals(DEFAULT_SCORING_MODEL, items, NOW);

  it.each([
    [60, 2],
    [55, 3],
    [56, 2],
    [1, 3],
    [-100, 5],
  ])('at threshold %i alone counts %i', (threshold, expected) => {
    expect(countMqls(totals, bar(threshold))).toBe(expected);
  });

  it('counts only leads with enough fit and behaviour when the model asks for both', () => {
    // The default bar: 60 with 15 fit and 15 behaviour. The all-behaviour 65 drops out.
    expect(countMqls(totals, DEFAULT_SCORING_MODEL)).toBe(1);
    expect(countMqls(totals, bar(50, { fit: 15, behavior: 15 }))).toBe(2);
    expect(countMqls(totals, bar(50, { fit: 0, behavior: 30 }))).toBe(2);
    expect(countMqls(totals, bar(50, { fit: 0, behavior: 0 }))).toBe(3);
  });
});

describe('summarizePreview', () => {
  const totals = addTotals(DEFAULT_SCORING_MODEL, items, NOW);

  it('counts MQLs under the draft and the saved model, and which leads move', () => {
    expect(summarizePreview({ totals, bar: bar(50) }, { totals, bar: bar(60) })).toEqual({
      leads: 5,
      draftMqls: 3,
      savedMqls: 2,
      gained: 1,
      lost: 0,
    });
    expect(summarizePreview({ totals, bar: bar(90) }, { totals, bar: bar(60) })).toEqual({
      leads: 5,
      draftMqls: 0,
      savedMqls: 2,
      gained: 0,
      lost: 2,
    });
  });

  it('moves the lead with behaviour only out when the draft turns on "MQL needs fit and behaviour"', () => {
    expect(summarizePreview({ totals, bar: bar(60, { fit: 15, behavior: 15 }) }, { totals, bar: bar(60) })).toEqual({
      leads: 5,
      draftMqls: 1,
      savedMqls: 2,
      gained: 0,
      lost: 1,
    });
  });

  it('leaves a lead scored under one model only out of gained and lost', () => {
    const saved = new Map(totals);
    saved.delete(warm.id);
    expect(summarizePreview({ totals, bar: bar(50) }, { totals: saved, bar: bar(60) })).toEqual({
      leads: 5,
      draftMqls: 3,
      savedMqls: 2,
      gained: 0,
      lost: 0,
    });
  });

  it('is all zeros without leads', () => {
    expect(summarizePreview({ totals: new Map(), bar: bar(60) }, { totals: new Map(), bar: bar(60) })).toEqual({
      leads: 0,
      draftMqls: 0,
      savedMqls: 0,
      gained: 0,
      lost: 0,
    });
  });
});

describe('totalsKey', () => {
  it('ignores what does not change the points (MQL bar, name, version), so an edit of the bar reuses them', () => {
    const other = {
      ...DEFAULT_SCORING_MODEL,
      threshold: 40,
      mqlNeeds: { fit: 0, behavior: 40 },
      name: 'Renamed',
      version: 7,
    };
    expect(totalsKey(other)).toBe(totalsKey(DEFAULT_SCORING_MODEL));
  });

  it('changes with the rules and the decay', () => {
    const [first, ...rest] = DEFAULT_SCORING_MODEL.rules;
    if (!first) throw new Error('the default model has rules');
    const morePoints = { ...DEFAULT_SCORING_MODEL, rules: [{ ...first, points: 30 }, ...rest] };
    const decayed = { ...DEFAULT_SCORING_MODEL, decay: { halfLifeDays: 30 } };
    const reordered = { ...DEFAULT_SCORING_MODEL, rules: [...rest, first] };
    const keys = [DEFAULT_SCORING_MODEL, morePoints, decayed, reordered].map(totalsKey);
    expect(new Set(keys).size).toBe(4);
  });

  it('does not depend on the order keys were written in', () => {
    const [first, ...rest] = DEFAULT_SCORING_MODEL.rules;
    if (!first) throw new Error('the default model has rules');
    const { id, label, ...others } = first;
    const shuffled = { ...DEFAULT_SCORING_MODEL, rules: [{ ...others, label, id } as typeof first, ...rest] };
    expect(totalsKey(shuffled)).toBe(totalsKey(DEFAULT_SCORING_MODEL));
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { addTotals, countMqls, type PreviewItem, summarizePreview, totalsKey } from '../../../lib/scoring/preview';
import { scoreLead } from '../../../lib/scoring/score';
import { makeLead, NOW, visit } from '../../support/factories';

const hot = makeLead({ person: { title: 'VP of Sales' }, company: { employees: 220 } });
const warm = makeLead({ person: { title: 'Marketing Manager' }, company: { employees: 50 } });
const cold = makeLead({ person: { title: 'Engineer' }, company: {} });
const student = makeLead({ person: { title: 'Student', emails: ['sam@gmail.com'] }, company: {} });

/** Hand-computed on the default model: hot 15+20+20+25 = 80, warm 15+20+20 = 55, cold 0, student -50-10 = -60. */
const items: PreviewItem[] = [
  { lead: hot, events: [visit(hot, 'pricing', 2), visit(hot, 'demo', 1)] },
  { lead: warm, events: [visit(warm, 'pricing', 5)] },
  { lead: cold, events: [] },
  { lead: student, events: [] },
];

describe('addTotals', () => {
  it("records each lead's total by id, the same total scoreLead gives", () => {
    const totals = addTotals(DEFAULT_SCORING_MODEL, items, NOW);
    expect([...totals.entries()]).toEqual([
      [hot.id, 80],
      [warm.id, 55],
      [cold.id, 0],
      [student.id, -60],
    ]);
    for (const item of items) {
      expect(totals.get(item.lead.id)).toBe(scoreLead(DEFAULT_SCORING_MODEL, { ...item, now: NOW }).total);
    }
  });

  it('adds to a map it is given, chunk after chunk', () => {
    const totals = addTotals(DEFAULT_SCORING_MODEL, items.slice(0, 2), NOW);
    addTotals(DEFAULT_SCORING_MODEL, items.slice(2), NOW, totals);
    expect(totals.size).toBe(4);
  });
});

describe('countMqls', () => {
  it.each([
    [60, 1],
    [55, 2],
    [56, 1],
    [1, 2],
    [-100, 4],
  ])('at threshold %i counts %i', (threshold, expected) => {
    expect(countMqls(addTotals(DEFAULT_SCORING_MODEL, items, NOW), threshold)).toBe(expected);
  });
});

describe('summarizePreview', () => {
  const totals = addTotals(DEFAULT_SCORING_MODEL, items, NOW);

  it('counts MQLs under the draft and the saved model, and which leads move', () => {
    expect(summarizePreview({ totals, threshold: 50 }, { totals, threshold: 60 })).toEqual({
      leads: 4,
      draftMqls: 2,
      savedMqls: 1,
      gained: 1,
      lost: 0,
    });
    expect(summarizePreview({ totals, threshold: 90 }, { totals, threshold: 60 })).toEqual({
      leads: 4,
      draftMqls: 0,
      savedMqls: 1,
      gained: 0,
      lost: 1,
    });
  });

  it('leaves a lead scored under one model only out of gained and lost', () => {
    const saved = new Map(totals);
    saved.delete(warm.id);
    expect(summarizePreview({ totals, threshold: 50 }, { totals: saved, threshold: 60 })).toEqual({
      leads: 4,
      draftMqls: 2,
      savedMqls: 1,
      gained: 0,
      lost: 0,
    });
  });

  it('is all zeros without leads', () => {
    expect(summarizePreview({ totals: new Map(), threshold: 60 }, { totals: new Map(), threshold: 60 })).toEqual({
      leads: 0,
      draftMqls: 0,
      savedMqls: 0,
      gained: 0,
      lost: 0,
    });
  });
});

describe('totalsKey', () => {
  it('ignores what does not change a total (threshold, name, version), so a threshold edit reuses the totals', () => {
    const other = { ...DEFAULT_SCORING_MODEL, threshold: 40, name: 'Renamed', version: 7 };
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

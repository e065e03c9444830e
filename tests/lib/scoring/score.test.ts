import { describe, expect, it } from 'vitest';
import type { EngagementEvent } from '../../../lib/domain/event';
import { EngagementEventSchema } from '../../../lib/domain/event';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SCORING_MODEL, ScoringModelSchema } from '../../../lib/domain/scoring-model';
import { scoreLead } from '../../../lib/scoring/score';
import { DAY, NOW, makeEvent, makeLead, open, visit } from '../../support/factories';

const score = (lead: Lead, events: EngagementEvent[] = [], model = DEFAULT_SCORING_MODEL) =>
  scoreLead(model, { lead, events, now: NOW });

const vp = makeLead({
  person: { title: 'VP of Revenue Operations' },
  company: { employees: 220, domain: 'northwind.io' },
});
const manager50 = makeLead({ person: { title: 'Marketing Manager' }, company: { employees: 50 } });
const student = makeLead({
  person: { title: 'Student at MIT', emails: ['sam.student@gmail.com'] },
  company: {},
});
const competitorVp = makeLead({
  person: { title: 'Vice President, Sales', emails: ['ray@competitor.example'] },
  company: { domain: 'competitor.example', employees: 1000 },
});

/**
 * Hand-computed against the default model (DESIGN.md §2): size 50-500 +15,
 * Manager+ +20, pricing +20, download +15, webinar +20, demo +25, 3 opens +10,
 * personal email -10, student/job seeker -50, competitor -100; MQL at 60.
 */
describe('scoreLead on the default model (hand-computed)', () => {
  it.each([
    {
      name: 'a VP at a 220-person company with the full high-intent history',
      lead: vp,
      events: [
        visit(vp, 'pricing', 2),
        visit(vp, 'demo', 1),
        makeEvent(vp, 'webinar_attended', 10),
        open(vp, 'q4-nurture', 3),
        open(vp, 'q4-nurture', 4),
        open(vp, 'q4-nurture', 5),
      ],
      total: 110,
      rules: ['company-size-50-500', 'title-manager-plus', 'pricing-visit', 'webinar', 'demo-visit', 'email-opens-3'],
      isMql: true,
    },
    {
      name: 'a manager at exactly 50 employees with no events',
      lead: manager50,
      events: [],
      total: 35,
      rules: ['company-size-50-500', 'title-manager-plus'],
      isMql: false,
    },
    {
      name: 'exactly at the threshold (15 + 20 + 25 = 60) is an MQL',
      lead: manager50,
      events: [visit(manager50, 'demo', 3)],
      total: 60,
      rules: ['company-size-50-500', 'title-manager-plus', 'demo-visit'],
      isMql: true,
    },
    {
      name: 'fit plus a download (15 + 20 + 15 = 50) is still 10 short',
      lead: manager50,
      events: [makeEvent(manager50, 'content_download', 3, { details: { asset: 'Buyer guide' } })],
      total: 50,
      rules: ['company-size-50-500', 'title-manager-plus', 'gated-download'],
      isMql: false,
    },
    {
      name: 'a student on gmail.com goes negative',
      lead: student,
      events: [],
      total: -60,
      rules: ['personal-email', 'student-or-job-seeker'],
      isMql: false,
    },
    {
      name: 'a competitor VP who looked at pricing',
      lead: competitorVp,
      events: [visit(competitorVp, 'pricing', 1)],
      total: -60,
      rules: ['title-manager-plus', 'pricing-visit', 'competitor'],
      isMql: false,
    },
  ])('$name', ({ lead, events, total, rules, isMql }) => {
    const result = score(lead, events);
    expect(result.total).toBe(total);
    expect(result.lines.map((l) => l.ruleId)).toEqual(rules);
    expect(result.isMql).toBe(isMql);
    expect(result.lines.reduce((sum, l) => sum + l.points, 0)).toBe(result.total);
    expect(result.missing.points).toBe(Math.max(0, 60 - total));
  });

  it('names the evidence: the field read, the events counted', () => {
    const pricing = [visit(vp, 'pricing', 9), visit(vp, 'pricing', 2)];
    const result = score(vp, pricing);
    const byRule = Object.fromEntries(result.lines.map((l) => [l.ruleId, l]));
    expect(byRule['company-size-50-500']?.evidence).toEqual({ field: 'company.employees', value: 220 });
    expect(byRule['title-manager-plus']?.evidence).toEqual({
      field: 'person.title',
      value: 'VP of Revenue Operations',
    });
    // Newest first; the rule fires once however many visits there are.
    expect(byRule['pricing-visit']?.evidence).toEqual({ eventIds: [pricing[1]?.id, pricing[0]?.id], count: 2 });
    expect(byRule['pricing-visit']?.points).toBe(20);
  });

  it('lists what is missing to reach the threshold, most points first', () => {
    const result = score(manager50);
    expect(result.missing.points).toBe(25);
    expect(result.missing.opportunities.map((o) => [o.ruleId, o.points])).toEqual([
      ['demo-visit', 25],
      ['pricing-visit', 20],
      ['webinar', 20],
      ['gated-download', 15],
      ['email-opens-3', 10],
    ]);
    expect(result.missing.opportunities[0]?.need).toBe('1 more demo page visit in the last 90 days');
    expect(result.missing.opportunities.at(-1)?.need).toBe('3 more email opened in the last 30 days (same sequence)');
  });

  it('explains why a fit rule did not fire', () => {
    const tiny = makeLead({ person: { title: 'Software Engineer' }, company: { employees: 12 } });
    const needs = Object.fromEntries(score(tiny).missing.opportunities.map((o) => [o.ruleId, o.need]));
    expect(needs['company-size-50-500']).toBe('Company has 12 employees (needs 50-500)');
    expect(needs['title-manager-plus']).toBe('Seniority is individual contributor');
    const unknown = makeLead({ company: {} });
    const unknownNeeds = Object.fromEntries(score(unknown).missing.opportunities.map((o) => [o.ruleId, o.need]));
    expect(unknownNeeds['company-size-50-500']).toBe('Company size unknown (needs 50-500 employees)');
    expect(unknownNeeds['title-manager-plus']).toBe('Title unknown');
  });

  it('prefers a given seniority over the one inferred from the title', () => {
    const lead = makeLead({ person: { title: 'Growth Hacker', seniority: 'director' } });
    expect(score(lead).lines.find((l) => l.ruleId === 'title-manager-plus')?.evidence).toEqual({
      field: 'person.seniority',
      value: 'director',
    });
  });
});

describe('company size boundaries', () => {
  it.each([
    [49, false],
    [50, true],
    [500, true],
    [501, false],
  ])('%i employees fires the 50-500 rule: %s', (employees, fires) => {
    const lead = makeLead({ company: { employees } });
    expect(score(lead).lines.some((l) => l.ruleId === 'company-size-50-500')).toBe(fires);
  });
});

describe('behaviour windows and counts', () => {
  const lead = makeLead();
  it.each([
    ['90 days ago counts (window is inclusive)', [visit(lead, 'pricing', 90)], true],
    ['90 days and a minute ago does not', [visit(lead, 'pricing', 90 + 1 / 1440)], false],
    ['a visit in the future (clock skew) does not', [visit(lead, 'pricing', -1)], false],
    ['a features page is not pricing', [visit(lead, 'features', 1)], false],
  ])('%s', (_name, events, fires) => {
    expect(score(lead, events).lines.some((l) => l.ruleId === 'pricing-visit')).toBe(fires);
  });

  it.each([
    ['3 opens of one sequence', ['a', 'a', 'a'], true],
    ['3 opens across two sequences', ['a', 'a', 'b'], false],
    ['3 opens without sequence details count as one group', [undefined, undefined, undefined], true],
    ['4 opens of one sequence among others', ['a', 'b', 'b', 'b', 'b'], true],
  ])('%s', (_name, sequences, fires) => {
    const events = sequences.map((s, i) => open(lead, s, i + 1));
    expect(score(lead, events).lines.some((l) => l.ruleId === 'email-opens-3')).toBe(fires);
  });

  it('counts only the winning group as evidence', () => {
    const events = ['a', 'b', 'b', 'b'].map((s, i) => open(lead, s, i + 1));
    const line = score(lead, events).lines.find((l) => l.ruleId === 'email-opens-3');
    expect(line?.evidence.count).toBe(3);
    // events[1] is the newest (1 day + 1 ago): newest first.
    expect(line?.evidence.eventIds).toEqual([events[1]?.id, events[2]?.id, events[3]?.id]);
  });

  it('an open 31 days ago is outside the 30-day window', () => {
    const events = [open(lead, 'a', 1), open(lead, 'a', 2), open(lead, 'a', 31)];
    expect(score(lead, events).lines.some((l) => l.ruleId === 'email-opens-3')).toBe(false);
  });
});

describe('decay', () => {
  const model = ScoringModelSchema.parse({ ...DEFAULT_SCORING_MODEL, version: 2, decay: { halfLifeDays: 30 } });
  const lead = makeLead({ person: { title: 'Director of IT' }, company: { employees: 100 } });

  it('halves behaviour points per half-life of the newest evidence and never decays fit', () => {
    const result = score(
      lead,
      [visit(lead, 'pricing', 30), visit(lead, 'demo', 60), visit(lead, 'pricing', 45)],
      model,
    );
    const points = Object.fromEntries(result.lines.map((l) => [l.ruleId, l.points]));
    expect(points).toEqual({
      'company-size-50-500': 15,
      'title-manager-plus': 20,
      'pricing-visit': 10, // newest pricing visit is 30 days old: 20 * 0.5
      'demo-visit': 6, // 25 * 0.25 = 6.25, rounded
    });
    expect(result.total).toBe(51);
    expect(result.lines.find((l) => l.ruleId === 'pricing-visit')?.evidence.decayFactor).toBeCloseTo(0.5);
    expect(result.modelVersion).toBe(2);
  });

  it('a fresh event is not decayed and its line carries no factor', () => {
    const result = score(lead, [makeEvent(lead, 'webinar_attended', 0)], model);
    const line = result.lines.find((l) => l.ruleId === 'webinar');
    expect(line?.points).toBe(20);
    expect(line?.evidence.decayFactor).toBeUndefined();
  });
});

describe('MQL needs fit and behaviour (the default model asks 15 of each)', () => {
  const tiny = makeLead({ person: {}, company: { employees: 3 } });
  const highIntent = (lead: Lead) => [
    visit(lead, 'pricing', 3),
    visit(lead, 'demo', 2),
    makeEvent(lead, 'webinar_attended', 4),
  ];
  const noGate = ScoringModelSchema.parse({ ...DEFAULT_SCORING_MODEL, mqlNeeds: undefined });

  it('behaviour alone (pricing + demo + webinar = 65) is not an MQL of a 3-person company with no title', () => {
    const result = score(tiny, highIntent(tiny));
    expect(result.total).toBe(65);
    expect(result.groups).toEqual({ fit: 0, behavior: 65 });
    expect(result.isMql).toBe(false);
    expect(result.missing).toMatchObject({ points: 0, groups: { fit: 15, behavior: 0 } });
    expect(result.mqlNeeds).toEqual({ fit: 15, behavior: 15 });
  });

  it('the same history is an MQL by the threshold alone when the model sets no minimums', () => {
    const result = score(tiny, highIntent(tiny), noGate);
    expect(result.isMql).toBe(true);
    expect(result.missing.groups).toEqual({ fit: 0, behavior: 0 });
    expect(result.mqlNeeds).toBeUndefined();
  });

  it('fit alone is not an MQL either, whatever the total', () => {
    const model = ScoringModelSchema.parse({ ...DEFAULT_SCORING_MODEL, threshold: 30 });
    const result = score(manager50, [], model);
    expect(result).toMatchObject({ total: 35, isMql: false, groups: { fit: 35, behavior: 0 } });
    expect(result.missing.groups).toEqual({ fit: 0, behavior: 15 });
  });

  it('penalties count in neither group, and decayed behaviour counts as decayed', () => {
    const model = ScoringModelSchema.parse({
      ...DEFAULT_SCORING_MODEL,
      threshold: 1,
      mqlNeeds: { fit: 0, behavior: 20 },
      decay: { halfLifeDays: 30 },
    });
    const result = score(student, [visit(student, 'pricing', 30)], model);
    // pricing 20 halved to 10; personal email -10 and student -50 are penalties.
    expect(result.groups).toEqual({ fit: 0, behavior: 10 });
    expect(result.missing.groups.behavior).toBe(10);
  });

  it('a lead with both groups and the threshold is an MQL', () => {
    const result = score(manager50, [visit(manager50, 'demo', 3)]);
    expect(result).toMatchObject({ total: 60, isMql: true, groups: { fit: 35, behavior: 25 } });
  });
});

describe('explanations always add up', () => {
  // A small deterministic sweep of mixed histories: whatever fires, the lines sum to the total.
  it('for every combination of a few events, with and without decay', () => {
    const decayed = ScoringModelSchema.parse({ ...DEFAULT_SCORING_MODEL, decay: { halfLifeDays: 7 } });
    const pool = [
      visit(vp, 'pricing', 3),
      visit(vp, 'demo', 17),
      makeEvent(vp, 'webinar_attended', 40),
      makeEvent(vp, 'content_download', 80),
      open(vp, 's', 1),
      open(vp, 's', 2),
      open(vp, 's', 3),
    ];
    for (let mask = 0; mask < 1 << pool.length; mask++) {
      const events = pool.filter((_, i) => mask & (1 << i));
      for (const model of [DEFAULT_SCORING_MODEL, decayed]) {
        const result = score(vp, events, model);
        expect(result.lines.reduce((s, l) => s + l.points, 0)).toBe(result.total);
        expect(result.isMql).toBe(result.total >= 60);
      }
    }
  });
});

describe('schemas refuse what the engine cannot score', () => {
  it('an unknown event type is refused, naming the field', () => {
    const result = EngagementEventSchema.safeParse({
      id: vp.id,
      leadId: vp.id,
      type: 'tweet_liked',
      occurredAt: NOW - DAY,
      origin: 'imported',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['type']);
  });

  it.each([
    ['points above 100', { points: 150 }, ['rules', 0, 'points']],
    ['points below -100', { points: -101 }, ['rules', 0, 'points']],
    ['zero points', { points: 0 }, ['rules', 0, 'points']],
    ['fractional points', { points: 2.5 }, ['rules', 0, 'points']],
  ])('a rule with %s is refused', (_name, patch, path) => {
    const [first, ...rest] = DEFAULT_SCORING_MODEL.rules;
    const result = ScoringModelSchema.safeParse({ ...DEFAULT_SCORING_MODEL, rules: [{ ...first, ...patch }, ...rest] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('duplicate rule ids are refused', () => {
    const [first] = DEFAULT_SCORING_MODEL.rules;
    const result = ScoringModelSchema.safeParse({ ...DEFAULT_SCORING_MODEL, rules: [first, first] });
    expect(result.error?.issues[0]?.message).toBe('Duplicate rule id "company-size-50-500"');
  });

  it('a size rule with min above max is refused', () => {
    const result = ScoringModelSchema.safeParse({
      ...DEFAULT_SCORING_MODEL,
      rules: [{ id: 'size', kind: 'company_size', label: 'Size', points: 5, min: 500, max: 50 }],
    });
    expect(result.error?.issues[0]?.path).toEqual(['rules', 0, 'max']);
  });
});

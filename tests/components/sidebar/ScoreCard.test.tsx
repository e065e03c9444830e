import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeEvidence } from '../../../components/sidebar/evidence';
import { createFormatter } from '../../../components/sidebar/format';
import { ScoreCard } from '../../../components/sidebar/ScoreCard';
import { DEFAULT_SCORING_MODEL, ScoringModelSchema } from '../../../lib/domain/scoring-model';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';
import { FORMAT, renderWithFormat } from './render';

const format = createFormatter(FORMAT);

describe('describeEvidence', () => {
  const events = new Map([['E1', { occurredAt: NOW - 2 * DAY }]]);
  it.each([
    { evidence: { field: 'company.employees', value: 220 }, text: 'Employees: 220' },
    { evidence: { field: 'person.seniority', value: 'c_level' }, text: 'Seniority: C-level' },
    { evidence: { field: 'person.title', value: 'student' }, text: 'Title: student' },
    { evidence: { field: 'company.domain', value: 'competitor.example' }, text: 'Company domain: competitor.example' },
    { evidence: { field: 'custom.field', value: 'x' }, text: 'custom.field: x' },
    { evidence: { eventIds: ['E1'], count: 1 }, text: '1 event, latest 21 Nov 2026' },
    { evidence: { eventIds: ['E1', 'E0', 'E9'], count: 3 }, text: '3 events, latest 21 Nov 2026' },
    { evidence: { eventIds: ['gone'], count: 1 }, text: '1 event' },
    {
      evidence: { eventIds: ['E1'], count: 1, decayFactor: 0.5 },
      text: '1 event, latest 21 Nov 2026; decayed to 50% of 20 points',
    },
  ])('$text', ({ evidence, text }) => {
    expect(describeEvidence({ evidence, basePoints: 20 }, events, format)).toBe(text);
  });
});

describe('ScoreCard', () => {
  it('shows decayed points, which still sum to the total', () => {
    const model = ScoringModelSchema.parse({ ...DEFAULT_SCORING_MODEL, decay: { halfLifeDays: 10 } });
    const lead = makeLead({ person: { title: 'Director of IT' }, company: { employees: 100 } });
    const events = [visit(lead, 'pricing', 10), makeEvent(lead, 'webinar_attended', 20)];
    renderWithFormat(<ScoreCard lead={lead} events={events} model={model} now={NOW} />);
    const lines = screen.getByRole('list', { name: 'Score explanation' });
    const points = within(lines)
      .getAllByTestId('line-points')
      .map((el) => Number(el.textContent));
    // Size 15 and seniority 20 do not decay; pricing 20 at one half-life is 10, webinar 20 at two is 5.
    expect(points).toEqual([15, 20, 10, 5]);
    expect(Number(screen.getByTestId('score-total').textContent)).toBe(50);
    expect(lines.textContent).toContain(
      'Visited the pricing page 1 event, latest 13 Nov 2026; decayed to 50% of 20 points',
    );
    expect(screen.getByText('10 points to the threshold of 60.')).toBeTruthy();
  });

  it('says what a total over the threshold still lacks when the model needs fit and behaviour', () => {
    const lead = makeLead({ person: {}, company: { employees: 3 } });
    const events = [visit(lead, 'pricing', 3), visit(lead, 'demo', 2), makeEvent(lead, 'webinar_attended', 4)];
    renderWithFormat(<ScoreCard lead={lead} events={events} model={DEFAULT_SCORING_MODEL} now={NOW} />);
    expect(screen.getByTestId('score-total').textContent).toBe('65');
    expect(screen.getByText('Not an MQL: needs fit')).toBeTruthy();
    expect(
      screen.getByText('15 points of fit (who the lead is): an MQL needs 15 fit points, this lead has 0.'),
    ).toBeTruthy();
    expect(screen.queryByText(/to the threshold of/)).toBeNull();
  });

  it('says so when no rule applies', () => {
    const lead = makeLead({ company: {} });
    renderWithFormat(<ScoreCard lead={lead} events={[]} model={DEFAULT_SCORING_MODEL} now={NOW} />);
    expect(screen.getByText('No rule of the model applies yet.')).toBeTruthy();
    expect(screen.getByTestId('score-total').textContent).toBe('0');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Checklist } from '../../../components/sidebar/Checklist';
import { SqlGate } from '../../../components/sidebar/SqlGate';
import type { CriterionStatus } from '../../../lib/domain/enums';
import { DEFAULT_SQL_CRITERIA, type Qualification } from '../../../lib/domain/qualification';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';
import { renderWithFormat } from './render';

function bant(statuses: Partial<Record<string, CriterionStatus>>): Qualification {
  const criteria: Qualification['criteria'] = {};
  for (const key of ['budget', 'authority', 'need', 'timeline']) {
    criteria[key] = { status: statuses[key] ?? 'unknown', evidence: '' };
  }
  return { leadId: 'lead-1', framework: 'bant', criteria, updatedAt: NOW };
}

const MET = { budget: 'confirmed', need: 'confirmed', timeline: 'confirmed', authority: 'confirmed' } as const;
/** A bar a team lowered: budget not required (so a failed budget blocks only by `blockOnFailed`). */
const NO_BUDGET = {
  ...DEFAULT_SQL_CRITERIA,
  requirements: {
    ...DEFAULT_SQL_CRITERIA.requirements,
    bant: DEFAULT_SQL_CRITERIA.requirements.bant.filter((r) => r.criterion !== 'budget'),
  },
};

function gate(): HTMLElement {
  return screen.getByRole('region', { name: 'SQL bar' });
}

function items(listName: string): string[] {
  const list = within(gate()).getByRole('list', { name: listName });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

describe('the SQL bar', () => {
  it('says the lead meets it when every requirement is met', () => {
    renderWithFormat(<SqlGate qualification={bant(MET)} criteria={DEFAULT_SQL_CRITERIA} framework="bant" />);
    expect(within(gate()).getByRole('heading', { name: 'SQL bar' })).toBeTruthy();
    expect(within(gate()).getByText('Meets the SQL bar')).toBeTruthy();
    expect(within(gate()).queryByRole('list')).toBeNull();
  });

  it('lists each missing requirement with the level it needs and the status it has', () => {
    renderWithFormat(
      <SqlGate qualification={bant({ need: 'partial' })} criteria={DEFAULT_SQL_CRITERIA} framework="bant" />,
    );
    expect(within(gate()).getByText('Does not meet the SQL bar yet')).toBeTruthy();
    expect(items('Missing')).toEqual([
      'Budget: needs Confirmed, now Unknown',
      'Authority: needs Confirmed, now Unknown',
      'Need: needs Confirmed, now Partial',
      'Timeline: needs Confirmed, now Unknown',
    ]);
    expect(within(gate()).queryByRole('list', { name: 'Blocked by failed criteria' })).toBeNull();
  });

  it('judges a blank checklist in the given framework when there is none', () => {
    renderWithFormat(<SqlGate qualification={undefined} criteria={DEFAULT_SQL_CRITERIA} framework="meddic" />);
    expect(items('Missing')).toEqual([
      'Metrics: needs Confirmed, now Unknown',
      'Economic buyer: needs Confirmed, now Unknown',
      'Decision process: needs Confirmed, now Unknown',
      'Identify pain: needs Confirmed, now Unknown',
    ]);
  });

  it('names a failed criterion that blocks, even when it is not required', () => {
    renderWithFormat(
      <SqlGate qualification={bant({ ...MET, budget: 'failed' })} criteria={NO_BUDGET} framework="bant" />,
    );
    expect(within(gate()).getByText('Does not meet the SQL bar yet')).toBeTruthy();
    expect(within(gate()).queryByRole('list', { name: 'Missing' })).toBeNull();
    expect(items('Blocked by failed criteria')).toEqual(['Budget: Failed']);
  });

  it('lets a failed criterion pass when the bar does not block on failures', () => {
    renderWithFormat(
      <SqlGate
        qualification={bant({ ...MET, budget: 'failed' })}
        criteria={{ ...NO_BUDGET, blockOnFailed: false }}
        framework="bant"
      />,
    );
    expect(within(gate()).getByText('Meets the SQL bar')).toBeTruthy();
  });

  describe('under the checklist', () => {
    let ctx: ReturnType<typeof setupRepositories>;
    afterEach(() => ctx.db.close());

    it('follows the statuses as the rep clicks them', async () => {
      ctx = setupRepositories();
      const lead = await ctx.leads.create(makeLead());
      const user = userEvent.setup();
      renderWithFormat(<Checklist lead={lead} now={() => NOW} />, ctx);
      const choose = async (criterion: string, status: string) =>
        user.click(within(await screen.findByRole('group', { name: criterion })).getByRole('radio', { name: status }));

      await screen.findByRole('region', { name: 'SQL bar' });
      expect(items('Missing')).toHaveLength(4);
      await choose('Need', 'Confirmed');
      await choose('Timeline', 'Confirmed');
      await choose('Budget', 'Confirmed');
      await choose('Authority', 'Partial');
      expect(items('Missing')).toEqual(['Authority: needs Confirmed, now Partial']);
      await choose('Authority', 'Confirmed');
      expect(within(gate()).getByText('Meets the SQL bar')).toBeTruthy();
      await choose('Budget', 'Failed');
      expect(items('Blocked by failed criteria')).toEqual(['Budget: Failed']);
      await waitFor(async () =>
        expect((await ctx.qualifications.get(lead.id))?.criteria.budget?.status).toBe('failed'),
      );
    });
  });
});

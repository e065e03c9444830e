import { within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setRequirement } from '../../../components/options/QualificationSection';
import { DEFAULT_SQL_CRITERIA } from '../../../lib/domain/qualification';
import { setupRepositories } from '../../support/db';
import { control, group, openOptions, reopen, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const qualification = () => section('Qualification and SQL bar');
const bar = (framework: string) => group(qualification(), new RegExp(`^SQL bar: ${framework}`));
const level = (framework: string, criterion: string) => control<HTMLSelectElement>(bar(framework), criterion);

describe('qualification settings', () => {
  it("shows each framework's SQL bar, the one in use marked", async () => {
    await openOptions(ctx);
    expect((control(qualification(), /^BANT/) as HTMLInputElement).checked).toBe(true);
    expect(bar('BANT').querySelector('legend')?.textContent).toBe('SQL bar: BANTin use');
    // The playbook's bar: all four confirmed.
    expect(['Budget', 'Authority', 'Need', 'Timeline'].map((c) => level('BANT', c).value)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'confirmed',
    ]);
    expect(level('MEDDIC', 'Champion').value).toBe('none');
    expect(level('CHAMP', 'Challenges').value).toBe('confirmed');
  });

  it('saves the framework and the bars of each framework; the page shows them again', async () => {
    const rendered = await openOptions(ctx);
    await userEvent.click(control(qualification(), /^MEDDIC/));
    expect(bar('MEDDIC').querySelector('.badge')?.textContent).toBe('in use');
    await userEvent.selectOptions(level('MEDDIC', 'Champion'), 'At least partial');
    await userEvent.selectOptions(level('MEDDIC', 'Metrics'), 'Not required');
    await userEvent.selectOptions(level('BANT', 'Budget'), 'At least partial');
    await userEvent.click(control(qualification(), /^A criterion marked failed blocks acceptance/));
    await saveSettings();

    const stored = await ctx.settings.get();
    expect(stored.framework).toBe('meddic');
    expect(stored.sqlCriteria).toEqual({
      requirements: {
        bant: [{ criterion: 'budget', atLeast: 'partial' }, ...DEFAULT_SQL_CRITERIA.requirements.bant.slice(1)],
        meddic: [
          { criterion: 'economic_buyer', atLeast: 'confirmed' },
          { criterion: 'decision_process', atLeast: 'confirmed' },
          { criterion: 'identify_pain', atLeast: 'confirmed' },
          { criterion: 'champion', atLeast: 'partial' },
        ],
        champ: DEFAULT_SQL_CRITERIA.requirements.champ,
      },
      blockOnFailed: false,
    });

    await reopen(rendered, ctx);
    expect((control(qualification(), /^MEDDIC/) as HTMLInputElement).checked).toBe(true);
    expect(level('MEDDIC', 'Champion').value).toBe('partial');
    expect(level('MEDDIC', 'Metrics').value).toBe('none');
  });

  it('picks the framework from the keyboard', async () => {
    await openOptions(ctx);
    const radios = within(qualification()).getAllByRole('radio');
    radios[2]?.focus();
    await userEvent.keyboard(' ');
    expect((radios[2] as HTMLInputElement).checked).toBe(true);
    await saveSettings();
    expect((await ctx.settings.get()).framework).toBe('champ');
  });
});

describe('setRequirement', () => {
  const bant = DEFAULT_SQL_CRITERIA.requirements.bant;
  it('changes a level in place, appends a new criterion, and removes one that is no longer required', () => {
    expect(setRequirement(bant, 'authority', 'partial')).toEqual([
      { criterion: 'budget', atLeast: 'confirmed' },
      { criterion: 'authority', atLeast: 'partial' },
      { criterion: 'need', atLeast: 'confirmed' },
      { criterion: 'timeline', atLeast: 'confirmed' },
    ]);
    const noBudget = setRequirement(bant, 'budget', 'none');
    expect(noBudget.map((r) => r.criterion)).toEqual(['authority', 'need', 'timeline']);
    expect(setRequirement(noBudget, 'budget', 'partial').at(-1)).toEqual({ criterion: 'budget', atLeast: 'partial' });
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_MODEL, type ScoringRule } from '../../../lib/domain/scoring-model';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { button, control, description, group, openOptions, reopen, retype, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const scoring = () => section('Scoring model');
const rule = (n: number) => group(scoring(), new RegExp(`^Rule ${n}: `));
const storedModel = async () => (await ctx.settings.get()).scoringModel;
const ruleCount = DEFAULT_SCORING_MODEL.rules.length;

async function addRule(kind: string): Promise<HTMLElement> {
  await userEvent.selectOptions(control(scoring(), 'New rule looks at'), kind);
  await userEvent.click(button(scoring(), 'Add rule'));
  return rule(ruleCount + 1);
}

describe('the scoring model editor', () => {
  it('lists every rule with its label, kind, points and parameters', async () => {
    await openOptions(ctx);
    const rules = within(scoring()).getAllByRole('group', { name: /^Rule \d+: / });
    expect(rules.map((r) => r.getAttribute('aria-labelledby') && r.querySelector('legend')?.textContent)).toEqual(
      DEFAULT_SCORING_MODEL.rules.map((r, i) => `Rule ${i + 1}: ${r.label}`),
    );
    const size = rule(1);
    expect(control<HTMLInputElement>(size, 'Points').value).toBe('15');
    expect(control<HTMLInputElement>(size, 'Minimum employees').value).toBe('50');
    expect(control<HTMLInputElement>(size, 'Maximum employees').value).toBe('500');
    expect(within(size).getByText(/^Company size\. Fit: the company head count/)).toBeTruthy();
    const opens = rule(7);
    expect(control<HTMLSelectElement>(opens, 'Event').value).toBe('email_opened');
    expect(control<HTMLInputElement>(opens, 'At least (times)').value).toBe('3');
    expect(control<HTMLInputElement>(opens, 'Within (days)').value).toBe('30');
    expect(control<HTMLInputElement>(opens, 'Counted per (optional)').value).toBe('sequence');
  });

  it('saves edits to threshold, decay and a rule, bumping the model version; the page shows them again', async () => {
    const rendered = await openOptions(ctx);
    expect(within(scoring()).getByText(/version 2\b/)).toBeTruthy();
    const pricing = rule(3);
    await retype(control(pricing, 'Label'), 'Pricing page, twice');
    await retype(control(pricing, 'Points'), '30');
    await retype(control(pricing, 'At least (times)'), '2');
    await retype(control(scoring(), 'MQL threshold'), '55');
    await userEvent.click(control(scoring(), 'Decay behaviour points (fit points never decay)'));
    await retype(control(scoring(), 'Half-life (days)'), '45');
    expect(within(scoring()).getByText(/saving makes it version 3/)).toBeTruthy();
    await saveSettings();

    const model = await storedModel();
    expect(model.version).toBe(3);
    expect(model.threshold).toBe(55);
    expect(model.decay).toEqual({ halfLifeDays: 45 });
    expect(model.rules[2]).toEqual({
      id: 'pricing-visit',
      kind: 'behavior',
      label: 'Pricing page, twice',
      points: 30,
      eventType: 'page_visit',
      pageCategory: 'pricing',
      minCount: 2,
      withinDays: 90,
    });

    await reopen(rendered, ctx);
    expect(within(scoring()).getByText(/version 3\b/)).toBeTruthy();
    expect(control<HTMLInputElement>(rule(3), 'Points').value).toBe('30');
    expect(control<HTMLInputElement>(scoring(), 'Half-life (days)').value).toBe('45');
  });

  it('bumps the version on every saved model change, and not when only other settings change', async () => {
    await openOptions(ctx);
    await retype(control(scoring(), 'MQL threshold'), '61');
    await saveSettings();
    expect((await storedModel()).version).toBe(3);
    await retype(control(scoring(), 'MQL threshold'), '62');
    await saveSettings();
    expect((await storedModel()).version).toBe(4);

    await userEvent.click(control(section('Captured engagement'), 'Log my views of known leads as engagement'));
    await saveSettings();
    expect(await storedModel()).toMatchObject({ version: 4, threshold: 62 });
    // A keyword typed in capitals is no change: the schema lower-cases it anyway.
    const students = rule(9);
    const keywords = control(students, 'Title keywords') as HTMLInputElement;
    await retype(keywords, keywords.value.replace('student', 'STUDENT'));
    await saveSettings();
    expect((await storedModel()).version).toBe(4);
  });

  it('edits "MQL needs fit and behaviour": on in the default model, its minimums, and off', async () => {
    await openOptions(ctx);
    const gate = control<HTMLInputElement>(scoring(), /^MQL needs fit and behaviour/);
    expect(gate.checked).toBe(true);
    expect(control<HTMLInputElement>(scoring(), 'Fit points at least').value).toBe('15');
    expect(control<HTMLInputElement>(scoring(), 'Behaviour points at least').value).toBe('15');
    await retype(control(scoring(), 'Fit points at least'), '20');
    await saveSettings();
    expect(await storedModel()).toMatchObject({ version: 3, mqlNeeds: { fit: 20, behavior: 15 } });

    await userEvent.click(gate);
    expect(within(scoring()).queryByLabelText('Fit points at least')).toBeNull();
    await saveSettings();
    const model = await storedModel();
    expect(model.mqlNeeds).toBeUndefined();
    expect(model.version).toBe(4);
  });

  const kinds: {
    kind: string;
    fill: (row: HTMLElement) => Promise<void>;
    expected: Partial<ScoringRule>;
  }[] = [
    {
      kind: 'Company size',
      fill: async (row) => {
        await userEvent.type(control(row, 'Minimum employees'), '10');
        await userEvent.type(control(row, 'Maximum employees'), '49');
      },
      expected: { kind: 'company_size', min: 10, max: 49 },
    },
    {
      kind: 'Seniority',
      fill: async (row) => {
        await userEvent.click(control(row, 'Director'));
        await userEvent.click(control(row, 'VP'));
      },
      expected: { kind: 'seniority', seniorities: ['vp', 'director'] },
    },
    {
      kind: 'Title keywords',
      fill: (row) => userEvent.type(control(row, 'Title keywords'), 'Founder, Owner,'),
      expected: { kind: 'title_keywords', keywords: ['founder', 'owner'] },
    },
    {
      kind: 'Industry',
      fill: (row) => userEvent.type(control(row, 'Industries'), 'Software, fintech'),
      expected: { kind: 'industry', industries: ['software', 'fintech'] },
    },
    {
      kind: 'Country',
      fill: (row) => userEvent.type(control(row, 'Countries'), 'us, de'),
      expected: { kind: 'geography', countries: ['US', 'DE'] },
    },
    {
      kind: 'Engagement',
      fill: async (row) => {
        await userEvent.selectOptions(control(row, 'Event'), 'Requested a demo');
        expect(within(row).queryByText('Page', { selector: 'label' })).toBeNull();
        await retype(control(row, 'At least (times)'), '2');
        await userEvent.clear(control(row, 'Within (days)'));
      },
      expected: { kind: 'behavior', eventType: 'demo_requested', minCount: 2 },
    },
    {
      kind: 'Personal email only',
      fill: async (row) => {
        expect(within(row).getByText("No settings: the rule looks at the lead's emails.")).toBeTruthy();
      },
      expected: { kind: 'personal_email', points: -10 },
    },
    {
      kind: 'Competitor domain',
      fill: (row) => userEvent.type(control(row, 'Competitor domains'), 'Rival.com'),
      expected: { kind: 'competitor_domain', points: -100, domains: ['rival.com'] },
    },
  ];

  it.each(kinds)('adds a $kind rule with its own parameters, and saves it', async ({ kind, fill, expected }) => {
    await openOptions(ctx);
    const row = await addRule(kind);
    // The new rule's label takes the focus, ready to be named.
    expect(document.activeElement).toBe(control(row, 'Label'));
    await retype(control(row, 'Label'), `My ${kind} rule`);
    await fill(row);
    await saveSettings();
    const saved = (await storedModel()).rules[ruleCount];
    expect(saved).toMatchObject({ label: `My ${kind} rule`, ...expected });
    expect(saved?.id).toMatch(/^[a-z-]+-1$/);
    if (expected.kind === 'behavior') expect(saved).toMatchObject({ withinDays: undefined });
  });

  it('shows each problem next to its field and saves nothing', async () => {
    await openOptions(ctx);
    const size = await addRule('Company size');
    const points = control(rule(1), 'Points');
    await retype(points, '500');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByRole('alert');
    expect(points.getAttribute('aria-invalid')).toBe('true');
    expect(description(points)).toBe('Points must be between -100 and 100');
    const min = control(size, 'Minimum employees');
    expect(min.getAttribute('aria-invalid')).toBe('true');
    expect(description(min)).toBe('Give a minimum or a maximum head count');
    expect(
      within(screen.getByRole('alert'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Scoring rule 1 (Company has 50-500 employees): Points: Points must be between -100 and 100',
      'Scoring rule 11 (Company size): Minimum employees: Give a minimum or a maximum head count',
    ]);
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('reorders rules from the keyboard, the focus staying on the moved rule', async () => {
    await openOptions(ctx);
    const down = within(rule(1)).getByRole('button', { name: 'Move down rule 1' });
    down.focus();
    await userEvent.keyboard('{Enter}');
    expect(within(rule(2)).getByRole('button', { name: 'Move down rule 2' })).toBe(document.activeElement);
    expect(rule(2).querySelector('legend')?.textContent).toBe('Rule 2: Company has 50-500 employees');
    await userEvent.keyboard('{Enter}');
    // Back up with the other button.
    await userEvent.tab({ shift: true });
    await userEvent.keyboard('{Enter}');
    expect(rule(2).querySelector('legend')?.textContent).toBe('Rule 2: Company has 50-500 employees');
    // To the end: its "Move down" is disabled there, so "Move up" takes the focus.
    const last = within(rule(ruleCount - 1)).getByRole('button', { name: `Move down rule ${ruleCount - 1}` });
    last.focus();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(
      within(rule(ruleCount)).getByRole('button', { name: `Move up rule ${ruleCount}` }),
    );
    await saveSettings();
    const ids = (await storedModel()).rules.map((r) => r.id);
    expect(ids.slice(0, 2)).toEqual(['title-manager-plus', 'company-size-50-500']);
    expect(ids.slice(-2)).toEqual(['competitor', 'student-or-job-seeker']);
  });

  it('removes a rule with undo', async () => {
    await openOptions(ctx);
    await userEvent.click(within(rule(4)).getByRole('button', { name: 'Remove rule 4' }));
    expect(rule(4).querySelector('legend')?.textContent).toBe('Rule 4: Attended a webinar');
    expect(screen.getByText('Rule "Downloaded gated content" removed.')).toBeTruthy();
    // The focus moves to the rule now in its place.
    expect(document.activeElement).toBe(control(rule(4), 'Label'));
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(rule(4).querySelector('legend')?.textContent).toBe('Rule 4: Downloaded gated content');
    await userEvent.click(within(rule(4)).getByRole('button', { name: 'Remove rule 4' }));
    await saveSettings();
    expect((await storedModel()).rules.map((r) => r.id)).not.toContain('gated-download');
  });

  it('shows a page category only for page visits', async () => {
    await openOptions(ctx);
    const pricing = rule(3);
    expect(control<HTMLSelectElement>(pricing, 'Page').value).toBe('pricing');
    await userEvent.selectOptions(control(pricing, 'Event'), 'Attended a webinar');
    expect(within(pricing).queryByText('Page', { selector: 'label' })).toBeNull();
    await userEvent.selectOptions(control(pricing, 'Event'), 'Page visit');
    await userEvent.selectOptions(control(pricing, 'Page'), 'Any page');
    await saveSettings();
    const saved = (await storedModel()).rules[2];
    expect(saved).toMatchObject({ eventType: 'page_visit' });
    expect(saved).toMatchObject({ pageCategory: undefined });
  });
});

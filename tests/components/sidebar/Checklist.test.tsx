import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Checklist } from '../../../components/sidebar/Checklist';
import type { QualificationDraft } from '../../../lib/db';
import { FRAMEWORK_DEFINITIONS } from '../../../lib/domain/frameworks';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { ValidationError } from '../../../lib/domain/validation';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';
import { dataOf, renderWithFormat } from './render';

const SAM = 'sam@seller.io';
/** Long enough that only a flush (blur, unmount, pagehide) can save within a test. */
const NEVER = 60_000;

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
beforeEach(async () => {
  ctx = setupRepositories();
  lead = await ctx.leads.create(makeLead());
  await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Sam', email: SAM } });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  ctx.db.close();
});

function showChecklist(autosaveMs?: number) {
  return renderWithFormat(<Checklist lead={lead} now={() => NOW} autosaveMs={autosaveMs} />, ctx);
}

async function criterion(label: string): Promise<HTMLElement> {
  return screen.findByRole('group', { name: label });
}

function stored() {
  return ctx.qualifications.get(lead.id);
}

function bant(criteria: QualificationDraft['criteria']): QualificationDraft {
  return { leadId: lead.id, framework: 'bant', criteria };
}

describe('the qualification checklist', () => {
  it('starts with every BANT criterion unknown, each with its description and questions', async () => {
    showChecklist();
    expect(await screen.findByRole('heading', { name: 'Qualification (BANT)' })).toBeTruthy();
    for (const definition of FRAMEWORK_DEFINITIONS.bant.criteria) {
      const group = await criterion(definition.label);
      expect((within(group).getByRole('radio', { name: 'Unknown' }) as HTMLInputElement).checked).toBe(true);
      expect(
        within(group)
          .getAllByRole('radio')
          .map((r) => r.getAttribute('value')),
      ).toEqual(['unknown', 'partial', 'confirmed', 'failed']);
      expect(within(group).getByText(definition.description)).toBeTruthy();
      expect((within(group).getByLabelText(`Evidence for ${definition.label}`) as HTMLTextAreaElement).value).toBe('');
      expect(within(group).getByText('Questions to ask')).toBeTruthy();
      for (const question of definition.questions) expect(within(group).getByText(question)).toBeTruthy();
    }
    expect(screen.queryByRole('group', { name: 'Metrics' })).toBeNull();
    expect(await stored()).toBeUndefined();
  });

  it('saves as the rep types, once they pause, stamped with who and when', async () => {
    const save = vi.spyOn(ctx.qualifications, 'save');
    const user = userEvent.setup({ delay: null });
    showChecklist();
    const need = await criterion('Need');
    const evidence = within(need).getByLabelText('Evidence for Need') as HTMLTextAreaElement;
    await user.type(evidence, 'Churn is up 20% ');
    // Debounced: nothing while typing, then one save for the whole burst.
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('Saving…');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(save).toHaveBeenCalledTimes(1);
    expect((await stored())?.criteria.need).toEqual({
      status: 'unknown',
      evidence: 'Churn is up 20%',
      updatedBy: SAM,
      updatedAt: NOW,
    });
    // The saved (trimmed) value coming back does not clobber what the rep is typing.
    await user.type(evidence, 'this year');
    expect(evidence.value).toBe('Churn is up 20% this year');

    await user.click(within(need).getByRole('radio', { name: 'Confirmed' }));
    await waitFor(async () =>
      expect((await stored())?.criteria.need).toMatchObject({
        status: 'confirmed',
        evidence: 'Churn is up 20% this year',
      }),
    );
    expect((await stored())?.criteria.budget).toEqual({ status: 'unknown', evidence: '' });
    expect(within(need).getByText('Updated by sam@seller.io, Mon, 23 Nov 2026, 12:00')).toBeTruthy();
  });

  it('saves a pending edit at once when focus leaves the field', async () => {
    const user = userEvent.setup();
    showChecklist(NEVER);
    const budget = await criterion('Budget');
    await user.type(within(budget).getByLabelText('Evidence for Budget'), 'Approved for Q1');
    await user.tab();
    await waitFor(async () => expect((await stored())?.criteria.budget?.evidence).toBe('Approved for Q1'));
  });

  it('saves a pending edit when the sidebar goes away mid-edit', async () => {
    const user = userEvent.setup();
    const { unmount } = showChecklist(NEVER);
    const timeline = await criterion('Timeline');
    await user.click(within(timeline).getByRole('radio', { name: 'Partial' }));
    await user.type(within(timeline).getByLabelText('Evidence for Timeline'), 'Before the spring launch');
    unmount();
    await waitFor(async () =>
      expect((await stored())?.criteria.timeline).toMatchObject({
        status: 'partial',
        evidence: 'Before the spring launch',
      }),
    );
  });

  it.each([
    { name: 'pagehide', hide: () => window.dispatchEvent(new Event('pagehide')) },
    {
      name: 'the page hidden',
      hide: () => {
        vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
        document.dispatchEvent(new Event('visibilitychange'));
      },
    },
  ])('saves a pending edit on $name (the tab closing)', async ({ hide }) => {
    const user = userEvent.setup();
    showChecklist(NEVER);
    const authority = await criterion('Authority');
    await user.type(within(authority).getByLabelText('Evidence for Authority'), 'CFO signs');
    act(hide);
    await waitFor(async () => expect((await stored())?.criteria.authority?.evidence).toBe('CFO signs'));
  });

  it('hands every edit to the background at once, before the pause, and takes it back once saved', async () => {
    const hold = vi.spyOn(dataOf(ctx), 'holdUnsaved');
    const user = userEvent.setup();
    showChecklist(NEVER);
    const budget = await criterion('Budget');
    await user.type(within(budget).getByLabelText('Evidence for Budget'), 'Q3');
    // Nothing saved yet (the pause is a minute), but the background already has the edit.
    expect(await stored()).toBeUndefined();
    expect(hold).toHaveBeenLastCalledWith(
      lead.id,
      expect.objectContaining({
        criteria: expect.objectContaining({ budget: expect.objectContaining({ evidence: 'Q3' }) }),
      }),
    );
    await user.tab();
    await waitFor(() => expect(hold).toHaveBeenLastCalledWith(lead.id, null));
    expect((await stored())?.criteria.budget?.evidence).toBe('Q3');
  });

  it('leaves a refused edit with the background, so closing the tab still tries again', async () => {
    const hold = vi.spyOn(dataOf(ctx), 'holdUnsaved');
    vi.spyOn(ctx.qualifications, 'save').mockRejectedValue(new Error('Disk full'));
    const user = userEvent.setup();
    showChecklist(0);
    await user.click(within(await criterion('Need')).getByRole('radio', { name: 'Confirmed' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not saved: Disk full'));
    expect(hold).not.toHaveBeenCalledWith(lead.id, null);
  });

  it('says when a save fails, keeps the edit, and saves it on Retry', async () => {
    const refusal = new ValidationError('qualification', [{ path: 'criteria.need', message: 'Disk full' }]);
    const save = vi.spyOn(ctx.qualifications, 'save').mockRejectedValueOnce(refusal);
    const user = userEvent.setup();
    showChecklist(0);
    const need = await criterion('Need');
    await user.click(within(need).getByRole('radio', { name: 'Confirmed' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Not saved: Invalid qualification: criteria.need: Disk full'),
    );
    expect(await stored()).toBeUndefined();
    expect((within(need).getByRole('radio', { name: 'Confirmed' }) as HTMLInputElement).checked).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect((await stored())?.criteria.need?.status).toBe('confirmed');
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('uses MEDDIC when the settings say so', async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, framework: 'meddic' });
    const user = userEvent.setup();
    showChecklist(0);
    expect(await screen.findByRole('heading', { name: 'Qualification (MEDDIC)' })).toBeTruthy();
    const labels = FRAMEWORK_DEFINITIONS.meddic.criteria.map((c) => c.label);
    for (const label of labels) expect(await criterion(label)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Budget' })).toBeNull();
    await user.click(within(await criterion('Economic buyer')).getByRole('radio', { name: 'Partial' }));
    await waitFor(async () => expect((await stored())?.framework).toBe('meddic'));
    expect((await stored())?.criteria.economic_buyer?.status).toBe('partial');
  });

  it('shows a checklist started in another framework as it is, and says so', async () => {
    await ctx.qualifications.save(bant({ need: { status: 'confirmed', evidence: 'From discovery' } }));
    await ctx.settings.save({ ...DEFAULT_SETTINGS, framework: 'champ' });
    showChecklist();
    expect(await screen.findByRole('heading', { name: 'Qualification (BANT)' })).toBeTruthy();
    expect(screen.getByText('This checklist was started in BANT; your settings now say CHAMP. It stays in BANT.'));
    expect(screen.getByDisplayValue('From discovery')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Challenges' })).toBeNull();
  });

  it('follows a change made elsewhere when the rep has nothing pending', async () => {
    const user = userEvent.setup();
    showChecklist(0);
    const need = await criterion('Need');
    await user.click(within(need).getByRole('radio', { name: 'Partial' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));

    await ctx.qualifications.save(bant({ need: { status: 'confirmed', evidence: 'From the CRM' } }));
    expect(await screen.findByDisplayValue('From the CRM')).toBeTruthy();
    expect((within(need).getByRole('radio', { name: 'Confirmed' }) as HTMLInputElement).checked).toBe(true);
  });

  it('does not let a change made elsewhere clobber what the rep is typing', async () => {
    const user = userEvent.setup();
    showChecklist(NEVER);
    const budget = await criterion('Budget');
    await user.type(within(budget).getByLabelText('Evidence for Budget'), 'Half approved');
    await ctx.qualifications.save(bant({ budget: { status: 'failed', evidence: 'Elsewhere' } }));
    // Let the change notification and the re-read run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((within(budget).getByLabelText('Evidence for Budget') as HTMLTextAreaElement).value).toBe('Half approved');
    expect((within(budget).getByRole('radio', { name: 'Unknown' }) as HTMLInputElement).checked).toBe(true);
  });

  it('is operable from the keyboard: Tab reaches the status, arrows change it', async () => {
    // user-event walks a radio group with CSS.escape, which jsdom lacks; our names are plain ids.
    if (!window.CSS) vi.stubGlobal('CSS', { escape: (name: string) => name });
    const user = userEvent.setup();
    showChecklist(0);
    const budget = await criterion('Budget');
    await user.tab();
    expect(document.activeElement).toBe(within(budget).getByRole('radio', { name: 'Unknown' }));
    await user.keyboard('{ArrowRight}');
    const partial = within(budget).getByRole('radio', { name: 'Partial' }) as HTMLInputElement;
    expect(document.activeElement).toBe(partial);
    expect(partial.checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(within(budget).getByLabelText('Evidence for Budget'));
    await waitFor(async () => expect((await stored())?.criteria.budget?.status).toBe('partial'));
  });

  it('renders stored text as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await ctx.qualifications.save(
      bant({ need: { status: 'partial', evidence: hostile, updatedBy: '<b>Mallory</b>', updatedAt: NOW } }),
    );
    const { container } = showChecklist();
    expect(await screen.findByDisplayValue(hostile)).toBeTruthy();
    expect(screen.getByText('Updated by <b>Mallory</b>, Mon, 23 Nov 2026, 12:00')).toBeTruthy();
    expect(container.querySelector('img, b')).toBeNull();
  });
});

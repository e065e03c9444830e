import { act, fireEvent, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/domain/lead';
import type { PreviewItem } from '../../../lib/scoring/preview';
import type { PreviewReader } from '../../../lib/scoring/preview-run';
import { setupRepositories } from '../../support/db';
import { makeLead, visit } from '../../support/factories';
import { button, control, group, openOptions, retype, saveSettings, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

/**
 * Four leads hand-scored on the default model (MQL at 60): hot 15+20+20+25 = 80,
 * warm 15+20+20 = 55, cold 0, student -50-10 = -60.
 */
async function seed(): Promise<Record<'hot' | 'warm' | 'cold' | 'student', Lead>> {
  const hot = await ctx.leads.create(makeLead({ person: { title: 'VP of Sales' }, company: { employees: 220 } }));
  const warm = await ctx.leads.create(
    makeLead({ stage: 'mql', person: { title: 'Marketing Manager' }, company: { employees: 50 } }),
  );
  const cold = await ctx.leads.create(makeLead({ stage: 'recycled', person: { title: 'Engineer' }, company: {} }));
  const student = await ctx.leads.create(
    makeLead({ person: { title: 'Student', emails: ['sam@gmail.com'] }, company: {} }),
  );
  await ctx.events.bulkAdd([visit(hot, 'pricing', 2), visit(hot, 'demo', 1), visit(warm, 'pricing', 5)]);
  return { hot, warm, cold, student };
}

const preview = () => within(section('Scoring model')).getByTestId('mql-preview-summary');

async function previewSays(text: string): Promise<void> {
  await waitFor(() => expect(preview().textContent).toBe(text));
}

describe('the MQL preview', () => {
  it('counts how many stored leads the model makes MQLs, and recounts at once when the threshold changes', async () => {
    await seed();
    await openOptions(ctx);
    await previewSays(
      'With this draft, 1 of 4 leads would be MQLs (score 60 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1.',
    );

    await retype(control(section('Scoring model'), 'MQL threshold'), '50');
    await previewSays(
      'With this draft, 2 of 4 leads would be MQLs (score 50 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1. 1 more would qualify, 0 would drop out.',
    );
    await retype(control(section('Scoring model'), 'MQL threshold'), '81');
    await previewSays(
      'With this draft, 0 of 4 leads would be MQLs (score 81 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1. 0 more would qualify, 1 would drop out.',
    );

    await retype(control(section('Scoring model'), 'MQL threshold'), '50');
    await saveSettings();
    await previewSays(
      'With this draft, 2 of 4 leads would be MQLs (score 50 or more, with 15+ fit and 15+ behaviour points). With the saved model: 2.',
    );
  });

  it('scores the leads again when a rule changes', async () => {
    await seed();
    await openOptions(ctx);
    await previewSays(
      'With this draft, 1 of 4 leads would be MQLs (score 60 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1.',
    );
    // Pricing visits worth 30: warm is at 65.
    const points = control(group(section('Scoring model'), /^Rule 3: /), 'Points');
    fireEvent.change(points, { target: { value: '30' } });
    await previewSays(
      'With this draft, 2 of 4 leads would be MQLs (score 60 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1. 1 more would qualify, 0 would drop out.',
    );
  });

  it('waits for a valid model, naming what is wrong', async () => {
    await seed();
    await openOptions(ctx);
    await userEvent.clear(control(section('Scoring model'), 'MQL threshold'));
    expect(within(section('Scoring model')).getByText(/^The preview waits for a valid model/).textContent).toBe(
      'The preview waits for a valid model. MQL threshold: Enter a number.',
    );
  });

  it('recounts on demand after leads change elsewhere', async () => {
    const { warm } = await seed();
    await openOptions(ctx);
    await previewSays(
      'With this draft, 1 of 4 leads would be MQLs (score 60 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1.',
    );
    const late = await ctx.leads.create(makeLead({ person: { title: 'CEO' }, company: { employees: 300 } }));
    await ctx.events.bulkAdd([visit(late, 'demo', 1), visit(warm, 'demo', 1)]);
    await userEvent.click(button(section('Scoring model'), 'Recount'));
    await previewSays(
      'With this draft, 3 of 5 leads would be MQLs (score 60 or more, with 15+ fit and 15+ behaviour points). With the saved model: 3.',
    );
  });

  it('says so when there are no leads yet', async () => {
    await openOptions(ctx);
    await previewSays('No leads stored yet: import leads to see how the model sorts them.');
  });

  it('shows its progress chunk by chunk, and cancels a run when the draft changes again', async () => {
    const leads = Object.values(await seed());
    const items: PreviewItem[] = await Promise.all(
      leads.map(async (lead) => ({ lead, events: await ctx.events.forLead(lead.id) })),
    );
    // A reader the test steps through: each chunk waits for the test to release it.
    const gates: (() => void)[] = [];
    const runs: { chunks: number; closed: boolean }[] = [];
    const reader: PreviewReader = {
      count: async () => items.length,
      async *chunks(size) {
        const run = { chunks: 0, closed: false };
        runs.push(run);
        try {
          for (let start = 0; start < items.length; start += size) {
            await new Promise<void>((release) => gates.push(release));
            run.chunks += 1;
            yield items.slice(start, start + size);
          }
        } finally {
          run.closed = true;
        }
      },
    };
    await openOptions(ctx, { previewReader: reader, previewChunkSize: 1 });
    const release = async () => {
      await waitFor(() => expect(gates.length).toBeGreaterThan(0));
      act(() => gates.shift()?.());
    };
    await release();
    await release();
    await waitFor(() => expect(within(section('Scoring model')).getByText(/^Scored 2 of 4 leads/)).toBeTruthy());
    const bar = within(section('Scoring model')).getByRole('progressbar');
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['2', '4']);

    // A rule edit mid-run, while the run waits for its third chunk: it stops and a new run starts over.
    await waitFor(() => expect(gates).toHaveLength(1));
    fireEvent.change(control(group(section('Scoring model'), /^Rule 3: /), 'Points'), { target: { value: '30' } });
    await waitFor(() => expect(runs).toHaveLength(2));
    // The old run drops the chunk it was waiting for and stops there, never reading the fourth.
    await release();
    await waitFor(() => expect(runs[0]).toEqual({ chunks: 3, closed: true }));
    for (let i = 0; i < 4; i += 1) await release();
    await previewSays(
      'With this draft, 2 of 4 leads would be MQLs (score 60 or more, with 15+ fit and 15+ behaviour points). With the saved model: 1. 1 more would qualify, 0 would drop out.',
    );
  });
});

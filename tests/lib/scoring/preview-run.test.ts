import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { addTotals, type PreviewItem } from '../../../lib/scoring/preview';
import { type PreviewReader, scoreInChunks } from '../../../lib/scoring/preview-run';
import { makeLead, NOW, visit } from '../../support/factories';

const items: PreviewItem[] = Array.from({ length: 5 }, (_, i) => {
  const lead = makeLead({ person: { title: i % 2 ? 'VP of Sales' : 'Engineer' }, company: { employees: 100 + i } });
  return { lead, events: i < 3 ? [visit(lead, 'pricing', i + 1)] : [] };
});

/** A reader over `items` that records how many chunks were taken and whether it was closed. */
function arrayReader(all: readonly PreviewItem[]) {
  const log = { chunks: 0, closed: false };
  const reader: PreviewReader = {
    count: async () => all.length,
    async *chunks(size) {
      try {
        for (let start = 0; start < all.length; start += size) {
          log.chunks += 1;
          yield all.slice(start, start + size);
        }
      } finally {
        log.closed = true;
      }
    },
  };
  return { reader, log };
}

describe('scoreInChunks', () => {
  it('scores every lead, chunk by chunk, pausing and reporting progress between chunks', async () => {
    const { reader, log } = arrayReader(items);
    const pause = vi.fn(async () => {});
    const progress: number[] = [];
    const [totals] = await scoreInChunks({
      models: [DEFAULT_SCORING_MODEL],
      reader,
      now: NOW,
      chunkSize: 2,
      pause,
      onProgress: (scored) => progress.push(scored),
    });
    expect(totals).toEqual(addTotals(DEFAULT_SCORING_MODEL, items, NOW));
    expect(progress).toEqual([2, 4, 5]);
    expect(pause).toHaveBeenCalledTimes(3);
    expect(log.chunks).toBe(3);
  });

  it('scores several models in one pass over the leads', async () => {
    const { reader, log } = arrayReader(items);
    const strict = { ...DEFAULT_SCORING_MODEL, rules: DEFAULT_SCORING_MODEL.rules.slice(0, 1) };
    const [all, onlyFirst] = await scoreInChunks({
      models: [DEFAULT_SCORING_MODEL, strict],
      reader,
      now: NOW,
      chunkSize: 10,
      pause: async () => {},
    });
    expect(all).toEqual(addTotals(DEFAULT_SCORING_MODEL, items, NOW));
    expect(onlyFirst).toEqual(addTotals(strict, items, NOW));
    expect(log.chunks).toBe(1);
  });

  it('stops between chunks when aborted, and closes the reader', async () => {
    const { reader, log } = arrayReader(items);
    const controller = new AbortController();
    const run = scoreInChunks({
      models: [DEFAULT_SCORING_MODEL],
      reader,
      now: NOW,
      chunkSize: 1,
      signal: controller.signal,
      pause: async () => {},
      onProgress: (scored) => {
        if (scored === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(log.chunks).toBe(2);
    expect(log.closed).toBe(true);
  });

  it('reads nothing when already aborted', async () => {
    const { reader, log } = arrayReader(items);
    const controller = new AbortController();
    controller.abort();
    await expect(
      scoreInChunks({ models: [DEFAULT_SCORING_MODEL], reader, now: NOW, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(log.chunks).toBe(0);
  });

  it('yields a macrotask by default, so the page can paint between chunks', async () => {
    const { reader } = arrayReader(items);
    const order: string[] = [];
    const run = scoreInChunks({ models: [DEFAULT_SCORING_MODEL], reader, now: NOW, chunkSize: 5 }).then(() =>
      order.push('scored'),
    );
    setTimeout(() => order.push('other task'), 0);
    await run;
    expect(order).toEqual(['other task', 'scored']);
  });
});

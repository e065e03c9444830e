import type { ScoringModel } from '../domain/scoring-model';
import { addTotals, type PreviewItem, type ScoreTotals } from './preview';

/** Where the preview's leads come from: a count for progress and the leads in chunks. */
export interface PreviewReader {
  /** How many leads `chunks` will yield (for progress; a guess is fine). */
  count(): Promise<number>;
  /** Every lead with its events, `size` leads at a time. */
  chunks(size: number): AsyncIterable<readonly PreviewItem[]>;
}

export interface ChunkedScoring {
  /** The models to score every lead under, in one pass over the leads. */
  models: readonly ScoringModel[];
  reader: PreviewReader;
  /** The moment the scores are taken at (time windows and decay). */
  now: number;
  /** Leads per chunk. */
  chunkSize?: number;
  /** Stops the run between chunks; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after each chunk with how many leads are scored so far. */
  onProgress?: (scored: number) => void;
  /** Awaited between chunks so the page can paint and take input; a macrotask by default. */
  pause?: () => Promise<void>;
}

const DEFAULT_CHUNK = 250;

/**
 * A macrotask, not a microtask: the browser paints and handles input only between tasks,
 * so awaiting a resolved promise would not let the page breathe.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Scores every lead the reader yields under each model, a chunk at a time, yielding to the
 * page between chunks and stopping as soon as `signal` aborts (the draft changed again).
 * Returns one {@link ScoreTotals} per model, in the order of `models`.
 */
export async function scoreInChunks({
  models,
  reader,
  now,
  chunkSize = DEFAULT_CHUNK,
  signal,
  onProgress,
  pause = nextTask,
}: ChunkedScoring): Promise<ScoreTotals[]> {
  const totals = models.map((): ScoreTotals => new Map());
  let scored = 0;
  signal?.throwIfAborted();
  for await (const chunk of reader.chunks(chunkSize)) {
    signal?.throwIfAborted();
    models.forEach((model, index) => {
      addTotals(model, chunk, now, totals[index]);
    });
    scored += chunk.length;
    onProgress?.(scored);
    await pause();
    signal?.throwIfAborted();
  }
  return totals;
}

import { monotonicFactory } from 'ulidx';

const next = monotonicFactory();

/** A new ULID: sortable by creation time, unique across devices without coordination. */
export function newId(now: number = Date.now()): string {
  return next(now);
}

import { schemaV1_20261123 } from '../schema';
import type { SchemaVersion } from './types';

/**
 * v1, 2026-11-23: the first schema. There is nothing older to carry data from, so no
 * `upgrade`. A v2 file looks like this one plus
 * `upgrade: async (tx) => { await tx.table('leads').toCollection().modify(...) }`,
 * and its `stores` spreads {@link schemaV1_20261123}.
 */
export const v1_20261123: SchemaVersion = {
  version: 1,
  date: '2026-11-23',
  stores: schemaV1_20261123,
};

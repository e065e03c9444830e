import { schemaV3_20261123 } from '../schema';
import type { SchemaVersion } from './types';

/**
 * v3, 2026-11-23: the `owner`, `updatedAt` and `company.domain` indexes of `leads` dropped
 * (see {@link schemaV3_20261123}). Dexie deletes the indexes in the version-change
 * transaction; the rows are not touched, so there is no `upgrade` and nothing to carry over.
 */
export const v3_20261123: SchemaVersion = {
  version: 3,
  date: '2026-11-23',
  stores: schemaV3_20261123,
};

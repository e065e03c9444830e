import * as z from 'zod';
import type { SettingsEntryRepository } from '../db/entries';
import { parseOrThrow, type ValidationError } from '../domain/validation';
import { type ImportMapping, type ImportMappingInput, ImportMappingSchema } from './mapping';

/** Saved mappings live in the settings table under `importMapping:<source>` (no schema change). */
export const MAPPING_KEY_PREFIX = 'importMapping:';

/** A source's name: a preset id (`hubspot`) or what the rep called the file's origin ("Trade show leads"). */
export const MappingSourceSchema = z.string().trim().min(1, 'Name the source of the file').max(100);

const keyOf = (source: string) =>
  `${MAPPING_KEY_PREFIX}${parseOrThrow(MappingSourceSchema, source, 'import mapping source')}`;

/** The mapping saved for `source`, or `undefined`. Throws `ValidationError` if the stored one no longer fits. */
export async function loadMapping(
  entries: SettingsEntryRepository,
  source: string,
): Promise<ImportMapping | undefined> {
  return entries.get(keyOf(source), ImportMappingSchema);
}

/** Saves the mapping of `source` (replacing the previous one); returns it as stored. Throws `ValidationError`. */
export async function saveMapping(
  entries: SettingsEntryRepository,
  source: string,
  mapping: ImportMappingInput,
): Promise<ImportMapping> {
  return entries.put(keyOf(source), ImportMappingSchema, mapping);
}

export async function deleteMapping(entries: SettingsEntryRepository, source: string): Promise<void> {
  return entries.delete(keyOf(source));
}

/** Every saved mapping by source name; stored ones that no longer fit are named in `invalid`. */
export async function listMappings(
  entries: SettingsEntryRepository,
): Promise<{ mappings: { source: string; mapping: ImportMapping; updatedAt: number }[]; invalid: ValidationError[] }> {
  const { entries: rows, invalid } = await entries.list(MAPPING_KEY_PREFIX, ImportMappingSchema);
  return {
    mappings: rows.map((row) => ({
      source: row.key.slice(MAPPING_KEY_PREFIX.length),
      mapping: row.value,
      updatedAt: row.updatedAt,
    })),
    invalid,
  };
}

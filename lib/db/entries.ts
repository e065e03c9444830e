import type { Table } from 'dexie';
import * as z from 'zod';
import { ValidationError } from '../domain/validation';
import { Repository } from './base';

/** A row of the settings table under its own key, beside the `settings` row itself. */
export interface SettingsEntryRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

/** Reserved for SettingsRepository: that row is the settings, not an entry. */
const SETTINGS_KEY = 'settings';

const EntryKeySchema = z
  .string()
  .min(1)
  .max(200)
  .refine((key) => key !== SETTINGS_KEY, `"${SETTINGS_KEY}" is the settings row, not an entry`);

/**
 * Small named records kept in the key-value settings table without a schema change, such
 * as a saved import mapping per source (`importMapping:hubspot`). The table holds values of
 * any shape, so each call names the zod schema its value must fit: parsed before every
 * write, and on read, since a row written by an older release must still fit.
 */
export class SettingsEntryRepository extends Repository {
  /** The settings table typed for any key; `HandoffDb.settings` is typed for the `settings` row only. */
  private get table(): Table<SettingsEntryRow, string> {
    return this.db.table<SettingsEntryRow, string>('settings');
  }

  /** The value under `key`, or `undefined`. Throws `ValidationError` when the stored value no longer fits. */
  async get<S extends z.ZodType>(key: string, schema: S): Promise<z.output<S> | undefined> {
    const row = await this.table.get(this.parse(EntryKeySchema, key, 'settings entry key'));
    return row && this.parse(schema, row.value, key);
  }

  /** Stores `value` under `key`, replacing what was there. Throws `ValidationError`; nothing is written. */
  async put<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): Promise<z.output<S>> {
    const parsed = this.parse(schema, value, key);
    await this.table.put(this.stamp({ key: this.parse(EntryKeySchema, key, 'settings entry key'), value: parsed }));
    return parsed;
  }

  async delete(key: string): Promise<void> {
    await this.table.delete(this.parse(EntryKeySchema, key, 'settings entry key'));
  }

  /**
   * Every entry whose key starts with `prefix`, in key order. Entries that no longer fit
   * `schema` are left out and named in `invalid` instead of failing the whole list.
   */
  async list<S extends z.ZodType>(
    prefix: string,
    schema: S,
  ): Promise<{ entries: { key: string; value: z.output<S>; updatedAt: number }[]; invalid: ValidationError[] }> {
    const rows = await this.table.where('key').startsWith(prefix).toArray();
    const entries: { key: string; value: z.output<S>; updatedAt: number }[] = [];
    const invalid: ValidationError[] = [];
    for (const row of rows) {
      if (row.key === SETTINGS_KEY) continue;
      try {
        entries.push({ key: row.key, value: this.parse(schema, row.value, row.key), updatedAt: row.updatedAt });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        invalid.push(error);
      }
    }
    return { entries, invalid };
  }
}

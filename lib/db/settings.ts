import type * as z from 'zod';
import { DEFAULT_SETTINGS, type Settings, SettingsSchema, upgradeSettings } from '../domain/settings';
import { Repository } from './base';

const KEY = 'settings';

/** The rep's settings: one row, validated on the way in and on the way out. */
export class SettingsRepository extends Repository {
  /**
   * The stored settings, or a copy of `DEFAULT_SETTINGS` before the first save. Parsed on
   * read too (one small row): settings written by an older release must still fit, and a
   * `ValidationError` here is better than a sidebar acting on a malformed model. A section
   * still at an earlier release's default reads as today's (`upgradeSettings`).
   */
  async get(): Promise<Settings> {
    const row = await this.db.settings.get(KEY);
    if (!row) return structuredClone(DEFAULT_SETTINGS);
    return upgradeSettings(this.parse(SettingsSchema, row.value, 'settings'));
  }

  /** Replaces the settings. Throws `ValidationError` naming the field; nothing is written. */
  async save(input: z.input<typeof SettingsSchema>): Promise<Settings> {
    const settings = this.parse(SettingsSchema, input, 'settings');
    await this.db.settings.put(this.stamp({ key: KEY, value: settings }));
    return settings;
  }
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../lib/domain/settings';

describe('sidebarMode', () => {
  it('defaults to the side panel on LinkedIn and the frame on the mail sites', () => {
    expect(DEFAULT_SETTINGS.sidebarMode).toEqual({ linkedin: 'panel', gmail: 'frame', outlook: 'frame' });
    expect(SettingsSchema.parse(DEFAULT_SETTINGS).sidebarMode).toEqual(DEFAULT_SETTINGS.sidebarMode);
  });

  it('reads settings stored before the choice existed, or with part of it, as the defaults for what is missing', () => {
    const { sidebarMode: _mode, ...before } = DEFAULT_SETTINGS;
    expect(SettingsSchema.parse(before).sidebarMode).toEqual(DEFAULT_SETTINGS.sidebarMode);
    expect(SettingsSchema.parse({ ...before, sidebarMode: { gmail: 'panel' } }).sidebarMode).toEqual({
      linkedin: 'panel',
      gmail: 'panel',
      outlook: 'frame',
    });
  });

  it('refuses a mode it does not know', () => {
    const result = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, sidebarMode: { linkedin: 'overlay' } });
    expect(result.success).toBe(false);
  });
});

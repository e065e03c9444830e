import { describe, expect, it, vi } from 'vitest';
import { SidebarModeCache } from '../../../lib/background/sidebar-mode';
import { DEFAULT_SIDEBAR_MODES, type SidebarModes } from '../../../lib/domain/settings';

describe('SidebarModeCache', () => {
  it('answers the defaults before the settings are read (a worker just woken by the shortcut)', () => {
    const modes = new SidebarModeCache(() => new Promise(() => {}), true);
    expect([modes.modeOf('linkedin'), modes.modeOf('gmail'), modes.modeOf('outlook')]).toEqual([
      'panel',
      'frame',
      'frame',
    ]);
  });

  it('answers the sites whose mode changed on each refresh', async () => {
    let stored: SidebarModes = DEFAULT_SIDEBAR_MODES;
    const modes = new SidebarModeCache(async () => stored, true);
    expect(await modes.refresh()).toEqual([]);
    stored = { ...stored, linkedin: 'frame', outlook: 'panel' };
    expect(await modes.refresh()).toEqual(['linkedin', 'outlook']);
    expect(modes.modeOf('outlook')).toBe('panel');
    expect(await modes.refresh()).toEqual([]);
  });

  it('uses the frame everywhere in a browser without a side panel, whatever the settings say', async () => {
    const modes = new SidebarModeCache(async () => ({ linkedin: 'panel', gmail: 'panel', outlook: 'panel' }), false);
    expect(await modes.refresh()).toEqual([]);
    expect(modes.modeOf('linkedin')).toBe('frame');
  });

  it('reads the settings once per burst of changes, and tells only of a real change', async () => {
    vi.useFakeTimers();
    try {
      let stored: SidebarModes = DEFAULT_SIDEBAR_MODES;
      const read = vi.fn(async () => stored);
      const modes = new SidebarModeCache(read, true);
      const told: string[][] = [];
      for (let i = 0; i < 300; i++) modes.changed((sites) => told.push(sites), 100);
      await vi.advanceTimersByTimeAsync(100);
      expect(read).toHaveBeenCalledTimes(1);
      expect(told).toEqual([]);
      stored = { ...stored, gmail: 'panel' };
      modes.changed((sites) => told.push(sites), 100);
      await vi.advanceTimersByTimeAsync(100);
      expect(told).toEqual([['gmail']]);
    } finally {
      vi.useRealTimers();
    }
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The manifest wxt.config.ts builds, per browser (as tests/lib/sync/server-url.test.ts reads
 * it): the icon set is named for the extension and its toolbar button, and every file it names
 * is in public/, which the build copies as is.
 */
interface Manifest {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string>; theme_icons?: { light: string; dark: string; size: number }[] };
}

async function manifest(browser: 'chrome' | 'firefox'): Promise<Manifest> {
  const config = (await import('../../wxt.config')).default as unknown as {
    manifest: (env: { manifestVersion: 3; browser: string; mode: string; command: string }) => Manifest;
  };
  return config.manifest({ manifestVersion: 3, browser, mode: 'production', command: 'build' });
}

const inPublic = (path: string) => existsSync(join('public', path));

describe.each(['chrome', 'firefox'] as const)('the %s manifest', (browser) => {
  it('has icons at 16, 32, 48 and 128 px, each a file in public/', async () => {
    const { icons } = await manifest(browser);
    expect(Object.keys(icons ?? {})).toEqual(['16', '32', '48', '128']);
    for (const path of Object.values(icons ?? {})) expect(inPublic(path), path).toBe(true);
  });

  it('gives the toolbar button its icon at 16 and 32 px', async () => {
    const { action } = await manifest(browser);
    expect(Object.keys(action?.default_icon ?? {})).toEqual(['16', '32']);
    for (const path of Object.values(action?.default_icon ?? {})) expect(inPublic(path), path).toBe(true);
  });
});

describe('theme icons', () => {
  it('give Firefox a light mark for dark toolbars and a dark one for light toolbars', async () => {
    const { action } = await manifest('firefox');
    expect(action?.theme_icons).toEqual([
      { light: 'icon/light-16.png', dark: 'icon/dark-16.png', size: 16 },
      { light: 'icon/light-32.png', dark: 'icon/dark-32.png', size: 32 },
    ]);
    for (const icon of action?.theme_icons ?? []) {
      expect(inPublic(icon.light), icon.light).toBe(true);
      expect(inPublic(icon.dark), icon.dark).toBe(true);
    }
  });

  it('are left out of the Chrome manifest, which has no such key', async () => {
    expect((await manifest('chrome')).action?.theme_icons).toBeUndefined();
  });
});

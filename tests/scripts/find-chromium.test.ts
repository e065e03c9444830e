import { describe, expect, it } from 'vitest';
import {
  CHROME_NOT_USED,
  chromiumCandidates,
  type FindChromiumInput,
  findChromium,
  isBrandedChrome,
} from '../../scripts/lib/find-chromium';

/**
 * scripts/lib/find-chromium.ts on a made-up file system per OS: the order each platform
 * searches in, CHROMIUM_PATH first, branded Chrome never, and the not-found message's command.
 */

/** A file system holding exactly `files`: `list` derives the folders from their paths. */
function machine(
  platform: NodeJS.Platform,
  files: readonly string[],
  options: { env?: Record<string, string>; home?: string } = {},
): FindChromiumInput {
  const sep = platform === 'win32' ? '\\' : '/';
  const home =
    options.home ?? (platform === 'win32' ? 'C:\\Users\\rep' : platform === 'darwin' ? '/Users/rep' : '/home/rep');
  const env = options.env ?? (platform === 'win32' ? { LOCALAPPDATA: `${home}\\AppData\\Local` } : {});
  return {
    platform,
    env,
    home,
    exists: (path) => files.includes(path),
    list: (dir) => [
      ...new Set(
        files
          .filter((file) => file.startsWith(dir + sep))
          .map((file) => file.slice(dir.length + 1).split(sep)[0] ?? ''),
      ),
    ],
  };
}

/** The candidates that exist, in search order (macOS tries two app names in each cache folder). */
const order = (input: FindChromiumInput) => chromiumCandidates(input).filter((path) => input.exists(path));

const found = (input: FindChromiumInput) => {
  const result = findChromium(input);
  return result.found ? result.path : null;
};

describe('findChromium on Linux', () => {
  const PUPPETEER_CHROMIUM = '/home/rep/.cache/puppeteer/chromium/linux-1400000/chrome-linux/chrome';
  const PUPPETEER_CFT = '/home/rep/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome';
  const CFT_UNPACKED = '/home/rep/chrome-for-testing/chrome-linux64/chrome';
  const PLAYWRIGHT = '/home/rep/.cache/ms-playwright/chromium-1140/chrome-linux/chrome';
  const ALL = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    PUPPETEER_CHROMIUM,
    PUPPETEER_CFT,
    CFT_UNPACKED,
    PLAYWRIGHT,
  ];

  it("searches Debian's package, Ubuntu's wrapper and snap, then Puppeteer, Chrome for Testing and Playwright", () => {
    expect(order(machine('linux', ALL))).toEqual(ALL);
  });

  it.each(ALL.map((path, i) => [path, ALL.slice(i)] as const))(
    'takes %s when it is the first there is',
    (path, files) => {
      expect(found(machine('linux', files))).toBe(path);
    },
  );

  it('takes the newest version in a cache, and never the headless shell (it runs no extension)', () => {
    const files = [
      '/home/rep/.cache/ms-playwright/chromium_headless_shell-1200/chrome-linux/headless_shell',
      '/home/rep/.cache/ms-playwright/chromium-999/chrome-linux/chrome',
      '/home/rep/.cache/ms-playwright/chromium-1140/chrome-linux64/chrome',
    ];
    expect(found(machine('linux', files))).toBe('/home/rep/.cache/ms-playwright/chromium-1140/chrome-linux64/chrome');
  });

  it('follows PLAYWRIGHT_BROWSERS_PATH and PUPPETEER_CACHE_DIR where they move the caches', () => {
    const playwright = '/srv/browsers/chromium-1140/chrome-linux/chrome';
    expect(found(machine('linux', [playwright], { env: { PLAYWRIGHT_BROWSERS_PATH: '/srv/browsers' } }))).toBe(
      playwright,
    );
    const puppeteer = '/srv/pptr/chrome/linux-131.0.6778.85/chrome-linux64/chrome';
    expect(found(machine('linux', [puppeteer], { env: { PUPPETEER_CACHE_DIR: '/srv/pptr' } }))).toBe(puppeteer);
  });
});

describe('findChromium on macOS', () => {
  const ALL = [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Users/rep/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Users/rep/.cache/puppeteer/chromium/mac_arm-1400000/chrome-mac/Chromium.app/Contents/MacOS/Chromium',
    '/Users/rep/.cache/puppeteer/chrome/mac_arm-131.0.6778.85/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    '/Users/rep/Library/Caches/ms-playwright/chromium-1140/chrome-mac/Chromium.app/Contents/MacOS/Chromium',
  ];

  it('searches Chromium.app, then Puppeteer (Chromium, Chrome for Testing), then Playwright', () => {
    expect(order(machine('darwin', ALL))).toEqual(ALL);
  });

  it.each(ALL.map((path, i) => [path, ALL.slice(i)] as const))(
    'takes %s when it is the first there is',
    (path, files) => {
      expect(found(machine('darwin', files))).toBe(path);
    },
  );

  it('passes over Google Chrome.app even when it is the only browser', () => {
    const result = findChromium(machine('darwin', ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']));
    expect(result.found).toBe(false);
  });
});

describe('findChromium on Windows', () => {
  const env = {
    LOCALAPPDATA: 'C:\\Users\\rep\\AppData\\Local',
    PROGRAMFILES: 'C:\\Program Files',
    'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
  };
  const ALL = [
    'C:\\Users\\rep\\AppData\\Local\\Chromium\\Application\\chrome.exe',
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe',
    'C:\\Users\\rep\\.cache\\puppeteer\\chromium\\win64-1400000\\chrome-win\\chrome.exe',
    'C:\\Users\\rep\\.cache\\puppeteer\\chrome\\win64-131.0.6778.85\\chrome-win64\\chrome.exe',
    'C:\\Users\\rep\\AppData\\Local\\ms-playwright\\chromium-1140\\chrome-win\\chrome.exe',
  ];

  it("searches Chromium's installs (per user, then per machine), then Puppeteer, then Playwright", () => {
    expect(order(machine('win32', ALL, { env }))).toEqual(ALL);
  });

  it.each(ALL.map((path, i) => [path, ALL.slice(i)] as const))(
    'takes %s when it is the first there is',
    (path, files) => {
      expect(found(machine('win32', files, { env }))).toBe(path);
    },
  );

  it('passes over Google Chrome', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium(machine('win32', [chrome], { env })).found).toBe(false);
  });
});

describe('CHROMIUM_PATH', () => {
  it('wins over every place the search would look', () => {
    const input = machine('linux', ['/usr/bin/chromium', '/opt/chromium/chrome'], {
      env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
    });
    expect(chromiumCandidates(input)).toEqual(['/opt/chromium/chrome']);
    expect(found(input)).toBe('/opt/chromium/chrome');
  });

  it('names the path when there is nothing there, rather than quietly taking another browser', () => {
    const result = findChromium(
      machine('linux', ['/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/opt/chromium/chrome' } }),
    );
    expect(result.found).toBe(false);
    expect(!result.found && result.message).toMatch(
      /CHROMIUM_PATH is set to \/opt\/chromium\/chrome, but there is no file there/,
    );
  });

  it.each([
    ['linux', '/usr/bin/google-chrome'],
    ['linux', '/opt/google/chrome/chrome'],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    ['win32', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
  ] as const)('refuses Google Chrome on %s (%s), saying why', (platform, chrome) => {
    const result = findChromium(machine(platform, [chrome], { env: { CHROMIUM_PATH: chrome } }));
    expect(result.found).toBe(false);
    expect(!result.found && result.message).toContain('since version 137 it ignores --load-extension');
  });
});

describe('isBrandedChrome', () => {
  it.each([
    ['/usr/bin/google-chrome', true],
    ['/usr/bin/google-chrome-stable', true],
    ['/opt/google/chrome/chrome', true],
    ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', true],
    ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', true],
    ['/usr/bin/chromium', false],
    ['/home/rep/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome', false],
    [
      '/Users/rep/.cache/puppeteer/chrome/mac_arm-131/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      false,
    ],
    ['C:\\Users\\rep\\AppData\\Local\\Chromium\\Application\\chrome.exe', false],
  ])('%s: %s', (path, branded) => {
    expect(isBrandedChrome(path)).toBe(branded);
  });
});

describe('when no Chromium is found', () => {
  it.each([
    ['linux', ['/etc/debian_version'], 'sudo apt-get install chromium'],
    ['darwin', [], 'brew install --cask chromium'],
    ['win32', [], 'npx playwright-core install chromium'],
  ] as const)('on %s it gives the one command that gets one', (platform, files, command) => {
    const result = findChromium(machine(platform, files));
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toMatch(/^No Chromium that can load extensions was found/);
    expect(result.message).toContain(`Get one with:\n  ${command}`);
    expect(result.message).toContain(CHROME_NOT_USED);
    expect(result.message).toContain('CHROMIUM_PATH');
  });

  it('offers the command that works anywhere on a Linux without apt', () => {
    const result = findChromium(machine('linux', []));
    expect(!result.found && result.message).toContain('Get one with:\n  npx playwright-core install chromium');
    expect(!result.found && result.message).not.toContain('apt-get');
  });

  it('says where it looked, caches as patterns even when they are empty', () => {
    const result = findChromium(machine('linux', []));
    if (result.found) throw new Error('found a Chromium on an empty machine');
    expect(result.message).toContain('  /usr/bin/chromium\n');
    expect(result.message).toContain('  /home/rep/.cache/ms-playwright/chromium-*/chrome-*/chrome\n');
    expect(result.message).toContain('  /home/rep/.cache/puppeteer/chrome/*/chrome-*/chrome\n');
  });

  it('never suggests Google Chrome, even with it installed', () => {
    const result = findChromium(machine('linux', ['/etc/debian_version', '/usr/bin/google-chrome']));
    expect(result.found).toBe(false);
    expect(!result.found && result.message).toContain(CHROME_NOT_USED);
  });
});

// Which Chromium can run the demo and the end-to-end tests: one that loads an unpacked
// extension from the command line. Pure: the platform, environment, home directory and the
// file system's answers come in, so each OS's search order is tested on any machine.
import { posix, win32 } from 'node:path';

export interface FindChromiumInput {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  exists(path: string): boolean;
  /** A directory's entry names, `[]` when it is missing: browser caches keep one folder per version. */
  list(dir: string): readonly string[];
}

export type ChromiumLookup =
  | { found: true; path: string; looked: readonly string[] }
  | { found: false; message: string; looked: readonly string[] };

/**
 * Why branded Google Chrome is never a candidate, said wherever the search comes up empty:
 * since version 137 it ignores `--load-extension`, so it would start without Handoff.
 */
export const CHROME_NOT_USED =
  'Google Chrome is not used: since version 137 it ignores --load-extension, so it would start without Handoff.';

/** The executable inside a browser cache's `chrome-<platform>` folder (older Chromium, newer Chrome for Testing). */
const CACHE_BINARIES: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: ['chrome'],
  darwin: [
    'Chromium.app/Contents/MacOS/Chromium',
    'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  ],
  win32: ['chrome.exe'],
};

/** A place to look: one executable, or a browser cache holding one folder per version. */
type Source = { path: string } | { cache: string; prefix: string };

/**
 * Every place to look, in order: `CHROMIUM_PATH` alone when set (the rep's explicit choice is
 * never second-guessed by a fallback), else the OS's own Chromium, then the browser caches of
 * Puppeteer (Chromium and Chrome for Testing), unpacked Chrome for Testing, and Playwright.
 */
function chromiumSources({ platform, env, home }: Pick<FindChromiumInput, 'platform' | 'env' | 'home'>): Source[] {
  if (env.CHROMIUM_PATH) return [{ path: env.CHROMIUM_PATH }];
  const { join } = platform === 'win32' ? win32 : posix;
  const puppeteer = env.PUPPETEER_CACHE_DIR || join(home, '.cache', 'puppeteer');
  // `npx @puppeteer/browsers install chromium@latest --path ~/.cache/puppeteer`, and Puppeteer's own downloads.
  const puppeteerCaches: Source[] = [
    { cache: join(puppeteer, 'chromium'), prefix: '' },
    { cache: join(puppeteer, 'chrome'), prefix: '' },
  ];
  // `npx playwright install chromium`; PLAYWRIGHT_BROWSERS_PATH moves the cache (0 means inside node_modules).
  const playwrightDefault =
    platform === 'win32'
      ? join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'ms-playwright')
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches', 'ms-playwright')
        : join(home, '.cache', 'ms-playwright');
  const playwright: Source = {
    cache:
      env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0'
        ? env.PLAYWRIGHT_BROWSERS_PATH
        : playwrightDefault,
    // Only `chromium-<revision>`: `chromium_headless_shell-*` is the old headless, which runs no extension.
    prefix: 'chromium-',
  };

  switch (platform) {
    case 'darwin':
      return [
        { path: '/Applications/Chromium.app/Contents/MacOS/Chromium' },
        { path: join(home, 'Applications', 'Chromium.app', 'Contents', 'MacOS', 'Chromium') },
        ...puppeteerCaches,
        { cache: join(home, 'chrome-for-testing'), prefix: '' },
        playwright,
      ];
    case 'win32': {
      const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r): r is string => !!r);
      return [
        ...roots.map((root) => ({ path: join(root, 'Chromium', 'Application', 'chrome.exe') })),
        ...puppeteerCaches,
        playwright,
      ];
    }
    default:
      return [
        // Debian's package; Ubuntu's chromium-browser (a wrapper that starts the snap); the snap itself.
        { path: '/usr/bin/chromium' },
        { path: '/usr/bin/chromium-browser' },
        { path: '/snap/bin/chromium' },
        ...puppeteerCaches,
        { cache: join(home, 'chrome-for-testing'), prefix: '' },
        { cache: '/opt/chrome-for-testing', prefix: '' },
        playwright,
      ];
  }
}

/** Every executable to try, in order: the sources with each cache's versions listed, newest first. */
export function chromiumCandidates(input: Omit<FindChromiumInput, 'exists'>): string[] {
  const { join } = input.platform === 'win32' ? win32 : posix;
  const binaries = cacheBinaries(input.platform);
  // `<dir>/chrome-<platform>/<binary>`: the folder a Chromium or Chrome for Testing archive unpacks to.
  const builds = (dir: string) =>
    input
      .list(dir)
      .filter((name) => name.startsWith('chrome-'))
      .flatMap((build) => binaries.map((binary) => join(dir, build, binary)));
  return chromiumSources(input).flatMap((source) => {
    if ('path' in source) return [source.path];
    const versions = input
      .list(source.cache)
      .filter((name) => name.startsWith(source.prefix) && !name.startsWith('chrome-'))
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    // A single unpacked build sits in the folder itself; a cache has one folder per version.
    return [...builds(source.cache), ...versions.flatMap((version) => builds(join(source.cache, version)))];
  });
}

/** Where the search looks, as the rep reads it: caches as patterns, whether or not they exist. */
function describeSources(input: Pick<FindChromiumInput, 'platform' | 'env' | 'home'>): string[] {
  const { join } = input.platform === 'win32' ? win32 : posix;
  const binary = cacheBinaries(input.platform)[0] ?? 'chrome';
  return chromiumSources(input).map((source) =>
    'path' in source ? source.path : join(source.cache, `${source.prefix}*`, 'chrome-*', binary),
  );
}

function cacheBinaries(platform: NodeJS.Platform): readonly string[] {
  return CACHE_BINARIES[platform] ?? ['chrome'];
}

/**
 * Branded Chrome, by its install paths on each OS; Chrome for Testing (which still loads
 * extensions) is named "for Testing" or sits in a `chrome-<platform>` folder, and is let through.
 */
export function isBrandedChrome(path: string): boolean {
  const p = path.toLowerCase().replaceAll('\\', '/');
  if (p.includes('for testing') || p.includes('chrome-for-testing')) return false;
  // Linux's google-chrome* and /opt/google/chrome*, macOS's "Google Chrome*.app", Windows' Google\Chrome*.
  return p.includes('google-chrome') || p.includes('/google chrome') || p.includes('/google/chrome');
}

/** The one command that gets a Chromium on this OS, and one that works anywhere. */
export function installHint(platform: NodeJS.Platform, exists: (path: string) => boolean): string {
  const anywhere = 'npx playwright-core install chromium';
  if (platform === 'darwin')
    return `Get one with:\n  brew install --cask chromium\nor, without Homebrew:\n  ${anywhere}`;
  if (platform === 'linux' && exists('/etc/debian_version')) {
    return `Get one with:\n  sudo apt-get install chromium\n(on Ubuntu: sudo snap install chromium), or without root:\n  ${anywhere}`;
  }
  return `Get one with:\n  ${anywhere}`;
}

/** Finds the first candidate that exists, or says what was looked for and how to get one. */
export function findChromium(input: FindChromiumInput): ChromiumLookup {
  const looked = chromiumCandidates(input);
  const set = input.env.CHROMIUM_PATH;
  if (set && isBrandedChrome(set)) {
    return {
      found: false,
      looked,
      message: `CHROMIUM_PATH points at Google Chrome (${set}). ${CHROME_NOT_USED}\nPoint it at Chromium or Chrome for Testing instead, or unset it to search the usual places.\n${installHint(input.platform, input.exists)}`,
    };
  }
  const path = looked.find((candidate) => !isBrandedChrome(candidate) && input.exists(candidate));
  if (path) return { found: true, path, looked };
  if (set) {
    return {
      found: false,
      looked,
      message: `CHROMIUM_PATH is set to ${set}, but there is no file there. Fix the path, or unset it to search the usual places.`,
    };
  }
  return {
    found: false,
    looked,
    message: [
      'No Chromium that can load extensions was found. Looked in:',
      ...describeSources(input).map((place) => `  ${place}`),
      CHROME_NOT_USED,
      installHint(input.platform, input.exists),
      'Or set CHROMIUM_PATH to a Chromium you already have.',
    ].join('\n'),
  };
}

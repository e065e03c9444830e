/**
 * Bundle figures, read off the production build (the same `wxt build` that ships, minified):
 * what runs in the web page's context, and what the sidebar frame loads when it opens.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SITES } from '../../lib/sites/hosts';
import type { SiteKey } from '../../lib/sites/types';
import type { Figure } from './report';

/** Sizes are in KB of 1,000 bytes, as the build prints them. */
const KB = 1000;

interface Sized {
  files: string[];
  bytes: number;
  gzip: number;
}

function sizeOf(root: string, files: Iterable<string>): Sized {
  const list = [...new Set(files)].sort();
  let bytes = 0;
  let gzip = 0;
  for (const file of list) {
    const content = readFileSync(join(root, file));
    bytes += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: list, bytes, gzip };
}

/** The host part of a match pattern (`https://www.linkedin.com/*` -> `www.linkedin.com`; `<all_urls>` -> `*`). */
const patternHost = (pattern: string) =>
  pattern === '<all_urls>' ? '*' : (/^[^:]+:\/\/([^/]*)/.exec(pattern)?.[1] ?? '');

/** Whether a match pattern's host covers a host name (`*`, `*.google.com`, or the name itself). */
const covers = (patternHostName: string, host: string) =>
  patternHostName === '*' ||
  patternHostName === host ||
  (patternHostName.startsWith('*.') && host.endsWith(patternHostName.slice(1)));

/**
 * The scripts and styles a page of each site gets: every content-script entry of the manifest
 * whose matches cover one of the site's hosts (the loader, components/page/page-loader.ts),
 * and the site's page side the background runs after the page's load
 * (`page-<site>.js`, an unlisted script, so in no manifest entry).
 */
export function pageSideFiles(root: string): Record<SiteKey, string[]> {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
    content_scripts?: { matches?: string[]; js?: string[]; css?: string[] }[];
  };
  const scripts = manifest.content_scripts ?? [];
  const files = (site: SiteKey) => {
    const hosts = SITES[site].matches.map(patternHost);
    return scripts
      .filter((script) => (script.matches ?? []).some((m) => hosts.some((host) => covers(patternHost(m), host))))
      .flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])])
      .concat(existsSync(join(root, `page-${site}.js`)) ? [`page-${site}.js`] : []);
  };
  return { linkedin: files('linkedin'), gmail: files('gmail'), outlook: files('outlook') };
}

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/**
 * Everything a page of the extension loads when it opens: the HTML, its module script,
 * modulepreloads and stylesheets, and every chunk those import statically (followed
 * transitively). Chunks imported with `import()` load only on demand: listed apart.
 */
export function pageFiles(root: string, html: string): { eager: string[]; lazy: string[] } {
  const text = readFileSync(join(root, html), 'utf8');
  const eager = new Set<string>([html]);
  const queue: string[] = [];
  for (const match of text.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="\/?([^"]+)"/g)) {
    const file = match[1];
    if (!file || eager.has(file)) continue;
    eager.add(file);
    if (file.endsWith('.js')) queue.push(file);
  }
  const lazy = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    const code = readFileSync(join(root, file), 'utf8');
    const resolveFrom = (spec: string) => relative(root, join(root, dirname(file), spec));
    for (const match of code.matchAll(STATIC_IMPORT)) {
      const dep = resolveFrom(match[1] ?? '');
      if (!eager.has(dep)) {
        eager.add(dep);
        queue.push(dep);
      }
    }
    for (const match of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolveFrom(match[1] ?? ''));
  }
  return { eager: [...eager], lazy: [...lazy].filter((file) => !eager.has(file)) };
}

const SITE_LABELS: Record<SiteKey, string> = { linkedin: 'LinkedIn', gmail: 'Gmail', outlook: 'Outlook' };

export function measureBundles(root: string): Figure[] {
  const perSite = Object.entries(pageSideFiles(root)) as [SiteKey, string[]][];
  const sidebarFiles = pageFiles(root, 'sidebar.html');
  const sidebar = sizeOf(root, sidebarFiles.eager);
  const lazy = sizeOf(root, sidebarFiles.lazy);
  const background = sizeOf(root, ['background.js']);
  return [
    ...perSite.map(([site, files]): Figure => {
      const page = sizeOf(root, files);
      return {
        id: `bundle.pageSide.${site}`,
        label: `Page-side bundle, ${SITE_LABELS[site]} (content script, minified)`,
        unit: 'KB',
        value: page.bytes / KB,
        runs: [page.bytes / KB],
        budget: { max: 30 },
        detail: { bytes: page.bytes, gzipKB: page.gzip / KB, files: page.files.join(' ') },
        note: `Everything a ${SITE_LABELS[site]} page gets: the loader the manifest injects and the page side the background runs after load; the sidebar frame is created only when shown.`,
      };
    }),
    {
      id: 'bundle.sidebar',
      label: 'Sidebar (frame: HTML, JS, CSS, minified)',
      unit: 'KB',
      value: sidebar.bytes / KB,
      runs: [sidebar.bytes / KB],
      detail: {
        bytes: sidebar.bytes,
        gzipKB: sidebar.gzip / KB,
        lazyKB: lazy.bytes / KB,
        backgroundKB: background.bytes / KB,
        files: sidebar.files.join(' '),
      },
      note: 'What the sidebar page loads when it opens: sidebar.html and every chunk and stylesheet it pulls in statically (lazyKB: loaded on demand).',
    },
  ];
}

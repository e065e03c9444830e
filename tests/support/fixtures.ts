import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

/**
 * A saved page parsed as the browser would parse it at `url`. Scripts do not run (jsdom's
 * default), so a late-rendering fixture shows its first paint, as an adapter running at
 * document_idle on a slow page would see it.
 */
export function loadFixture(site: string, file: string, url: string): { doc: Document; url: URL } {
  const html = readFileSync(join(FIXTURES_DIR, site, file), 'utf8');
  const dom = new JSDOM(html, { url });
  return { doc: dom.window.document, url: new URL(url) };
}

/** Every `.html` fixture of a site, for selector tables that must cover them all. */
export function fixtureFiles(site: string): string[] {
  return readdirSync(join(FIXTURES_DIR, site))
    .filter((f) => f.endsWith('.html'))
    .sort();
}

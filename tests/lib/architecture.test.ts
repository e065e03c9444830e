import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of DESIGN.md §3, checked on the source: imports point down only,
 * and the pure layers import neither the browser API, Dexie nor React.
 */
const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

/** Resolves a relative import to a repository path (`lib/db/leads`). */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', spec)) : spec;
}

const PURE = ['lib/domain', 'lib/scoring', 'lib/qualification', 'lib/sla', 'lib/metrics'];
const FORBIDDEN_IN_PURE = /^(dexie|dexie-react-hooks|react|react-dom|wxt|@wxt-dev\/|#imports|webextension-polyfill)/;
/** Of ours, what a pure layer may import: the layers under the dashboard; lib/metrics sits on top of them. */
const allowedFrom = (dir: string) =>
  dir === 'lib/metrics'
    ? /^lib\/(domain|scoring|qualification|sla|metrics)\//
    : /^lib\/(domain|scoring|qualification|sla)\//;

describe('architecture', () => {
  it.each(PURE)('%s imports neither the browser API, Dexie nor React, and nothing above it', (dir) => {
    for (const file of sources(dir)) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const spec of importsOf(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(FORBIDDEN_IN_PURE);
        const to = target(file, spec);
        if (spec.startsWith('.')) expect(to, `${file} imports ${spec}`).toMatch(allowedFrom(dir));
      }
      expect(source, `${file} uses the extension API`).not.toMatch(/\b(browser|chrome)\.(runtime|storage|tabs)\b/);
      expect(source, `${file} touches IndexedDB`).not.toMatch(/\bindexedDB\b/);
    }
  });

  it('lib/domain imports nothing of ours outside lib/domain', () => {
    for (const file of sources('lib/domain')) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(target(file, spec), `${file} imports ${spec}`).toMatch(/^lib\/domain\//);
      }
    }
  });

  it('nothing in lib/ imports components/ or entrypoints/', () => {
    for (const file of sources('lib')) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(target(file, spec), `${file} imports ${spec}`).not.toMatch(/^(components|entrypoints)\//);
      }
    }
  });

  it('the checks see the files they are meant to (a rule over no files proves nothing)', () => {
    expect(sources('lib/domain').length).toBeGreaterThan(10);
    expect(importsOf('lib/scoring/score.ts')).toContain('../domain/event');
    expect(sources('lib/metrics').length).toBeGreaterThan(5);
  });
});

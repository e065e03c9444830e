import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** The source file a relative import names (`lib/db/db` -> `lib/db/db.ts`), or undefined if none. */
function resolveFile(file: string, spec: string): string | undefined {
  const to = target(file, spec);
  return [to, `${to}.ts`, `${to}.tsx`, `${to}/index.ts`, `${to}/index.tsx`].find(
    (path) => /\.tsx?$/.test(path) && existsSync(join(ROOT, path)),
  );
}

/**
 * The first import cycle among `files` (following their relative imports, type-only ones
 * included: a type import still ties the two modules' designs together), as the path that
 * closes it, or undefined. Depth-first with the usual three colours.
 */
function findCycle(files: readonly string[], importsFrom: (file: string) => string[]): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'open');
    stack.push(file);
    for (const next of importsFrom(file)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

/** What a lib file imports of lib, resolved to files. */
const libImportsOf = (file: string) =>
  importsOf(file)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => resolveFile(file, spec) ?? [])
    .filter((to) => to.startsWith('lib/'));

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

  it('nothing in lib/ imports server/ (the server builds on lib, never the other way)', () => {
    for (const file of sources('lib')) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(target(file, spec), `${file} imports ${spec}`).not.toMatch(/^server(\/|$)/);
      }
    }
  });

  it('lib/messaging (protocol, router, clients) never imports lib/background or lib/sync (the floors above it)', () => {
    for (const file of sources('lib/messaging')) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(target(file, spec), `${file} imports ${spec}`).not.toMatch(/^lib\/(background|sync)\//);
      }
    }
  });

  it('lib/replication (the contract both ends share) imports only lib/domain and zod', () => {
    for (const file of sources('lib/replication')) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          expect(target(file, spec), `${file} imports ${spec}`).toMatch(/^lib\/(domain|replication)\//);
        } else expect(spec, `${file} imports ${spec}`).toBe('zod');
      }
    }
  });

  it('the import’s merge policy (lib/import/merge.ts) is pure: no Dexie, no repository, no browser', () => {
    for (const spec of importsOf('lib/import/merge.ts')) {
      expect(spec, `lib/import/merge.ts imports ${spec}`).not.toMatch(FORBIDDEN_IN_PURE);
      if (spec.startsWith('.')) {
        expect(target('lib/import/merge.ts', spec)).toMatch(/^lib\/(domain|qualification)\//);
      }
    }
  });

  it('no import cycle anywhere in lib/', () => {
    const cycle = findCycle(sources('lib'), libImportsOf);
    expect(cycle, `import cycle: ${cycle?.join(' -> ')}`).toBeUndefined();
  });

  it('the cycle check finds a cycle when there is one', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c', 'd'], c: [], d: ['b'] };
    expect(findCycle(['a'], (file) => graph[file] ?? [])).toEqual(['b', 'd', 'b']);
    expect(findCycle(['a', 'c'], (file) => (file === 'd' ? [] : (graph[file] ?? [])))).toBeUndefined();
  });

  it('the checks see the files they are meant to (a rule over no files proves nothing)', () => {
    expect(sources('lib/domain').length).toBeGreaterThan(10);
    expect(importsOf('lib/scoring/score.ts')).toContain('../domain/event');
    expect(sources('lib/metrics').length).toBeGreaterThan(5);
    expect(sources('lib/replication').length).toBeGreaterThanOrEqual(3);
    expect(libImportsOf('lib/db/outbox.ts')).toContain('lib/db/db.ts');
    expect(libImportsOf('lib/db/index.ts').length).toBeGreaterThan(10);
  });
});

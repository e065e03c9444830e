import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedOptions, SeedResult } from '../browser/api';

/**
 * A seeded profile may be reused (`--reuse-seed`) only while everything that decides what
 * is stored is unchanged: the data set's options, the extension's directory (its id, hence
 * its origin and database, follows from the path), and the code of lib/db, lib/domain and
 * lib/demo. Anything else changed: seed again.
 */
export function seedKey(options: SeedOptions, extensionDir: string): string {
  const hash = createHash('sha256').update(JSON.stringify({ options, extensionDir }));
  for (const dir of ['lib/db', 'lib/domain', 'lib/demo']) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

interface Marker {
  key: string;
  date: string;
  result: SeedResult;
}

const markerPath = (profileDir: string) => join(profileDir, 'handoff-bench-seed.json');

/** The earlier seed's result, when the profile holds one made under `key`. */
export function cachedSeed(profileDir: string, key: string): Marker | undefined {
  const path = markerPath(profileDir);
  if (!existsSync(path)) return undefined;
  const marker = JSON.parse(readFileSync(path, 'utf8')) as Marker;
  return marker.key === key ? marker : undefined;
}

export function recordSeed(profileDir: string, key: string, result: SeedResult): void {
  const marker: Marker = { key, date: new Date().toISOString(), result };
  writeFileSync(markerPath(profileDir), JSON.stringify(marker));
}

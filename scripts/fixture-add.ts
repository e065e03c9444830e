#!/usr/bin/env node
// `npm run fixture:add -- <file> --site linkedin|gmail|outlook [--name <slug>]`: turns a page
// snapshot a rep saved with "Save this page for a bug report" (lib/sites/snapshot.ts) into a
// fixture, tests/fixtures/<site>/field/<name>.html, plus a case stub in that site's field-cases.ts, and
// prints what the site's adapter reads on it today. It never overwrites a fixture.
//
// HANDOFF_FIXTURES_DIR points it at another fixtures folder (its tests use a temporary one).
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { extractGmail } from '../lib/sites/gmail/extract';
import { SITES } from '../lib/sites/hosts';
import { extractLinkedin } from '../lib/sites/linkedin/extract';
import { extractOutlook } from '../lib/sites/outlook/extract';
import type { Adapter, Extraction, SiteKey } from '../lib/sites/types';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../tests/fixtures');

const ADAPTERS: Record<SiteKey, Adapter> = { linkedin: extractLinkedin, gmail: extractGmail, outlook: extractOutlook };
/** A saved Gmail page with a long thread is a few MB; anything far larger is not a snapshot. */
const MAX_BYTES = 25_000_000;
const NAME = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A problem with the input, said so the person running the script knows what to do. */
export class FixtureAddError extends Error {}

export interface AddFixtureOptions {
  /** The saved snapshot, e.g. ~/Downloads/handoff-linkedin-2026-05-01.html. */
  file: string;
  site: string;
  /** The fixture's name without `.html`; default `field-<date the snapshot was taken>`. */
  name?: string | undefined;
  /** Default: HANDOFF_FIXTURES_DIR, else tests/fixtures. */
  fixturesDir?: string | undefined;
}

export interface AddedFixture {
  site: SiteKey;
  /** Where the fixture was written. */
  fixture: string;
  /** The field-cases.ts the stub went into. */
  cases: string;
  /** The page's (redacted) URL, from the snapshot's record. */
  url: string;
  /** What the adapter reads on the page now. */
  reads: Extraction;
}

/** Validates `file` as a Handoff snapshot of `site`, copies it in as a fixture and appends a case stub. */
export function addFieldFixture(options: AddFixtureOptions): AddedFixture {
  const site = siteKey(options.site);
  const dir = options.fixturesDir ?? process.env.HANDOFF_FIXTURES_DIR ?? FIXTURES_DIR;
  const html = readSnapshot(options.file);
  const { doc, url, takenOn } = checkSnapshot(html, site);

  if (options.name !== undefined && !NAME.test(options.name)) {
    throw new FixtureAddError(
      `--name must be lowercase letters, digits and dashes (like "profile-german"), not "${options.name}".`,
    );
  }
  // In a folder of their own: the site's own fixture tables (every file has a case in cases.ts)
  // stay as they are, and field-cases.ts says what each field page must read.
  const folder = join(dir, site, FIELD_DIR);
  mkdirSync(folder, { recursive: true });
  const name = options.name ?? freeName(folder, `field-${takenOn}`);
  const fixture = join(folder, `${name}.html`);
  try {
    copyFileSync(options.file, fixture, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FixtureAddError(`${fixture} already exists; pick another --name. Nothing was changed.`);
    }
    throw error;
  }

  const cases = join(dir, site, 'field-cases.ts');
  appendStub(cases, site, {
    file: `${FIELD_DIR}/${name}.html`,
    url,
    note: `from a field snapshot on ${takenOn}; fill in expected`,
  });
  return { site, fixture, cases, url, reads: ADAPTERS[site](doc, new URL(url)) };
}

/** Field fixtures live in tests/fixtures/<site>/field/. */
const FIELD_DIR = 'field';

function siteKey(site: string): SiteKey {
  if (site in SITES) return site as SiteKey;
  throw new FixtureAddError(`--site must be one of ${Object.keys(SITES).join(', ')}, not "${site}".`);
}

function readSnapshot(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new FixtureAddError(`No such file: ${file}`);
  if (statSync(file).size > MAX_BYTES)
    throw new FixtureAddError(`${file} is over ${MAX_BYTES / 1e6} MB: not a page snapshot.`);
  return readFileSync(file, 'utf8');
}

/**
 * The snapshot's page, URL and day, once it has passed every check: HTML, Handoff's record of the
 * right site, and nothing a fixture must not carry (fixtures are served to a real browser in the
 * end-to-end tests, so a file that runs or loads anything is refused).
 */
function checkSnapshot(html: string, site: SiteKey): { doc: Document; url: string; takenOn: string } {
  if (!/^\s*(<!doctype html|<html)/i.test(html.replace(/^\uFEFF/, ''))) {
    throw new FixtureAddError('This is not an HTML page: a snapshot starts with <!DOCTYPE html>.');
  }
  const doc = new JSDOM(html).window.document;
  const content = doc.querySelector('meta[name="handoff-snapshot"]')?.getAttribute('content');
  if (!content || !doc.body) {
    throw new FixtureAddError(
      'This page has no Handoff snapshot record: save it with "Save this page for a bug report" in the sidebar.',
    );
  }
  let meta: { site?: unknown; url?: unknown; takenAt?: unknown; version?: unknown };
  try {
    meta = JSON.parse(content);
  } catch {
    throw new FixtureAddError('The snapshot record is damaged (not JSON): save the page again.');
  }
  if (meta.version !== 1) throw new FixtureAddError(`Unknown snapshot version ${String(meta.version)}.`);
  if (meta.site !== site) {
    throw new FixtureAddError(
      `This is a snapshot of ${String(meta.site)}, not ${site}: pass --site ${String(meta.site)}.`,
    );
  }
  let url: URL;
  try {
    url = new URL(String(meta.url));
  } catch {
    throw new FixtureAddError('The snapshot record has no valid page URL.');
  }
  if (url.protocol !== 'https:' || !SITES[site].host.test(url.hostname)) {
    throw new FixtureAddError(`The snapshot's URL ${url.href} is not a ${site} page.`);
  }
  const active = doc.querySelector(
    'script:not([type="application/ld+json"]), [src], [srcset], [srcdoc], link:not([rel="canonical"], [rel="alternate"])',
  );
  const handler = Array.from(doc.querySelectorAll('*')).some((el) =>
    el.getAttributeNames().some((a) => a.startsWith('on')),
  );
  if (active || handler) {
    throw new FixtureAddError(
      'This file has scripts or loads resources, which a Handoff snapshot never does: save it again.',
    );
  }
  const taken = new Date(String(meta.takenAt));
  const takenOn = Number.isNaN(taken.getTime())
    ? new Date().toISOString().slice(0, 10)
    : taken.toISOString().slice(0, 10);
  return { doc: new JSDOM(html, { url: url.href }).window.document, url: url.href, takenOn };
}

function freeName(dir: string, base: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(join(dir, `${name}.html`))) return name;
  }
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Adds a case to the end of the site's FIELD_CASES array, creating the file the first time. */
function appendStub(file: string, site: SiteKey, stub: { file: string; url: string; note: string }): void {
  const source = existsSync(file) ? readFileSync(file, 'utf8') : template(site);
  const end = source.lastIndexOf('];');
  if (!source.includes('FIELD_CASES') || end < 0) {
    throw new FixtureAddError(`${file} has no FIELD_CASES array to add the case to.`);
  }
  const head = source.slice(0, end).trimEnd();
  const entry = [
    '  {',
    `    file: ${quote(stub.file)},`,
    `    url: ${quote(stub.url)},`,
    '    expected: undefined,',
    `    note: ${quote(stub.note)},`,
    '  },',
  ].join('\n');
  writeFileSync(file, `${head}${head.endsWith('[') || head.endsWith(',') ? '' : ','}\n${entry}\n${source.slice(end)}`);
}

function template(site: SiteKey): string {
  return `import type { FieldCase } from '../field-case';

/** ${site} pages from the field (\`npm run fixture:add\`); see tests/fixtures/field-case.ts. */
export const FIELD_CASES: FieldCase[] = [];
`;
}

const USAGE = `Usage: npm run fixture:add -- <snapshot.html> --site linkedin|gmail|outlook [--name <slug>]

Copies a page snapshot saved with "Save this page for a bug report" into tests/fixtures/<site>/field/
and adds a case for it to tests/fixtures/<site>/field-cases.ts.`;

/** The command line: arguments as npm passes them (`--site` may arrive as npm_config_site). */
export function main(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
  out: { log: (line: string) => void; error: (line: string) => void } = console,
): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    out.log(USAGE);
    return 0;
  }
  // `npm run fixture:add file --site x` without `--` hands the options to npm: it exports
  // `--name foo` as npm_config_name=foo, but takes `--site` for a flag (npm_config_site=true) and
  // leaves `x` among the arguments.
  const positionals = [...args.positionals];
  const fromNpm = (value: string | undefined, pick: (p: string) => boolean) => {
    if (value !== 'true') return value;
    const at = positionals.findIndex((p, i) => i > 0 && pick(p));
    return at > 0 ? positionals.splice(at, 1)[0] : undefined;
  };
  const site = args.values.site ?? fromNpm(env.npm_config_site, (p) => p in SITES);
  const name = args.values.name ?? fromNpm(env.npm_config_name, (p) => NAME.test(p));
  const [file, ...extra] = positionals;
  if (!file || !site || extra.length > 0) {
    out.error(USAGE);
    return 2;
  }
  try {
    const added = addFieldFixture({ file, site, name, fixturesDir: env.HANDOFF_FIXTURES_DIR });
    const rel = (path: string) => relative(process.cwd(), path) || path;
    out.log(`Added ${rel(added.fixture)} (at ${added.url})`);
    out.log(`Case stub appended to ${rel(added.cases)}`);
    out.log(`The ${added.site} adapter reads on it now:\n${JSON.stringify(added.reads, null, 2)}`);
    out.log(
      [
        'Next:',
        `  1. Open ${rel(added.fixture)} in a browser (it runs and loads nothing) and decide who the page shows.`,
        `  2. In ${rel(added.cases)}, replace \`expected: undefined\` with the exact answer (as in cases.ts)`,
        '     and say in `note` what went wrong on the live page.',
        '  3. npx vitest run --project unit tests/lib/sites/field-cases.test.ts: it fails until',
        `     lib/sites/${added.site}/ reads the page; then run the drift harness for the site too.`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof FixtureAddError) {
      out.error(error.message);
      return 1;
    }
    throw error;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { site: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}

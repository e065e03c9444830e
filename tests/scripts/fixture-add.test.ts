import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_KEEP, snapshotPage } from '../../lib/sites/snapshot';
import { addFieldFixture, FixtureAddError, main } from '../../scripts/fixture-add';
import { FIXTURES_DIR } from '../support/fixtures';

/**
 * `npm run fixture:add` (scripts/fixture-add.ts), on a temporary fixtures folder: a real snapshot
 * of a fixture goes in as a fixture with a case stub; anything else is refused, and nothing is
 * ever overwritten.
 */
const PROFILE_URL = 'https://www.linkedin.com/in/priya-raman-4b1a7/';
let dir: string;
let fixtures: string;

/** A snapshot of one of our own fixtures, as the sidebar would save it. */
function saveSnapshot(site: string, file: string, url: string, edit: (html: string) => string = (h) => h): string {
  const doc = new JSDOM(readFileSync(join(FIXTURES_DIR, site, file), 'utf8'), { url }).window.document;
  const { html } = snapshotPage(doc, new URL(url), {
    keep: SNAPSHOT_KEEP,
    now: () => new Date('2026-05-01T10:00:00Z'),
  });
  const path = join(dir, `handoff-${site}-2026-05-01.html`);
  writeFileSync(path, edit(html));
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fixture-add-'));
  fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('addFieldFixture', () => {
  it('copies the snapshot in, appends a case stub, and reads the page with the adapter', async () => {
    const file = saveSnapshot('linkedin', 'profile-hashed.html', PROFILE_URL);
    const added = addFieldFixture({ file, site: 'linkedin', fixturesDir: fixtures });

    expect(added.fixture).toBe(join(fixtures, 'linkedin', 'field', 'field-2026-05-01.html'));
    expect(readFileSync(added.fixture, 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(added.url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[a-z]{5}-[a-z]{5}-\d[a-z]\d[a-z]\d\/$/);
    expect(added.url).not.toBe(PROFILE_URL);
    expect(added.reads.kind).toBe('person');
    if (added.reads.kind === 'person') expect(added.reads.identity.name).toMatch(/^[A-Z][a-z]{4} [A-Z][a-z]{4}$/);

    // The stub is valid TypeScript in the shape field-cases.test.ts runs.
    const cases = await import(/* @vite-ignore */ added.cases);
    expect(cases.FIELD_CASES).toEqual([
      {
        file: 'field/field-2026-05-01.html',
        url: added.url,
        expected: undefined,
        note: 'from a field snapshot on 2026-05-01; fill in expected',
      },
    ]);
  });

  it('appends to an existing field-cases.ts and never overwrites a fixture', () => {
    const file = saveSnapshot(
      'gmail',
      'thread-simple.html',
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj',
    );
    addFieldFixture({ file, site: 'gmail', fixturesDir: fixtures });
    const second = addFieldFixture({ file, site: 'gmail', fixturesDir: fixtures });
    expect(second.fixture).toBe(join(fixtures, 'gmail', 'field', 'field-2026-05-01-2.html'));
    const named = addFieldFixture({ file, site: 'gmail', name: 'thread-wrong-person', fixturesDir: fixtures });
    expect(named.fixture).toBe(join(fixtures, 'gmail', 'field', 'thread-wrong-person.html'));

    const before = readFileSync(named.cases, 'utf8');
    expect(() => addFieldFixture({ file, site: 'gmail', name: 'thread-wrong-person', fixturesDir: fixtures })).toThrow(
      /thread-wrong-person\.html already exists; pick another --name/,
    );
    expect(readFileSync(named.cases, 'utf8')).toBe(before);
    expect(before.match(/expected: undefined/g)).toHaveLength(3);
    expect(readdirSync(join(fixtures, 'gmail')).sort()).toEqual(['field', 'field-cases.ts']);
    expect(readdirSync(join(fixtures, 'gmail', 'field')).sort()).toEqual([
      'field-2026-05-01-2.html',
      'field-2026-05-01.html',
      'thread-wrong-person.html',
    ]);
  });

  it.each([
    ['a page of another site', (h: string) => h, 'outlook', /snapshot of linkedin, not outlook: pass --site linkedin/],
    [
      'no snapshot record',
      (h: string) => h.replace(/<meta name="handoff-snapshot"[^>]*>/, ''),
      'linkedin',
      /no Handoff snapshot record/,
    ],
    ['a damaged record', (h: string) => h.replace(/content="\{/, 'content="{{'), 'linkedin', /damaged/],
    [
      'a script',
      (h: string) => h.replace('</body>', '<script>alert(1)</script></body>'),
      'linkedin',
      /scripts or loads/,
    ],
    [
      'an image that loads',
      (h: string) => h.replace('</body>', '<img src="https://x.example/a.png"></body>'),
      'linkedin',
      /scripts or loads/,
    ],
    ['an event handler', (h: string) => h.replace('<body', '<body onload="x()"'), 'linkedin', /scripts or loads/],
    ['not HTML', () => '{"not": "html"}', 'linkedin', /not an HTML page/],
    ['an unknown site', (h: string) => h, 'facebook', /--site must be one of linkedin, gmail, outlook/],
  ])('refuses %s', (_, edit, site, message) => {
    const file = saveSnapshot('linkedin', 'profile-hashed.html', PROFILE_URL, edit);
    expect(() => addFieldFixture({ file, site, fixturesDir: fixtures })).toThrow(FixtureAddError);
    expect(() => addFieldFixture({ file, site, fixturesDir: fixtures })).toThrow(message);
    expect(readdirSync(fixtures)).toEqual([]);
  });

  it('refuses a name that is not a slug', () => {
    const file = saveSnapshot('linkedin', 'profile-hashed.html', PROFILE_URL);
    expect(() => addFieldFixture({ file, site: 'linkedin', name: '../cases', fixturesDir: fixtures })).toThrow(
      /--name must be lowercase letters, digits and dashes/,
    );
  });
});

describe('the command line', () => {
  const run = (argv: string[], env: Record<string, string | undefined> = {}) => {
    const log: string[] = [];
    const error: string[] = [];
    const code = main(
      argv,
      { HANDOFF_FIXTURES_DIR: fixtures, ...env },
      {
        log: (line) => log.push(line),
        error: (line) => error.push(line),
      },
    );
    return { code, log: log.join('\n'), error: error.join('\n') };
  };

  it('adds the fixture and prints what the adapter reads and what to do next', () => {
    const file = saveSnapshot('linkedin', 'profile-hashed.html', PROFILE_URL);
    const { code, log, error } = run([file, '--site', 'linkedin', '--name', 'profile-field']);
    expect({ code, error }).toEqual({ code: 0, error: '' });
    expect(log).toContain('profile-field.html');
    expect(log).toContain('"kind": "person"');
    expect(log).toMatch(/Next:[\s\S]*expected: undefined[\s\S]*field-cases\.test\.ts/);
  });

  it('takes the options npm kept for itself (`npm run fixture:add file --site linkedin --name x`)', () => {
    const file = saveSnapshot('linkedin', 'profile-hashed.html', PROFILE_URL);
    const { code } = run([file, 'linkedin'], { npm_config_site: 'true', npm_config_name: 'from-npm' });
    expect(code).toBe(0);
    expect(readdirSync(join(fixtures, 'linkedin', 'field'))).toContain('from-npm.html');
  });

  it('prints the usage for missing arguments and the reason for a refused file', () => {
    expect(run([]).code).toBe(2);
    expect(run(['x.html']).error).toMatch(/^Usage: npm run fixture:add/);
    const refused = run([join(dir, 'nope.html'), '--site', 'gmail']);
    expect(refused).toEqual({ code: 1, log: '', error: `No such file: ${join(dir, 'nope.html')}` });
  });
});

import { describe, expect, it } from 'vitest';
import {
  cleanCell,
  pageCategoryOf,
  parseEmployees,
  resolveCountry,
  salesforceId18,
  splitEmails,
} from '../../../lib/import/values';

describe('cleanCell', () => {
  it.each([
    ['  Dana ', 'Dana'],
    ['', undefined],
    ['   ', undefined],
    ['#N/A', undefined],
    ['NULL', undefined],
    // Our export's formula guard comes off again
    ["'+1 415 555 0142", '+1 415 555 0142'],
    ["'=cmd", '=cmd'],
    ["O'Neill", "O'Neill"],
    ["'quoted'", "'quoted'"],
  ])('%j -> %j', (raw, expected) => {
    expect(cleanCell(raw)).toBe(expected);
  });
});

describe('splitEmails', () => {
  it('splits the additional-emails lists of HubSpot', () => {
    expect(splitEmails('a@x.io;b@x.io, c@x.io  <d@x.io>')).toEqual(['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io']);
    expect(splitEmails('mailto:a@x.io')).toEqual(['a@x.io']);
  });
});

describe('parseEmployees', () => {
  it.each([
    ['320', 320],
    ['1,200', 1200],
    ['1.200', 1200],
    ['1 200', 1200],
    ['4,200 employees', 4200],
    ['51-200', 51],
    ['10,001+', 10001],
    ['1500.0', 1500],
    ['lots', undefined],
    ['1.5', undefined],
    ['-5', undefined],
    ['99999999999', undefined],
  ])('%j -> %j', (text, expected) => {
    expect(parseEmployees(text)).toBe(expected);
  });
});

describe('resolveCountry', () => {
  it.each([
    ['United States', 'US'],
    ['USA', 'US'],
    ['us', 'US'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['Österreich', 'AT'],
    ['Tschechien', 'CZ'],
    ['Czech Republic', 'CZ'],
    ['Allemagne', 'DE'],
    ['España', 'ES'],
    ['the Netherlands', 'NL'],
    ['Myanmar', 'MM'],
    ['United Arab Emirates', 'AE'],
    ['EMEA', undefined],
    ['Narnia', undefined],
  ])('%s -> %s', (name, code) => {
    expect(resolveCountry(name)).toBe(code);
  });
});

describe('pageCategoryOf', () => {
  it.each([
    ['https://www.example.com/pricing', 'pricing'],
    ['https://www.example.com/plans/team', 'pricing'],
    ['https://www.example.com/demo', 'demo'],
    ['https://www.example.com/compare/acme-vs-us', 'comparison'],
    ['https://www.example.com/customers/acme', 'case_study'],
    ['https://www.example.com/features/sync', 'features'],
    ['https://www.example.com/blog/revops', 'blog'],
    ['https://www.example.com/docs/api', 'docs'],
    ['https://www.example.com/careers', 'careers'],
    ['https://www.example.com/', 'other'],
  ])('%s -> %s', (url, category) => {
    expect(pageCategoryOf(url)).toBe(category);
  });
});

describe('salesforceId18', () => {
  it('adds the case checksum to a 15-character id and keeps other ids as they are', () => {
    expect(salesforceId18('a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
    expect(salesforceId18('a0D30000001n7PiEAI')).toBe('a0D30000001n7PiEAI');
    // Ids differing only in case get different checksums: that is what the suffix is for.
    expect(salesforceId18('a0d30000001n7pi')).toBe('a0d30000001n7piAAA');
    expect(salesforceId18('custom-id-7')).toBe('custom-id-7');
  });
});

import { describe, expect, it } from 'vitest';
import { companyFacts, countryName, employeesText } from '../../../components/sidebar/profile';

describe('the company line', () => {
  it.each([
    [1, '1 employee'],
    [0, '0 employees'],
    [220, '220 employees'],
    [12_000, '12,000 employees'],
  ])('says %i employees as %j', (n, text) => {
    expect(employeesText(n)).toBe(text);
  });

  it.each([
    ['US', 'United States'],
    ['DE', 'Germany'],
    ['GB', 'United Kingdom'],
    // A code the runtime has no name for shows as itself.
    ['XZ', 'XZ'],
  ])('names the country %s as %j', (code, name) => {
    expect(countryName(code)).toBe(name);
  });

  it.each([
    [{ name: 'Acme', employees: 220, industry: 'Software', country: 'DE' }, ['220 employees', 'Software', 'Germany']],
    [{ industry: 'Insurance' }, ['Insurance']],
    [{ employees: 0, country: 'MX' }, ['0 employees', 'Mexico']],
    [{ name: 'Acme', domain: 'acme.io' }, []],
    [{}, []],
  ])('of %j is %j', (company, facts) => {
    expect(companyFacts(company)).toEqual(facts);
  });
});

import type { Company } from '../../lib/domain/lead';

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "220 employees", "1 employee", "12,000 employees". */
export function employeesText(employees: number): string {
  return `${employees.toLocaleString('en')} ${employees === 1 ? 'employee' : 'employees'}`;
}

/**
 * "Germany" for `DE`, in English like the rest of the sidebar; the code itself where the
 * runtime has no name for it.
 */
export function countryName(code: string): string {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The company in one line under the role, as far as it is known: size, industry and
 * country ("220 employees · Software · United States"). An unknown one is left out, never
 * shown as a blank or "undefined".
 */
export function companyFacts(company: Company): string[] {
  const facts: string[] = [];
  if (company.employees !== undefined) facts.push(employeesText(company.employees));
  if (company.industry) facts.push(company.industry);
  if (company.country) facts.push(countryName(company.country));
  return facts;
}

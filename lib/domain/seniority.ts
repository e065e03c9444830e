import type { Seniority } from './enums';

/**
 * Ordered patterns: the first that matches a title decides. Students and interns come
 * first so "Intern to the CEO" is not C-level; "Assistant to the VP" is checked before VP.
 */
const PATTERNS: readonly [Seniority, RegExp][] = [
  ['student', /\b(student|intern|internship|undergraduate|graduate student|phd candidate|trainee)\b/i],
  ['individual_contributor', /\b(assistant|associate) to\b/i],
  [
    'c_level',
    /\b(chief\b|ceo|cto|cfo|coo|cmo|cio|cro|ciso|cpo|founder|co-founder|cofounder|(?<!vice[- ])president|managing director|general manager)\b/i,
  ],
  ['vp', /\b(vp|svp|evp|avp|vice[- ]president)\b/i],
  ['director', /\b(director|head of|head,)\b/i],
  // "Lead" as a role (Team Lead), not as the noun of our trade (Lead Generation Specialist).
  [
    'manager',
    /\b(manager|supervisor|principal)\b|\blead\b(?![- ]?(gen|generation|development|qualification|research))/i,
  ],
];

/** Infers a seniority band from a job title; `undefined` for an empty title. */
export function inferSeniority(title: string | undefined): Seniority | undefined {
  const value = title?.trim();
  if (!value) return undefined;
  for (const [seniority, pattern] of PATTERNS) if (pattern.test(value)) return seniority;
  return 'individual_contributor';
}

import type { CriterionStatus } from '../domain/enums';
import { FRAMEWORK_DEFINITIONS } from '../domain/frameworks';
import type { Qualification, SqlCriteria } from '../domain/qualification';

/** How far each status goes towards a requirement: failed < unknown < partial < confirmed. */
const RANK: Record<CriterionStatus, number> = { failed: -1, unknown: 0, partial: 1, confirmed: 2 };

export interface UnmetRequirement {
  criterion: string;
  label: string;
  required: 'partial' | 'confirmed';
  actual: CriterionStatus;
}

export interface SqlBarResult {
  meets: boolean;
  /** Required criteria not yet at their level, in the order the criteria were written. */
  missing: UnmetRequirement[];
  /** Criteria marked failed; with `blockOnFailed` any of them blocks acceptance. */
  failed: { criterion: string; label: string }[];
  /** One sentence for the sidebar: "Meets the SQL bar" or what is missing. */
  summary: string;
}

/**
 * Whether a lead's qualification meets the written SQL bar for its framework, and
 * exactly what is missing. Pure: no storage, no clock.
 */
export function evaluateSqlBar(qualification: Qualification, criteria: SqlCriteria): SqlBarResult {
  const framework = FRAMEWORK_DEFINITIONS[qualification.framework];
  const labelOf = (key: string) => framework.criteria.find((c) => c.key === key)?.label ?? key;
  const statusOf = (key: string): CriterionStatus => qualification.criteria[key]?.status ?? 'unknown';

  const missing: UnmetRequirement[] = [];
  for (const req of criteria.requirements[qualification.framework]) {
    const actual = statusOf(req.criterion);
    if (RANK[actual] < RANK[req.atLeast]) {
      missing.push({ criterion: req.criterion, label: labelOf(req.criterion), required: req.atLeast, actual });
    }
  }
  const failed = framework.criteria
    .filter((c) => statusOf(c.key) === 'failed')
    .map((c) => ({ criterion: c.key, label: c.label }));

  const blocked = criteria.blockOnFailed && failed.length > 0;
  const meets = missing.length === 0 && !blocked;
  return { meets, missing, failed, summary: summarize(meets, missing, blocked ? failed : []) };
}

function summarize(meets: boolean, missing: UnmetRequirement[], failed: { label: string }[]): string {
  if (meets) return 'Meets the SQL bar';
  const parts = missing.map((m) => `${m.label} ${m.required === 'confirmed' ? 'confirmed' : 'at least partial'}`);
  const needs = parts.length > 0 ? `Needs ${parts.join(', ')}` : '';
  const blocks = failed.length > 0 ? `${failed.map((f) => f.label).join(', ')} failed` : '';
  return [needs, blocks].filter(Boolean).join('; ');
}

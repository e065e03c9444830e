import { describe, expect, it } from 'vitest';
import type { CriterionStatus } from '../../../lib/domain/enums';
import type { Qualification } from '../../../lib/domain/qualification';
import { DEFAULT_SQL_CRITERIA, QualificationSchema, emptyQualification } from '../../../lib/domain/qualification';
import { evaluateSqlBar } from '../../../lib/qualification/sql-bar';
import { NOW, makeLead } from '../../support/factories';

const lead = makeLead();

function bant(statuses: Partial<Record<'budget' | 'authority' | 'need' | 'timeline', CriterionStatus>>): Qualification {
  const q = emptyQualification(lead.id, 'bant', NOW);
  for (const [key, status] of Object.entries(statuses)) q.criteria[key] = { status, evidence: 'said so on the call' };
  return q;
}

// Default bar, the playbook's: budget, authority, need and timeline all confirmed; any failed blocks.
describe('evaluateSqlBar on the default BANT bar', () => {
  const ALL = { budget: 'confirmed', authority: 'confirmed', need: 'confirmed', timeline: 'confirmed' } as const;
  it.each([
    [
      {},
      false,
      ['budget', 'authority', 'need', 'timeline'],
      'Needs Budget confirmed, Authority confirmed, Need confirmed, Timeline confirmed',
    ],
    [ALL, true, [], 'Meets the SQL bar'],
    // DESIGN.md's old example bar is no longer enough: budget unknown, authority partial.
    [
      { need: 'confirmed', timeline: 'confirmed', authority: 'partial' },
      false,
      ['budget', 'authority'],
      'Needs Budget confirmed, Authority confirmed',
    ],
    [{ ...ALL, need: 'partial' }, false, ['need'], 'Needs Need confirmed'],
    [{ ...ALL, budget: 'failed' }, false, ['budget'], 'Needs Budget confirmed; Budget failed'],
    [
      { budget: 'confirmed', need: 'confirmed', timeline: 'unknown', authority: 'failed' },
      false,
      ['authority', 'timeline'],
      'Needs Authority confirmed, Timeline confirmed; Authority failed',
    ],
  ] as const)('%o -> meets %s, missing %o', (statuses, meets, missing, summary) => {
    const result = evaluateSqlBar(bant(statuses), DEFAULT_SQL_CRITERIA);
    expect(result.meets).toBe(meets);
    expect(result.missing.map((m) => m.criterion)).toEqual(missing);
    expect(result.summary).toBe(summary);
  });

  it('reports the required and actual level of what is missing', () => {
    const result = evaluateSqlBar(
      bant({ budget: 'confirmed', authority: 'confirmed', need: 'partial', timeline: 'confirmed' }),
      DEFAULT_SQL_CRITERIA,
    );
    expect(result.missing[0]).toEqual({ criterion: 'need', label: 'Need', required: 'confirmed', actual: 'partial' });
  });

  it('a failed criterion that is not required does not block when blockOnFailed is off', () => {
    const result = evaluateSqlBar(
      bant({ need: 'confirmed', timeline: 'confirmed', authority: 'confirmed', budget: 'failed' }),
      {
        requirements: { ...DEFAULT_SQL_CRITERIA.requirements, bant: DEFAULT_SQL_CRITERIA.requirements.bant.slice(1) },
        blockOnFailed: false,
      },
    );
    expect(result.meets).toBe(true);
    expect(result.failed).toEqual([{ criterion: 'budget', label: 'Budget' }]);
  });

  it('uses the requirements of the qualification’s own framework', () => {
    const q = emptyQualification(lead.id, 'meddic', NOW);
    q.criteria.identify_pain = { status: 'confirmed', evidence: '' };
    q.criteria.metrics = { status: 'partial', evidence: '' };
    q.criteria.decision_process = { status: 'confirmed', evidence: '' };
    // MEDDIC's equivalents of BANT: the value case, the economic buyer, the pain, the decision process.
    expect(evaluateSqlBar(q, DEFAULT_SQL_CRITERIA).missing.map((m) => m.criterion)).toEqual([
      'metrics',
      'economic_buyer',
    ]);
  });

  it('an empty bar is met by a blank checklist', () => {
    const empty = { requirements: { bant: [], meddic: [], champ: [] }, blockOnFailed: true };
    expect(evaluateSqlBar(bant({}), empty).meets).toBe(true);
  });
});

describe('QualificationSchema', () => {
  it('refuses a criterion that is not part of the framework, naming it', () => {
    const result = QualificationSchema.safeParse({
      leadId: lead.id,
      framework: 'bant',
      criteria: { champion: { status: 'confirmed', evidence: '' } },
      updatedAt: NOW,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['criteria', 'champion']);
  });

  it('refuses an unknown status', () => {
    const result = QualificationSchema.safeParse({
      leadId: lead.id,
      framework: 'bant',
      criteria: { need: { status: 'maybe', evidence: '' } },
      updatedAt: NOW,
    });
    expect(result.error?.issues[0]?.path).toEqual(['criteria', 'need', 'status']);
  });
});

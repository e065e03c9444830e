import * as z from 'zod';
import { ActorSchema, IdSchema, TimestampSchema, noteText } from './common';
import { CRITERION_STATUSES, FRAMEWORKS } from './enums';
import { criterionKeys } from './frameworks';

export const CriterionStatusSchema = z.enum(CRITERION_STATUSES);
export const FrameworkSchema = z.enum(FRAMEWORKS);

export const CriterionEntrySchema = z.object({
  status: CriterionStatusSchema,
  evidence: noteText(2000).default(''),
  updatedBy: ActorSchema.optional(),
  updatedAt: TimestampSchema.optional(),
});
export type CriterionEntry = z.infer<typeof CriterionEntrySchema>;

/** The rep's current read of a lead against a framework, one entry per criterion. */
export const QualificationSchema = z
  .object({
    leadId: IdSchema,
    framework: FrameworkSchema,
    criteria: z.record(z.string(), CriterionEntrySchema),
    updatedAt: TimestampSchema,
  })
  .superRefine((q, ctx) => {
    const allowed = new Set(criterionKeys(q.framework));
    for (const key of Object.keys(q.criteria)) {
      if (!allowed.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', key],
          message: `"${key}" is not a ${q.framework.toUpperCase()} criterion (expected one of ${[...allowed].join(', ')})`,
        });
      }
    }
  });
export type Qualification = z.infer<typeof QualificationSchema>;

/** A blank checklist: every criterion of the framework unknown. */
export function emptyQualification(leadId: string, framework: Qualification['framework'], now: number): Qualification {
  const criteria: Qualification['criteria'] = {};
  for (const key of criterionKeys(framework)) criteria[key] = { status: 'unknown', evidence: '' };
  return { leadId, framework, criteria, updatedAt: now };
}

/** One line of the written SQL bar: this criterion must be at least `atLeast`. */
export const SqlRequirementSchema = z.object({
  criterion: z.string().min(1),
  atLeast: z.enum(['partial', 'confirmed']),
});

/**
 * The agreed bar a lead must meet to be accepted as SQL, written per framework.
 * `blockOnFailed`: a criterion marked failed blocks acceptance even if not required.
 */
export const SqlCriteriaSchema = z
  .object({
    requirements: z.object({
      bant: z.array(SqlRequirementSchema),
      meddic: z.array(SqlRequirementSchema),
      champ: z.array(SqlRequirementSchema),
    }),
    blockOnFailed: z.boolean().default(true),
  })
  .superRefine((criteria, ctx) => {
    for (const framework of FRAMEWORKS) {
      const allowed = new Set(criterionKeys(framework));
      criteria.requirements[framework].forEach((req, index) => {
        if (!allowed.has(req.criterion)) {
          ctx.addIssue({
            code: 'custom',
            path: ['requirements', framework, index, 'criterion'],
            message: `"${req.criterion}" is not a ${framework.toUpperCase()} criterion`,
          });
        }
      });
    }
  });
export type SqlCriteria = z.infer<typeof SqlCriteriaSchema>;

/**
 * The playbook's SQL (../shared/playbook, 004): budget, authority, need and timeline all
 * confirmed. MEDDIC and CHAMP ask the same of their equivalents: MEDDIC has no budget line, so
 * the value case (metrics), the economic buyer (authority and money), the pain (need) and the
 * decision process (timeline); CHAMP's four are BANT's in another order. A rep or a team may
 * lower the bar (options page); an accept below it needs an override note, as before.
 */
export const DEFAULT_SQL_CRITERIA: SqlCriteria = {
  requirements: {
    bant: [
      { criterion: 'budget', atLeast: 'confirmed' },
      { criterion: 'authority', atLeast: 'confirmed' },
      { criterion: 'need', atLeast: 'confirmed' },
      { criterion: 'timeline', atLeast: 'confirmed' },
    ],
    meddic: [
      { criterion: 'metrics', atLeast: 'confirmed' },
      { criterion: 'economic_buyer', atLeast: 'confirmed' },
      { criterion: 'decision_process', atLeast: 'confirmed' },
      { criterion: 'identify_pain', atLeast: 'confirmed' },
    ],
    champ: [
      { criterion: 'challenges', atLeast: 'confirmed' },
      { criterion: 'authority', atLeast: 'confirmed' },
      { criterion: 'money', atLeast: 'confirmed' },
      { criterion: 'prioritization', atLeast: 'confirmed' },
    ],
  },
  blockOnFailed: true,
};

/**
 * Defaults earlier releases shipped, oldest first: settings that still hold one of them were
 * never changed by the rep and move to the current default on read (lib/domain/settings.ts
 * `upgradeSettings`); a bar the rep wrote stays as written.
 */
export const SUPERSEDED_SQL_CRITERIA: readonly SqlCriteria[] = [
  // Until issue 17: DESIGN.md's example, need and timeline confirmed, authority at least partial.
  {
    requirements: {
      bant: [
        { criterion: 'need', atLeast: 'confirmed' },
        { criterion: 'timeline', atLeast: 'confirmed' },
        { criterion: 'authority', atLeast: 'partial' },
      ],
      meddic: [
        { criterion: 'identify_pain', atLeast: 'confirmed' },
        { criterion: 'metrics', atLeast: 'partial' },
        { criterion: 'economic_buyer', atLeast: 'partial' },
      ],
      champ: [
        { criterion: 'challenges', atLeast: 'confirmed' },
        { criterion: 'prioritization', atLeast: 'confirmed' },
        { criterion: 'authority', atLeast: 'partial' },
      ],
    },
    blockOnFailed: true,
  },
];

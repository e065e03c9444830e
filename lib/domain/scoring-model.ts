import * as z from 'zod';
import { shortText } from './common';
import { EventTypeSchema, PageCategorySchema } from './event';
import { SenioritySchema } from './lead';

/** A rule adds or takes between 1 and 100 points; zero points is a rule that does nothing. */
export const RulePointsSchema = z
  .number()
  .int('Points must be a whole number')
  .min(-100, 'Points must be between -100 and 100')
  .max(100, 'Points must be between -100 and 100')
  .refine((points) => points !== 0, 'A rule must add or take points (not 0)');

const ruleBase = {
  /** Stable id: explanations, the dashboard's acceptance-by-rule and sync refer to it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'Rule id: lower-case letters, digits, - and _'),
  label: shortText(120),
  points: RulePointsSchema,
};

const keywordList = z.array(z.string().trim().toLowerCase().min(1).max(60)).min(1).max(50);

/** Fit: company head count within [min, max] (inclusive; either bound may be open). */
export const CompanySizeRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('company_size'),
    min: z.number().int().nonnegative().optional(),
    max: z.number().int().nonnegative().optional(),
  })
  .refine((rule) => rule.min !== undefined || rule.max !== undefined, {
    message: 'Give a minimum or a maximum head count',
    path: ['min'],
  })
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, {
    message: 'Minimum head count is above the maximum',
    path: ['max'],
  });

/** Fit: the person's seniority (given, or inferred from the title) is one of these. */
export const SeniorityRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('seniority'),
  seniorities: z.array(SenioritySchema).min(1),
});

/** Fit or negative: the title contains one of these words (case-insensitive, whole words). */
export const TitleKeywordRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('title_keywords'),
  keywords: keywordList,
});

export const IndustryRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('industry'),
  industries: keywordList,
});

export const GeographyRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('geography'),
  countries: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'ISO country code'),
    )
    .min(1),
});

/** Negative: every email of the lead is at a free-mail provider. */
export const PersonalEmailRuleSchema = z.object({ ...ruleBase, kind: z.literal('personal_email') });

/** Negative: the lead's company or email domain is a competitor's. */
export const CompetitorDomainRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('competitor_domain'),
  domains: z.array(z.string().trim().toLowerCase().min(3).max(253)).min(1),
});

/**
 * Behaviour: at least `minCount` events of a type (and page category) within the
 * last `withinDays` days. With `groupBy`, the count is taken per value of that detail
 * field ("3 opens of the same sequence") and the largest group counts.
 */
export const BehaviorRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('behavior'),
  eventType: EventTypeSchema,
  pageCategory: PageCategorySchema.optional(),
  minCount: z.number().int().min(1).max(1000).default(1),
  withinDays: z.number().int().min(1).max(3650).optional(),
  groupBy: z.string().min(1).max(64).optional(),
});

export const ScoringRuleSchema = z.discriminatedUnion('kind', [
  CompanySizeRuleSchema,
  SeniorityRuleSchema,
  TitleKeywordRuleSchema,
  IndustryRuleSchema,
  GeographyRuleSchema,
  PersonalEmailRuleSchema,
  CompetitorDomainRuleSchema,
  BehaviorRuleSchema,
]);
export type ScoringRule = z.infer<typeof ScoringRuleSchema>;
export type ScoringRuleInput = z.input<typeof ScoringRuleSchema>;
export type BehaviorRule = z.infer<typeof BehaviorRuleSchema>;

/** Fit rules look at who the lead is; behaviour rules at what they did. */
export function isBehaviorRule(rule: ScoringRule): rule is BehaviorRule {
  return rule.kind === 'behavior';
}

export const ScoringModelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    /** Bumped on every edit, so a score can say which model produced it. */
    version: z.number().int().min(1),
    name: shortText(120),
    /** Score at or above which a lead is an MQL. */
    threshold: z.number().int().min(1).max(1000),
    rules: z.array(ScoringRuleSchema).min(1).max(200),
    /**
     * Optional decay of behaviour points: a behaviour rule's points halve every
     * `halfLifeDays` since its newest evidence. Fit rules never decay.
     */
    decay: z.object({ halfLifeDays: z.number().int().min(1).max(365) }).optional(),
    /**
     * "MQL needs fit and behaviour": besides the threshold, an MQL needs at least this many
     * points from fit rules (who the lead is) and from behaviour rules (what they did), so
     * behaviour alone never makes an MQL of someone with no fit, nor fit alone. Penalties
     * count in neither group. Absent: the threshold alone decides.
     */
    mqlNeeds: z
      .object({
        fit: z.number().int().min(0).max(1000),
        behavior: z.number().int().min(0).max(1000),
      })
      .optional(),
  })
  .superRefine((model, ctx) => {
    const seen = new Set<string>();
    model.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `Duplicate rule id "${rule.id}"` });
      }
      seen.add(rule.id);
    });
  });
export type ScoringModel = z.infer<typeof ScoringModelSchema>;
export type ScoringModelInput = z.input<typeof ScoringModelSchema>;

/** The default model's rules (unchanged since version 1). */
const DEFAULT_RULES: ScoringRuleInput[] = [
  {
    id: 'company-size-50-500',
    kind: 'company_size',
    label: 'Company has 50-500 employees',
    points: 15,
    min: 50,
    max: 500,
  },
  {
    id: 'title-manager-plus',
    kind: 'seniority',
    label: 'Manager, Director, VP or C-level',
    points: 20,
    seniorities: ['manager', 'director', 'vp', 'c_level'],
  },
  {
    id: 'pricing-visit',
    kind: 'behavior',
    label: 'Visited the pricing page',
    points: 20,
    eventType: 'page_visit',
    pageCategory: 'pricing',
    withinDays: 90,
  },
  {
    id: 'gated-download',
    kind: 'behavior',
    label: 'Downloaded gated content',
    points: 15,
    eventType: 'content_download',
    withinDays: 90,
  },
  {
    id: 'webinar',
    kind: 'behavior',
    label: 'Attended a webinar',
    points: 20,
    eventType: 'webinar_attended',
    withinDays: 90,
  },
  {
    id: 'demo-visit',
    kind: 'behavior',
    label: 'Visited the demo page',
    points: 25,
    eventType: 'page_visit',
    pageCategory: 'demo',
    withinDays: 90,
  },
  {
    id: 'email-opens-3',
    kind: 'behavior',
    label: 'Opened 3+ emails of a sequence',
    points: 10,
    eventType: 'email_opened',
    minCount: 3,
    withinDays: 30,
    groupBy: 'sequence',
  },
  { id: 'personal-email', kind: 'personal_email', label: 'Personal email domain only', points: -10 },
  {
    id: 'student-or-job-seeker',
    kind: 'title_keywords',
    label: 'Student or job-seeker title',
    points: -50,
    keywords: [
      'student',
      'intern',
      'job seeker',
      'seeking',
      'open to work',
      'looking for new opportunities',
      'unemployed',
    ],
  },
  {
    id: 'competitor',
    kind: 'competitor_domain',
    label: 'Works at a competitor',
    points: -100,
    domains: ['competitor.example'],
  },
];

/**
 * The default model, from the usual starting framework (DESIGN.md §2): fit for company
 * size and seniority, behaviour for high-intent pages, content and webinars, email
 * engagement, and negative points for personal email, students/job seekers and competitors.
 * Version 2 adds the playbook's "MQL needs fit and behaviour": one fit rule and one
 * behaviour rule at least (15 points each), so pricing + demo + webinar alone (65 points)
 * no longer makes an MQL of a 3-person company with an unknown title.
 */
export const DEFAULT_SCORING_MODEL: ScoringModel = ScoringModelSchema.parse({
  id: 'default',
  version: 2,
  name: 'Default (starting framework)',
  threshold: 60,
  mqlNeeds: { fit: 15, behavior: 15 },
  rules: DEFAULT_RULES,
});

/**
 * Defaults earlier releases shipped. A rep whose stored model still equals one of them never
 * edited it (every edit bumps the version), so it moves to the current default on read
 * (lib/domain/settings.ts `upgradeSettings`).
 */
export const SUPERSEDED_SCORING_MODELS: readonly ScoringModel[] = [
  ScoringModelSchema.parse({
    id: 'default',
    version: 1,
    name: 'Default (starting framework)',
    threshold: 60,
    rules: DEFAULT_RULES,
  }),
];

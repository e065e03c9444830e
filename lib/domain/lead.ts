import * as z from 'zod';
import { ActorSchema, IdSchema, TimestampSchema, shortText } from './common';
import { CRM_SYSTEMS, LEAD_STAGES, SENIORITIES } from './enums';
import { normalizeDomain, normalizeLinkedinUrl } from './identity';

export const LeadStageSchema = z.enum(LEAD_STAGES);
export const SenioritySchema = z.enum(SENIORITIES);

/** An email as typed, trimmed and lower-cased (addresses are case-insensitive in practice). */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Invalid email address' }).max(254));

/** Any LinkedIn public-profile URL shape, stored in its canonical form. */
export const LinkedinUrlSchema = z.string().transform((value, ctx) => {
  const canonical = normalizeLinkedinUrl(value);
  if (canonical === null) {
    ctx.addIssue({ code: 'custom', message: 'Not a LinkedIn profile URL (expected linkedin.com/in/<name>)' });
    return z.NEVER;
  }
  return canonical;
});

export const DomainSchema = z
  .string()
  .transform(normalizeDomain)
  .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Invalid domain name'));

export const PersonSchema = z.object({
  name: shortText(),
  emails: z.array(EmailSchema).max(20).default([]),
  linkedinUrl: LinkedinUrlSchema.optional(),
  title: shortText(300).optional(),
  seniority: SenioritySchema.optional(),
  location: shortText().optional(),
  phone: z.string().trim().max(40).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const CompanySchema = z.object({
  name: shortText().optional(),
  domain: DomainSchema.optional(),
  employees: z.number().int().nonnegative().max(10_000_000).optional(),
  industry: shortText(120).optional(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Country must be an ISO 3166-1 alpha-2 code such as US or DE')
    .optional(),
});
export type Company = z.infer<typeof CompanySchema>;

export const CrmIdsSchema = z.partialRecord(z.enum(CRM_SYSTEMS), z.string().trim().min(1).max(64));

/** The time of every stage change; `createdAt` always, the others once the lead got there. */
export const StageTimesSchema = z.object({
  createdAt: TimestampSchema,
  mqlAt: TimestampSchema.optional(),
  firstTouchAt: TimestampSchema.optional(),
  sqlAt: TimestampSchema.optional(),
  opportunityAt: TimestampSchema.optional(),
  customerAt: TimestampSchema.optional(),
  recycledAt: TimestampSchema.optional(),
  disqualifiedAt: TimestampSchema.optional(),
});

export const LeadSchema = z
  .object({
    id: IdSchema,
    person: PersonSchema,
    company: CompanySchema.default({}),
    /** Channel the lead came from as the CRM names it (e.g. "Organic Search", "Webinar"). */
    source: shortText(120).optional(),
    campaign: shortText(200).optional(),
    stage: LeadStageSchema,
    owner: ActorSchema.optional(),
    crmIds: CrmIdsSchema.default({}),
    times: StageTimesSchema,
    /** When a recycled lead should be looked at again. */
    revisitAt: TimestampSchema.optional(),
    updatedAt: TimestampSchema,
  })
  .superRefine((lead, ctx) => {
    if (lead.person.emails.length === 0 && !lead.person.linkedinUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['person'],
        message: 'A lead needs an identity: at least one email or a LinkedIn profile URL',
      });
    }
  });
export type Lead = z.infer<typeof LeadSchema>;
export type LeadInput = z.input<typeof LeadSchema>;

/** The stamp each stage writes into `times` when a lead enters it. */
export const STAGE_TIME_FIELD = {
  lead: 'createdAt',
  mql: 'mqlAt',
  sql: 'sqlAt',
  opportunity: 'opportunityAt',
  customer: 'customerAt',
  recycled: 'recycledAt',
  disqualified: 'disqualifiedAt',
} as const satisfies Record<z.infer<typeof LeadStageSchema>, keyof z.infer<typeof StageTimesSchema>>;

import * as z from 'zod';
import { PageKeySchema } from '../domain/correction';
import { EmailSchema, LinkedinUrlSchema } from '../domain/lead';
import { READ_LAYERS } from './types';

export { PageKeySchema };

/**
 * The receiving side's check of what a content script read off a page. Pages are
 * untrusted: a hostile page can put anything in its DOM, so everything is bounded and
 * typed here, in the extension origin, before the sidebar looks anything up with it.
 * (The page-side adapters return plain objects and ship no zod, to stay small.)
 */
const pageText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

export const PageIdentitySchema = z.object({
  site: z.enum(['linkedin', 'gmail', 'outlook']),
  page: z.enum(['linkedin_profile', 'salesnav_lead', 'mail_thread']),
  name: pageText(200).optional(),
  emails: z.array(EmailSchema).max(10),
  linkedinUrl: LinkedinUrlSchema.optional(),
  salesNavigatorId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional(),
  title: pageText(300).optional(),
  company: pageText(200).optional(),
  location: pageText(200).optional(),
  readBy: z
    .partialRecord(
      z.enum(['name', 'emails', 'linkedinUrl', 'salesNavigatorId', 'title', 'company', 'location']),
      z.enum(READ_LAYERS),
    )
    .optional()
    // Provenance and the page key are extras: a page with a malformed one is still read.
    .catch(undefined),
  pageKey: PageKeySchema.optional().catch(undefined),
});

export const ExtractionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), identity: PageIdentitySchema }),
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('failed'), reason: z.string().max(500) }),
  z.object({ kind: z.literal('pending') }),
]);

export const PageStateSchema = z.object({
  url: z.url({ protocol: /^https$/ }).max(4000),
  extraction: ExtractionSchema,
});
export type ParsedPageState = z.infer<typeof PageStateSchema>;

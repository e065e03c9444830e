import * as z from 'zod';
import { PageKeySchema } from '../domain/correction';
import { EmailSchema, LinkedinUrlSchema } from '../domain/lead';
import { normalizeEmail } from '../domain/identity';
import { MAX_PARTICIPANTS, READ_LAYERS } from './types';

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

const READ_LAYER = z.enum(READ_LAYERS);

/** One outsider on a thread (`ThreadParticipant`): an address and what the page calls them. */
export const ThreadParticipantSchema = z.object({
  name: pageText(200).optional(),
  email: EmailSchema,
  readBy: z.object({ name: READ_LAYER.optional(), emails: READ_LAYER.optional() }).optional().catch(undefined),
});

/**
 * Everyone outside on the thread, the person first. An extra like `readBy`: one entry that does
 * not parse is left out, and a list that is too long, or no longer names two people, is dropped
 * whole, never the page's person with it.
 */
const ParticipantsSchema = z
  .array(ThreadParticipantSchema.nullable().catch(null))
  .max(MAX_PARTICIPANTS)
  .transform((list) => {
    const seen = new Set<string>();
    const kept = list.filter((p): p is z.infer<typeof ThreadParticipantSchema> => {
      const key = p && normalizeEmail(p.email);
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return kept.length > 1 ? kept : undefined;
  })
  .optional()
  .catch(undefined);

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
  participants: ParticipantsSchema,
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

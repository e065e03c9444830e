import * as z from 'zod';
import { IdSchema, shortText, TimestampSchema } from './common';
import { EmailSchema } from './lead';

/**
 * A page's own key, the handle a rep's correction is remembered by: the site, a colon, the
 * id the URL carries (`linkedin:in/<slug>`, `linkedin:salesnav/<id>`, `gmail:<threadId>`,
 * `outlook:<itemId>`). Adapters derive it from the URL only (lib/sites).
 */
export const PageKeySchema = z.string().regex(/^(linkedin|gmail|outlook):[A-Za-z0-9_%./+=-]{1,180}$/, 'not a page key');

/**
 * What the rep said about the person a page was read as, remembered for that page so it wins
 * over the adapter next time:
 * - `notLeadIds`: leads the rep said this page is not. They are never shown for it again, so
 *   no decision, call or checklist edit lands on them from here.
 * - `leadId`: the lead the rep picked instead (by search).
 * - `person`: the name and email as the rep corrected them (someone not yet a lead).
 * Picking a lead and correcting the person are alternatives: the latest wins.
 */
export const PageCorrectionSchema = z
  .object({
    pageKey: PageKeySchema,
    notLeadIds: z.array(IdSchema).max(50).default([]),
    leadId: IdSchema.optional(),
    person: z
      .object({ name: shortText().optional(), email: EmailSchema.optional() })
      .refine((p) => p.name !== undefined || p.email !== undefined, 'give a name or an email')
      .optional(),
    correctedAt: TimestampSchema,
  })
  .refine((c) => !(c.leadId && c.notLeadIds.includes(c.leadId)), {
    message: 'a lead cannot be both the person on the page and not them',
    path: ['leadId'],
  });
export type PageCorrection = z.output<typeof PageCorrectionSchema>;
export type PageCorrectionInput = z.input<typeof PageCorrectionSchema>;

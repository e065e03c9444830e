import * as z from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { EVENT_ORIGINS, EVENT_TYPES, PAGE_CATEGORIES } from './enums';

export const EventTypeSchema = z.enum(EVENT_TYPES);
export const PageCategorySchema = z.enum(PAGE_CATEGORIES);

/** Small, flat, bounded key/value details (url, asset title, sequence name, ...). */
export const EventDetailsSchema = z
  .record(z.string().min(1).max(64), z.union([z.string().max(2000), z.number().finite(), z.boolean()]))
  .refine((details) => Object.keys(details).length <= 20, 'At most 20 detail fields');

export const EngagementEventSchema = z
  .object({
    id: IdSchema,
    leadId: IdSchema,
    type: EventTypeSchema,
    /** Required for `page_visit`: which kind of page (pricing and demo are high intent). */
    pageCategory: PageCategorySchema.optional(),
    occurredAt: TimestampSchema,
    origin: z.enum(EVENT_ORIGINS),
    details: EventDetailsSchema.default({}),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'page_visit' && !event.pageCategory) {
      ctx.addIssue({ code: 'custom', path: ['pageCategory'], message: 'A page visit needs a page category' });
    }
    if (event.type !== 'page_visit' && event.pageCategory) {
      ctx.addIssue({
        code: 'custom',
        path: ['pageCategory'],
        message: `Only page visits have a page category, not ${event.type}`,
      });
    }
  });
export type EngagementEvent = z.infer<typeof EngagementEventSchema>;
export type EngagementEventInput = z.input<typeof EngagementEventSchema>;

/** Events that signal buying intent: the timeline marks them and reps look at them first. */
export function isHighIntent(event: Pick<EngagementEvent, 'type' | 'pageCategory'>): boolean {
  switch (event.type) {
    case 'demo_requested':
    case 'meeting_booked':
    case 'email_replied':
      return true;
    case 'page_visit':
      return event.pageCategory === 'pricing' || event.pageCategory === 'demo';
    default:
      return false;
  }
}

import * as z from 'zod';
import { IdSchema, shortText, TimestampSchema } from './common';

/**
 * A score marketing's automation gave a lead (posted to the team server's ingest, pulled by
 * every rep's browser): one per lead and scoring system, the latest `scoredAt` winning. Not
 * ours: Handoff's own score is derived, never stored (lib/scoring); this is what marketing's
 * tool said, kept to show beside it.
 */
export const MarketingScoreSchema = z.object({
  leadId: IdSchema,
  /** The scoring system, e.g. `hubspot` or `marketo`. */
  system: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'A system name is lower-case letters, digits, - and _'),
  value: z.number().finite().min(-1_000_000).max(1_000_000),
  scoredAt: TimestampSchema,
  model: shortText(120).optional(),
});
export type MarketingScore = z.infer<typeof MarketingScoreSchema>;

/**
 * Whether `candidate` replaces `stored` (the same lead and system): only a later `scoredAt`
 * does. Marketing tools resend and reorder, so the newest score by its own time wins, not the
 * last to arrive; an equal time keeps what is there. The server's ingest and the browser's
 * pull both decide by this.
 */
export function replacesScore(candidate: MarketingScore, stored: MarketingScore | undefined): boolean {
  return stored === undefined || stored.scoredAt < candidate.scoredAt;
}

/** How the systems marketing teams score in are spelled; any other shows as posted. */
const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  hubspot: 'HubSpot',
  marketo: 'Marketo',
  pardot: 'Pardot',
  salesforce: 'Salesforce',
  eloqua: 'Eloqua',
  madkudu: 'MadKudu',
  '6sense': '6sense',
};

/** "HubSpot" for `hubspot`; an unknown system as its own id. */
export function marketingSystemName(system: string): string {
  return SYSTEM_NAMES[system] ?? system;
}

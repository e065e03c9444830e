import type { Activity } from '../domain/activity';
import type { Disposition } from '../domain/disposition';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { MarketingScore } from '../domain/marketing-score';
import { generateDecisions } from './decisions';
import { leadRandom, realisticCount, streamEvents } from './events';
import { checkCount, generateLeads, HOUR } from './leads';
import { personaOf } from './personas';

export { type Decisions, type GenerateDecisionsOptions, generateDecisions, leadDecisions } from './decisions';
export { type GenerateEventsOptions, generateEvents, generateEventsArray } from './events';
export { type GenerateLeadsOptions, generateLeads } from './leads';

export interface DemoDatasetOptions {
  seed: number;
  /** Exactly this many leads (the personas among them). */
  leads: number;
  /** Exactly this many events in total, spread over the leads by stage; realistic per lead when omitted. */
  events?: number;
  now: number;
  /** Include the fixed personas (default true). */
  personas?: boolean;
}

export interface DemoDataset {
  leads: Lead[];
  /**
   * The events, generated lazily lead by lead. Re-iterable: each `for...of` starts a
   * fresh, identical stream, so a benchmark can count and then insert without storing.
   */
  events: Iterable<EngagementEvent>;
  /** How many events `events` yields. */
  eventCount: number;
  /** Sales' decisions on the leads, consistent with their stages (see `generateDecisions`). */
  dispositions: Disposition[];
  /** The first touch of every lead that has one. */
  activities: Activity[];
  /** Marketing's scores, as its tool posted them (see {@link generateMarketingScores}). */
  scores: MarketingScore[];
}

/**
 * A complete, exactly sized data set: 100 leads for the demo, 100k leads and 1M events
 * for benchmarks, with sales' decisions and first touches on them. Events go to leads in proportion to their realistic count (an
 * opportunity gets more than a cold lead); personas keep their full scripted history
 * when the total allows it.
 *
 * @example
 * const { leads, events } = generateDemoDataset({ seed: 1, leads: 100_000, events: 1_000_000, now });
 * await db.leads.bulkAdd(leads);
 * for (const batch of chunks(events, 10_000)) await db.events.bulkAdd(batch);
 */
export function generateDemoDataset({
  seed,
  leads: leadCount,
  events: eventTotal,
  now,
  personas = true,
}: DemoDatasetOptions): DemoDataset {
  if (eventTotal !== undefined) {
    checkCount(eventTotal, 'events');
    if (eventTotal > 0 && leadCount === 0) throw new RangeError('Events need at least one lead');
  }
  const leads = generateLeads({ seed, count: leadCount, now, personas });
  const natural = leads.map((lead) => realisticCount(lead, leadRandom(seed, lead)));
  const counts = eventTotal === undefined ? natural : spread(eventTotal, leads, natural);
  return {
    leads,
    events: { [Symbol.iterator]: () => streamEvents(seed, leads, now, (i) => counts[i] ?? 0) },
    eventCount: counts.reduce((sum, n) => sum + n, 0),
    ...generateDecisions({ seed, leads }),
    scores: generateMarketingScores(leads, now),
  };
}

/**
 * Marketing's scores: the personas' scripted ones (`Persona.marketingScore`), dated back from
 * `now`. Generated leads have none: what the demo shows of them is the personas' job, and
 * a score for 100k benchmark leads would be rows nothing reads.
 */
export function generateMarketingScores(leads: readonly Lead[], now: number): MarketingScore[] {
  const scores: MarketingScore[] = [];
  for (const lead of leads) {
    const scripted = personaOf(lead)?.marketingScore;
    if (!scripted) continue;
    const { hoursAgo, ...score } = scripted;
    scores.push({ leadId: lead.id, ...score, scoredAt: now - Math.round(hoursAgo * HOUR) });
  }
  return scores;
}

/**
 * Splits `total` over the leads in proportion to `natural + 1` (the +1 so that leads with
 * no natural history can still take a share), exactly: cumulative rounding makes the
 * parts add up to `total` with no remainder to hand out.
 */
function spread(total: number, leads: readonly Lead[], natural: readonly number[]): number[] {
  const counts = new Array<number>(leads.length).fill(0);
  const isPersona = leads.map((lead) => personaOf(lead) !== undefined);
  const reserved = natural.reduce((sum, n, i) => (isPersona[i] ? sum + n : sum), 0);
  // Personas keep their scripts when there is room and someone else to take the rest.
  const keep = reserved <= total && isPersona.includes(false);
  let remaining = total;
  if (keep) {
    natural.forEach((n, i) => {
      if (isPersona[i]) counts[i] = n;
    });
    remaining -= reserved;
  }
  const share = (i: number) => (keep && isPersona[i] ? 0 : (natural[i] ?? 0) + 1);
  let weight = 0;
  for (let i = 0; i < leads.length; i++) weight += share(i);
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < leads.length; i++) {
    cumulative += share(i);
    // Integer arithmetic below 2^53 (1M events x ~1M weight), so the floor is exact.
    const upTo = Math.floor((remaining * cumulative) / weight);
    counts[i] = (counts[i] ?? 0) + upTo - given;
    given = upTo;
  }
  return counts;
}

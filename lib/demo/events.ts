import { EVENT_TYPES, type EventType, PAGE_CATEGORIES, type PageCategory } from '../domain/enums';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import { DAY, HOUR, MINUTE, checkCount, checkNow } from './leads';
import { personaOf } from './personas';
import { Random, type Weighted, hashString, mix32, seedFrom, weights } from './random';
import { ulidAt } from './ulid';
import { ASSETS, FORMS, OUTBOUND_SEQUENCES, PAGES, SEQUENCES, SITE, WEBINARS } from './words';

export interface GenerateEventsOptions {
  /** Same seed, leads and `now`, same events. */
  seed: number;
  leads: readonly Lead[];
  /** Exactly this many per lead, or a realistic number by stage (the default). */
  eventsPerLead?: number | 'realistic';
  /** Every event occurs in [lead.times.createdAt, now]. */
  now: number;
}

type Details = EngagementEvent['details'];
type Tier = 'cold' | 'warm' | 'hot';

/**
 * Event mixes by how far a lead got, as weights in EVENT_TYPES order (page_visit,
 * content_download, webinar_registered, webinar_attended, email_opened, email_clicked,
 * email_replied, form_submitted, demo_requested, meeting_booked, call_logged). Events a
 * rep's browser captures (linkedin_viewed, email_thread_viewed) are left out: these
 * histories stand for a CRM/marketing import.
 */
const MIX: Record<Tier, Weighted<EventType>> = {
  cold: weights(EVENT_TYPES, [40, 6, 3, 2, 35, 8, 1, 4, 0.5]),
  warm: weights(EVENT_TYPES, [40, 8, 4, 4, 28, 9, 2, 4, 1, 0.5]),
  hot: weights(EVENT_TYPES, [34, 5, 3, 3, 26, 9, 7, 3, 2, 4, 4]),
};

/** Without an email there is nothing to open or register with: visits (reverse-IP) and the rep's own touches. */
const NO_EMAIL_MIX = weights(EVENT_TYPES, [90, 0, 0, 0, 0, 0, 0, 0, 0, 4, 6]);

/** Page-category mixes in PAGE_CATEGORIES order: pricing, demo, features, comparison, case_study, blog, docs, careers, other. */
const PAGE_MIX: Record<Tier | 'seeker', Weighted<PageCategory>> = {
  cold: weights(PAGE_CATEGORIES, [8, 3, 18, 4, 7, 40, 8, 6, 6]),
  warm: weights(PAGE_CATEGORIES, [18, 8, 20, 7, 10, 25, 8, 2, 2]),
  hot: weights(PAGE_CATEGORIES, [20, 10, 18, 8, 10, 15, 15, 1, 3]),
  seeker: weights(PAGE_CATEGORIES, [2, 0, 10, 0, 3, 35, 10, 35, 5]),
};

/** Full URLs built once, not per event. */
const PAGE_URLS = {} as Record<PageCategory, readonly string[]>;
for (const category of PAGE_CATEGORIES) PAGE_URLS[category] = PAGES[category].map((path) => SITE + path);

/** The detail field that names what an event concerns (personas write only the value). */
const DETAIL_KEY: Partial<Record<EventType, string>> = {
  content_download: 'asset',
  webinar_registered: 'webinar',
  webinar_attended: 'webinar',
  email_opened: 'sequence',
  email_clicked: 'sequence',
  email_replied: 'sequence',
  form_submitted: 'form',
  demo_requested: 'form',
};

/** Mean events per lead by stage for the 'realistic' mode. */
const STAGE_MEAN: Record<Lead['stage'], number> = {
  lead: 4,
  mql: 12,
  sql: 18,
  opportunity: 24,
  customer: 28,
  recycled: 9,
  disqualified: 4,
};

/** Titles of students and job seekers (the default model's rule matches each). */
export const SEEKER_TITLE = /\b(student|intern|open to work|seeking|looking for)\b/i;

/** The PRNG of one lead's history: depends on the seed and the lead id only, not on the lead's position. */
export function leadRandom(seed: number, lead: Pick<Lead, 'id'>): Random {
  return new Random(mix32(seedFrom(seed) ^ hashString(lead.id)));
}

/**
 * How many events a lead has in the 'realistic' mode: exponential around its stage's mean
 * (a few leads are very active), the persona script length for a persona. Takes the first
 * draw of the lead's PRNG, whatever the mode, so that every mode sees the same stream after it.
 */
export function realisticCount(lead: Lead, rng: Random): number {
  const draw = rng.next();
  const persona = personaOf(lead);
  if (persona) return persona.history.length;
  const outboundOnly = lead.person.emails.length === 0;
  const mean = outboundOnly ? 1.5 : STAGE_MEAN[lead.stage];
  return Math.min(Math.round(mean * 6), Math.floor(-mean * Math.log(1 - draw)) + (outboundOnly ? 0 : 1));
}

/**
 * Streams engagement events for `leads`, lead by lead, each lead's events in time order,
 * so a million events can go to the database in batches without being held in memory.
 * Higher-stage leads have more high-intent events; email events cluster in a few
 * sequences (so "3+ opens of one sequence" happens); personas get their scripted
 * history. Every event occurs in [createdAt, now] and has origin 'imported'.
 *
 * Returns a generator; the arguments are checked at the call, not at the first `next()`
 * (a lead created after `now` is only found when the stream reaches it).
 */
export function generateEvents({
  seed,
  leads,
  eventsPerLead = 'realistic',
  now,
}: GenerateEventsOptions): Generator<EngagementEvent, void, undefined> {
  if (eventsPerLead !== 'realistic') checkCount(eventsPerLead, 'eventsPerLead');
  checkNow(now);
  seedFrom(seed);
  return streamEvents(seed, leads, now, (_i, natural) => (eventsPerLead === 'realistic' ? natural : eventsPerLead));
}

/** {@link generateEvents}, collected into an array (for tests and small sets). */
export function generateEventsArray(options: GenerateEventsOptions): EngagementEvent[] {
  return Array.from(generateEvents(options));
}

/**
 * The engine behind every mode: `countOf(index, realisticCount)` says how many events
 * the lead at `index` gets.
 */
export function* streamEvents(
  seed: number,
  leads: readonly Lead[],
  now: number,
  countOf: (index: number, natural: number) => number,
): Generator<EngagementEvent, void, undefined> {
  checkNow(now);
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i] as Lead;
    if (lead.times.createdAt > now) {
      throw new RangeError(`Lead ${lead.id} was created after now`);
    }
    const rng = leadRandom(seed, lead);
    const count = countOf(i, realisticCount(lead, rng));
    if (count > 0) yield* leadHistory(lead, rng, now, count);
  }
}

/**
 * One lead's history: its story first (how it got to its stage), then a stage-weighted
 * fill up to `max` events, sorted by time. Closures rather than a class: local names
 * minify, property names do not, and this ships in the extension.
 */
function leadHistory(lead: Lead, rng: Random, end: number, max: number): EngagementEvent[] {
  const out: EngagementEvent[] = [];
  const { id: leadId, times, person, campaign = '', source } = lead;
  const start = times.createdAt;
  const tier: Tier = times.sqlAt !== undefined ? 'hot' : times.mqlAt !== undefined ? 'warm' : 'cold';
  const hasEmail = person.emails.length > 0;
  const seeker = person.seniority === 'student' || SEEKER_TITLE.test(person.title ?? '');
  // The campaign names the webinar, asset or outbound sequence the lead came in through.
  const webinar = campaign.startsWith('Webinar: ') ? campaign.slice(9) : rng.pick(WEBINARS);
  const asset = campaign.startsWith('Syndication: ') ? campaign.slice(13) : rng.pick(ASSETS);
  /** [name, start] of the lead's sequences: one or two, few enough that opens pile up in one. */
  const sequences: [string, number][] = [];
  if (source === 'Outbound') {
    sequences.push([
      OUTBOUND_SEQUENCES.includes(campaign) ? campaign : rng.pick(OUTBOUND_SEQUENCES),
      times.firstTouchAt ?? start,
    ]);
  }
  for (const wanted = rng.int(1, 2); sequences.length < wanted; ) {
    sequences.push([rng.pick(SEQUENCES), rng.int(start, end)]);
  }

  /** Appends an event clamped into [createdAt, now], unless the quota is full. */
  const add = (type: EventType, at: number, details: Details, pageCategory?: PageCategory): void => {
    if (out.length >= max) return;
    const occurredAt = Math.max(start, Math.min(end, at));
    out.push(
      pageCategory === undefined
        ? { id: '', leadId, type, occurredAt, origin: 'imported', details }
        : { id: '', leadId, type, pageCategory, occurredAt, origin: 'imported', details },
    );
  };
  const visit = (category: PageCategory, at: number) =>
    add('page_visit', at, { url: rng.pick(PAGE_URLS[category]) }, category);
  /** An email of a sequence: within ~18 days of its start, one step every ~4 days. */
  const email = (type: EventType, index: number) => {
    const [sequence, from] = sequences[index] ?? ['Inbound MQL Follow-up', start];
    const at = rng.int(from, Math.min(end, from + 18 * DAY));
    add(type, at, { sequence, step: Math.min(5, 1 + Math.floor((at - from) / (4 * DAY))) });
  };

  const persona = personaOf(lead);
  if (persona) {
    for (const [hours, type, what, step] of persona.history) {
      const at = end - Math.round(hours * HOUR);
      if (type === 'page_visit') visit(what as PageCategory, at);
      else {
        const details: Details = {};
        if (what !== undefined) details[DETAIL_KEY[type] ?? 'name'] = what;
        if (step !== undefined) details.step = step;
        add(type, at, details);
      }
    }
  } else {
    // The origin: what the lead did to become one, moments after createdAt.
    const soon = start + rng.int(0, 10 * MINUTE);
    // Direct inbound SQL: the high-intent action that skipped the MQL stage.
    if (times.sqlAt !== undefined && times.mqlAt === undefined && source !== 'Outbound') {
      add('demo_requested', soon, { form: 'Request a demo' });
    }
    if (source === 'Webinar') {
      add('webinar_registered', soon, { webinar });
      if (rng.chance(0.7)) add('webinar_attended', start + rng.int(DAY, 14 * DAY), { webinar });
    } else if (source === 'Content Syndication' || source === 'Paid Social') {
      add('content_download', soon, { asset });
    } else if (source === 'Event' || source === 'Referral') {
      add('form_submitted', soon, { form: source === 'Event' ? 'Event registration' : 'Contact sales' });
    } else if (source === 'Outbound') {
      if (hasEmail) email('email_opened', 0);
    } else {
      visit(source === 'Organic Search' ? 'blog' : rng.chance(0.5) ? 'features' : 'pricing', soon);
    }

    if (tier !== 'cold') {
      // What tipped the lead over the threshold happened in a burst in the weeks before it
      // became an MQL (or SQL), which is also what keeps a recent MQL's score above 60.
      const tipped = times.mqlAt ?? times.sqlAt ?? end;
      const from = Math.max(start, tipped - 21 * DAY);
      if (rng.chance(0.85)) visit('pricing', rng.int(from, tipped));
      if (times.sqlAt !== undefined && rng.chance(0.8)) {
        add('meeting_booked', rng.int(times.firstTouchAt ?? start, times.sqlAt), {
          meeting: rng.pick(['Discovery call', 'Product demo']),
          durationMinutes: 30,
        });
      }
      if (rng.chance(0.5)) visit('demo', rng.int(from, tipped));
      if (rng.chance(0.5)) add('content_download', rng.int(from, tipped), { asset });
      if (source !== 'Webinar' && rng.chance(0.3)) add('webinar_attended', rng.int(from, tipped), { webinar });
      if (times.firstTouchAt !== undefined && tier === 'hot') {
        if (rng.chance(0.6)) add('call_logged', times.firstTouchAt, { outcome: 'connected' });
        if (hasEmail && rng.chance(0.5)) email('email_replied', 0);
      }
    }
  }

  // The fill: events drawn from the tier's mix, uniformly over the lead's lifetime.
  while (out.length < max) {
    const type = rng.weighted(hasEmail ? MIX[tier] : NO_EMAIL_MIX);
    const at = rng.int(start, end);
    if (type === 'page_visit') visit(rng.weighted(PAGE_MIX[seeker ? 'seeker' : tier]), at);
    else if (type === 'content_download') add(type, at, { asset: rng.chance(0.6) ? asset : rng.pick(ASSETS) });
    else if (type === 'webinar_registered' || type === 'webinar_attended') add(type, at, { webinar });
    else if (type.startsWith('email_')) email(type, rng.int(0, sequences.length - 1));
    else if (type === 'form_submitted') add(type, at, { form: rng.pick(FORMS) });
    else if (type === 'demo_requested') add(type, at, { form: 'Request a demo' });
    else if (type === 'meeting_booked') add(type, at, { meeting: 'Discovery call', durationMinutes: 30 });
    else add(type, at, { outcome: rng.pick(['connected', 'voicemail', 'no_answer']) });
  }

  out.sort((a, b) => a.occurredAt - b.occurredAt);
  // Ids after sorting, so within a lead id order is time order.
  for (const event of out) event.id = ulidAt(event.occurredAt, rng);
  return out;
}

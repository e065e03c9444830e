import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTime } from 'ulidx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEAD_STAGES, type LeadStage } from '../../../lib/domain/enums';
import { type EngagementEvent, EngagementEventSchema, isHighIntent } from '../../../lib/domain/event';
import { emailDomain, isPersonalEmailDomain, normalizeLinkedinUrl } from '../../../lib/domain/identity';
import { type Lead, LeadSchema, STAGE_TIME_FIELD } from '../../../lib/domain/lead';
import { inferSeniority } from '../../../lib/domain/seniority';
import {
  generateDecisions,
  generateDemoDataset,
  generateEvents,
  generateEventsArray,
  generateLeads,
} from '../../../lib/demo/generate';
import { PERSONAS, REPS, findPersonaLead, personaOf } from '../../../lib/demo/personas';
import { DAY, NOW } from '../../support/factories';

/** Every `step`-th element: a spread-out sample, so schema checks stay fast on big sets. */
const sample = <T>(items: readonly T[], size: number): T[] =>
  items.filter((_, i) => i % Math.max(1, Math.floor(items.length / size)) === 0);

const groupByLead = (events: readonly EngagementEvent[]) => {
  const map = new Map<string, EngagementEvent[]>();
  for (const e of events) {
    const list = map.get(e.leadId);
    if (list) list.push(e);
    else map.set(e.leadId, [e]);
  }
  return map;
};

// One large set shared by the statistical checks: 20k leads, ~170k realistic events.
const BIG_LEADS = generateLeads({ seed: 2026, count: 20_000, now: NOW });
const BIG_EVENTS = generateEventsArray({ seed: 2026, leads: BIG_LEADS, now: NOW });
const BIG_BY_LEAD = groupByLead(BIG_EVENTS);

/** Stamps a lead at each stage cannot have yet. */
const LATER: Record<LeadStage, readonly (keyof Lead['times'])[]> = {
  lead: ['mqlAt', 'sqlAt', 'opportunityAt', 'customerAt', 'recycledAt', 'disqualifiedAt'],
  mql: ['sqlAt', 'opportunityAt', 'customerAt', 'recycledAt', 'disqualifiedAt'],
  sql: ['opportunityAt', 'customerAt', 'recycledAt', 'disqualifiedAt'],
  opportunity: ['customerAt', 'recycledAt', 'disqualifiedAt'],
  customer: ['recycledAt', 'disqualifiedAt'],
  recycled: ['disqualifiedAt', 'opportunityAt', 'customerAt'],
  disqualified: ['recycledAt', 'opportunityAt', 'customerAt'],
};

describe('generateLeads', () => {
  it('makes leads that the schema accepts unchanged (already canonical)', () => {
    const demo = generateLeads({ seed: 1, count: 100, now: NOW });
    for (const lead of [...demo, ...sample(BIG_LEADS, 3000)]) {
      const parsed = LeadSchema.safeParse(lead);
      if (!parsed.success) throw new Error(`${JSON.stringify(lead)}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(lead);
    }
  });

  it('is deterministic for a seed and now, and differs across seeds', () => {
    const a = generateLeads({ seed: 7, count: 300, now: NOW });
    expect(generateLeads({ seed: 7, count: 300, now: NOW })).toEqual(a);
    const b = generateLeads({ seed: 8, count: 300, now: NOW });
    expect(b).not.toEqual(a);
    const bIds = new Set(b.map((l) => l.id));
    expect(a.filter((l) => bIds.has(l.id))).toEqual([]);
    // A different `now` moves every timestamp, not just some.
    expect(generateLeads({ seed: 7, count: 300, now: NOW + DAY })).not.toEqual(a);
  });

  it.each([0, 1, 3, 5, 6, 137])('makes exactly %i leads', (count) => {
    expect(generateLeads({ seed: 1, count, now: NOW })).toHaveLength(count);
  });

  it('can leave the personas out, and never gives their identities to anyone else', () => {
    const leads = generateLeads({ seed: 1, count: 50, now: NOW, personas: false });
    expect(leads).toHaveLength(50);
    expect(leads.filter((l) => personaOf(l) !== undefined)).toEqual([]);
    for (const persona of PERSONAS) {
      const holders = BIG_LEADS.filter(
        (l) =>
          (persona.email !== undefined && l.person.emails.includes(persona.email)) ||
          (persona.linkedinUrl !== undefined && l.person.linkedinUrl === persona.linkedinUrl),
      );
      expect(holders.map((l) => l.person.name)).toEqual([persona.name]);
    }
  });

  it('gives unique ids, emails and LinkedIn URLs, sorted by id', () => {
    const ids = BIG_LEADS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const emails = BIG_LEADS.flatMap((l) => l.person.emails);
    expect(new Set(emails).size).toBe(emails.length);
    const urls = BIG_LEADS.flatMap((l) => (l.person.linkedinUrl ? [l.person.linkedinUrl] : []));
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of sample(urls, 500)) {
      expect(url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[a-z0-9-]+\/$/);
      expect(normalizeLinkedinUrl(url)).toBe(url);
    }
  });

  it('dates ids by createdAt, and keeps createdAt within the 180 days before now', () => {
    expect(BIG_LEADS.filter((l) => decodeTime(l.id) !== l.times.createdAt)).toEqual([]);
    expect(BIG_LEADS.filter((l) => l.times.createdAt < NOW - 180 * DAY)).toEqual([]);
  });

  it('keeps stage timestamps ordered, in the past, and matching the stage', () => {
    const chain = ['createdAt', 'mqlAt', 'firstTouchAt', 'sqlAt', 'opportunityAt', 'customerAt'] as const;
    const problems = (lead: Lead): string[] => {
      const { times, stage } = lead;
      const found: string[] = [];
      const stamps = chain.map((f) => times[f]).filter((t): t is number => t !== undefined);
      if (stamps.some((t, i) => i > 0 && t < (stamps[i - 1] ?? 0))) found.push('stage stamps out of order');
      const last = Math.max(...stamps);
      for (const exit of [times.recycledAt, times.disqualifiedAt]) {
        if (exit !== undefined && exit < last) found.push('exit before an earlier stage');
      }
      const all = Object.values(times);
      if (Math.max(...all) > NOW) found.push('stamp in the future');
      if (lead.updatedAt !== Math.max(...all)) found.push('updatedAt is not the last change');
      // The current stage's stamp is set, and none of a later stage's.
      if (times[STAGE_TIME_FIELD[stage]] === undefined) found.push(`no ${STAGE_TIME_FIELD[stage]}`);
      for (const later of LATER[stage]) if (times[later] !== undefined) found.push(`${stage} has ${later}`);
      if (times.sqlAt !== undefined && times.firstTouchAt === undefined) found.push('SQL without a first touch');
      if ((lead.revisitAt !== undefined) !== (stage === 'recycled')) found.push('revisitAt iff recycled');
      if (lead.revisitAt !== undefined && lead.revisitAt <= (times.recycledAt ?? 0))
        found.push('revisit before recycle');
      return found;
    };
    const wrong = BIG_LEADS.flatMap((lead) => problems(lead).map((p) => `${lead.id} (${lead.stage}): ${p}`));
    expect(wrong).toEqual([]);
  });

  it('spreads stages like a funnel', () => {
    const counts = Object.fromEntries(LEAD_STAGES.map((s) => [s, 0])) as Record<LeadStage, number>;
    for (const lead of BIG_LEADS) counts[lead.stage]++;
    const share = (s: LeadStage) => counts[s] / BIG_LEADS.length;
    expect(share('lead')).toBeGreaterThan(0.35);
    expect(share('mql')).toBeGreaterThan(0.12);
    expect(share('mql')).toBeGreaterThan(share('sql'));
    expect(share('sql')).toBeGreaterThan(share('customer'));
    for (const stage of LEAD_STAGES) expect(share(stage)).toBeGreaterThan(0.02);
  });

  it('takes fitting inbound leads further: manager or above at a 50-500 company reach SQL more often', () => {
    const reachedSql = (keep: (l: Lead) => boolean) => {
      const leads = BIG_LEADS.filter((l) => l.source !== 'Outbound' && personaOf(l) === undefined && keep(l));
      return leads.filter((l) => l.times.sqlAt !== undefined).length / leads.length;
    };
    const senior = (l: Lead) =>
      !['individual_contributor', 'student', undefined].includes(inferSeniority(l.person.title));
    const sized = (l: Lead) => (l.company.employees ?? 0) >= 50 && (l.company.employees ?? 0) <= 500;
    expect(reachedSql((l) => senior(l) && sized(l))).toBeGreaterThan(2 * reachedSql((l) => !senior(l) && !sized(l)));
  });

  it('mixes identities: work email mostly, ~10% personal only, some LinkedIn only, competitors, students', () => {
    const n = BIG_LEADS.length;
    const personalOnly = BIG_LEADS.filter(
      (l) => l.person.emails.length > 0 && l.person.emails.every((e) => isPersonalEmailDomain(emailDomain(e) ?? '')),
    );
    const linkedinOnly = BIG_LEADS.filter((l) => l.person.emails.length === 0);
    const competitors = BIG_LEADS.filter((l) => l.company.domain === 'competitor.example');
    const seekers = BIG_LEADS.filter((l) =>
      /student|intern|open to work|seeking|looking for/i.test(l.person.title ?? ''),
    );
    expect(personalOnly.length / n).toBeGreaterThan(0.07);
    expect(personalOnly.length / n).toBeLessThan(0.16);
    expect(linkedinOnly.length / n).toBeGreaterThan(0.05);
    for (const l of linkedinOnly) expect(l.person.linkedinUrl).toBeDefined();
    expect(competitors.length / n).toBeGreaterThan(0.005);
    for (const l of competitors) expect(l.person.emails[0]).toMatch(/@competitor\.example$/);
    expect(seekers.length / n).toBeGreaterThan(0.015);
    // Work emails are at the company's own domain.
    // (Personas aside: the student's address is at her university's student subdomain.)
    const work = BIG_LEADS.filter(
      (l) => l.person.emails.length > 0 && !personalOnly.includes(l) && personaOf(l) === undefined,
    );
    for (const l of sample(work, 2000)) expect(emailDomain(l.person.emails[0] ?? '')).toBe(l.company.domain);
  });

  it('covers every company size band, and many companies at scale', () => {
    const bands = [10, 50, 200, 500, 1000, 5000, 10_000, Number.POSITIVE_INFINITY];
    const hit = new Set<number>();
    for (const { company } of BIG_LEADS) {
      const employees = company.employees;
      if (employees !== undefined) hit.add(bands.findIndex((b) => employees <= b));
    }
    expect([...hit].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(BIG_LEADS.map((l) => l.company.domain)).size).toBeGreaterThan(1000);
  });

  it('uses titles whose stated seniority agrees with inferSeniority', () => {
    const disagree = BIG_LEADS.filter(
      (l) => l.person.seniority && inferSeniority(l.person.title) !== l.person.seniority,
    );
    expect(disagree.map((l) => `${l.person.title}: ${l.person.seniority}`)).toEqual([]);
  });

  it('assigns owners from the sales team, always beyond the lead stage', () => {
    const reps: readonly string[] = REPS;
    expect(BIG_LEADS.filter((l) => l.owner !== undefined && !reps.includes(l.owner))).toEqual([]);
    expect(BIG_LEADS.filter((l) => l.stage !== 'lead' && l.owner === undefined)).toEqual([]);
    expect(BIG_LEADS.filter((l) => Object.keys(l.crmIds).length > 0).length).toBeGreaterThan(BIG_LEADS.length / 2);
    const hubspot = BIG_LEADS.flatMap((l) => (l.crmIds.hubspot ? [l.crmIds.hubspot] : []));
    expect(new Set(hubspot).size).toBe(hubspot.length);
  });

  it('rejects impossible arguments', () => {
    expect(() => generateLeads({ seed: 1, count: -1, now: NOW })).toThrow(RangeError);
    expect(() => generateLeads({ seed: 1, count: 1.5, now: NOW })).toThrow(RangeError);
    expect(() => generateLeads({ seed: 1, count: 1, now: 1000 })).toThrow(RangeError);
    expect(() => generateLeads({ seed: Number.NaN, count: 1, now: NOW })).toThrow(RangeError);
  });
});

describe('generateEvents', () => {
  it('makes events that the schema accepts unchanged', () => {
    for (const event of sample(BIG_EVENTS, 4000)) {
      const parsed = EngagementEventSchema.safeParse(event);
      if (!parsed.success) throw new Error(`${JSON.stringify(event)}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(event);
    }
  });

  it('places every event in [createdAt, now] of an existing lead, in time order, dated by its id', () => {
    const byId = new Map(BIG_LEADS.map((l) => [l.id, l]));
    const ids = new Set<string>();
    // Collected, then asserted once: 170k expect() calls would dominate the run time.
    const wrong: string[] = [];
    for (const e of BIG_EVENTS) {
      const lead = byId.get(e.leadId);
      if (!lead) wrong.push(`${e.id}: unknown lead ${e.leadId}`);
      else if (e.occurredAt < lead.times.createdAt || e.occurredAt > NOW)
        wrong.push(`${e.id}: outside its lead's life`);
      if (e.origin !== 'imported') wrong.push(`${e.id}: origin ${e.origin}`);
      ids.add(e.id);
    }
    expect(wrong).toEqual([]);
    expect(ids.size).toBe(BIG_EVENTS.length);
    for (const events of sample([...BIG_BY_LEAD.values()], 1000)) {
      expect(events.map((e) => e.occurredAt)).toEqual(events.map((e) => e.occurredAt).sort((a, b) => a - b));
      for (const e of events) expect(decodeTime(e.id)).toBe(e.occurredAt);
    }
  });

  it('is deterministic, and a lead’s history does not depend on the other leads', () => {
    const leads = BIG_LEADS.slice(0, 200);
    const a = generateEventsArray({ seed: 3, leads, now: NOW });
    expect(generateEventsArray({ seed: 3, leads, now: NOW })).toEqual(a);
    expect(generateEventsArray({ seed: 4, leads, now: NOW })).not.toEqual(a);
    const last = leads.at(-1) as Lead;
    const alone = generateEventsArray({ seed: 3, leads: [last], now: NOW });
    expect(alone).toEqual(a.filter((e) => e.leadId === last.id));
  });

  it('makes exactly eventsPerLead events per lead', () => {
    const leads = generateLeads({ seed: 5, count: 120, now: NOW });
    expect(generateEventsArray({ seed: 5, leads, eventsPerLead: 0, now: NOW })).toEqual([]);
    const events = generateEventsArray({ seed: 5, leads, eventsPerLead: 7, now: NOW });
    expect(events).toHaveLength(120 * 7);
    for (const list of groupByLead(events).values()) expect(list).toHaveLength(7);
    // Checked at the call, before any iteration.
    expect(() => generateEvents({ seed: 5, leads, eventsPerLead: -2, now: NOW })).toThrow(RangeError);
    expect(() => generateEvents({ seed: 5, leads, now: 12 })).toThrow(RangeError);
    expect(() => generateEvents({ seed: Number.POSITIVE_INFINITY, leads, now: NOW })).toThrow(RangeError);
  });

  it('streams: the first event comes before later leads are even looked at', () => {
    let touched = 0;
    const leads = new Proxy(BIG_LEADS, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) touched = Math.max(touched, Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    const stream = generateEvents({ seed: 1, leads, eventsPerLead: 1000, now: NOW });
    expect(stream.next().done).toBe(false);
    expect(touched).toBe(0);
  });

  it('gives higher-stage leads more high-intent events', () => {
    const meanHighIntent = (stages: LeadStage[]) => {
      const leads = BIG_LEADS.filter((l) => stages.includes(l.stage));
      const total = leads.reduce((sum, l) => sum + (BIG_BY_LEAD.get(l.id) ?? []).filter(isHighIntent).length, 0);
      return total / leads.length;
    };
    const cold = meanHighIntent(['lead']);
    const mql = meanHighIntent(['mql']);
    const hot = meanHighIntent(['sql', 'opportunity', 'customer']);
    expect(mql).toBeGreaterThan(cold * 1.5);
    expect(hot).toBeGreaterThan(mql);
  });

  it('has realistic details: page categories, assets, webinars, sequences with 3+ opens', () => {
    const types = new Set(BIG_EVENTS.map((e) => e.type));
    for (const type of [
      'page_visit',
      'content_download',
      'webinar_registered',
      'webinar_attended',
      'email_opened',
      'email_clicked',
      'email_replied',
      'form_submitted',
      'demo_requested',
      'meeting_booked',
    ] as const) {
      expect(types).toContain(type);
    }
    for (const e of sample(BIG_EVENTS, 5000)) {
      if (e.type === 'page_visit') expect(e.details.url).toMatch(/^https:\/\//);
      if (e.type === 'content_download') expect(e.details.asset).toBeTypeOf('string');
      if (e.type.startsWith('webinar_')) expect(e.details.webinar).toBeTypeOf('string');
      if (e.type.startsWith('email_')) expect(e.details.sequence).toBeTypeOf('string');
    }
    let threeOpens = 0;
    for (const events of BIG_BY_LEAD.values()) {
      const opens = new Map<unknown, number>();
      for (const e of events)
        if (e.type === 'email_opened') opens.set(e.details.sequence, (opens.get(e.details.sequence) ?? 0) + 1);
      if ([...opens.values()].some((n) => n >= 3)) threeOpens++;
    }
    expect(threeOpens / BIG_LEADS.length).toBeGreaterThan(0.1);
  });

  it('refuses a lead created after now', () => {
    const lead = BIG_LEADS[0] as Lead;
    const future = { ...lead, times: { createdAt: NOW + 1 }, updatedAt: NOW + 1 };
    expect(() => generateEventsArray({ seed: 1, leads: [future], now: NOW })).toThrow(RangeError);
  });
});

describe('generateDemoDataset', () => {
  it.each([
    [1000, 12_345],
    [100, 0],
    [10, 3],
    [5, 1000],
    [1, 50],
  ])('makes exactly %i leads and %i events', (leads, events) => {
    const set = generateDemoDataset({ seed: 1, leads, events, now: NOW });
    expect(set.leads).toHaveLength(leads);
    expect(set.eventCount).toBe(events);
    expect(count(set.events)).toBe(events);
  });

  it('re-iterates the same events, and matches generateEvents when realistic', () => {
    const set = generateDemoDataset({ seed: 9, leads: 300, now: NOW });
    const first = [...set.events];
    expect([...set.events]).toEqual(first);
    expect(first).toHaveLength(set.eventCount);
    expect(first).toEqual(generateEventsArray({ seed: 9, leads: set.leads, now: NOW }));
  });

  it('spreads a fixed total over the leads, more to those further along', () => {
    const set = generateDemoDataset({ seed: 2, leads: 2000, events: 20_000, now: NOW });
    const perLead = groupByLead([...set.events]);
    const mean = (stage: LeadStage) => {
      const leads = set.leads.filter((l) => l.stage === stage);
      return leads.reduce((sum, l) => sum + (perLead.get(l.id)?.length ?? 0), 0) / leads.length;
    };
    expect(mean('opportunity')).toBeGreaterThan(mean('lead') * 2);
  });

  it('keeps the personas’ scripted histories when the total allows', () => {
    const set = generateDemoDataset({ seed: 1, leads: 1000, events: 10_000, now: NOW });
    const perLead = groupByLead([...set.events]);
    for (const persona of PERSONAS) {
      const lead = findPersonaLead(set.leads, persona);
      expect(perLead.get(lead.id)?.length ?? 0).toBe(persona.history.length);
    }
  });

  it('carries sales’ decisions and first touches on its leads', () => {
    const set = generateDemoDataset({ seed: 4, leads: 300, now: NOW });
    expect({ dispositions: set.dispositions, activities: set.activities }).toEqual(
      generateDecisions({ seed: 4, leads: set.leads }),
    );
    expect(set.dispositions.length).toBeGreaterThan(0);
    expect(set.activities.length).toBeGreaterThan(0);
  });

  it('rejects events without leads', () => {
    expect(() => generateDemoDataset({ seed: 1, leads: 0, events: 1, now: NOW })).toThrow(RangeError);
    expect(generateDemoDataset({ seed: 1, leads: 0, events: 0, now: NOW }).eventCount).toBe(0);
  });
});

describe('lib/demo hygiene', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never reads the clock or Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    const set = generateDemoDataset({ seed: 1, leads: 300, events: 3000, now: NOW });
    expect(count(set.events)).toBe(3000);
  });

  it('imports nothing heavy: no React, Dexie, extension API or zod at run time', () => {
    const dir = fileURLToPath(new URL('../../../lib/demo/', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gm)].map((m) => m[1]);
      for (const spec of runtimeImports) {
        // Domain runtime imports only from zod-free modules (the schemas would pull zod into the bundle).
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/|^\.\.\/domain\/(enums|identity|reasons|lost-reasons)$/);
      }
      expect(source).not.toMatch(/Math\.random\(|Date\.now\(|new Date\(/);
    }
  });
});

function count(events: Iterable<unknown>): number {
  let n = 0;
  for (const _ of events) n++;
  return n;
}

import { LEAD_STAGES, type LeadStage, SENIORITIES } from '../domain/enums';
import type { Lead } from '../domain/lead';
import { COMPETITOR_DOMAIN, PERSONAS, type Persona, REPS } from './personas';
import { Random, type Weighted, hashString, seedFrom, weights } from './random';
import { emailPart, slugPart } from './text';
import { ulidAt } from './ulid';
import {
  CAMPAIGNS,
  COMPANIES,
  COMPANY_PREFIXES,
  COMPANY_ROOTS,
  COMPANY_SUFFIXES,
  COUNTRIES,
  FIRST_NAMES,
  INDUSTRIES,
  JOB_SEEKER_TITLES,
  LAST_NAMES,
  PERSONAL_DOMAINS,
  SOURCES,
  TITLES,
} from './words';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** How far back createdAt reaches. */
const WINDOW = 180 * DAY;

export interface GenerateLeadsOptions {
  /** Same seed and `now`, same leads. */
  seed: number;
  /** Exactly this many leads. */
  count: number;
  /** The moment the data is generated "at" (ms since epoch): every timestamp is at or before it. */
  now: number;
  /** Include the fixed {@link PERSONAS} (default true; they take the first slots of `count`). */
  personas?: boolean;
}

type Times = Lead['times'];
type Kind = 'work' | 'personal' | 'linkedin' | 'competitor' | 'seeker';

/** Most leads fill a form with a work email; ~10% use a free-mail address; outbound prospects have only LinkedIn. */
const KINDS: Weighted<Kind> = [
  ['work', 76],
  ['personal', 9],
  ['linkedin', 10],
  ['competitor', 1.5],
  ['seeker', 3.5],
];

/** In SENIORITIES order: c_level, vp, director, manager, individual_contributor (students are 'seeker's). */
const SENIORITY_MIX = weights(SENIORITIES, [8, 10, 18, 26, 38]);

const SOURCE_MIX = weights(SOURCES, [22, 8, 10, 14, 12, 10, 6, 8, 6]);

// Stage mixes in LEAD_STAGES order: lead, mql, sql, opportunity, customer, recycled, disqualified.
/**
 * A funnel: many leads, fewer MQLs, fewer SQLs and customers, and most decided MQLs sent
 * back (recycled or disqualified), so that MQL-to-SQL conversion lands in the usual
 * 13-25%. By fit (how many of "manager or above" and "50-500 employees" the lead has):
 * sales accepts fitting leads more often, as the dashboard's acceptance by rule should show.
 */
const INBOUND_STAGES: readonly Weighted<LeadStage>[] = [
  weights(LEAD_STAGES, [42, 15, 1, 1, 1.5, 28, 14]),
  weights(LEAD_STAGES, [38, 18, 3, 3.5, 5, 26, 10]),
  weights(LEAD_STAGES, [32, 21, 5, 6, 8, 24, 8]),
];
/** Outbound prospects skip the MQL stage (direct-to-SQL). */
const OUTBOUND_STAGES = weights(LEAD_STAGES, [60, 0, 12, 5, 2, 12, 9]);
/** Competitors and students: left alone or disqualified. */
const NEGATIVE_STAGES = weights(LEAD_STAGES, [6, 0, 0, 0, 0, 0, 4]);

/** Employee-count bands, 1-10 up to 10k+, weighted roughly as B2B inbound looks. */
const SIZE_BANDS: Weighted<readonly [number, number]> = [
  [[1, 10], 6],
  [[11, 50], 14],
  [[51, 200], 22],
  [[201, 500], 20],
  [[501, 1000], 12],
  [[1001, 5000], 14],
  [[5001, 10000], 6],
  [[10001, 60000], 6],
];

const COUNTRY_MIX: Weighted<(typeof COUNTRIES)[number]> = COUNTRIES.map((c) => [c, c[1]] as const);

/** Keeps emails and LinkedIn slugs unique across a set of 100k leads, as a CRM mostly is. */
interface Taken {
  emails: Set<string>;
  linkedinUrls: Set<string>;
}

/**
 * Generates `count` valid leads (they parse with `LeadSchema` unchanged): a realistic mix
 * of identities, companies, titles, sources and stages, with consistent stage times
 * (`createdAt <= mqlAt <= firstTouchAt <= sqlAt <= opportunityAt <= customerAt`, then
 * `recycledAt`/`disqualifiedAt`), createdAt within the 180 days before `now`, sorted by id
 * (ULIDs of createdAt). Deterministic: no clock, no Math.random.
 */
export function generateLeads({ seed, count, now, personas = true }: GenerateLeadsOptions): Lead[] {
  checkCount(count, 'count');
  checkNow(now);
  const rng = new Random(seedFrom(seed));
  const taken: Taken = { emails: new Set(), linkedinUrls: new Set() };
  // Reserve every persona's identity, included or not, so no random lead impersonates one.
  for (const p of PERSONAS) {
    if (p.email) taken.emails.add(p.email);
    if (p.linkedinUrl) taken.linkedinUrls.add(p.linkedinUrl);
  }
  const leads: Lead[] = [];
  if (personas) for (const p of PERSONAS.slice(0, count)) leads.push(personaLead(p, rng, now));
  for (let i = leads.length; i < count; i++) leads.push(randomLead(rng, now, taken, i));
  // Id order (a ULID starts with its time); comparing the numbers first is several times faster.
  return leads.sort((a, b) => a.times.createdAt - b.times.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The lead of a persona, its times counted back from `now`. */
function personaLead(p: Persona, rng: Random, now: number): Lead {
  const times: Times = { createdAt: now - Math.round(p.hoursAgo.createdAt * HOUR) };
  let updatedAt = times.createdAt;
  for (const [field, hours] of Object.entries(p.hoursAgo) as [keyof Times, number][]) {
    times[field] = now - Math.round(hours * HOUR);
    updatedAt = Math.max(updatedAt, times[field] ?? 0);
  }
  const lead: Lead = {
    id: ulidAt(times.createdAt, rng),
    person: { name: p.name, emails: p.email ? [p.email] : [], title: p.title },
    company: { ...p.company },
    source: p.source,
    stage: p.stage,
    crmIds: { ...p.crmIds },
    times,
    updatedAt,
  };
  if (p.linkedinUrl) lead.person.linkedinUrl = p.linkedinUrl;
  if (p.seniority) lead.person.seniority = p.seniority;
  if (p.campaign) lead.campaign = p.campaign;
  if (p.owner) lead.owner = p.owner;
  return lead;
}

function randomLead(rng: Random, now: number, taken: Taken, index: number): Lead {
  const kind = rng.weighted(KINDS);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const person: Lead['person'] = { name: `${first} ${last}`, emails: [] };

  let senior = false;
  if (kind === 'seeker') {
    const student = rng.chance(0.5);
    person.title = rng.pick(student ? TITLES.student : JOB_SEEKER_TITLES);
    if (student) person.seniority = 'student';
  } else {
    const seniority = rng.weighted(SENIORITY_MIX);
    senior = seniority !== 'individual_contributor';
    person.title = rng.pick(TITLES[seniority]);
    // CRM imports often lack a seniority field; the scorer then infers it from the title.
    if (rng.chance(0.6)) person.seniority = seniority;
  }

  let company: Lead['company'] = {};
  if (kind === 'competitor') {
    company = { name: 'Rivalytics', domain: COMPETITOR_DOMAIN, employees: 140, industry: 'Software', country: 'US' };
  } else if (kind === 'work' || kind === 'linkedin' || (kind === 'personal' && rng.chance(0.6))) {
    company = rng.chance(0.75) ? { ...rng.pick(COMPANIES) } : syntheticCompany(rng);
    // With only a free-mail address the rep knows the company by name, not by domain.
    if (kind === 'personal') delete company.domain;
  }

  if (kind === 'work' || kind === 'competitor') {
    person.emails.push(workEmail(first, last, company.domain ?? COMPETITOR_DOMAIN, taken));
  } else if (kind === 'personal' || kind === 'seeker') {
    person.emails.push(personalEmail(first, last, rng, taken));
  }
  const linkedinChance = kind === 'linkedin' ? 1 : kind === 'seeker' ? 0.7 : 0.3;
  if (rng.chance(linkedinChance)) person.linkedinUrl = linkedinUrl(first, last, rng, taken);

  const source =
    kind === 'linkedin'
      ? 'Outbound'
      : kind === 'competitor' || kind === 'seeker'
        ? rng.pick(['Organic Search', 'Webinar', 'Content Syndication'])
        : rng.weighted(SOURCE_MIX);
  const outbound = source === 'Outbound';
  const negative = kind === 'competitor' || kind === 'seeker';
  const employees = company.employees ?? 0;
  const fit = (senior ? 1 : 0) + (employees >= 50 && employees <= 500 ? 1 : 0);
  const stage = rng.weighted(negative ? NEGATIVE_STAGES : outbound ? OUTBOUND_STAGES : (INBOUND_STAGES[fit] ?? []));
  const { times, revisitAt, updatedAt } = stageTimes(stage, outbound, negative, rng, now);

  const lead: Lead = {
    id: ulidAt(times.createdAt, rng),
    person,
    company,
    source,
    stage,
    crmIds: {},
    times,
    updatedAt,
  };
  const campaigns = CAMPAIGNS[source];
  if (campaigns && (source !== 'Organic Search' || rng.chance(0.5))) lead.campaign = rng.pick(campaigns);
  // Fresh inbound leads are often unassigned; everything further along, and every outbound prospect, has an owner.
  if (stage !== 'lead' || outbound || rng.chance(0.5)) lead.owner = rng.pick(REPS);
  if (revisitAt !== undefined) lead.revisitAt = revisitAt;
  // CRM ids embed the index so they stay unique at 100k leads.
  if (rng.chance(0.6)) lead.crmIds.hubspot = String(40_000_000 + index * 97 + rng.int(0, 96));
  if (rng.chance(0.25)) lead.crmIds.salesforce = salesforceId(index, rng);
  if (rng.chance(0.1)) lead.crmIds.marketo = String(1_000_000 + index);
  return lead;
}

/** "Cedarwave Logistics" at cedarwavelogistics.co.uk: so large sets have thousands of companies. */
function syntheticCompany(rng: Random): Lead['company'] {
  const industry = rng.int(0, COMPANY_SUFFIXES.length - 1);
  const name = `${rng.pick(COMPANY_PREFIXES)}${rng.pick(COMPANY_ROOTS)} ${COMPANY_SUFFIXES[industry]}`;
  const [country, , tld] = rng.weighted(COUNTRY_MIX);
  const [min, max] = rng.weighted(SIZE_BANDS);
  return {
    name,
    domain: `${emailPart(name)}.${rng.chance(0.6) ? tld : rng.pick(['com', 'io', 'co'])}`,
    // Log-uniform within the band: more 60-person companies than 190-person ones.
    employees: Math.round(Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min)))),
    industry: INDUSTRIES[industry] ?? 'Software',
    country,
  };
}

/** Companies use one address format for everyone, so it is chosen by the domain, not per person. */
function workEmail(first: string, last: string, domain: string, taken: Taken): string {
  const f = emailPart(first);
  const l = emailPart(last);
  const formats = [
    `${f}.${l}`,
    `${f}.${l}`,
    `${f}.${l}`,
    `${f.charAt(0)}${l}`,
    `${f}`,
    `${f}_${l}`,
    `${f}${l.charAt(0)}`,
  ];
  const local = formats[hashString(domain) % formats.length] ?? `${f}.${l}`;
  return unique(taken.emails, (n) => `${local}${n === 1 ? '' : n}@${domain}`);
}

function personalEmail(first: string, last: string, rng: Random, taken: Taken): string {
  const f = emailPart(first);
  const l = emailPart(last);
  const local = rng.pick([`${f}.${l}`, `${f}${l}${rng.int(1, 99)}`, `${f}_${l}`, `${f}.${l}${rng.int(1965, 2004)}`]);
  const domain = rng.pick(PERSONAL_DOMAINS);
  return unique(taken.emails, (n) => `${local}${n === 1 ? '' : n}@${domain}`);
}

/** LinkedIn's own shapes: /in/jane-doe/ for early members, /in/jane-doe-4b2a1c/ for most. */
function linkedinUrl(first: string, last: string, rng: Random, taken: Taken): string {
  const base = `${slugPart(first)}-${slugPart(last)}`;
  const short = rng.chance(0.15);
  return unique(
    taken.linkedinUrls,
    (n) =>
      `https://www.linkedin.com/in/${short && n === 1 ? base : `${base}-${rng.uint32().toString(16).padStart(8, '0').slice(0, 6)}`}/`,
  );
}

/** The first candidate not yet taken (candidate(1), candidate(2), ...), which is then taken. */
function unique(set: Set<string>, candidate: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const value = candidate(n);
    if (!set.has(value)) {
      set.add(value);
      return value;
    }
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A 15-character Salesforce Lead id (prefix 00Q). */
function salesforceId(index: number, rng: Random): string {
  let id = '';
  for (let i = 0, n = index; i < 4; i++, n = Math.floor(n / 62)) id = BASE62.charAt(n % 62) + id;
  for (let i = 0; i < 6; i++) id += BASE62.charAt(rng.int(0, 61));
  return `00Q5g${id}`;
}

type StageField = Exclude<keyof Times, 'createdAt'>;

/**
 * Stage times: the path a lead took to its stage, a realistic gap before each step, and a
 * quiet tail after the last one, counted back from `now` so every stamp is ordered and
 * in the past. Tails are short where leads do not sit long (an untouched MQL for weeks
 * would be an SLA disaster, not a demo).
 */
function stageTimes(
  stage: LeadStage,
  outbound: boolean,
  negative: boolean,
  rng: Random,
  now: number,
): { times: Times; revisitAt?: number; updatedAt: number } {
  const path: StageField[] = [];
  const sqlPath = () => {
    if (!outbound && rng.chance(0.8)) path.push('mqlAt');
    path.push('firstTouchAt', 'sqlAt');
  };
  let tailMax = WINDOW;
  switch (stage) {
    case 'lead':
      if (outbound && rng.chance(0.5)) path.push('firstTouchAt');
      break;
    case 'mql':
      path.push('mqlAt');
      if (rng.chance(0.6)) {
        path.push('firstTouchAt');
        tailMax = 21 * DAY;
      } else tailMax = 5 * DAY;
      break;
    case 'sql':
    case 'opportunity':
    case 'customer':
      sqlPath();
      if (stage !== 'sql') path.push('opportunityAt');
      if (stage === 'customer') path.push('customerAt');
      // Long enough that older MQL cohorts keep some open SQLs and opportunities: shorter
      // tails crowd every acceptance into the last weeks and skew conversion by month.
      tailMax = stage === 'sql' ? 45 * DAY : stage === 'opportunity' ? 90 * DAY : WINDOW;
      break;
    case 'recycled':
    case 'disqualified': {
      // Inbound rejections are mostly of MQLs: sales' verdict on what marketing handed over.
      const from = negative ? 'lead' : rng.weighted(weights(LEAD_STAGES, outbound ? [6, 0, 2] : [2, 7, 1]));
      if (from === 'lead' && rng.chance(0.7)) path.push('firstTouchAt');
      if (from === 'mql') path.push('mqlAt', 'firstTouchAt');
      if (from === 'sql') sqlPath();
      path.push(stage === 'recycled' ? 'recycledAt' : 'disqualifiedAt');
      break;
    }
  }

  const gaps = path.map((field) => gap(field, path, rng));
  const span = gaps.reduce((sum, g) => sum + g, 0);
  let t = now - span - rng.int(0, Math.max(0, Math.min(tailMax, WINDOW - span)));
  const times: Times = { createdAt: t };
  path.forEach((field, i) => {
    t += gaps[i] ?? 0;
    times[field] = t;
  });
  const revisitAt = times.recycledAt === undefined ? undefined : times.recycledAt + rng.pick([30, 60, 90, 180]) * DAY;
  return { times, revisitAt, updatedAt: t };
}

function gap(field: StageField, path: readonly StageField[], rng: Random): number {
  switch (field) {
    case 'mqlAt':
      // A third convert on the spot (a form fill tips the score); the rest over weeks of nurture.
      return rng.chance(0.35) ? rng.int(MINUTE, HOUR) : rng.int(HOUR, 30 * DAY);
    case 'firstTouchAt':
      if (!path.includes('mqlAt')) return rng.int(HOUR, 5 * DAY);
      // Most reps meet the 24-hour SLA; some do not.
      return rng.chance(0.7) ? rng.int(5 * MINUTE, DAY) : rng.int(DAY, 6 * DAY);
    case 'sqlAt':
      return rng.int(HOUR, 7 * DAY);
    case 'opportunityAt':
      return rng.int(DAY, 14 * DAY);
    case 'customerAt':
      return rng.int(14 * DAY, 75 * DAY);
    case 'recycledAt':
      return rng.int(DAY, 21 * DAY);
    case 'disqualifiedAt':
      return rng.int(HOUR, 10 * DAY);
  }
}

export function checkCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer: ${value}`);
  }
}

/** `now` must be epoch milliseconds late enough that 180 days before it is still after 1970. */
export function checkNow(now: number): void {
  if (!Number.isSafeInteger(now) || now < 365 * DAY || now > 0xffff_ffff_ffff) {
    throw new RangeError(`now must be epoch milliseconds: ${now}`);
  }
}

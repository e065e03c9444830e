import type { EngagementEvent } from '../domain/event';
import { emailDomain, isPersonalEmailDomain } from '../domain/identity';
import type { Lead } from '../domain/lead';
import type { BehaviorRule, ScoringModel, ScoringRule } from '../domain/scoring-model';
import { inferSeniority } from '../domain/seniority';

const DAY_MS = 86_400_000;

/** What made a rule fire: the lead field it read, or the events it counted. */
export interface Evidence {
  /** Dotted path of the lead field the rule read (`company.employees`). */
  field?: string;
  /** The value found there, or the keyword/domain that matched. */
  value?: string | number;
  /** Events that satisfied a behaviour rule, newest first. */
  eventIds?: string[];
  /** How many matching events counted (in the winning group, for grouped rules). */
  count?: number;
  /** Decay multiplier applied to a behaviour rule's points (1 = none). */
  decayFactor?: number;
}

export type RuleCategory = 'fit' | 'behavior' | 'negative';

export interface ScoreLine {
  ruleId: string;
  label: string;
  category: RuleCategory;
  /** Points as written in the model. */
  basePoints: number;
  /** Points this line adds to the total (after decay, rounded): the lines sum to the total. */
  points: number;
  evidence: Evidence;
}

/** A positive rule that has not fired, and what it would take. */
export interface Opportunity {
  ruleId: string;
  label: string;
  points: number;
  /** Human-readable: what is missing ("1 more pricing page visit in the last 90 days"). */
  need: string;
}

/** Points from fit rules and from behaviour rules (penalties count in neither). */
export interface GroupPoints {
  fit: number;
  behavior: number;
}

/** What a lead's points must reach to make an MQL: the threshold and, optionally, each group's minimum. */
export type MqlBar = Pick<ScoringModel, 'threshold' | 'mqlNeeds'>;

export interface ScoreResult {
  modelId: string;
  modelVersion: number;
  total: number;
  threshold: number;
  /** The model's "MQL needs fit and behaviour" minimums, when it has them. */
  mqlNeeds?: GroupPoints;
  groups: GroupPoints;
  /** The total reaches the threshold and each group its minimum. */
  isMql: boolean;
  /** Every rule that fired, in model order. `sum(lines.points) === total`. */
  lines: ScoreLine[];
  missing: {
    /** Points still needed to reach the threshold (0 once it is reached). */
    points: number;
    /** Points each group still lacks for its minimum (0 when met, or when the model sets none). */
    groups: GroupPoints;
    /** Positive rules that did not fire, most points first. */
    opportunities: Opportunity[];
  };
}

interface RuleOutcome {
  fired: boolean;
  evidence: Evidence;
  /** Why it did not fire / what would make it fire. */
  need: string;
  /** Newest evidence event, for decay. */
  newestAt?: number;
}

export interface ScoreInput {
  lead: Lead;
  events: readonly EngagementEvent[];
  /** The moment the score is taken at; time windows and decay count back from here. */
  now: number;
}

/**
 * Scores a lead against a model: pure, deterministic, no I/O. Every line of the
 * explanation names its rule, its points and its evidence, and the lines add up to
 * the total; `missing` says how far the lead is from the MQL threshold and which
 * rules could still get it there.
 */
export function scoreLead(model: ScoringModel, { lead, events, now }: ScoreInput): ScoreResult {
  const lines: ScoreLine[] = [];
  const opportunities: Opportunity[] = [];

  for (const rule of model.rules) {
    const outcome = evaluateRule(rule, lead, events, now);
    if (outcome.fired) {
      const decay =
        model.decay && outcome.newestAt !== undefined ? halfLife(now - outcome.newestAt, model.decay.halfLifeDays) : 1;
      const evidence = decay === 1 ? outcome.evidence : { ...outcome.evidence, decayFactor: decay };
      lines.push({
        ruleId: rule.id,
        label: rule.label,
        category: categoryOf(rule),
        basePoints: rule.points,
        points: Math.round(rule.points * decay),
        evidence,
      });
    } else if (rule.points > 0) {
      opportunities.push({ ruleId: rule.id, label: rule.label, points: rule.points, need: outcome.need });
    }
  }

  const total = lines.reduce((sum, line) => sum + line.points, 0);
  const groups = groupPoints(lines);
  const short = shortOf(model, total, groups);
  opportunities.sort((a, b) => b.points - a.points);
  return {
    modelId: model.id,
    modelVersion: model.version,
    total,
    threshold: model.threshold,
    ...(model.mqlNeeds && { mqlNeeds: { ...model.mqlNeeds } }),
    groups,
    isMql: meetsBar(short),
    lines,
    missing: { ...short, opportunities },
  };
}

/** Fit and behaviour points of the lines that fired. */
export function groupPoints(lines: readonly Pick<ScoreLine, 'category' | 'points'>[]): GroupPoints {
  const groups = { fit: 0, behavior: 0 };
  for (const line of lines) if (line.category !== 'negative') groups[line.category] += line.points;
  return groups;
}

/** How far a total and its group points are from the model's MQL bar (all 0: it is an MQL). */
export function shortOf(bar: MqlBar, total: number, groups: GroupPoints): { points: number; groups: GroupPoints } {
  return {
    points: Math.max(0, bar.threshold - total),
    groups: {
      fit: Math.max(0, (bar.mqlNeeds?.fit ?? 0) - groups.fit),
      behavior: Math.max(0, (bar.mqlNeeds?.behavior ?? 0) - groups.behavior),
    },
  };
}

const meetsBar = (short: { points: number; groups: GroupPoints }): boolean =>
  short.points === 0 && short.groups.fit === 0 && short.groups.behavior === 0;

/** Whether a total with these group points makes an MQL under the bar. */
export function isMqlScore(bar: MqlBar, total: number, groups: GroupPoints): boolean {
  return meetsBar(shortOf(bar, total, groups));
}

/** How a rule counts on the score card and in the dashboard: a penalty, behaviour, or fit. */
export function categoryOf(rule: Pick<ScoringRule, 'points' | 'kind'>): RuleCategory {
  if (rule.points < 0) return 'negative';
  return rule.kind === 'behavior' ? 'behavior' : 'fit';
}

/** Behaviour points halve every `halfLifeDays` of age of their newest evidence. */
function halfLife(ageMs: number, halfLifeDays: number): number {
  return 0.5 ** (Math.max(0, ageMs) / DAY_MS / halfLifeDays);
}

function evaluateRule(rule: ScoringRule, lead: Lead, events: readonly EngagementEvent[], now: number): RuleOutcome {
  switch (rule.kind) {
    case 'company_size': {
      const employees = lead.company.employees;
      const range = describeRange(rule.min, rule.max);
      if (employees === undefined) return miss(`Company size unknown (needs ${range} employees)`);
      const fits =
        (rule.min === undefined || employees >= rule.min) && (rule.max === undefined || employees <= rule.max);
      return fits
        ? hit({ field: 'company.employees', value: employees })
        : miss(`Company has ${employees} employees (needs ${range})`);
    }
    case 'seniority': {
      const given = lead.person.seniority;
      const seniority = given ?? inferSeniority(lead.person.title);
      if (seniority === undefined) return miss('Title unknown');
      return rule.seniorities.includes(seniority)
        ? hit(
            given
              ? { field: 'person.seniority', value: given }
              : { field: 'person.title', value: lead.person.title ?? '' },
          )
        : miss(`Seniority is ${seniority.replaceAll('_', ' ')}`);
    }
    case 'title_keywords': {
      const keyword = findKeyword(lead.person.title, rule.keywords);
      return keyword ? hit({ field: 'person.title', value: keyword }) : miss('Title does not match');
    }
    case 'industry': {
      const keyword = findKeyword(lead.company.industry, rule.industries);
      return keyword
        ? hit({ field: 'company.industry', value: lead.company.industry ?? keyword })
        : miss(lead.company.industry ? `Industry is ${lead.company.industry}` : 'Industry unknown');
    }
    case 'geography': {
      const country = lead.company.country;
      if (!country) return miss('Country unknown');
      return rule.countries.includes(country)
        ? hit({ field: 'company.country', value: country })
        : miss(`Country is ${country}`);
    }
    case 'personal_email': {
      const emails = lead.person.emails;
      const personal = emails.length > 0 && emails.every((email) => isPersonalEmailDomain(emailDomain(email) ?? ''));
      return personal ? hit({ field: 'person.emails', value: emails[0] ?? '' }) : miss('Has a work email');
    }
    case 'competitor_domain': {
      const domains = [lead.company.domain, ...lead.person.emails.map(emailDomain)].filter(
        (d): d is string => d !== undefined,
      );
      for (const domain of domains) {
        const match = rule.domains.find((c) => domain === c || domain.endsWith(`.${c}`));
        if (match)
          return hit({ field: domain === lead.company.domain ? 'company.domain' : 'person.emails', value: match });
      }
      return miss('Not a competitor domain');
    }
    case 'behavior':
      return evaluateBehavior(rule, events, now);
  }
}

function evaluateBehavior(rule: BehaviorRule, events: readonly EngagementEvent[], now: number): RuleOutcome {
  const since = rule.withinDays === undefined ? Number.NEGATIVE_INFINITY : now - rule.withinDays * DAY_MS;
  const groups = new Map<string, EngagementEvent[]>();
  for (const event of events) {
    if (event.type !== rule.eventType) continue;
    if (rule.pageCategory !== undefined && event.pageCategory !== rule.pageCategory) continue;
    if (event.occurredAt < since || event.occurredAt > now) continue;
    const key = rule.groupBy === undefined ? '' : String(event.details[rule.groupBy] ?? '');
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  let best: EngagementEvent[] = [];
  for (const group of groups.values()) if (group.length > best.length) best = group;

  const what = describeBehavior(rule);
  const window = rule.withinDays === undefined ? '' : ` in the last ${rule.withinDays} days`;
  if (best.length < rule.minCount) {
    const more = rule.minCount - best.length;
    return miss(`${more} more ${what}${window}${rule.groupBy ? ` (same ${rule.groupBy})` : ''}`);
  }
  const sorted = [...best].sort((a, b) => b.occurredAt - a.occurredAt);
  return {
    fired: true,
    need: '',
    evidence: { eventIds: sorted.map((e) => e.id), count: sorted.length },
    newestAt: sorted[0]?.occurredAt,
  };
}

function describeBehavior(rule: BehaviorRule): string {
  if (rule.eventType === 'page_visit') return `${rule.pageCategory ?? 'any'} page visit${rule.minCount > 1 ? 's' : ''}`;
  return rule.eventType.replaceAll('_', ' ');
}

function describeRange(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}-${max}`;
  if (min !== undefined) return `${min}+`;
  return `at most ${max}`;
}

/** The first keyword found as whole words in `text`, case-insensitive. */
function findKeyword(text: string | undefined, keywords: readonly string[]): string | undefined {
  if (!text) return undefined;
  const haystack = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return keywords.find((k) => haystack.includes(` ${k.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `));
}

function hit(evidence: Evidence): RuleOutcome {
  return { fired: true, evidence, need: '' };
}

function miss(need: string): RuleOutcome {
  return { fired: false, evidence: {}, need };
}

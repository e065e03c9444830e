import { describe, expect, it } from 'vitest';
import { type EngagementEvent, EngagementEventSchema } from '../../../lib/domain/event';
import { PERSONAL_EMAIL_DOMAINS, emailDomain, isPersonalEmailDomain } from '../../../lib/domain/identity';
import { type Lead, LeadSchema } from '../../../lib/domain/lead';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { generateEventsArray, generateLeads } from '../../../lib/demo/generate';
import {
  COMPETITOR_DOMAIN,
  DANA_WHITFIELD,
  JOSE_NUNEZ,
  MARCUS_FELD,
  PERSONAS,
  SIOBHAN_OCONNOR,
  ZOE_MUELLER,
  findPersonaLead,
  personaOf,
} from '../../../lib/demo/personas';
import { PERSONAL_DOMAINS } from '../../../lib/demo/words';
import { scoreLead } from '../../../lib/scoring/score';
import { firstTouchClock, highIntentTriggerAt } from '../../../lib/sla/tiers';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { NOW } from '../../support/factories';

/** The demo set: what "Load sample data" puts in the browser. */
const LEADS = generateLeads({ seed: 1, count: 100, now: NOW });
const EVENTS = generateEventsArray({ seed: 1, leads: LEADS, now: NOW });
const historyOf = (lead: Lead) => EVENTS.filter((e) => e.leadId === lead.id);
const score = (lead: Lead) => scoreLead(DEFAULT_SCORING_MODEL, { lead, events: historyOf(lead), now: NOW });
const firedRules = (lead: Lead) => score(lead).lines.map((line) => line.ruleId);

describe('personas in the demo set (seed 1, 100 leads)', () => {
  it('contains every persona exactly once, as valid leads with valid histories', () => {
    for (const persona of PERSONAS) {
      const matches = LEADS.filter((l) => personaOf(l) === persona);
      expect(matches, persona.name).toHaveLength(1);
      const lead = findPersonaLead(LEADS, persona);
      expect(LeadSchema.parse(lead)).toEqual(lead);
      expect(lead.stage).toBe(persona.stage);
      const history = historyOf(lead);
      expect(history).toHaveLength(persona.history.length);
      for (const e of history) expect(EngagementEventSchema.parse(e)).toEqual(e);
    }
  });

  it('has Dana Whitfield with her fixed identity, as an MQL above the threshold', () => {
    const dana = findPersonaLead(LEADS, DANA_WHITFIELD);
    expect(dana.person).toEqual({
      name: 'Dana Whitfield',
      title: 'VP of Revenue Operations',
      seniority: 'vp',
      emails: ['dana.whitfield@northwind-analytics.com'],
      linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield/',
    });
    expect(dana.company).toEqual({
      name: 'Northwind Analytics',
      domain: 'northwind-analytics.com',
      employees: 220,
      industry: 'Software',
      country: 'US',
    });
    expect(dana.stage).toBe('mql');
    expect(dana.times.mqlAt).toBeGreaterThanOrEqual(dana.times.createdAt);
    expect(dana.times.firstTouchAt).toBeUndefined();

    const result = score(dana);
    expect(result.total).toBeGreaterThanOrEqual(DEFAULT_SCORING_MODEL.threshold);
    expect(result.isMql).toBe(true);
    expect(firedRules(dana)).toEqual(
      expect.arrayContaining(['pricing-visit', 'demo-visit', 'webinar', 'email-opens-3', 'company-size-50-500']),
    );
  });

  it('has Dana on the one-hour tier: a demo request 35 minutes ago, her first touch due within the hour', () => {
    const dana = findPersonaLead(LEADS, DANA_WHITFIELD);
    const triggerAt = highIntentTriggerAt(dana, historyOf(dana), NOW);
    expect(triggerAt).toBe(NOW - 0.6 * 3_600_000);
    const clock = firstTouchClock(dana, DEFAULT_SETTINGS, NOW, triggerAt);
    expect(clock?.tier).toBe('high_intent');
    expect(clock?.status.kind === 'running' && clock.status.remainingBusinessMs).toBeLessThanOrEqual(3_600_000);
  });

  it('gives Dana a rich history: pricing visits, the demo page, a webinar, 3+ opens of one sequence', () => {
    const history = historyOf(findPersonaLead(LEADS, DANA_WHITFIELD));
    const count = (pred: (e: EngagementEvent) => boolean) => history.filter(pred).length;
    expect(count((e) => e.pageCategory === 'pricing')).toBeGreaterThanOrEqual(2);
    expect(count((e) => e.pageCategory === 'demo')).toBeGreaterThanOrEqual(1);
    expect(count((e) => e.type === 'webinar_attended')).toBeGreaterThanOrEqual(1);
    const opens = history.filter((e) => e.type === 'email_opened');
    expect(new Set(opens.map((e) => e.details.sequence)).size).toBe(1);
    expect(opens.length).toBeGreaterThanOrEqual(3);
  });

  it('has a lead at a competitor, whose score the competitor rule sinks', () => {
    const marcus = findPersonaLead(LEADS, MARCUS_FELD);
    expect(marcus.company.domain).toBe(COMPETITOR_DOMAIN);
    expect(firedRules(marcus)).toContain('competitor');
    expect(score(marcus).isMql).toBe(false);
  });

  it('has a student, caught by the student-or-job-seeker rule', () => {
    const zoe = findPersonaLead(LEADS, ZOE_MUELLER);
    expect(zoe.person.name).toBe('Zoë Müller');
    expect(firedRules(zoe)).toContain('student-or-job-seeker');
  });

  it('has a lead with a personal email only', () => {
    const jose = findPersonaLead(LEADS, JOSE_NUNEZ);
    expect(jose.person.emails.length).toBeGreaterThan(0);
    for (const email of jose.person.emails) expect(isPersonalEmailDomain(emailDomain(email) ?? '')).toBe(true);
    expect(jose.company.domain).toBeUndefined();
    expect(firedRules(jose)).toContain('personal-email');
  });

  it('has an outbound prospect known only by LinkedIn, with no history', () => {
    const siobhan = findPersonaLead(LEADS, SIOBHAN_OCONNOR);
    expect(siobhan.person.emails).toEqual([]);
    expect(siobhan.person.linkedinUrl).toBe(SIOBHAN_OCONNOR.linkedinUrl);
    expect(historyOf(siobhan)).toEqual([]);
  });

  it('also has generated leads above the threshold, and the usual negatives beyond the personas', () => {
    const others = LEADS.filter((l) => personaOf(l) === undefined);
    expect(others.filter((l) => score(l).isMql).length).toBeGreaterThan(3);
    expect(others.some((l) => l.person.emails.length === 0)).toBe(true);
  });

  it('puts the personas in every seed’s set, with the same identities', () => {
    const other = generateLeads({ seed: 99, count: 20, now: NOW });
    for (const persona of PERSONAS) {
      const a = findPersonaLead(LEADS, persona);
      const b = findPersonaLead(other, persona);
      expect({ ...b, id: a.id }).toEqual(a);
    }
  });

  it('keeps the most telling events first when fewer are asked for', () => {
    const dana = findPersonaLead(LEADS, DANA_WHITFIELD);
    const two = generateEventsArray({ seed: 1, leads: [dana], eventsPerLead: 2, now: NOW });
    // Her demo request, then her latest pricing visit.
    expect(two.map((e) => e.type)).toEqual(expect.arrayContaining(['demo_requested', 'page_visit']));
    expect(two.find((e) => e.type === 'page_visit')?.pageCategory).toBe('pricing');
  });

  it('throws a clear error for a missing persona', () => {
    expect(() => findPersonaLead([], DANA_WHITFIELD)).toThrow(/Dana Whitfield/);
  });
});

describe('constants that must agree with lib/domain', () => {
  it('uses the default model’s competitor domain', () => {
    const rule = DEFAULT_SCORING_MODEL.rules.find((r) => r.kind === 'competitor_domain');
    expect(rule?.kind === 'competitor_domain' ? rule.domains : []).toContain(COMPETITOR_DOMAIN);
  });

  it('draws personal emails only from known free-mail providers', () => {
    for (const domain of PERSONAL_DOMAINS) expect(PERSONAL_EMAIL_DOMAINS).toContain(domain);
  });
});

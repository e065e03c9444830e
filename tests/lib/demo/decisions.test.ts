import { decodeTime } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { generateDecisions, leadDecisions } from '../../../lib/demo/decisions';
import { generateEventsArray, generateLeads } from '../../../lib/demo/generate';
import { findPersonaLead, PERSONAS } from '../../../lib/demo/personas';
import { ActivitySchema } from '../../../lib/domain/activity';
import { allowsOutcome } from '../../../lib/domain/activity-outcomes';
import { type Disposition, DispositionSchema } from '../../../lib/domain/disposition';
import type { EngagementEvent } from '../../../lib/domain/event';
import type { Lead } from '../../../lib/domain/lead';
import { REJECTION_REASON_CODES, rejectionReason } from '../../../lib/domain/reasons';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { acceptanceByScore, conversionBand, funnel } from '../../../lib/metrics';
import { AFTER_SQL_STAGE } from '../../../lib/qualification/after-sql';
import { dealInForce, decisionInForce, verdictInForce } from '../../../lib/qualification/decide';
import { type TransitionOptions, transition } from '../../../lib/qualification/stages';
import { NOW } from '../../support/factories';

const LEADS = generateLeads({ seed: 2026, count: 6000, now: NOW });
const { dispositions: DISPOSITIONS, activities: ACTIVITIES } = generateDecisions({ seed: 2026, leads: LEADS });
const BY_LEAD = new Map<string, Disposition[]>();
for (const d of DISPOSITIONS) BY_LEAD.set(d.leadId, [...(BY_LEAD.get(d.leadId) ?? []), d]);
const historyOf = (lead: Lead) => BY_LEAD.get(lead.id) ?? [];
const ACCEPTED_STAGES: readonly Lead['stage'][] = ['sql', 'opportunity', 'customer'];

/**
 * Replays a lead's decisions through the stage machine from where it stood before sales
 * saw it: every decision must be a move the app itself would allow, and the replay must
 * end at the lead's stage.
 */
function replay(lead: Lead, history: readonly Disposition[]): Lead {
  const start: Lead = { ...lead, stage: lead.times.mqlAt === undefined ? 'lead' : 'mql' };
  const before = new Map<string, Lead>();
  let current = start;
  for (const d of history) {
    if (d.decision === 'withdrawn') {
      current = before.get(d.withdraws ?? '') ?? current;
      continue;
    }
    before.set(d.id, current);
    const options: TransitionOptions = { at: d.occurredAt ?? d.decidedAt };
    if (d.decision === 'accepted_sql') options.route = d.route;
    if (d.outcome?.kind === 'recycled') options.revisitAt = d.outcome.revisitAt;
    const to =
      d.decision === 'accepted_sql'
        ? 'sql'
        : d.decision === 'rejected'
          ? (d.outcome?.kind ?? 'recycled')
          : AFTER_SQL_STAGE[d.decision];
    current = transition(current, to, options);
  }
  return current;
}

describe('generateDecisions', () => {
  it('makes dispositions and activities the schemas accept unchanged', () => {
    for (const d of DISPOSITIONS) expect(DispositionSchema.parse(d)).toEqual(d);
    for (const a of ACTIVITIES) expect(ActivitySchema.parse(a)).toEqual(a);
  });

  it('gives every touch an outcome its kind allows (lib/domain ACTIVITY_OUTCOMES_BY_KIND)', () => {
    const refused = ACTIVITIES.filter((a) => !allowsOutcome(a.kind, a.outcome)).map((a) => `${a.kind}/${a.outcome}`);
    expect(refused).toEqual([]);
    expect(new Set(ACTIVITIES.map((a) => a.kind)).size).toBeGreaterThan(1);
  });

  it('is deterministic, and a lead’s decisions depend only on the seed and the lead', () => {
    const some = LEADS.slice(0, 300);
    const a = generateDecisions({ seed: 5, leads: some });
    expect(generateDecisions({ seed: 5, leads: some })).toEqual(a);
    expect(generateDecisions({ seed: 6, leads: some })).not.toEqual(a);
    const last = some.at(-1) as Lead;
    const alone = leadDecisions(5, last);
    expect(alone.dispositions).toEqual(a.dispositions.filter((d) => d.leadId === last.id));
    expect(alone.activities).toEqual(a.activities.filter((x) => x.leadId === last.id));
    expect(() => generateDecisions({ seed: Number.NaN, leads: some })).toThrow(RangeError);
  });

  it('decides exactly the leads past mql, with a history the stage machine allows and that ends at their stage', () => {
    const wrong: string[] = [];
    for (const lead of LEADS) {
      const history = historyOf(lead);
      const inForce = verdictInForce(history);
      // A lead recycled after SQL lost its deal: still accepted.
      const expected =
        ACCEPTED_STAGES.includes(lead.stage) || (lead.stage === 'recycled' && lead.times.sqlAt !== undefined)
          ? 'accepted_sql'
          : lead.stage === 'recycled' || lead.stage === 'disqualified'
            ? 'rejected'
            : undefined;
      if (inForce?.decision !== expected) wrong.push(`${lead.id} (${lead.stage}): ${inForce?.decision}`);
      if (history.length === 0) continue;
      try {
        const end = replay(lead, history);
        if (end.stage !== lead.stage) wrong.push(`${lead.id}: replay ends at ${end.stage}, lead is ${lead.stage}`);
        if (JSON.stringify(end.times) !== JSON.stringify({ ...lead.times, ...end.times }))
          wrong.push(`${lead.id}: replay stamps differ from the lead's`);
      } catch (error) {
        wrong.push(`${lead.id}: ${(error as Error).message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('dates decisions at the lead’s stage times, by its owner, ids in decision order', () => {
    const wrong: string[] = [];
    for (const lead of LEADS) {
      const history = historyOf(lead);
      const inForce = verdictInForce(history);
      if (!inForce) continue;
      const { times } = lead;
      const at = inForce.decision === 'accepted_sql' ? times.sqlAt : (times.recycledAt ?? times.disqualifiedAt);
      if (inForce.decidedAt !== at) wrong.push(`${lead.id}: decided at ${inForce.decidedAt}, stage time ${at}`);
      if (
        inForce.route !==
        (times.mqlAt === undefined
          ? lead.source === 'Outbound'
            ? 'direct_outbound'
            : 'direct_inbound'
          : 'mql_handoff')
      )
        wrong.push(`${lead.id}: route ${inForce.route}`);
      const latest = decisionInForce(history);
      if (latest?.outcome?.kind === 'recycled' && latest.outcome.revisitAt !== lead.revisitAt)
        wrong.push(`${lead.id}: revisit date differs from the lead's`);
      // Reached SQL before it was sent back: the acceptance is in the history.
      if (
        inForce.decision === 'rejected' &&
        times.sqlAt !== undefined &&
        !history.some((d) => d.decision === 'accepted_sql' && d.decidedAt === times.sqlAt)
      )
        wrong.push(`${lead.id}: no acceptance at sqlAt`);
      for (const d of history) {
        if (d.decidedBy !== lead.owner) wrong.push(`${d.id}: decided by ${d.decidedBy}, owner ${lead.owner}`);
        if (d.decidedAt < times.createdAt || d.decidedAt > NOW) wrong.push(`${d.id}: outside the lead's life`);
        if (decodeTime(d.id) !== d.decidedAt) wrong.push(`${d.id}: id not dated by decidedAt`);
      }
      const ids = history.map((d) => d.id);
      if (ids.join() !== [...ids].sort().join()) wrong.push(`${lead.id}: ids out of order`);
    }
    expect(wrong).toEqual([]);
    expect(new Set(DISPOSITIONS.map((d) => d.id)).size).toBe(DISPOSITIONS.length);
  });

  it('records what became of each SQL at its stage times: opportunities, wins, and deals lost with a reason', () => {
    const wrong: string[] = [];
    for (const lead of LEADS.filter((l) => l.times.sqlAt !== undefined)) {
      const { opportunity, close } = dealInForce(historyOf(lead));
      const { times } = lead;
      if (opportunity?.occurredAt !== times.opportunityAt)
        wrong.push(`${lead.id}: opportunity ${opportunity?.occurredAt}`);
      const expected =
        lead.stage === 'customer'
          ? ['won', times.customerAt]
          : lead.stage === 'recycled'
            ? ['lost', times.recycledAt]
            : [];
      const got = close ? [close.decision, close.occurredAt] : [];
      if (lead.stage !== 'disqualified' && JSON.stringify(got) !== JSON.stringify(expected))
        wrong.push(`${lead.id} (${lead.stage}): close ${got.join(' ')}`);
      if (close?.decision === 'lost' && close.lostReason === 'other' && close.note === '')
        wrong.push(`${lead.id}: "other" without a note`);
    }
    expect(wrong).toEqual([]);
    const closes = DISPOSITIONS.filter((d) => d.decision === 'won' || d.decision === 'lost');
    expect(closes.filter((d) => d.decision === 'won').length).toBeGreaterThan(0);
    expect(new Set(closes.flatMap((d) => (d.lostReason ? [d.lostReason] : []))).size).toBeGreaterThan(5);
  });

  it('gives reasons that fit the lead: competitors, students, and each reason’s usual outcome', () => {
    const rejections = DISPOSITIONS.filter((d) => d.decision === 'rejected');
    const reasonOf = (lead: Lead) => decisionInForce(historyOf(lead))?.reason;
    for (const lead of LEADS.filter((l) => l.stage === 'disqualified')) {
      if (lead.company.domain === 'competitor.example') expect(reasonOf(lead)).toBe('competitor');
      if (lead.person.seniority === 'student') expect(reasonOf(lead)).toBe('student_or_job_seeker');
    }
    for (const d of rejections) {
      expect(d.outcome?.kind, `${d.id} ${d.reason}`).toBe(rejectionReason(d.reason ?? 'other').defaultOutcome);
      if (d.reason === 'other') expect(d.note).not.toBe('');
    }
    expect(new Set(rejections.map((d) => d.reason))).toEqual(new Set(REJECTION_REASON_CODES));
    // No single reason dominates marketing's feedback.
    const counts = REJECTION_REASON_CODES.map((code) => rejections.filter((d) => d.reason === code).length);
    expect(Math.max(...counts) / rejections.length).toBeLessThan(0.25);
  });

  it('has a few overrides, and a few mis-clicks withdrawn within the 8-second undo and decided again', () => {
    const acceptances = DISPOSITIONS.filter((d) => d.decision === 'accepted_sql');
    const overrides = acceptances.filter((d) => d.override);
    expect(overrides.length / acceptances.length).toBeGreaterThan(0.04);
    expect(overrides.length / acceptances.length).toBeLessThan(0.2);
    for (const d of overrides) expect(d.override?.note).not.toBe('');

    const withdrawals = DISPOSITIONS.filter((d) => d.decision === 'withdrawn');
    const decided = LEADS.filter((l) => historyOf(l).length > 0).length;
    expect(withdrawals.length / decided).toBeGreaterThan(0.02);
    expect(withdrawals.length / decided).toBeLessThan(0.12);
    for (const w of withdrawals) {
      const history = BY_LEAD.get(w.leadId) ?? [];
      const undone = history.find((d) => d.id === w.withdraws);
      expect(undone).toBeDefined();
      expect(w.decidedAt - (undone?.decidedAt ?? 0)).toBeLessThanOrEqual(8_000);
      // The decision that stands came after, and is a different one.
      const inForce = decisionInForce(history);
      expect(inForce?.decidedAt).toBeGreaterThan(w.decidedAt);
      expect([inForce?.decision, inForce?.reason]).not.toEqual([undone?.decision, undone?.reason]);
    }
  });

  it('logs one first touch per touched lead, at firstTouchAt, with an outcome that fits what followed', () => {
    const touched = LEADS.filter((l) => l.times.firstTouchAt !== undefined);
    expect(ACTIVITIES).toHaveLength(touched.length);
    const byLead = new Map(ACTIVITIES.map((a) => [a.leadId, a]));
    const wrong: string[] = [];
    for (const lead of touched) {
      const touch = byLead.get(lead.id);
      const reason = decisionInForce(historyOf(lead))?.reason;
      if (!touch) {
        wrong.push(`${lead.id}: no touch`);
        continue;
      }
      if (touch.occurredAt !== lead.times.firstTouchAt) wrong.push(`${lead.id}: touch not at firstTouchAt`);
      if (touch.loggedBy !== lead.owner) wrong.push(`${lead.id}: logged by ${touch.loggedBy}`);
      if (touch.kind !== 'call' && (lead.source !== 'Outbound' || touch.outcome !== 'sent'))
        wrong.push(`${lead.id}: ${touch.kind} ${touch.outcome} from ${lead.source}`);
      if (touch.kind === 'email' && lead.person.emails.length === 0) wrong.push(`${lead.id}: email without an address`);
      if (touch.kind === 'call') {
        if (lead.times.sqlAt !== undefined && touch.outcome !== 'connected') wrong.push(`${lead.id}: SQL not reached`);
        // An SQL that went quiet later was reached at first; only a lead never reached was unresponsive from the start.
        if (
          lead.times.sqlAt === undefined &&
          reason === 'unresponsive' &&
          !['no_answer', 'voicemail'].includes(touch.outcome)
        )
          wrong.push(`${lead.id}: unresponsive but ${touch.outcome}`);
        if (reason === 'invalid_contact' && touch.outcome !== 'wrong_contact')
          wrong.push(`${lead.id}: invalid contact but ${touch.outcome}`);
        if ((touch.durationSeconds !== undefined) === (touch.outcome === 'no_answer'))
          wrong.push(`${lead.id}: duration ${touch.durationSeconds} for ${touch.outcome}`);
      }
      if (touch.nextStep && (lead.stage !== 'mql' || touch.nextStep.dueAt <= touch.occurredAt))
        wrong.push(`${lead.id}: next step on a ${lead.stage}`);
    }
    expect(wrong).toEqual([]);
    const outcomes = new Set(ACTIVITIES.map((a) => `${a.kind}:${a.outcome}`));
    for (const seen of ['call:connected', 'call:voicemail', 'call:no_answer', 'call:not_interested', 'email:sent'])
      expect(outcomes).toContain(seen);
  });

  it('gives the personas no decisions (the end-to-end tests make them), Siobhán her scripted touch', () => {
    const demo = generateLeads({ seed: 1, count: 100, now: NOW });
    const { dispositions, activities } = generateDecisions({ seed: 1, leads: demo });
    for (const persona of PERSONAS) {
      const lead = findPersonaLead(demo, persona);
      expect(
        dispositions.filter((d) => d.leadId === lead.id),
        persona.name,
      ).toEqual([]);
      const touches = activities.filter((a) => a.leadId === lead.id);
      expect(
        touches.map((a) => a.occurredAt),
        persona.name,
      ).toEqual(lead.times.firstTouchAt === undefined ? [] : [lead.times.firstTouchAt]);
    }
  });
});

describe('the demo set on the dashboard', () => {
  const events = generateEventsArray({ seed: 2026, leads: LEADS, now: NOW });
  const eventsByLead = new Map<string, EngagementEvent[]>();
  for (const e of events) eventsByLead.set(e.leadId, [...(eventsByLead.get(e.leadId) ?? []), e]);
  const input = {
    leads: LEADS,
    dispositions: DISPOSITIONS,
    eventsOf: (id: string) => eventsByLead.get(id) ?? [],
    settings: DEFAULT_SETTINGS,
    now: NOW,
  };

  it('converts MQLs to SQLs in the healthy band, direct SQLs apart', () => {
    const f = funnel(input);
    expect(conversionBand(f.mqlToSql.rate)).toBe('healthy');
    expect(f.directSqls.count).toBeGreaterThan(0);
    expect(f.pending.count).toBeGreaterThan(0);
  });

  it('shows sales accepting high scores and fitting leads more often', () => {
    const a = acceptanceByScore(input);
    expect(a.atOrAboveThreshold.rate ?? 0).toBeGreaterThan((a.belowThreshold.rate ?? 0) + 0.1);
    const lift = (id: string) => a.rules.find((r) => r.ruleId === id)?.lift ?? 0;
    expect(lift('company-size-50-500')).toBeGreaterThan(0.05);
    expect(lift('title-manager-plus')).toBeGreaterThan(0.05);
  });
});

import type { Activity } from '../domain/activity';
import type { Disposition } from '../domain/disposition';
import type { ActivityKind, ActivityOutcome, RejectionOutcome, Route } from '../domain/enums';
import type { Lead } from '../domain/lead';
import { LOST_REASON_CODES, type LostReasonCode } from '../domain/lost-reasons';
import { REJECTION_REASONS, type RejectionReasonCode } from '../domain/reasons';
import { SEEKER_TITLE } from './events';
import { DAY, MINUTE } from './leads';
import { COMPETITOR_DOMAIN, REPS } from './personas';
import { Random, type Weighted, hashString, mix32, seedFrom, weights } from './random';
import { ulidAt } from './ulid';
import { LOST_NOTES, NEXT_STEPS, OVERRIDE_NOTES, REJECTION_NOTES, TOUCH_NOTES } from './words';

/** What sales did with some leads: decisions (append-only, withdrawals included) and first touches. */
export interface Decisions {
  /** Each lead's dispositions in the order they were made; leads in input order. */
  dispositions: Disposition[];
  /** One first touch per lead that has `times.firstTouchAt`, at exactly that time. */
  activities: Activity[];
}

export interface GenerateDecisionsOptions {
  /** Same seed and leads, same decisions. */
  seed: number;
  leads: readonly Lead[];
}

/** Share of acceptances below the written SQL bar, with the rep's override note. */
const OVERRIDE_RATE = 0.1;
/** Share of final decisions that came after a mis-click the rep undid at once. */
const UNDO_RATE = 0.06;
/** Share of rejections with a note (reason `other` always has one). */
const NOTE_RATE = 0.5;

const RECYCLE_REASONS = REJECTION_REASONS.filter((r) => r.defaultOutcome === 'recycled').map((r) => r.code);
const DISQUALIFY_REASONS = REJECTION_REASONS.filter((r) => r.defaultOutcome === 'disqualified').map((r) => r.code);
const REVISIT_DAYS = new Map<RejectionReasonCode, number>(REJECTION_REASONS.map((r) => [r.code, r.revisitDays]));

// Reason mixes in RECYCLE_REASONS order: no_budget, no_authority, no_need, bad_timing, wrong_persona, unresponsive, other.
/** After a conversation: money and timing lead, as in most teams' reports. */
const RECYCLE_TALKED = weights(RECYCLE_REASONS, [22, 12, 16, 24, 6, 8, 4]);
/** An individual contributor: more often no authority or the wrong persona. */
const RECYCLE_JUNIOR = weights(RECYCLE_REASONS, [12, 26, 10, 12, 22, 6, 4]);
/** Nobody ever answered: unresponsive, or judged on paper. */
const RECYCLE_UNTOUCHED = weights(RECYCLE_REASONS, [0, 0, 8, 0, 24, 64, 4]);
// DISQUALIFY_REASONS order: company_not_fit, competitor, student_or_job_seeker, existing_customer, duplicate, invalid_contact.
const DISQUALIFY_TALKED = weights(DISQUALIFY_REASONS, [44, 0, 0, 20, 18, 18]);
const DISQUALIFY_UNTOUCHED = weights(DISQUALIFY_REASONS, [30, 0, 0, 10, 20, 40]);
const DISQUALIFY_AFTER_SQL = weights(DISQUALIFY_REASONS, [60, 0, 0, 30, 10, 0]);
// LOST_REASON_CODES order: price, budget, competitor, no_decision, timing, product_fit, champion_left, unresponsive, other.
/** Deals lost: no decision and competitors lead, as in most win-loss reviews. */
const LOST_MIX = weights(LOST_REASON_CODES, [16, 12, 18, 22, 14, 8, 4, 4, 2]);

/** The PRNG of a lead's decisions: a sub-stream of its own, so adding decisions shifts none of its events. */
function decisionRandom(seed: number, lead: Pick<Lead, 'id'>): Random {
  return new Random(mix32(seedFrom(seed) ^ hashString(`decisions:${lead.id}`)));
}

/**
 * Decisions and first touches consistent with each lead's stage and stage times, so the
 * dashboard has something true to show: an SQL, opportunity or customer was accepted at
 * `sqlAt` (route `mql_handoff` after an MQL, direct otherwise; a few with an override
 * note), then had its opportunity recorded at `opportunityAt` and its win at `customerAt`;
 * a lead recycled after SQL lost its deal (a lost reason, back to nurture at `recycledAt`);
 * a disqualified or otherwise recycled lead was rejected at `disqualifiedAt` / `recycledAt`
 * with a reason that fits it (a competitor, a student, a junior title, nobody answering),
 * after an acceptance when it had reached SQL; a few final decisions follow a mis-click
 * the rep withdrew seconds later. Leads in `lead` and `mql` have no decision (the personas
 * among them stay undecided). Every lead with `times.firstTouchAt` gets that touch: a call
 * for an MQL, a call or a message for an outbound prospect, its outcome fitting what
 * followed. Deterministic: a lead's decisions depend on the seed and its id only.
 */
export function generateDecisions({ seed, leads }: GenerateDecisionsOptions): Decisions {
  seedFrom(seed);
  const dispositions: Disposition[] = [];
  const activities: Activity[] = [];
  for (const lead of leads) {
    const one = leadDecisions(seed, lead);
    dispositions.push(...one.dispositions);
    activities.push(...one.activities);
  }
  return { dispositions, activities };
}

/** {@link generateDecisions} for one lead. */
export function leadDecisions(seed: number, lead: Lead): Decisions {
  const rng = decisionRandom(seed, lead);
  const { times } = lead;
  const by = lead.owner ?? REPS[0];
  const route: Route =
    times.mqlAt !== undefined ? 'mql_handoff' : lead.source === 'Outbound' ? 'direct_outbound' : 'direct_inbound';
  const dispositions: Disposition[] = [];

  const base = (at: number) => ({
    id: ulidAt(at, rng),
    leadId: lead.id,
    route,
    note: '',
    decidedBy: by,
    decidedAt: at,
  });
  const acceptance = (at: number): Disposition => {
    const d: Disposition = { ...base(at), decision: 'accepted_sql' };
    if (rng.chance(OVERRIDE_RATE)) d.override = { note: rng.pick(OVERRIDE_NOTES) };
    return d;
  };
  const rejection = (at: number, reason: RejectionReasonCode, outcome: RejectionOutcome, revisitAt?: number) => {
    const d: Disposition = {
      ...base(at),
      decision: 'rejected',
      reason,
      outcome:
        outcome === 'recycled'
          ? { kind: 'recycled', revisitAt: revisitAt ?? at + (REVISIT_DAYS.get(reason) ?? 90) * DAY }
          : { kind: 'disqualified' },
    };
    if (reason === 'other' || rng.chance(NOTE_RATE)) d.note = rng.pick(REJECTION_NOTES[reason]);
    return d;
  };
  /** The final decision at `at`, sometimes after a wrong click withdrawn within the 8 s undo. */
  const final = (at: number, decision: Disposition) => {
    if (rng.chance(UNDO_RATE)) {
      const wrongAt = at - rng.int(MINUTE, 10 * MINUTE);
      const wrong =
        decision.decision === 'rejected'
          ? rejection(wrongAt, otherReason(rng, decision.reason), 'recycled')
          : rejection(wrongAt, rng.weighted(RECYCLE_TALKED), 'recycled');
      const undoAt = wrongAt + rng.int(2_000, 7_000);
      dispositions.push(wrong, { ...base(undoAt), decision: 'withdrawn', withdraws: wrong.id });
    }
    dispositions.push(decision);
  };

  /** What became of the SQL, recorded the day it happened (issue 17, "After SQL"). */
  const afterSql = (decision: 'opportunity' | 'won', at: number): Disposition => ({
    ...base(at),
    decision,
    occurredAt: at,
  });

  let reason: RejectionReasonCode | undefined;
  if (times.sqlAt !== undefined) {
    const accepted = acceptance(times.sqlAt);
    if (lead.stage === 'sql' || lead.stage === 'opportunity' || lead.stage === 'customer') final(times.sqlAt, accepted);
    else dispositions.push(accepted);
  }
  if (times.sqlAt !== undefined && times.opportunityAt !== undefined) {
    dispositions.push(afterSql('opportunity', times.opportunityAt));
  }
  if (lead.stage === 'customer' && times.customerAt !== undefined) dispositions.push(afterSql('won', times.customerAt));
  if (lead.stage === 'recycled' && times.recycledAt !== undefined && times.sqlAt !== undefined) {
    // Accepted, then the deal went nowhere: lost, with why, and back to nurture.
    dispositions.push(lost(rng, base(times.recycledAt), lead.revisitAt ?? times.recycledAt + 180 * DAY));
  } else if (lead.stage === 'recycled' && times.recycledAt !== undefined) {
    reason = recycleReason(rng, lead);
    final(times.recycledAt, rejection(times.recycledAt, reason, 'recycled', lead.revisitAt));
  }
  if (lead.stage === 'disqualified' && times.disqualifiedAt !== undefined) {
    reason = disqualifyReason(rng, lead);
    final(times.disqualifiedAt, rejection(times.disqualifiedAt, reason, 'disqualified'));
  }

  const touch = times.firstTouchAt === undefined ? undefined : firstTouch(rng, lead, times.firstTouchAt, by, reason);
  return { dispositions, activities: touch ? [touch] : [] };
}

/** A lost deal at `base.decidedAt`, with a reason from the usual mix and, for some, a note. */
function lost(
  rng: Random,
  base: Pick<Disposition, 'id' | 'leadId' | 'route' | 'note' | 'decidedBy' | 'decidedAt'>,
  revisitAt: number,
): Disposition {
  const reason: LostReasonCode = rng.weighted(LOST_MIX);
  return {
    ...base,
    decision: 'lost',
    occurredAt: base.decidedAt,
    lostReason: reason,
    outcome: { kind: 'recycled', revisitAt },
    note: reason === 'other' || rng.chance(NOTE_RATE) ? rng.pick(LOST_NOTES[reason]) : '',
  };
}

function isJunior(lead: Lead): boolean {
  return (
    lead.person.seniority === 'individual_contributor' ||
    /\b(coordinator|associate|specialist|representative)\b/i.test(lead.person.title ?? '')
  );
}

function isSeeker(lead: Lead): boolean {
  return lead.person.seniority === 'student' || SEEKER_TITLE.test(lead.person.title ?? '');
}

function recycleReason(rng: Random, lead: Lead): RejectionReasonCode {
  if (lead.times.firstTouchAt === undefined) return rng.weighted(RECYCLE_UNTOUCHED);
  return rng.weighted(isJunior(lead) ? RECYCLE_JUNIOR : RECYCLE_TALKED);
}

function disqualifyReason(rng: Random, lead: Lead): RejectionReasonCode {
  if (lead.company.domain === COMPETITOR_DOMAIN) return 'competitor';
  if (isSeeker(lead)) return 'student_or_job_seeker';
  if (lead.times.sqlAt !== undefined) return rng.weighted(DISQUALIFY_AFTER_SQL);
  return rng.weighted(lead.times.firstTouchAt === undefined ? DISQUALIFY_UNTOUCHED : DISQUALIFY_TALKED);
}

/** A recycle reason other than `reason`: the one the rep clicked by mistake. */
function otherReason(rng: Random, reason: RejectionReasonCode | undefined): RejectionReasonCode {
  const choices: Weighted<RejectionReasonCode> = RECYCLE_TALKED.filter(([code]) => code !== reason && code !== 'other');
  return rng.weighted(choices);
}

/**
 * The lead's first touch, at `firstTouchAt`. Its outcome agrees with what came after: a
 * lead that reached SQL was reached (the imported history logs that call as connected), an
 * unresponsive one was not, an invalid contact was the wrong number.
 */
function firstTouch(
  rng: Random,
  lead: Lead,
  at: number,
  by: string,
  reason: RejectionReasonCode | undefined,
): Activity {
  const outbound = lead.source === 'Outbound';
  const hasEmail = lead.person.emails.length > 0;
  const kind: ActivityKind = !outbound || rng.chance(0.5) ? 'call' : hasEmail ? 'email' : 'linkedin_message';
  let outcome: ActivityOutcome;
  if (kind !== 'call') outcome = 'sent';
  else if (lead.times.sqlAt !== undefined) outcome = 'connected';
  else if (reason === 'unresponsive') outcome = rng.chance(0.5) ? 'no_answer' : 'voicemail';
  else if (reason === 'invalid_contact') outcome = 'wrong_contact';
  else if (reason !== undefined) outcome = rng.chance(0.7) ? 'connected' : 'not_interested';
  else outcome = rng.weighted(TOUCH_MIX);

  const activity: Activity = {
    id: ulidAt(at, rng),
    leadId: lead.id,
    kind,
    outcome,
    notes: rng.pick(TOUCH_NOTES[outcome] ?? ['']),
    criteriaUpdates: [],
    occurredAt: at,
    loggedBy: by,
  };
  const seconds = DURATION_SECONDS[outcome];
  if (kind === 'call' && seconds) activity.durationSeconds = rng.int(seconds[0], seconds[1]);
  // An MQL touched and still waiting for a verdict has a follow-up on the rep's list.
  if (lead.stage === 'mql' && rng.chance(0.8)) {
    activity.nextStep = { action: rng.pick(NEXT_STEPS), dueAt: at + rng.int(DAY, 3 * DAY) };
  }
  return activity;
}

/** First calls to an MQL still waiting for a verdict: about half reach the person. */
const TOUCH_MIX: Weighted<ActivityOutcome> = [
  ['connected', 45],
  ['voicemail', 30],
  ['no_answer', 25],
];

/** How long a call with this outcome lasts, in seconds; none when nobody picked up. */
const DURATION_SECONDS: Partial<Record<ActivityOutcome, readonly [number, number]>> = {
  connected: [5 * 60, 35 * 60],
  voicemail: [20, 75],
  not_interested: [60, 5 * 60],
  wrong_contact: [20, 90],
};

import { describe, expect, it } from 'vitest';
import { type Disposition, DispositionSchema } from '../../../lib/domain/disposition';
import { DEFAULT_SQL_CRITERIA, emptyQualification, type Qualification } from '../../../lib/domain/qualification';
import {
  DecisionError,
  decide,
  decisionInForce,
  reopen,
  stageBeforeDecision,
  suggestedOutcome,
  withdraw,
} from '../../../lib/qualification/decide';
import { IllegalTransitionError } from '../../../lib/qualification/stages';
import { DAY, makeLead, NOW } from '../../support/factories';

const REP = 'maya.chen@brightwave.example';
const mql = makeLead({ stage: 'mql', times: { createdAt: NOW - 20 * DAY, mqlAt: NOW - 2 * DAY } });

function checklist(leadId: string, statuses: Record<string, Qualification['criteria'][string]['status']>) {
  const q = emptyQualification(leadId, 'bant', NOW - DAY);
  for (const [key, status] of Object.entries(statuses)) q.criteria[key] = { status, evidence: `${key} evidence` };
  return q;
}
const meetsBar = checklist(mql.id, {
  budget: 'confirmed',
  need: 'confirmed',
  timeline: 'confirmed',
  authority: 'confirmed',
});
const options = (qualification: Qualification | undefined) => ({
  qualification,
  criteria: DEFAULT_SQL_CRITERIA,
  framework: 'bant' as const,
  by: REP,
  at: NOW,
});

describe('decide: accept', () => {
  it('accepts an MQL that meets the bar on the handoff route, stamping sqlAt', () => {
    const { disposition, lead, bar } = decide(mql, { kind: 'accept' }, options(meetsBar));
    expect(bar.meets).toBe(true);
    expect(lead.stage).toBe('sql');
    expect(lead.times).toMatchObject({ mqlAt: NOW - 2 * DAY, sqlAt: NOW });
    expect(DispositionSchema.parse({ id: '01J0000000000000000000000A', ...disposition })).toMatchObject({
      decision: 'accepted_sql',
      route: 'mql_handoff',
      decidedBy: REP,
      decidedAt: NOW,
    });
    expect(disposition.override).toBeUndefined();
  });

  it('refuses to accept below the bar without an override, saying what is missing', () => {
    const partial = checklist(mql.id, { need: 'confirmed' });
    expect(() => decide(mql, { kind: 'accept' }, options(partial))).toThrow(DecisionError);
    expect(() => decide(mql, { kind: 'accept', overrideNote: '   ' }, options(partial))).toThrow(
      'Below the SQL bar (Needs Budget confirmed, Authority confirmed, Timeline confirmed). Accepting anyway needs an override with a note saying why.',
    );
  });

  it('accepts below the bar with an override note, and records it', () => {
    const { disposition } = decide(
      mql,
      { kind: 'accept', overrideNote: 'CFO asked for a demo this week' },
      options(undefined),
    );
    expect(disposition.override).toEqual({ note: 'CFO asked for a demo this week' });
  });

  it('a failed criterion blocks acceptance even when the required ones are met', () => {
    const failedBudget = checklist(mql.id, {
      need: 'confirmed',
      timeline: 'confirmed',
      authority: 'confirmed',
      budget: 'failed',
    });
    expect(() => decide(mql, { kind: 'accept' }, options(failedBudget))).toThrow('Budget failed');
  });

  it('direct-to-SQL: a lead that never was an MQL needs a direct route', () => {
    const outbound = makeLead({ stage: 'lead' });
    const q = checklist(outbound.id, {
      budget: 'confirmed',
      need: 'confirmed',
      timeline: 'confirmed',
      authority: 'confirmed',
    });
    expect(() => decide(outbound, { kind: 'accept' }, options(q))).toThrow(IllegalTransitionError);
    expect(() => decide(outbound, { kind: 'accept', route: 'mql_handoff' }, options(q))).toThrow(
      'route mql_handoff needs an MQL',
    );
    const { lead, disposition } = decide(outbound, { kind: 'accept', route: 'direct_outbound' }, options(q));
    expect(lead.stage).toBe('sql');
    expect(lead.times.mqlAt).toBeUndefined();
    expect(disposition.route).toBe('direct_outbound');
  });

  it('an MQL is never accepted as "direct", and an SQL cannot be accepted again', () => {
    expect(() => decide(mql, { kind: 'accept', route: 'direct_inbound' }, options(meetsBar))).toThrow(
      'an MQL accepted by sales is an mql_handoff',
    );
    const sql = decide(mql, { kind: 'accept' }, options(meetsBar)).lead;
    expect(() => decide(sql, { kind: 'accept' }, options(meetsBar))).toThrow('the lead is already sql');
  });
});

describe('decide: reject', () => {
  it('recycles with the revisit date and a reason; the route says the lead came through marketing', () => {
    const revisitAt = NOW + 90 * DAY;
    const { disposition, lead } = decide(
      mql,
      { kind: 'reject', reason: 'bad_timing', outcome: { kind: 'recycled', revisitAt }, note: 'Budget cycle in Q3' },
      options(undefined),
    );
    expect(lead).toMatchObject({ stage: 'recycled', revisitAt, times: { recycledAt: NOW } });
    expect(disposition).toMatchObject({
      decision: 'rejected',
      reason: 'bad_timing',
      route: 'mql_handoff',
      outcome: { kind: 'recycled', revisitAt },
      note: 'Budget cycle in Q3',
    });
  });

  it('disqualifies; "other" needs a note (the schema says which field)', () => {
    const { lead, disposition } = decide(
      mql,
      { kind: 'reject', reason: 'other', outcome: { kind: 'disqualified' } },
      options(undefined),
    );
    expect(lead.stage).toBe('disqualified');
    const parsed = DispositionSchema.safeParse({ id: '01J0000000000000000000000B', ...disposition });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['note']);
  });

  it('a customer cannot be rejected', () => {
    const customer = makeLead({ stage: 'customer', times: { createdAt: NOW - 90 * DAY, customerAt: NOW - DAY } });
    expect(() =>
      decide(customer, { kind: 'reject', reason: 'no_need', outcome: { kind: 'disqualified' } }, options(undefined)),
    ).toThrow('customer is a final stage');
  });

  it('suggests each reason’s default outcome and revisit date', () => {
    expect(suggestedOutcome('no_budget', NOW)).toEqual({ kind: 'recycled', revisitAt: NOW + 180 * DAY });
    expect(suggestedOutcome('bad_timing', NOW)).toMatchObject({ kind: 'recycled' });
    expect(suggestedOutcome('competitor', NOW)).toEqual({ kind: 'disqualified' });
  });
});

describe('withdraw (undo) and the decision in force', () => {
  const stored = (d: Omit<Disposition, 'id'> | object, id: string): Disposition =>
    DispositionSchema.parse({ ...d, id });

  it('moves the lead back, reverting only what the decision set', () => {
    const recycledBefore = makeLead({
      stage: 'mql',
      times: { createdAt: NOW - 200 * DAY, mqlAt: NOW - 2 * DAY, recycledAt: NOW - 100 * DAY },
    });
    const { lead: rejected, disposition } = decide(
      recycledBefore,
      { kind: 'reject', reason: 'no_budget', outcome: { kind: 'recycled', revisitAt: NOW + 180 * DAY } },
      options(undefined),
    );
    const decision = stored(disposition, '01J0000000000000000000000C');
    // Meanwhile the rep logged a call: firstTouchAt set on the stored lead.
    const current = { ...rejected, times: { ...rejected.times, firstTouchAt: NOW + 1000 } };
    const undone = withdraw(current, recycledBefore, decision, { by: REP, at: NOW + 4000 });
    expect(undone.lead.stage).toBe('mql');
    expect(undone.lead.revisitAt).toBeUndefined();
    expect(undone.lead.times).toEqual({ ...recycledBefore.times, firstTouchAt: NOW + 1000 });
    expect(stored(undone.disposition, '01J0000000000000000000000D')).toMatchObject({
      decision: 'withdrawn',
      withdraws: decision.id,
    });
  });

  it('the decision in force skips withdrawals and what they withdrew', () => {
    const accept = stored(decide(mql, { kind: 'accept' }, options(meetsBar)).disposition, '01J000000000000000000000A1');
    const reject = stored(
      {
        ...decide(mql, { kind: 'reject', reason: 'no_need', outcome: { kind: 'disqualified' } }, options(undefined))
          .disposition,
        decidedAt: NOW + 10,
      },
      '01J000000000000000000000A2',
    );
    const undo = stored(
      { ...withdraw(mql, mql, reject, { by: REP, at: NOW + 20 }).disposition },
      '01J000000000000000000000A3',
    );
    expect(decisionInForce([accept, reject])?.id).toBe(reject.id);
    expect(decisionInForce([undo, accept, reject])?.id).toBe(accept.id);
    expect(decisionInForce([undo])).toBeUndefined();
    expect(decisionInForce([])).toBeUndefined();
  });

  it('with team sync, the decision in force is the latest by clock; one without a clock sits at its decidedAt', () => {
    // Decided later by its device's wall clock, earlier by sync's clock (another browser, whose clock was behind).
    const theirs = stored(
      { ...decide(mql, { kind: 'accept' }, options(meetsBar)).disposition, decidedAt: NOW + 60_000 },
      '01J000000000000000000000B1',
    );
    const mine = stored(
      decide(mql, { kind: 'reject', reason: 'no_need', outcome: { kind: 'disqualified' } }, options(undefined))
        .disposition,
      '01J000000000000000000000B2',
    );
    const clocks = new Map([
      [theirs.id, `${NOW - 5_000}-0000-alex`],
      [mine.id, `${NOW}-0003-sam`],
    ]);
    expect(decisionInForce([theirs, mine])?.id).toBe(theirs.id);
    expect(decisionInForce([theirs, mine], clocks)?.id).toBe(mine.id);
    // Made while sync was off: no clock yet, placed at its own time (where turning sync on will stamp it).
    const offline = stored({ ...mine, decidedAt: NOW + 1 }, '01J000000000000000000000B3');
    expect(decisionInForce([theirs, mine, offline], clocks)?.id).toBe(offline.id);
    expect(decisionInForce([theirs, mine, { ...offline, decidedAt: NOW - 1 }], clocks)?.id).toBe(mine.id);
  });

  it('the schema refuses a withdrawal without its target, and a target on anything else', () => {
    const base = {
      leadId: mql.id,
      route: 'mql_handoff',
      decidedBy: REP,
      decidedAt: NOW,
      id: '01J000000000000000000000B1',
    };
    expect(DispositionSchema.safeParse({ ...base, decision: 'withdrawn' }).error?.issues[0]?.path).toEqual([
      'withdraws',
    ]);
    expect(
      DispositionSchema.safeParse({ ...base, decision: 'accepted_sql', withdraws: '01J000000000000000000000B2' }).error
        ?.issues[0]?.message,
    ).toBe('Only a withdrawal names a decision it undoes');
  });
});

const ALEX = { name: 'Alex Kim', email: 'alex.kim@seller.io' };
const asStored = (d: object, id: string): Disposition => DispositionSchema.parse({ ...d, id });

describe('decide: the handoff to an AE', () => {
  const owned = { ...mql, owner: 'sam@seller.io' };

  it('records the AE, the meeting and the note, and the AE becomes the owner', () => {
    const { disposition, lead } = decide(
      owned,
      { kind: 'accept', handoff: { ae: ALEX, meetingAt: NOW + DAY, note: '  Wants 12 seats  ' } },
      options(meetsBar),
    );
    expect(lead.owner).toBe(ALEX.email);
    expect(disposition.handoff).toEqual({
      ae: ALEX,
      meetingAt: NOW + DAY,
      note: 'Wants 12 seats',
      previousOwner: 'sam@seller.io',
    });
    expect(asStored(disposition, '01J000000000000000000000H1').handoff?.ae).toEqual(ALEX);
  });

  it('"Nobody yet": a meeting or a note without an AE leaves the owner; an empty handoff is not recorded', () => {
    const noted = decide(owned, { kind: 'accept', handoff: { note: 'Call after the 10th' } }, options(meetsBar));
    expect(noted.lead.owner).toBe('sam@seller.io');
    expect(noted.disposition.handoff).toEqual({ note: 'Call after the 10th' });
    const empty = decide(owned, { kind: 'accept', handoff: { note: '   ' } }, options(meetsBar));
    expect(empty.disposition.handoff).toBeUndefined();
  });

  it('the schema keeps a handoff to acceptances', () => {
    const rejected = decide(
      mql,
      { kind: 'reject', reason: 'no_need', outcome: { kind: 'disqualified' } },
      options(undefined),
    ).disposition;
    const parsed = DispositionSchema.safeParse({
      ...rejected,
      id: '01J000000000000000000000H2',
      handoff: { ae: ALEX },
    });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['Only an acceptance hands the lead to sales']);
    expect(
      DispositionSchema.safeParse({
        ...rejected,
        id: '01J000000000000000000000H3',
        decision: 'withdrawn',
        reason: undefined,
        outcome: undefined,
        withdraws: '01J000000000000000000000H2',
        handoff: { ae: ALEX },
      }).success,
    ).toBe(false);
    expect(
      DispositionSchema.safeParse({
        ...rejected,
        id: '01J000000000000000000000H4',
        decision: 'accepted_sql',
        reason: undefined,
        outcome: undefined,
        handoff: { ae: { name: 'Alex', email: 'not an email' } },
      }).error?.issues[0]?.path,
    ).toEqual(['handoff', 'ae', 'email']);
  });

  it('undo gives the lead back to its owner before the handoff', () => {
    const accepted = decide(owned, { kind: 'accept', handoff: { ae: ALEX } }, options(meetsBar));
    const decision = asStored(accepted.disposition, '01J000000000000000000000H5');
    expect(withdraw(accepted.lead, owned, decision, { by: REP, at: NOW + 1 }).lead.owner).toBe('sam@seller.io');
  });
});

describe('reopen: a decision taken back after the undo window', () => {
  const at = NOW + 5 * DAY;
  const by = REP;

  it('an MQL accepted through the handoff goes back to MQL, its owner back, with the reason as the note', () => {
    const owned = { ...mql, owner: 'sam@seller.io' };
    const accepted = decide(owned, { kind: 'accept', handoff: { ae: ALEX } }, options(meetsBar));
    const decision = asStored(accepted.disposition, '01J000000000000000000000R1');
    const reopened = reopen(accepted.lead, decision, { by, at, note: ' AE says no budget until Q3 ' });
    expect(reopened.lead).toMatchObject({ stage: 'mql', owner: 'sam@seller.io', updatedAt: at });
    // Its MQL time is the original one; the SQL time goes with the decision.
    expect(reopened.lead.times).toEqual({ createdAt: mql.times.createdAt, mqlAt: mql.times.mqlAt });
    expect(asStored(reopened.disposition, '01J000000000000000000000R2')).toMatchObject({
      decision: 'withdrawn',
      withdraws: decision.id,
      route: 'mql_handoff',
      note: 'AE says no budget until Q3',
      decidedBy: REP,
      decidedAt: at,
    });
  });

  it('a direct acceptance goes back to a plain lead, or to where an earlier rejection had put it', () => {
    const fresh = makeLead({ times: { createdAt: NOW - 10 * DAY } });
    const direct = decide(fresh, { kind: 'accept', route: 'direct_outbound' }, options(meetsBar));
    const d1 = asStored(direct.disposition, '01J000000000000000000000R3');
    expect(stageBeforeDecision(direct.lead, d1)).toBe('lead');
    expect(reopen(direct.lead, d1, { by, at, note: 'Wrong person' }).lead.stage).toBe('lead');

    const recycled = makeLead({
      stage: 'recycled',
      revisitAt: NOW + 30 * DAY,
      times: { createdAt: NOW - 100 * DAY, mqlAt: NOW - 90 * DAY, recycledAt: NOW - 60 * DAY },
    });
    const revived = decide(recycled, { kind: 'accept', route: 'direct_inbound' }, options(meetsBar));
    const d2 = asStored(revived.disposition, '01J000000000000000000000R4');
    const back = reopen(revived.lead, d2, {
      by,
      at,
      note: 'Demo request was a student',
      previous: { outcome: { kind: 'recycled', revisitAt: NOW + 30 * DAY } },
    });
    expect(back.lead).toMatchObject({ stage: 'recycled', revisitAt: NOW + 30 * DAY });
    expect(back.lead.times.sqlAt).toBeUndefined();
    expect(back.lead.times.recycledAt).toBe(NOW - 60 * DAY);
  });

  it.each([
    ['an MQL', { stage: 'mql', times: { createdAt: NOW - 20 * DAY, mqlAt: NOW - 2 * DAY } }, 'mql'],
    ['a lead never an MQL', { stage: 'lead', times: { createdAt: NOW - 20 * DAY } }, 'lead'],
    [
      'an SQL',
      { stage: 'sql', times: { createdAt: NOW - 20 * DAY, mqlAt: NOW - 9 * DAY, sqlAt: NOW - 3 * DAY } },
      'sql',
    ],
  ] as const)('a rejection of %s goes back to where it was rejected from', (_name, shape, expected) => {
    const before = makeLead(shape);
    for (const outcome of [{ kind: 'recycled', revisitAt: NOW + 90 * DAY }, { kind: 'disqualified' }] as const) {
      const rejected = decide(before, { kind: 'reject', reason: 'no_budget', outcome }, options(undefined));
      const decision = asStored(rejected.disposition, '01J000000000000000000000R5');
      const back = reopen(rejected.lead, decision, { by, at, note: 'Budget found after all' });
      expect(back.lead.stage).toBe(expected);
      expect(back.lead.revisitAt).toBeUndefined();
      expect(back.lead.times).toEqual(before.times);
    }
  });

  it('needs a reason, and refuses a lead that moved on since the decision', () => {
    const accepted = decide(mql, { kind: 'accept' }, options(meetsBar));
    const decision = asStored(accepted.disposition, '01J000000000000000000000R6');
    expect(() => reopen(accepted.lead, decision, { by, at, note: '  ' })).toThrow(
      'Say why you reopen the decision: the team reads it in the history.',
    );
    const opportunity = { ...accepted.lead, stage: 'opportunity' as const };
    expect(() => reopen(opportunity, decision, { by, at, note: 'Lost it' })).toThrow(DecisionError);
    expect(() => reopen(opportunity, decision, { by, at, note: 'Lost it' })).toThrow(
      'The lead is an opportunity now, no longer an SQL as this decision left it: decide again instead of reopening.',
    );
    const withdrawal = asStored(
      reopen(accepted.lead, decision, { by, at, note: 'x' }).disposition,
      '01J000000000000000000000R7',
    );
    expect(() => reopen(accepted.lead, withdrawal, { by, at, note: 'again' })).toThrow(DecisionError);
  });
});

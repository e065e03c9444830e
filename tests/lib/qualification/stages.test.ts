import { describe, expect, it } from 'vitest';
import { LEAD_STAGES, type LeadStage } from '../../../lib/domain/enums';
import {
  IllegalTransitionError,
  REOPEN_TRANSITIONS,
  TRANSITIONS,
  canReopen,
  canTransition,
  transition,
} from '../../../lib/qualification/stages';
import { DAY, NOW, makeLead } from '../../support/factories';

const at = NOW;

describe('transition', () => {
  it('moves an MQL to SQL on the handoff route and stamps sqlAt, keeping earlier stamps', () => {
    const mql = makeLead({ stage: 'mql', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - 5 * DAY } });
    const sql = transition(mql, 'sql', { at, route: 'mql_handoff' });
    expect(sql.stage).toBe('sql');
    expect(sql.times).toEqual({ createdAt: NOW - 10 * DAY, mqlAt: NOW - 5 * DAY, sqlAt: at });
    expect(sql.updatedAt).toBe(at);
    expect(mql.stage).toBe('mql'); // the input is not mutated
  });

  it.each(['direct_inbound', 'direct_outbound'] as const)(
    'takes a lead straight to SQL on %s (direct-to-SQL)',
    (route) => {
      const lead = makeLead();
      const sql = transition(lead, 'sql', { at, route });
      expect(sql.stage).toBe('sql');
      expect(sql.times.mqlAt).toBeUndefined();
      expect(sql.times.sqlAt).toBe(at);
    },
  );

  it('recycles with a revisit date and clears it when the lead moves on', () => {
    const mql = makeLead({ stage: 'mql' });
    const recycled = transition(mql, 'recycled', { at, revisitAt: NOW + 90 * DAY });
    expect(recycled.revisitAt).toBe(NOW + 90 * DAY);
    expect(recycled.times.recycledAt).toBe(at);
    const again = transition(recycled, 'mql', { at: at + DAY });
    expect(again.revisitAt).toBeUndefined();
    expect(again.times.recycledAt).toBe(at);
  });

  it.each([
    [
      'lead',
      'sql',
      { route: 'mql_handoff' },
      'Cannot move a lead from "lead" to "sql": route mql_handoff needs an MQL',
    ],
    ['mql', 'sql', { route: 'direct_outbound' }, 'an MQL accepted by sales is an mql_handoff, not direct_outbound'],
    ['mql', 'sql', {}, 'an SQL needs a route'],
    ['mql', 'recycled', {}, 'a recycled lead needs a revisit date'],
    ['customer', 'mql', {}, 'Cannot move a lead from "customer" to "mql": customer is a final stage'],
    ['lead', 'opportunity', {}, 'from lead a lead can go to mql, sql, recycled, disqualified'],
    ['sql', 'mql', {}, 'from sql a lead can go to opportunity, customer, recycled, disqualified'],
    ['mql', 'mql', {}, 'the lead is already mql'],
  ] as const)('refuses %s -> %s %o with a clear message', (from, to, options, message) => {
    const lead = makeLead({ stage: from });
    expect(() => transition(lead, to, { at, ...options })).toThrowError(IllegalTransitionError);
    expect(() => transition(lead, to, { at, ...options })).toThrowError(message);
  });

  it('refuses a change dated before the lead existed', () => {
    const lead = makeLead({ stage: 'mql' });
    expect(() => transition(lead, 'disqualified', { at: lead.times.createdAt - 1 })).toThrowError(
      'cannot be dated before the lead was created',
    );
  });
});

describe('the transition table', () => {
  it('every stage is reachable from lead', () => {
    const seen = new Set<LeadStage>(['lead']);
    const queue: LeadStage[] = ['lead'];
    while (queue.length > 0) {
      for (const next of TRANSITIONS[queue.shift() as LeadStage]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...LEAD_STAGES].sort());
  });

  it('nothing goes back to the raw lead stage', () => {
    for (const from of LEAD_STAGES) expect(canTransition(from, 'lead')).toBe(false);
  });

  it('lets an SQL be won without an opportunity recorded first, and an open deal be lost back to nurture', () => {
    expect(canTransition('sql', 'customer')).toBe(true);
    expect(canTransition('sql', 'recycled')).toBe(true);
    expect(canTransition('opportunity', 'recycled')).toBe(true);
    // Won is final: a win recorded by mistake is taken back by reopening, never moved on from.
    expect(TRANSITIONS.customer).toEqual([]);
  });

  it('takes back what became of an SQL only to where it was', () => {
    expect(REOPEN_TRANSITIONS.opportunity).toEqual(['sql']);
    expect(REOPEN_TRANSITIONS.customer).toEqual(['sql', 'opportunity']);
    expect(canReopen('recycled', 'opportunity')).toBe(true);
    expect(canReopen('customer', 'mql')).toBe(false);
  });
});

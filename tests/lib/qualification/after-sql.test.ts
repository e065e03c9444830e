import { describe, expect, it } from 'vitest';
import { type Disposition, type DispositionInput, DispositionSchema } from '../../../lib/domain/disposition';
import { newId } from '../../../lib/domain/ids';
import { DEFAULT_SQL_CRITERIA } from '../../../lib/domain/qualification';
import {
  afterSqlChoices,
  afterSqlFloor,
  recordAfterSql,
  suggestedLostRevisit,
} from '../../../lib/qualification/after-sql';
import {
  DecisionError,
  dealInForce,
  decide,
  decisionInForce,
  reopen,
  verdictInForce,
  withdraw,
} from '../../../lib/qualification/decide';
import { DAY, makeLead, NOW } from '../../support/factories';

const REP = 'maya.chen@brightwave.example';
const SQL_AT = NOW - 10 * DAY;
const sql = makeLead({
  stage: 'sql',
  times: { createdAt: NOW - 40 * DAY, mqlAt: NOW - 12 * DAY, sqlAt: SQL_AT },
});
const options = { by: REP, at: NOW, route: 'mql_handoff' as const };

let serial = 0;
/** The disposition as the repository stores it: an id, parsed. */
const stored = (d: Omit<DispositionInput, 'id'>): Disposition =>
  DispositionSchema.parse({ ...d, id: newId(d.decidedAt + serial++) });

describe('recordAfterSql', () => {
  it('opens an opportunity on an SQL, dated by the rep, recorded now', () => {
    const opened = NOW - 3 * DAY;
    const { disposition, lead } = recordAfterSql(sql, { kind: 'opportunity', occurredAt: opened }, options);
    expect(lead.stage).toBe('opportunity');
    expect(lead.times).toMatchObject({ sqlAt: SQL_AT, opportunityAt: opened });
    expect(stored(disposition)).toMatchObject({
      decision: 'opportunity',
      route: 'mql_handoff',
      occurredAt: opened,
      decidedAt: NOW,
      decidedBy: REP,
    });
  });

  it('dates a record now when the rep gives no date', () => {
    const { disposition, lead } = recordAfterSql(sql, { kind: 'won' }, options);
    expect(disposition.occurredAt).toBe(NOW);
    expect(lead.times.customerAt).toBe(NOW);
  });

  it('wins an opportunity, or an SQL straight away: the lead becomes a customer', () => {
    const opportunity = recordAfterSql(sql, { kind: 'opportunity', occurredAt: NOW - 3 * DAY }, options).lead;
    const won = recordAfterSql(opportunity, { kind: 'won', occurredAt: NOW - DAY, note: 'Signed 40 seats' }, options);
    expect(won.lead.stage).toBe('customer');
    expect(won.lead.times).toMatchObject({ opportunityAt: NOW - 3 * DAY, customerAt: NOW - DAY });
    expect(won.disposition.note).toBe('Signed 40 seats');
    expect(recordAfterSql(sql, { kind: 'won' }, options).lead.stage).toBe('customer');
  });

  it('loses a deal with a reason: back to nurture until the revisit date', () => {
    const revisitAt = NOW + 120 * DAY;
    const { disposition, lead } = recordAfterSql(
      sql,
      { kind: 'lost', reason: 'no_decision', revisitAt, occurredAt: NOW - DAY },
      options,
    );
    expect(lead.stage).toBe('recycled');
    expect(lead.revisitAt).toBe(revisitAt);
    expect(lead.times.recycledAt).toBe(NOW - DAY);
    expect(stored(disposition)).toMatchObject({
      decision: 'lost',
      lostReason: 'no_decision',
      outcome: { kind: 'recycled', revisitAt },
    });
  });

  it.each([
    [
      'an MQL',
      makeLead({ stage: 'mql' }),
      'won',
      'A win is recorded on an SQL or an opportunity; this lead is an MQL.',
    ],
    [
      'an opportunity opened twice',
      makeLead({ stage: 'opportunity', times: { createdAt: NOW - 9 * DAY, sqlAt: NOW - 8 * DAY } }),
      'opportunity',
      'An opportunity is recorded on an SQL; this lead is an opportunity.',
    ],
    ['a customer', makeLead({ stage: 'customer' }), 'lost', 'A lost deal is recorded on an SQL or an opportunity'],
  ] as const)('refuses %s in words', (_what, lead, kind, message) => {
    const request =
      kind === 'lost' ? { kind, reason: 'price' as const, revisitAt: NOW + 90 * DAY } : ({ kind } as const);
    expect(() => recordAfterSql(lead, request, options)).toThrow(DecisionError);
    expect(() => recordAfterSql(lead, request, options)).toThrow(message);
  });

  it('refuses a date in the future, before the SQL, or a close before its opportunity', () => {
    expect(() => recordAfterSql(sql, { kind: 'opportunity', occurredAt: NOW + DAY }, options)).toThrow(
      'An opportunity cannot be dated in the future.',
    );
    expect(() => recordAfterSql(sql, { kind: 'opportunity', occurredAt: SQL_AT - 1 }, options)).toThrow(
      'An opportunity cannot be dated before the lead became an SQL.',
    );
    const opportunity = recordAfterSql(sql, { kind: 'opportunity', occurredAt: NOW - 3 * DAY }, options).lead;
    expect(() => recordAfterSql(opportunity, { kind: 'won', occurredAt: NOW - 4 * DAY }, options)).toThrow(
      'A win cannot be dated before the opportunity opened.',
    );
    // The day the SQL was accepted is fine.
    expect(recordAfterSql(sql, { kind: 'won', occurredAt: SQL_AT }, options).lead.times.customerAt).toBe(SQL_AT);
  });

  it('asks a note for reason "Other" and a revisit date after the loss', () => {
    expect(() =>
      recordAfterSql(sql, { kind: 'lost', reason: 'other', revisitAt: NOW + DAY, note: ' ' }, options),
    ).toThrow('Reason "Other" needs a note saying why the deal was lost.');
    expect(() => recordAfterSql(sql, { kind: 'lost', reason: 'price', revisitAt: NOW - DAY }, options)).toThrow(
      'The revisit date must come after the deal was lost.',
    );
  });

  it('offers what the stage takes, bounded below by the SQL or the opportunity', () => {
    expect(afterSqlChoices('sql')).toEqual(['opportunity', 'won', 'lost']);
    expect(afterSqlChoices('opportunity')).toEqual(['won', 'lost']);
    for (const stage of ['lead', 'mql', 'customer', 'recycled', 'disqualified'] as const) {
      expect(afterSqlChoices(stage)).toEqual([]);
    }
    expect(afterSqlFloor(sql)).toBe(SQL_AT);
    const opportunity = recordAfterSql(sql, { kind: 'opportunity', occurredAt: NOW - 3 * DAY }, options).lead;
    expect(afterSqlFloor(opportunity)).toBe(NOW - 3 * DAY);
    expect(suggestedLostRevisit('competitor', NOW)).toBe(NOW + 365 * DAY);
  });
});

describe('decide: after SQL', () => {
  const decideOptions = {
    qualification: undefined,
    criteria: DEFAULT_SQL_CRITERIA,
    framework: 'bant' as const,
    by: REP,
    at: NOW,
  };

  it('records what became of the SQL on the route of the acceptance in force, whatever the SQL bar says', () => {
    const direct = makeLead({ stage: 'sql', times: { createdAt: NOW - 5 * DAY, sqlAt: NOW - 5 * DAY } });
    const { disposition, lead } = decide(
      direct,
      { kind: 'opportunity' },
      { ...decideOptions, current: { route: 'direct_inbound' } },
    );
    expect(disposition.route).toBe('direct_inbound');
    expect(lead.stage).toBe('opportunity');
    // Without a decision in force (an imported SQL): the route its stamps say.
    expect(decide(sql, { kind: 'won' }, decideOptions).disposition.route).toBe('mql_handoff');
  });
});

describe('undo and reopen after SQL', () => {
  const opened = recordAfterSql(sql, { kind: 'opportunity', occurredAt: NOW - 3 * DAY }, options);
  const opportunity = stored(opened.disposition);

  it('undoes an opportunity: back to SQL without its stamp', () => {
    const undone = withdraw(opened.lead, sql, opportunity, { by: REP, at: NOW + 5_000 });
    expect(undone.lead.stage).toBe('sql');
    expect(undone.lead.times.opportunityAt).toBeUndefined();
    expect(stored(undone.disposition)).toMatchObject({ decision: 'withdrawn', withdraws: opportunity.id });
  });

  it('undoes a loss: the deal is open again, no revisit date', () => {
    const lost = recordAfterSql(
      opened.lead,
      { kind: 'lost', reason: 'price', revisitAt: NOW + 180 * DAY },
      { ...options, at: NOW + DAY },
    );
    const undone = withdraw(lost.lead, opened.lead, stored(lost.disposition), { by: REP, at: NOW + DAY + 5_000 });
    expect(undone.lead.stage).toBe('opportunity');
    expect(undone.lead.revisitAt).toBeUndefined();
    expect(undone.lead.times.recycledAt).toBeUndefined();
  });

  it('reopens a win later, with a reason: back to the opportunity it closed', () => {
    const won = recordAfterSql(opened.lead, { kind: 'won', occurredAt: NOW - DAY }, options);
    const back = reopen(won.lead, stored(won.disposition), { by: REP, at: NOW + 30 * DAY, note: 'Contract voided' });
    expect(back.lead.stage).toBe('opportunity');
    expect(back.lead.times.customerAt).toBeUndefined();
    expect(back.lead.times.opportunityAt).toBe(NOW - 3 * DAY);
    expect(back.disposition).toMatchObject({ decision: 'withdrawn', note: 'Contract voided' });
    // A win straight from SQL goes back to SQL; an opportunity goes back to SQL too.
    const quick = recordAfterSql(sql, { kind: 'won' }, options);
    expect(reopen(quick.lead, stored(quick.disposition), { by: REP, at: NOW + DAY, note: 'x' }).lead.stage).toBe('sql');
    expect(reopen(opened.lead, opportunity, { by: REP, at: NOW + DAY, note: 'x' }).lead.stage).toBe('sql');
  });
});

describe('the verdict and the deal in force', () => {
  const accept = stored({
    leadId: sql.id,
    decision: 'accepted_sql',
    route: 'mql_handoff',
    note: '',
    decidedBy: REP,
    decidedAt: SQL_AT,
  });
  const record = (at: number, fields: Partial<DispositionInput>) =>
    stored({
      leadId: sql.id,
      decision: 'opportunity',
      route: 'mql_handoff',
      note: '',
      occurredAt: at,
      decidedBy: REP,
      decidedAt: at,
      ...fields,
    });
  const opportunity = record(NOW - 5 * DAY, {});
  const won = record(NOW - 2 * DAY, { decision: 'won' });
  const lost = record(NOW - DAY, {
    decision: 'lost',
    lostReason: 'price',
    outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
  });
  const undo = (of: Disposition, at = of.decidedAt + 5_000) =>
    stored({
      leadId: sql.id,
      decision: 'withdrawn',
      route: of.route,
      withdraws: of.id,
      note: '',
      decidedBy: REP,
      decidedAt: at,
    });

  it('keeps the acceptance as the verdict while the deal moves on', () => {
    const history = [won, opportunity, accept];
    expect(decisionInForce(history)?.id).toBe(won.id);
    expect(verdictInForce(history)?.id).toBe(accept.id);
    expect(dealInForce(history)).toEqual({ opportunity, close: won });
  });

  it('drops a withdrawn close, and takes the later of a win and a loss', () => {
    expect(dealInForce([accept, opportunity, won, undo(won)])).toEqual({ opportunity, close: undefined });
    expect(dealInForce([accept, opportunity, won, lost]).close?.id).toBe(lost.id);
  });

  it('has no deal under a rejection, nor from records before the acceptance in force', () => {
    const rejected = stored({
      leadId: sql.id,
      decision: 'rejected',
      route: 'mql_handoff',
      reason: 'no_budget',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      note: '',
      decidedBy: REP,
      decidedAt: NOW - DAY / 2,
    });
    expect(dealInForce([accept, opportunity, rejected])).toEqual({ opportunity: undefined, close: undefined });
    const again = { ...accept, id: newId(NOW), decidedAt: NOW };
    expect(dealInForce([accept, opportunity, lost, again])).toEqual({ opportunity: undefined, close: undefined });
  });

  it('counts every record of an SQL with no verdict recorded (an import)', () => {
    expect(verdictInForce([opportunity, won])).toBeUndefined();
    expect(dealInForce([opportunity, won])).toEqual({ opportunity, close: won });
  });
});

import { describe, expect, it } from 'vitest';
import { ActivitySchema, StoredActivitySchema } from '../../../lib/domain/activity';
import {
  ACTIVITY_OUTCOMES_BY_KIND,
  allowsOutcome,
  disallowedOutcomeMessage,
  outcomesFor,
} from '../../../lib/domain/activity-outcomes';
import { ACTIVITY_KINDS, ACTIVITY_OUTCOMES } from '../../../lib/domain/enums';
import { newId } from '../../../lib/domain/ids';
import { parseOrThrow, ValidationError } from '../../../lib/domain/validation';
import { NOW } from '../../support/factories';

const id = newId(NOW);
const touch = (kind: string, outcome: string) => ({ id, leadId: id, kind, outcome, occurredAt: NOW, loggedBy: 'r' });

describe('ACTIVITY_OUTCOMES_BY_KIND', () => {
  it('has a row for every kind, each non-empty, without repeats, of known outcomes only', () => {
    expect(Object.keys(ACTIVITY_OUTCOMES_BY_KIND).sort()).toEqual([...ACTIVITY_KINDS].sort());
    for (const kind of ACTIVITY_KINDS) {
      const outcomes = outcomesFor(kind);
      expect(outcomes.length, kind).toBeGreaterThan(0);
      expect(new Set(outcomes).size, kind).toBe(outcomes.length);
      for (const outcome of outcomes) expect(ACTIVITY_OUTCOMES, `${kind}: ${outcome}`).toContain(outcome);
    }
  });

  it('leaves no outcome that no kind allows', () => {
    const used = new Set(ACTIVITY_KINDS.flatMap((kind) => outcomesFor(kind)));
    expect(ACTIVITY_OUTCOMES.filter((o) => !used.has(o))).toEqual([]);
  });

  it('is the table the call log has always offered, the usual outcome first', () => {
    expect(ACTIVITY_OUTCOMES_BY_KIND).toEqual({
      call: ['connected', 'no_answer', 'voicemail', 'meeting_booked', 'not_interested', 'wrong_contact'],
      email: ['sent', 'replied', 'meeting_booked', 'not_interested', 'wrong_contact'],
      linkedin_message: ['sent', 'replied', 'meeting_booked', 'not_interested', 'wrong_contact'],
      meeting: ['connected', 'meeting_booked', 'not_interested', 'no_answer'],
    });
  });

  it.each([
    ['call', 'voicemail', true],
    ['call', 'sent', false],
    ['call', 'replied', false],
    ['email', 'sent', true],
    ['email', 'no_answer', false],
    ['email', 'voicemail', false],
    ['linkedin_message', 'connected', false],
    ['meeting', 'no_answer', true],
    ['meeting', 'sent', false],
  ] as const)('%s with %s: allowed %s', (kind, outcome, allowed) => {
    expect(allowsOutcome(kind, outcome)).toBe(allowed);
  });
});

describe('ActivitySchema and the table', () => {
  it('accepts every pair the table allows', () => {
    for (const kind of ACTIVITY_KINDS) {
      for (const outcome of outcomesFor(kind)) {
        expect(ActivitySchema.safeParse(touch(kind, outcome)).success, `${kind}/${outcome}`).toBe(true);
      }
    }
  });

  it('refuses every pair the table does not allow, on the outcome, naming kind and outcome', () => {
    let refused = 0;
    for (const kind of ACTIVITY_KINDS) {
      for (const outcome of ACTIVITY_OUTCOMES.filter((o) => !allowsOutcome(kind, o))) {
        const issues = ActivitySchema.safeParse(touch(kind, outcome)).error?.issues ?? [];
        expect(issues.map((i) => [i.path, i.message])).toEqual([
          [['outcome'], disallowedOutcomeMessage(kind, outcome)],
        ]);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('says why in the ValidationError the repositories throw', () => {
    expect(() => parseOrThrow(ActivitySchema, touch('email', 'voicemail'), 'activity')).toThrowError(ValidationError);
    expect(() => parseOrThrow(ActivitySchema, touch('email', 'voicemail'), 'activity')).toThrowError(
      'outcome: A touch of kind email cannot have the outcome voicemail (allowed: sent, replied, meeting_booked, not_interested, wrong_contact)',
    );
  });

  it('reports an unknown outcome once, as before, not also as a disallowed pair', () => {
    const issues = ActivitySchema.safeParse(touch('call', 'maybe')).error?.issues ?? [];
    expect(issues.map((i) => i.path)).toEqual([['outcome']]);
  });

  it('StoredActivitySchema reads back a pair stored before the rule, unchanged', () => {
    const stored = StoredActivitySchema.parse(touch('email', 'voicemail'));
    expect(stored).toMatchObject({ kind: 'email', outcome: 'voicemail' });
    expect(StoredActivitySchema.safeParse(touch('call', 'maybe')).success).toBe(false);
  });
});

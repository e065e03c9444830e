import { describe, expect, it } from 'vitest';
import {
  activityFromDraft,
  changedCriteria,
  checkDraft,
  type Draft,
  EMPTY_DRAFT,
  fieldErrors,
  fieldOrder,
  hasNextStep,
  isChecklistField,
  MAX_MINUTES,
  typedValue,
  withKind,
} from '../../../../components/sidebar/call-log/draft';
import { FRAMEWORK_DEFINITIONS } from '../../../../lib/domain/frameworks';
import { ValidationError } from '../../../../lib/domain/validation';

const BANT = FRAMEWORK_DEFINITIONS.bant.criteria;
const draft = (patch: Partial<Draft> = {}): Draft => ({ ...EMPTY_DRAFT, outcome: 'connected', ...patch });
const CTX = { leadId: 'lead-1', at: 1_000, by: 'sam@seller.io', timeZone: 'Europe/Berlin' };

describe('the call log draft', () => {
  it('starts on a call with no outcome: the rep must choose one', () => {
    expect(EMPTY_DRAFT.kind).toBe('call');
    expect(EMPTY_DRAFT.outcome).toBe('');
    expect(checkDraft(EMPTY_DRAFT, false)).toEqual({ outcome: 'Choose how the touch went' });
  });

  it.each([
    { case: 'a chosen outcome, nothing else', patch: {}, bad: false, errors: [] },
    { case: 'minutes out of range', patch: { minutes: String(MAX_MINUTES + 1) }, bad: false, errors: ['minutes'] },
    { case: 'negative minutes', patch: { minutes: '-1' }, bad: false, errors: ['minutes'] },
    { case: 'minutes the input could not read', patch: {}, bad: true, errors: ['minutes'] },
    {
      case: 'minutes on an email (not shown, ignored)',
      patch: { kind: 'email', minutes: '-1' },
      bad: false,
      errors: [],
    },
    { case: 'an action without a due date', patch: { action: 'Call back' }, bad: false, errors: ['due'] },
    { case: 'a due date without an action', patch: { due: '2026-11-25T10:30' }, bad: false, errors: ['action'] },
    {
      case: 'a blank action with a due date',
      patch: { action: '  ', due: '2026-11-25T10:30' },
      bad: false,
      errors: ['action'],
    },
  ] as const)('checkDraft: $case', ({ patch, bad, errors }) => {
    const found = checkDraft(draft(patch as Partial<Draft>), bad);
    expect(Object.keys(found)).toEqual(errors);
  });

  it.each([
    { from: 'connected', to: 'email', kept: '' },
    { from: 'meeting_booked', to: 'email', kept: 'meeting_booked' },
    { from: 'replied', to: 'meeting', kept: '' },
    { from: 'no_answer', to: 'meeting', kept: 'no_answer' },
    { from: '', to: 'linkedin_message', kept: '' },
  ] as const)('a new kind keeps $from only where allowed ($to)', ({ from, to, kept }) => {
    expect(withKind(draft({ outcome: from }), to)).toMatchObject({ kind: to, outcome: kept });
  });

  it('builds the touch: minutes to seconds, changed criteria in form order, the due date in the zone', () => {
    const d = draft({
      minutes: '2.5',
      notes: 'Talked',
      changes: {
        need: { status: 'partial', evidence: 'Pain' },
        budget: { status: 'confirmed', evidence: '' },
        timeline: { status: '', evidence: 'typed, then unset' },
      },
      action: ' Send pricing ',
      due: '2026-11-25T10:30',
    });
    const changed = changedCriteria(d, BANT);
    expect(changed).toEqual(['budget', 'need']);
    expect(activityFromDraft({ ...d, outcome: 'connected' }, changed, CTX)).toEqual({
      leadId: 'lead-1',
      kind: 'call',
      outcome: 'connected',
      durationSeconds: 150,
      notes: 'Talked',
      criteriaUpdates: [
        { criterion: 'budget', status: 'confirmed', evidence: '' },
        { criterion: 'need', status: 'partial', evidence: 'Pain' },
      ],
      nextStep: { action: 'Send pricing', dueAt: Date.UTC(2026, 10, 25, 9, 30) },
      occurredAt: 1_000,
      loggedBy: 'sam@seller.io',
    });
  });

  it('leaves out a duration nobody typed, and one on a kind that has none', () => {
    expect(activityFromDraft({ ...draft(), outcome: 'no_answer' }, [], CTX)).not.toHaveProperty('durationSeconds');
    const email = draft({ kind: 'email', minutes: '5' });
    expect(activityFromDraft({ ...email, outcome: 'sent' }, [], CTX)).not.toHaveProperty('durationSeconds');
  });

  it("maps the store's refusals onto fields, first issue per field, in the rep's words", () => {
    const d = draft({ changes: { need: { status: 'partial', evidence: '' } }, action: '' });
    const error = new ValidationError('activity', [
      { path: 'criteriaUpdates.0.evidence', message: 'Too big: expected string to have <=2000 characters' },
      { path: 'criteriaUpdates.0.evidence', message: 'second issue, ignored' },
      { path: 'nextStep.action', message: 'Too small: expected string to have >=1 characters' },
      { path: 'criteria.timeline', message: 'Unknown criterion' },
      { path: 'criteriaUpdates.5', message: 'no such change' },
      { path: 'somethingElse', message: 'not a field' },
    ]);
    expect(fieldErrors(error, d, ['need'])).toEqual({
      'evidence:need': 'Too long: at most 2000 characters',
      action: 'Required',
      'status:timeline': 'Unknown criterion',
    });
  });

  it('reads what was typed in a field, and knows which fields fold', () => {
    const d = draft({ notes: 'hi', changes: { need: { status: 'failed', evidence: 'No pain' } } });
    expect(typedValue(d, 'notes')).toBe('hi');
    expect(typedValue(d, 'status:need')).toBe('failed');
    expect(typedValue(d, 'evidence:need')).toBe('No pain');
    expect(typedValue(d, 'evidence:budget')).toBe('');
    expect(fieldOrder(BANT).filter(isChecklistField)).toHaveLength(2 * BANT.length);
    expect(hasNextStep(draft())).toBe(false);
    expect(hasNextStep(draft({ due: '2026-11-25T10:30' }))).toBe(true);
  });
});

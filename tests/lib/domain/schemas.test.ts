import { describe, expect, it } from 'vitest';
import { ActivitySchema } from '../../../lib/domain/activity';
import { DispositionSchema } from '../../../lib/domain/disposition';
import { newId } from '../../../lib/domain/ids';
import { LeadSchema } from '../../../lib/domain/lead';
import { LOST_REASON_CODES, LOST_REASONS, lostReasonLabel } from '../../../lib/domain/lost-reasons';
import { REJECTION_REASONS, REJECTION_REASON_CODES, reasonLabel } from '../../../lib/domain/reasons';
import { inferSeniority } from '../../../lib/domain/seniority';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../lib/domain/settings';
import { ValidationError, parseOrThrow } from '../../../lib/domain/validation';
import { DAY, NOW } from '../../support/factories';

const id = newId(NOW);
const baseLead = {
  id,
  person: { name: 'Dana Whitfield', emails: ['Dana.Whitfield@Northwind-Analytics.com'] },
  stage: 'mql',
  times: { createdAt: NOW - DAY, mqlAt: NOW },
  updatedAt: NOW,
};

describe('LeadSchema', () => {
  it('accepts a lead identified by email and lower-cases it', () => {
    const lead = LeadSchema.parse(baseLead);
    expect(lead.person.emails).toEqual(['dana.whitfield@northwind-analytics.com']);
    expect(lead.company).toEqual({});
    expect(lead.crmIds).toEqual({});
  });

  it('accepts a lead identified only by a LinkedIn URL, stored canonical', () => {
    const lead = LeadSchema.parse({
      ...baseLead,
      person: { name: 'Dana', emails: [], linkedinUrl: 'https://de.linkedin.com/in/Dana-Whitfield/?locale=de_DE' },
    });
    expect(lead.person.linkedinUrl).toBe('https://www.linkedin.com/in/dana-whitfield/');
  });

  it.each([
    ['no identity', { person: { name: 'Nobody', emails: [] } }, 'person', 'A lead needs an identity'],
    ['a bad email', { person: { name: 'X', emails: ['dana@'] } }, 'person.emails.0', 'Invalid email address'],
    [
      'a non-profile LinkedIn URL',
      { person: { name: 'X', linkedinUrl: 'https://www.linkedin.com/company/acme/' } },
      'person.linkedinUrl',
      'Not a LinkedIn profile URL',
    ],
    ['an empty name', { person: { name: '  ', emails: ['a@b.io'] } }, 'person.name', ''],
    ['an unknown stage', { stage: 'hot' }, 'stage', ''],
    [
      'a bad country',
      { company: { country: 'Germany' } },
      'company.country',
      'Country must be an ISO 3166-1 alpha-2 code',
    ],
    ['a bad domain', { company: { domain: 'not a domain' } }, 'company.domain', 'Invalid domain name'],
    ['a bad id', { id: 'lead-1' }, 'id', 'must be a ULID'],
  ])('refuses %s with an error naming the field', (_name, patch, path, message) => {
    const error = catchError(() => parseOrThrow(LeadSchema, { ...baseLead, ...patch }, 'lead'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(error.message).toContain(`${path}: ${message}`);
  });
});

function catchError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected an error');
}

describe('rejection reasons', () => {
  it('are the standardized list of DESIGN.md with stable codes', () => {
    expect(REJECTION_REASON_CODES).toEqual([
      'no_budget',
      'no_authority',
      'no_need',
      'bad_timing',
      'wrong_persona',
      'company_not_fit',
      'competitor',
      'student_or_job_seeker',
      'existing_customer',
      'duplicate',
      'unresponsive',
      'invalid_contact',
      'other',
    ]);
    for (const reason of REJECTION_REASONS) {
      expect(reason.label.length).toBeGreaterThan(0);
      expect(reason.description.length).toBeGreaterThan(0);
    }
  });

  it('labels can be renamed, codes stay', () => {
    expect(reasonLabel('bad_timing')).toBe('Bad timing');
    expect(reasonLabel('bad_timing', { bad_timing: 'Not now' })).toBe('Not now');
  });
});

describe('DispositionSchema', () => {
  const base = { id, leadId: id, decidedBy: 'rep@acme.io', decidedAt: NOW };

  it('accepts an SQL on a route and a reasoned rejection', () => {
    expect(DispositionSchema.parse({ ...base, decision: 'accepted_sql', route: 'mql_handoff' }).note).toBe('');
    const rejected = DispositionSchema.parse({
      ...base,
      decision: 'rejected',
      route: 'mql_handoff',
      reason: 'bad_timing',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
    });
    expect(rejected.reason).toBe('bad_timing');
  });

  it.each([
    ['an unknown reason code', { reason: 'too_expensive' }, 'reason', 'Unknown rejection reason code "too_expensive"'],
    ['a rejection without reason', { reason: undefined }, 'reason', 'A rejection needs a reason'],
    ['"other" without a note', { reason: 'other' }, 'note', 'Reason "other" needs a note saying why'],
    ['a rejection without outcome', { outcome: undefined }, 'outcome', 'A rejection must recycle or disqualify'],
    ['a recycle without date', { outcome: { kind: 'recycled' } }, 'outcome.revisitAt', ''],
  ])('refuses %s', (_name, patch, path, message) => {
    const error = catchError(() =>
      parseOrThrow(
        DispositionSchema,
        {
          ...base,
          decision: 'rejected',
          route: 'mql_handoff',
          reason: 'no_budget',
          outcome: { kind: 'disqualified' },
          ...patch,
        },
        'disposition',
      ),
    );
    expect(error.message).toContain(`${path}: ${message}`);
  });

  it('refuses an acceptance carrying a rejection reason, and an override without a note', () => {
    expect(() =>
      parseOrThrow(
        DispositionSchema,
        { ...base, decision: 'accepted_sql', route: 'mql_handoff', reason: 'no_budget' },
        'disposition',
      ),
    ).toThrowError('reason: An acceptance has no rejection reason');
    expect(() =>
      parseOrThrow(
        DispositionSchema,
        { ...base, decision: 'accepted_sql', route: 'mql_handoff', override: { note: ' ' } },
        'disposition',
      ),
    ).toThrowError('override.note: An override needs a note saying why');
  });

  it('an acceptance carries its handoff (AE, meeting, note to sales); nothing else does', () => {
    const accepted = DispositionSchema.parse({
      ...base,
      decision: 'accepted_sql',
      route: 'direct_inbound',
      handoff: { ae: { name: ' Alex Kim ', email: 'Alex.Kim@Seller.io' }, meetingAt: NOW + DAY, note: ' Demo Tue ' },
    });
    expect(accepted.handoff).toEqual({
      ae: { name: 'Alex Kim', email: 'alex.kim@seller.io' },
      meetingAt: NOW + DAY,
      note: 'Demo Tue',
    });
    expect(() =>
      parseOrThrow(
        DispositionSchema,
        {
          ...base,
          decision: 'rejected',
          route: 'mql_handoff',
          reason: 'no_budget',
          outcome: { kind: 'disqualified' },
          handoff: { note: 'x' },
        },
        'disposition',
      ),
    ).toThrowError('handoff: Only an acceptance hands the lead to sales');
  });

  describe('after SQL: opportunity, won, lost', () => {
    const deal = { ...base, route: 'mql_handoff', occurredAt: NOW - DAY };

    it('dates each record when it happened, a loss with its reason and its revisit date', () => {
      expect(DispositionSchema.parse({ ...deal, decision: 'opportunity' }).occurredAt).toBe(NOW - DAY);
      expect(DispositionSchema.parse({ ...deal, decision: 'won', note: ' 40 seats ' }).note).toBe('40 seats');
      const lost = DispositionSchema.parse({
        ...deal,
        decision: 'lost',
        lostReason: 'competitor',
        outcome: { kind: 'recycled', revisitAt: NOW + 365 * DAY },
      });
      expect(lost.lostReason).toBe('competitor');
    });

    it.each([
      ['a record without its date', 'won', { occurredAt: undefined }, 'occurredAt: "won" needs the date it happened'],
      [
        'a date after it was recorded',
        'opportunity',
        { occurredAt: NOW + 1 },
        'occurredAt: It cannot have happened after it was recorded',
      ],
      [
        'a loss without a reason',
        'lost',
        { outcome: { kind: 'recycled', revisitAt: NOW } },
        'lostReason: A lost deal needs a reason',
      ],
      [
        'an unknown lost reason',
        'lost',
        { lostReason: 'no_budget', outcome: { kind: 'recycled', revisitAt: NOW } },
        'lostReason: Unknown lost reason code "no_budget"',
      ],
      ['a loss without a revisit date', 'lost', { lostReason: 'price' }, 'outcome: A lost deal goes back to nurture'],
      [
        'a loss "other" without a note',
        'lost',
        { lostReason: 'other', outcome: { kind: 'recycled', revisitAt: NOW } },
        'note: Reason "other" needs a note',
      ],
      ['a win with a lost reason', 'won', { lostReason: 'price' }, 'lostReason: Only a lost deal has a lost reason'],
      [
        'a win with a rejection reason',
        'won',
        { reason: 'no_budget' },
        'decision: "won" carries no rejection reason, override or handoff',
      ],
    ])('refuses %s', (_name, decision, patch, message) => {
      const error = catchError(() => parseOrThrow(DispositionSchema, { ...deal, decision, ...patch }, 'disposition'));
      expect(error.message).toContain(message);
    });

    it('keeps the date and the lost reason to their records', () => {
      expect(() =>
        parseOrThrow(
          DispositionSchema,
          { ...base, decision: 'accepted_sql', route: 'mql_handoff', occurredAt: NOW },
          'disposition',
        ),
      ).toThrowError('occurredAt: A verdict is dated by decidedAt alone');
      expect(() =>
        parseOrThrow(
          DispositionSchema,
          { ...base, decision: 'withdrawn', route: 'mql_handoff', withdraws: id, lostReason: 'price' },
          'disposition',
        ),
      ).toThrowError('A withdrawal carries no reason');
    });
  });
});

describe('lost reasons', () => {
  it('are a standardized list with stable codes, each with a label, a description and a revisit wait', () => {
    expect(LOST_REASON_CODES).toEqual([
      'price',
      'budget',
      'competitor',
      'no_decision',
      'timing',
      'product_fit',
      'champion_left',
      'unresponsive',
      'other',
    ]);
    for (const reason of LOST_REASONS) {
      expect(lostReasonLabel(reason.code)).toBe(reason.label);
      expect(reason.description.length).toBeGreaterThan(0);
      expect(reason.revisitDays).toBeGreaterThan(0);
    }
  });
});

describe('ActivitySchema', () => {
  it('accepts a discovery call with BANT updates and a next step', () => {
    const activity = ActivitySchema.parse({
      id,
      leadId: id,
      kind: 'call',
      outcome: 'connected',
      durationSeconds: 1260,
      criteriaUpdates: [{ criterion: 'need', status: 'confirmed', evidence: 'Churn reporting takes 3 days a month' }],
      nextStep: { action: 'Demo with the CFO', dueAt: NOW + 3 * DAY },
      occurredAt: NOW,
      loggedBy: 'rep@acme.io',
    });
    expect(activity.notes).toBe('');
  });
  it('refuses an unknown outcome', () => {
    expect(
      ActivitySchema.safeParse({ id, leadId: id, kind: 'call', outcome: 'maybe', occurredAt: NOW, loggedBy: 'r' }).error
        ?.issues[0]?.path,
    ).toEqual(['outcome']);
  });
});

describe('SettingsSchema', () => {
  it('the defaults are valid settings', () => {
    expect(SettingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });
  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'sla.calendar.timeZone'],
    ['a day that ends before it starts', { dayStart: '18:00', dayEnd: '09:00' }, 'sla.calendar.dayEnd'],
    ['a malformed holiday', { holidays: ['24/12/2026'] }, 'sla.calendar.holidays.0'],
  ])('refuses %s', (_name, patch, path) => {
    const settings = {
      ...DEFAULT_SETTINGS,
      sla: { ...DEFAULT_SETTINGS.sla, calendar: { ...DEFAULT_SETTINGS.sla.calendar, ...patch } },
    };
    expect(() => parseOrThrow(SettingsSchema, settings, 'settings')).toThrowError(`${path}:`);
  });

  it('keeps a list of account executives (none by default; settings stored before it still read)', () => {
    const { accountExecutives: _none, ...older } = DEFAULT_SETTINGS;
    expect(SettingsSchema.parse(older).accountExecutives).toEqual([]);
    const team = [
      { name: 'Alex Kim', email: 'alex.kim@seller.io' },
      { name: 'Priya Nair', email: 'PRIYA@seller.io' },
    ];
    expect(SettingsSchema.parse({ ...DEFAULT_SETTINGS, accountExecutives: team }).accountExecutives[1]?.email).toBe(
      'priya@seller.io',
    );
    expect(() =>
      parseOrThrow(SettingsSchema, { ...DEFAULT_SETTINGS, accountExecutives: [...team, team[0]] }, 'settings'),
    ).toThrowError('accountExecutives.2.email: alex.kim@seller.io is already in the list');
    expect(() =>
      parseOrThrow(SettingsSchema, { ...DEFAULT_SETTINGS, accountExecutives: [{ name: '', email: 'x' }] }, 'settings'),
    ).toThrowError('accountExecutives.0.name:');
  });
});

describe('inferSeniority', () => {
  it.each([
    ['Chief Revenue Officer', 'c_level'],
    ['CEO & Co-Founder', 'c_level'],
    ['VP of Revenue Operations', 'vp'],
    ['Senior Vice President, Sales', 'vp'],
    ['Director of Marketing', 'director'],
    ['Head of Growth', 'director'],
    ['Marketing Manager', 'manager'],
    ['Software Engineer', 'individual_contributor'],
    ['Team Lead, Platform', 'manager'],
    ['Lead Generation Specialist', 'individual_contributor'],
    ['Product Owner', 'individual_contributor'],
    ['Owner & Founder', 'c_level'],
    ['Assistant to the VP of Sales', 'individual_contributor'],
    ['Marketing Intern', 'student'],
    ['Student at MIT', 'student'],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %j', (title, seniority) => expect(inferSeniority(title)).toBe(seniority));
});

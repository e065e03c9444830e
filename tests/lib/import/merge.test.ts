import { describe, expect, it } from 'vitest';
import {
  applyRow,
  type ImportCandidate,
  type ImportedLead,
  impliedStage,
  LeadIndex,
  mergeLead,
  newLead,
  prepareNew,
} from '../../../lib/import/merge';
import { DAY, NOW, makeLead } from '../../support/factories';

/** The import's merge policy on plain data: no Dexie, no repository (those are tests/lib/db/imports.test.ts). */

function imported(
  lead: Omit<Partial<ImportedLead>, 'person'> & { person?: Partial<ImportedLead['person']> } = {},
): ImportedLead {
  return { company: {}, crmIds: {}, times: {}, ...lead, person: { emails: [], ...lead.person } };
}

const candidate = (ref: number, lead: ImportedLead): ImportCandidate => ({ ref, lead, events: [] });

const OPTIONS = { defaultStage: 'lead' } as const;

function indexOf(...leads: ReturnType<typeof makeLead>[]): LeadIndex {
  const index = new LeadIndex();
  index.load(leads);
  return index;
}

describe('impliedStage', () => {
  it('takes the stage the row names, else the furthest stage it has a date for', () => {
    expect(impliedStage(imported({ stage: 'sql', times: { customerAt: NOW } }))).toBe('sql');
    expect(impliedStage(imported({ times: { mqlAt: NOW, opportunityAt: NOW } }))).toBe('opportunity');
    expect(impliedStage(imported({ times: { mqlAt: NOW } }))).toBe('mql');
    expect(impliedStage(imported({ times: { createdAt: NOW } }))).toBeUndefined();
  });
});

describe('mergeLead', () => {
  const stored = makeLead({
    person: { name: 'Dana Whitfield', emails: ['dana@brightpath.io'], title: 'VP RevOps', phone: '+1 555 0100' },
    company: { name: 'BrightPath', domain: 'brightpath.io' },
    crmIds: { hubspot: '51234801' },
  });

  it('never erases with a blank, adds emails once, keeps CRM ids and the known LinkedIn URL', () => {
    const merged = mergeLead(
      { ...stored, person: { ...stored.person, linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield' } },
      imported({
        person: {
          emails: ['DANA@brightpath.io', 'dana.w@brightpath.io'],
          title: 'CRO',
          linkedinUrl: 'https://www.linkedin.com/in/other',
        },
        crmIds: { hubspot: '999', salesforce: '00Q5e00000AbCdE' },
      }),
      NOW,
    );
    expect(merged.person).toMatchObject({
      name: 'Dana Whitfield',
      title: 'CRO',
      phone: '+1 555 0100',
      emails: ['dana@brightpath.io', 'DANA@brightpath.io', 'dana.w@brightpath.io'],
      linkedinUrl: 'https://www.linkedin.com/in/dana-whitfield',
    });
    expect(merged.crmIds).toEqual({ hubspot: '51234801', salesforce: '00Q5e00000AbCdE' });
  });

  it('moves a lead to MQL when the file says so, dated by the row or now, never before creation', () => {
    expect(mergeLead(stored, imported({ stage: 'mql', times: { mqlAt: NOW - DAY } }), NOW)).toMatchObject({
      stage: 'mql',
      times: { mqlAt: NOW - DAY },
    });
    expect(mergeLead(stored, imported({ stage: 'mql' }), NOW).times.mqlAt).toBe(NOW);
    const before = stored.times.createdAt - DAY;
    expect(mergeLead(stored, imported({ times: { mqlAt: before } }), NOW).times.mqlAt).toBe(stored.times.createdAt);
  });

  it('brings a recycled lead back to MQL only for an MQL date after its recycling', () => {
    const recycled = makeLead({ stage: 'recycled', times: { createdAt: NOW - 60 * DAY, recycledAt: NOW - 10 * DAY } });
    expect(mergeLead(recycled, imported({ times: { mqlAt: NOW - 20 * DAY } }), NOW).stage).toBe('recycled');
    expect(mergeLead(recycled, imported({ times: { mqlAt: NOW - 2 * DAY } }), NOW)).toMatchObject({
      stage: 'mql',
      times: { mqlAt: NOW - 2 * DAY },
    });
  });

  it('never moves a lead past MQL: SQL, recycling and disqualification are decisions, not imports', () => {
    const mql = makeLead({ stage: 'mql', times: { createdAt: NOW - 9 * DAY, mqlAt: NOW - 5 * DAY } });
    expect(mergeLead(mql, imported({ stage: 'sql', times: { sqlAt: NOW } }), NOW)).toMatchObject({
      stage: 'mql',
      times: { mqlAt: NOW - 5 * DAY },
    });
    expect(mergeLead(stored, imported({ stage: 'disqualified' }), NOW).stage).toBe('lead');
  });

  it('fills a missing MQL date of a lead past MQL, and rewrites no other date', () => {
    const sql = makeLead({
      stage: 'sql',
      times: { createdAt: NOW - 9 * DAY, sqlAt: NOW - DAY },
    });
    expect(mergeLead(sql, imported({ times: { mqlAt: NOW - 3 * DAY, sqlAt: NOW } }), NOW).times).toEqual({
      createdAt: NOW - 9 * DAY,
      sqlAt: NOW - DAY,
      mqlAt: NOW - 3 * DAY,
    });
  });
});

describe('newLead', () => {
  it('names a lead without a name by its email or profile, and says so', () => {
    const { lead, notes } = newLead(imported({ person: { emails: ['kenji@sakura.jp'] } }), OPTIONS, NOW);
    expect(lead).toMatchObject({ person: { name: 'kenji@sakura.jp' }, stage: 'lead', times: { createdAt: NOW } });
    expect(notes.map((n) => n.code)).toEqual(['name_missing']);
    const bySlug = newLead(
      imported({ person: { linkedinUrl: 'https://www.linkedin.com/in/kenji-sato' } }),
      OPTIONS,
      NOW,
    );
    expect(bySlug.lead).toMatchObject({ person: { name: 'kenji-sato' } });
  });

  it('takes the stage its dates imply over the default', () => {
    const { lead } = newLead(
      imported({ person: { name: 'A', emails: ['a@x.io'] }, times: { mqlAt: NOW } }),
      { defaultStage: 'lead' },
      NOW,
    );
    expect(lead).toMatchObject({ stage: 'mql' });
  });
});

describe('applyRow', () => {
  const dana = makeLead({
    person: { name: 'Dana Whitfield', emails: ['dana@brightpath.io'] },
    crmIds: { salesforce: '00Q5e00000AbCdE' },
  });

  it('matches by a Salesforce id with or without its checksum, then by email', () => {
    const index = indexOf(dana);
    const byId = applyRow(
      candidate(1, imported({ crmIds: { salesforce: '00Q5e00000AbCdEAAZ' } })),
      index,
      OPTIONS,
      NOW,
    );
    expect(byId).toMatchObject({ status: 'ok', isNew: false, outcome: { status: 'unchanged', leadId: dana.id } });
    const byEmail = applyRow(
      candidate(2, imported({ person: { emails: ['Dana@BrightPath.io'], title: 'CRO' } })),
      index,
      OPTIONS,
      NOW,
    );
    expect(byEmail).toMatchObject({ status: 'ok', outcome: { status: 'updated', leadId: dana.id } });
  });

  it('refuses a row whose CRM id differs from the matched lead’s, naming both', () => {
    const result = applyRow(
      candidate(3, imported({ person: { emails: ['dana@brightpath.io'] }, crmIds: { salesforce: '00Q5e00000ZzZzZ' } })),
      indexOf(dana),
      OPTIONS,
      NOW,
    );
    expect(result).toMatchObject({
      status: 'rejected',
      issues: [{ code: 'crm_id_conflict', value: '00Q5e00000ZzZzZ' }],
    });
    expect(result.status === 'rejected' && result.issues[0]?.message).toContain('Dana Whitfield');
  });

  it('refuses new people when the import may not create, and a CRM id alone always', () => {
    const index = indexOf();
    const nobody = candidate(4, imported({ person: { emails: ['new@x.io'] } }));
    expect(applyRow(nobody, index, { ...OPTIONS, createLeads: false }, NOW)).toMatchObject({
      status: 'rejected',
      issues: [{ code: 'no_match' }],
    });
    expect(applyRow(candidate(5, imported({ crmIds: { hubspot: '7' } })), index, OPTIONS, NOW)).toMatchObject({
      status: 'rejected',
      issues: [{ code: 'missing_identity', message: expect.stringContaining('HubSpot ID 7') }],
    });
  });

  it('makes the same person twice in a file one lead', () => {
    const index = indexOf();
    const first = applyRow(
      candidate(6, imported({ person: { name: 'Kenji', emails: ['kenji@sakura.jp'] } })),
      index,
      OPTIONS,
      NOW,
    );
    const second = applyRow(
      candidate(7, imported({ person: { emails: ['KENJI@sakura.jp'], title: 'CTO' } })),
      index,
      OPTIONS,
      NOW,
    );
    expect(first).toMatchObject({ status: 'ok', isNew: true, outcome: { status: 'created' } });
    expect(second).toMatchObject({ status: 'ok', isNew: false, outcome: { status: 'updated' } });
    expect(first.status === 'ok' && second.status === 'ok' && first.outcome.leadId === second.outcome.leadId).toBe(
      true,
    );
    expect(index.leads.size).toBe(1);
  });

  it('uses a lead prepared ahead for a new row, and refuses an invalid one with the lead’s issues', () => {
    const row = candidate(8, imported({ person: { name: 'Priya', emails: ['priya@x.io'] } }));
    const ahead = prepareNew(row, OPTIONS, NOW);
    const result = applyRow(row, indexOf(), OPTIONS, NOW, ahead);
    expect(ahead && 'lead' in ahead && result.status === 'ok' && result.outcome.leadId === ahead.lead.id).toBe(true);
    const invalid = candidate(9, imported({ person: { name: 'X', emails: ['not-an-email'] } }));
    expect(applyRow(invalid, indexOf(), OPTIONS, NOW)).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ code: 'invalid_lead' })],
    });
  });
});

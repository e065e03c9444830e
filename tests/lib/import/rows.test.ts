import { describe, expect, it } from 'vitest';
import { ImportMappingSchema, type ImportMappingInput } from '../../../lib/import/mapping';
import { ImportFileError, planColumns, readRow } from '../../../lib/import/rows';

const DATES = { order: 'mdy', timeZone: 'UTC' } as const;

/** Reads one row of a one-row file whose header is the keys of `row`, each column mapped as its key says. */
function read(row: Record<string, string>, extra: Partial<ImportMappingInput> = {}) {
  const header = Object.keys(row);
  const fieldOf: Record<string, string> = {
    Email: 'email',
    'Work Email': 'email',
    LinkedIn: 'linkedinUrl',
    'Record ID': 'hubspotId',
    'Lead ID': 'salesforceId',
    Name: 'fullName',
    Title: 'title',
    Phone: 'phone',
    City: 'city',
    Country: 'country',
    Company: 'companyName',
    Website: 'companyDomain',
    Employees: 'employees',
    Stage: 'stage',
    Created: 'createdAt',
    'Activity Type': 'eventType',
    'Activity Date': 'eventAt',
    Detail: 'eventDetail',
  };
  const mapping = ImportMappingSchema.parse({
    columns: header.map((column) => ({ column, field: fieldOf[column] })),
    ...extra,
  });
  return readRow(Object.values(row), planColumns(header, mapping).plan, 2, DATES);
}

const issues = (result: ReturnType<typeof read>) =>
  (result.ok ? result.warnings : result.issues).map((i) => [i.code, i.column]);

describe('readRow', () => {
  it('builds the lead: emails from every email column, a name from its parts, one-line texts', () => {
    const result = read({
      Email: 'Dana@BrightPath.io; dana.w@gmail.com',
      'Work Email': 'dana@brightpath.io',
      Name: 'Dana\nWhitfield',
      Title: ' VP  Sales ',
    });
    expect(result).toMatchObject({
      ok: true,
      candidate: {
        ref: 2,
        lead: {
          person: { emails: ['dana@brightpath.io', 'dana.w@gmail.com'], name: 'Dana Whitfield', title: 'VP Sales' },
        },
      },
      warnings: [],
    });
  });

  it('stores Salesforce ids in their 18-character form', () => {
    const result = read({ 'Lead ID': '00Q5e00000Ab1Cd', Email: 'a@x.io' });
    expect(result.ok && result.candidate.lead.crmIds).toEqual({ salesforce: '00Q5e00000Ab1CdEAJ' });
  });

  it.each<[string, Record<string, string>, Partial<ImportMappingInput>, (string | undefined)[][]]>([
    ['no identity at all', { Email: ' ', Name: 'Nobody' }, {}, [['missing_identity', undefined]]],
    ['an invalid email, even beside a good one', { Email: 'a@x.io; b@', Name: 'B' }, {}, [['invalid_email', 'Email']]],
    [
      'a non-profile LinkedIn URL as the only identity',
      { LinkedIn: 'linkedin.com/company/acme' },
      {},
      [['invalid_linkedin', 'LinkedIn']],
    ],
    ['a CRM id with spaces', { 'Record ID': '51 234', Email: 'a@x.io' }, {}, [['invalid_crm_id', 'Record ID']]],
    ['a date that is not one', { Email: 'a@x.io', Created: 'last week' }, {}, [['invalid_date', 'Created']]],
    [
      'an activity of no known type',
      { Email: 'a@x.io', 'Activity Type': 'Sync to CRM', 'Activity Date': '2026-11-01' },
      {},
      [['unknown_event_type', 'Activity Type']],
    ],
    [
      'an activity without a date',
      { Email: 'a@x.io', 'Activity Type': 'Open Email', 'Activity Date': '' },
      {},
      [['missing_value', 'Activity Date']],
    ],
  ])('refuses %s', (_, row, extra, expected) => {
    const result = read(row, extra);
    expect(result.ok).toBe(false);
    expect(issues(result)).toEqual(expected);
  });

  it.each<[string, Record<string, string>, (string | undefined)[][]]>([
    [
      'a non-profile LinkedIn URL beside an email',
      { Email: 'a@x.io', LinkedIn: 'https://www.linkedin.com/sales/lead/ACwAA1' },
      [['invalid_linkedin', 'LinkedIn']],
    ],
    ['an unknown country', { Email: 'a@x.io', Country: 'EMEA' }, [['country_unknown', 'Country']]],
    ['an unreadable head count', { Email: 'a@x.io', Employees: 'lots' }, [['employees_unreadable', 'Employees']]],
    ['a website that is no domain', { Email: 'a@x.io', Website: 'n/a' }, [['domain_invalid', 'Website']]],
    ['an unmapped stage value', { Email: 'a@x.io', Stage: 'Attempted to contact' }, [['stage_unknown', 'Stage']]],
    ['a title over 300 characters', { Email: 'a@x.io', Title: 'x'.repeat(301) }, [['text_truncated', 'Title']]],
    ['a phone over 40 characters', { Email: 'a@x.io', Phone: '1'.repeat(41) }, [['phone_invalid', 'Phone']]],
  ])('keeps the row with a warning for %s', (_, row, expected) => {
    const result = read(row);
    expect(result.ok).toBe(true);
    expect(issues(result)).toEqual(expected);
  });

  it('puts a country in the location only with a city or region', () => {
    const both = read({ Email: 'a@x.io', City: 'Lyon', Country: 'France' });
    expect(both.ok && both.candidate.lead).toMatchObject({
      person: { location: 'Lyon, France' },
      company: { country: 'FR' },
    });
    const alone = read({ Email: 'a@x.io', Country: 'France' });
    expect(alone.ok && alone.candidate.lead.person.location).toBeUndefined();
  });

  it('turns an activity row into one event, page visits categorised by their URL', () => {
    const result = read({
      Email: 'a@x.io',
      'Activity Type': 'Visit Web Page',
      'Activity Date': '2026-11-20 09:14:02',
      Detail: 'https://acme.example/pricing?plan=team',
    });
    expect(result.ok && result.candidate.events).toEqual([
      {
        type: 'page_visit',
        pageCategory: 'pricing',
        occurredAt: Date.UTC(2026, 10, 20, 9, 14, 2),
        details: { activity: 'Visit Web Page', detail: 'https://acme.example/pricing?plan=team' },
      },
    ]);
  });
});

describe('readRow over one file', () => {
  it('resolves a country or a stage the same on every row, a mapped stage value included', () => {
    const header = ['Email', 'Country', 'Stage'];
    const mapping = ImportMappingSchema.parse({
      columns: [
        { column: 'Email', field: 'email' },
        { column: 'Country', field: 'country' },
        { column: 'Stage', field: 'stage' },
      ],
      stageValues: [{ value: 'Hot Prospect', stage: 'mql' }],
    });
    const { plan } = planColumns(header, mapping);
    const rows = [
      ['a@x.io', 'Deutschland', 'Hot Prospect'],
      ['b@x.io', 'Narnia', 'Marketing Qualified Lead'],
      ['c@x.io', 'Deutschland', 'Hot Prospect'],
      ['d@x.io', 'Narnia', 'Marketing Qualified Lead'],
      ['e@x.io', 'deutschland', 'Someday'],
    ];
    const read = rows.map((row, i) => readRow(row, plan, i + 2, DATES));
    const seen = read.map((r) =>
      r.ok ? [r.candidate.lead.company.country, r.candidate.lead.stage, r.warnings.map((w) => w.code)] : r.issues,
    );
    expect(seen).toEqual([
      ['DE', 'mql', []],
      [undefined, 'mql', ['country_unknown']],
      ['DE', 'mql', []],
      [undefined, 'mql', ['country_unknown']],
      ['DE', undefined, ['stage_unknown']],
    ]);
  });
});

describe('planColumns', () => {
  it('finds mapped columns by exact text, then by normalised name, and lists the missing', () => {
    const mapping = ImportMappingSchema.parse({
      columns: [
        { column: 'Email', field: 'email' },
        { column: 'Job Title', field: 'title' },
        { column: 'Phone', field: 'phone' },
      ],
    });
    const { plan, missing } = planColumns(['E-mail', 'job_title', 'Name'], mapping);
    expect([...plan.columns.entries()]).toEqual([
      ['email', [0]],
      ['title', [1]],
    ]);
    expect(missing).toEqual(['Phone']);
  });

  it('stops when no identity column is left', () => {
    const mapping = ImportMappingSchema.parse({ columns: [{ column: 'Email', field: 'email' }] });
    expect(() => planColumns(['Name'], mapping)).toThrow(ImportFileError);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  eventTypeFor,
  ImportMappingSchema,
  normalizeName,
  stageFor,
  suggestColumns,
} from '../../../lib/import/mapping';
import { detectPreset, suggestMapping } from '../../../lib/import/presets';

const FIXTURES = join(import.meta.dirname, '../../fixtures/csv');
/** A fixture's header row, as Papa Parse reads it. */
function headerOf(name: string): string[] {
  const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, '');
  return (Papa.parse<string[]>(text, { preview: 1 }).data[0] ?? []).map((h) => h.trim());
}

describe('ImportMappingSchema', () => {
  const email = { column: 'Email', field: 'email' } as const;

  it('fills the defaults', () => {
    expect(ImportMappingSchema.parse({ columns: [email] })).toEqual({
      version: 1,
      preset: 'custom',
      columns: [email],
      dates: { order: 'auto', timeZone: 'UTC' },
      stageValues: [],
      defaultStage: 'lead',
      eventValues: [],
    });
  });

  it.each([
    [{ columns: [{ column: 'Name', field: 'fullName' }] }, 'Map a column to email, LinkedIn URL or a CRM id'],
    [
      { columns: [email, { column: 'Title', field: 'title' }, { column: 'Role', field: 'title' }] },
      'Columns "Title" and "Role" are both mapped to title',
    ],
    [{ columns: [email, { column: 'Email', field: 'title' }] }, 'Column "Email" is mapped twice'],
    [
      { columns: [email, { column: 'Type', field: 'eventType' }] },
      'An activity log needs both an activity type and an activity date column',
    ],
    [{ columns: [email], dates: { timeZone: 'Mars/Olympus' } }, 'Unknown IANA time zone'],
    [{ columns: [email], stageValues: [{ value: 'Hot', stage: 'warm' }] }, 'Invalid option'],
    [{ columns: [{ column: 'Email', field: 'emailAddress' }] }, 'Invalid option'],
  ])('refuses %j', (mapping, message) => {
    const result = ImportMappingSchema.safeParse(mapping);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' | ')).toContain(message);
  });

  it('lets several columns feed the emails and the phone', () => {
    const mapping = {
      columns: [
        email,
        { column: 'Work Email', field: 'email' },
        { column: 'Phone', field: 'phone' },
        { column: 'Mobile', field: 'phone' },
      ],
    };
    expect(ImportMappingSchema.safeParse(mapping).success).toBe(true);
  });
});

describe('suggestColumns', () => {
  it('maps header names whatever their case, spacing and punctuation, and leaves the rest', () => {
    expect(
      suggestColumns([
        'E-Mail Address',
        ' first_name ',
        'LAST NAME',
        'Company / Account',
        'Email Opt Out',
        'Last email open date',
        'Notes',
      ]),
    ).toEqual([
      { column: 'E-Mail Address', field: 'email' },
      { column: 'first_name', field: 'firstName' },
      { column: 'LAST NAME', field: 'lastName' },
      { column: 'Company / Account', field: 'companyName' },
      { column: 'Last email open date', field: 'emailOpenedAt' },
    ]);
  });

  it('gives a field to the first column only, except emails and phones', () => {
    expect(suggestColumns(['Company', 'Account Name', 'Email', 'Work Email', 'Email'])).toEqual([
      { column: 'Company', field: 'companyName' },
      { column: 'Email', field: 'email' },
      { column: 'Work Email', field: 'email' },
    ]);
  });

  it('prefers the given choices over synonyms, wherever the column stands', () => {
    const columns = suggestColumns(
      ['Lead Status', 'Lifecycle Stage', 'Email'],
      [{ column: 'Lifecycle Stage', field: 'stage' }],
    );
    expect(columns).toEqual([
      { column: 'Lifecycle Stage', field: 'stage' },
      { column: 'Email', field: 'email' },
    ]);
  });
});

describe('presets', () => {
  it.each([
    ['hubspot-contacts.csv', 'hubspot'],
    ['salesforce-leads.csv', 'salesforce'],
    ['marketo-leads.csv', 'marketo'],
    ['excel-de-semicolon.csv', undefined],
    ['webinar-attendees.csv', undefined],
    ['marketo-activities.csv', undefined],
  ])('detects %s as %s', (file, preset) => {
    expect(detectPreset(headerOf(file))).toBe(preset);
  });

  it('recognises an older HubSpot export by its "Contact ID"', () => {
    expect(detectPreset(['Contact ID', 'First Name', 'Email', 'Lifecycle Stage', 'Create Date'])).toBe('hubspot');
    expect(detectPreset(['Id', 'Email'])).toBeUndefined();
  });

  it('maps a HubSpot export: Lifecycle Stage is the stage, Lead Status is left alone', () => {
    const { mapping, preset, unmapped, problems } = suggestMapping(headerOf('hubspot-contacts.csv'));
    expect(preset).toBe('hubspot');
    expect(problems).toEqual([]);
    expect(unmapped).toEqual(['Street Address', 'Lead Status']);
    expect(mapping.preset).toBe('hubspot');
    expect(mapping.columns).toContainEqual({ column: 'Record ID', field: 'hubspotId' });
    expect(mapping.columns).toContainEqual({ column: 'Lifecycle Stage', field: 'stage' });
    expect(mapping.columns).toContainEqual({ column: 'Became a Marketing Qualified Lead Date', field: 'mqlAt' });
    expect(mapping.columns).toContainEqual({ column: 'Recent Conversion Date', field: 'formSubmittedAt' });
  });

  it('maps a Salesforce report with its lead statuses, and a Marketo list', () => {
    const salesforce = suggestMapping(headerOf('salesforce-leads.csv')).mapping;
    expect(salesforce.columns).toContainEqual({ column: 'Lead ID', field: 'salesforceId' });
    expect(salesforce.columns).toContainEqual({ column: 'Company / Account', field: 'companyName' });
    expect(stageFor('Working - Contacted', salesforce)).toBe('mql');
    expect(stageFor('Closed - Not Converted', salesforce)).toBe('recycled');
    const marketo = suggestMapping(headerOf('marketo-leads.csv'));
    expect(marketo.mapping.columns).toContainEqual({ column: 'Id', field: 'marketoId' });
    expect(marketo.mapping.columns).toContainEqual({ column: 'Acquisition Program', field: 'campaign' });
    expect(marketo.unmapped).toEqual(['Lead Score', 'Updated At']);
  });

  it('maps any CSV by synonyms, and says what keeps it from importing', () => {
    const german = suggestMapping(headerOf('excel-de-semicolon.csv'));
    expect(german.preset).toBeUndefined();
    expect(german.mapping.columns.map((c) => c.field)).toEqual([
      'firstName',
      'lastName',
      'email',
      'companyName',
      'title',
      'country',
      'employees',
      'createdAt',
      'linkedinUrl',
    ]);
    const anonymous = suggestMapping(['Name', 'Company']);
    expect(anonymous.problems).toEqual([
      'Map a column to email, LinkedIn URL or a CRM id: without one no row can be matched to a lead',
    ]);
    expect(anonymous.mapping.columns).toHaveLength(2);
  });

  it('starts from a saved mapping: its choices and settings, for the columns this file has', () => {
    const saved = ImportMappingSchema.parse({
      preset: 'custom',
      columns: [
        { column: 'Mail', field: 'email' },
        { column: 'Booth visit', field: 'demoRequestedAt' },
        { column: 'Gone column', field: 'title' },
      ],
      dates: { order: 'dmy', timeZone: 'Europe/Berlin' },
      defaultStage: 'mql',
    });
    const { mapping } = suggestMapping(['Mail', 'Booth Visit', 'Company'], { saved });
    expect(mapping.columns).toEqual([
      { column: 'Mail', field: 'email' },
      { column: 'Booth Visit', field: 'demoRequestedAt' },
      { column: 'Company', field: 'companyName' },
    ]);
    expect(mapping.dates).toEqual({ order: 'dmy', timeZone: 'Europe/Berlin' });
    expect(mapping.defaultStage).toBe('mql');
  });
});

describe('values', () => {
  it('reads stages: the mapping’s own values first, then the names every CRM uses', () => {
    const mapping = {
      stageValues: [
        { value: 'Hot Lead', stage: 'mql' as const },
        { value: 'Lead', stage: 'mql' as const },
      ],
    };
    expect(stageFor('hot lead', mapping)).toBe('mql');
    expect(stageFor('Lead', mapping)).toBe('mql');
    expect(stageFor('Marketing Qualified Lead', { stageValues: [] })).toBe('mql');
    expect(stageFor('marketingqualifiedlead', { stageValues: [] })).toBe('mql');
    expect(stageFor('Evangelist', { stageValues: [] })).toBe('customer');
    expect(stageFor('Attempted to contact', { stageValues: [] })).toBeUndefined();
  });

  it('reads activity types of Marketo and HubSpot logs and our own codes', () => {
    const none = { eventValues: [] };
    expect(eventTypeFor('Visit Web Page', none)).toEqual({ type: 'page_visit' });
    expect(eventTypeFor('Fill Out Form', none)).toEqual({ type: 'form_submitted' });
    expect(eventTypeFor('email_clicked', none)).toEqual({ type: 'email_clicked' });
    expect(eventTypeFor('Change Score', none)).toBeUndefined();
    const custom = {
      eventValues: [{ value: 'Pricing Page', type: 'page_visit' as const, pageCategory: 'pricing' as const }],
    };
    expect(eventTypeFor('pricing page', custom)).toEqual({ type: 'page_visit', pageCategory: 'pricing' });
  });

  it('normalises names for comparison', () => {
    expect(normalizeName(' E-Mail  Adresse ')).toBe('emailadresse');
    expect(normalizeName('Prénom')).toBe('prenom');
  });
});

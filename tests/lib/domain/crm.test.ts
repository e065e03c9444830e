import { describe, expect, it } from 'vitest';
import { CrmSettingsSchema, crmRecords, SalesforceInstanceUrlSchema } from '../../../lib/domain/crm';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../lib/domain/settings';

const SETTINGS = { hubspotPortalId: '4815162', salesforceInstanceUrl: 'https://acme.my.salesforce.com' };

describe('the CRM settings', () => {
  it('are absent by default, and settings stored before them read as absent', () => {
    expect(DEFAULT_SETTINGS.crm).toEqual({});
    const { crm: _crm, ...older } = DEFAULT_SETTINGS;
    expect(SettingsSchema.parse(older).crm).toEqual({});
  });

  it.each([
    ['4815162', '4815162'],
    ['  4815162 ', '4815162'],
  ])('take the HubSpot portal id %j as %j', (given, stored) => {
    expect(CrmSettingsSchema.parse({ hubspotPortalId: given })).toEqual({ hubspotPortalId: stored });
  });

  it.each(['', 'abc', '48-15', '1234567890123', 'https://app.hubspot.com/contacts/4815162/'])(
    'refuse %j as a HubSpot portal id, saying what one is',
    (given) => {
      const result = CrmSettingsSchema.safeParse({ hubspotPortalId: given });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^A HubSpot portal id is a number/);
    },
  );

  it.each([
    ['https://acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['https://Acme.Lightning.Force.com/lightning/page/home?x=1#y', 'https://acme.lightning.force.com'],
    ['https://acme--uat.sandbox.my.salesforce.com/', 'https://acme--uat.sandbox.my.salesforce.com'],
    ['https://agency.my.salesforce.mil', 'https://agency.my.salesforce.mil'],
  ])('store the Salesforce address %j as its origin %j', (given, stored) => {
    expect(SalesforceInstanceUrlSchema.parse(given)).toBe(stored);
    // Read again (every boundary parses the stored settings), it stays the same.
    expect(SalesforceInstanceUrlSchema.parse(stored)).toBe(stored);
  });

  it.each([
    ['plain http', 'http://acme.my.salesforce.com'],
    ['another domain', 'https://acme.example.com'],
    ['a look-alike ending', 'https://acme.my.salesforce.com.evil.example'],
    ['a look-alike start', 'https://evilsalesforce.com'],
    ['credentials', 'https://user:pw@acme.my.salesforce.com'],
    ['a port', 'https://acme.my.salesforce.com:8443'],
    ['a script', 'javascript:alert(1)//acme.my.salesforce.com'],
    ['words', 'my salesforce'],
  ])('refuse a Salesforce address with %s', (_what, given) => {
    const result = SalesforceInstanceUrlSchema.safeParse(given);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Give your Salesforce address/);
  });
});

describe('crmRecords', () => {
  it('links a HubSpot contact to its record in the portal', () => {
    expect(crmRecords({ hubspot: '51873402' }, SETTINGS)).toEqual([
      {
        system: 'hubspot',
        id: '51873402',
        label: 'HubSpot contact',
        url: 'https://app.hubspot.com/contacts/4815162/record/0-1/51873402',
      },
    ]);
  });

  it.each([
    [
      'a lead (00Q)',
      '00Q5g00000AbCdE',
      'Salesforce lead',
      'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000AbCdE/view',
    ],
    [
      'a contact (003), 18 characters',
      '0035g00000XyZaBAAV',
      'Salesforce contact',
      'https://acme.my.salesforce.com/lightning/r/Contact/0035g00000XyZaBAAV/view',
    ],
    ['another object', '0015g00000QwErT', 'Salesforce record', 'https://acme.my.salesforce.com/0015g00000QwErT'],
  ])('links a Salesforce id of %s', (_what, id, label, url) => {
    expect(crmRecords({ salesforce: id }, SETTINGS)).toEqual([{ system: 'salesforce', id, label, url }]);
  });

  it('lists every system the lead has an id in, in one order, Marketo without a link', () => {
    const records = crmRecords({ marketo: '1000012', salesforce: '00Q5g00000AbCdE', hubspot: '51873402' }, SETTINGS);
    expect(records.map((r) => [r.label, r.url !== undefined])).toEqual([
      ['HubSpot contact', true],
      ['Salesforce lead', true],
      ['Marketo lead', false],
    ]);
  });

  it('gives ids as text, saying which setting would link them, when the settings lack it', () => {
    expect(crmRecords({ hubspot: '51873402', salesforce: '00Q5g00000AbCdE' }, {})).toEqual([
      { system: 'hubspot', id: '51873402', label: 'HubSpot contact', needs: 'hubspotPortalId' },
      { system: 'salesforce', id: '00Q5g00000AbCdE', label: 'Salesforce lead', needs: 'salesforceInstanceUrl' },
    ]);
  });

  it.each([
    ['a HubSpot id that is not a number', { hubspot: 'contact/../1' }],
    ['a Salesforce id of the wrong length', { salesforce: '00Q5g0000' }],
    ['a Salesforce id with a path in it', { salesforce: '00Q5g/../../x?y' }],
  ])('makes no link of %s, and asks for no setting', (_what, crmIds) => {
    for (const settings of [SETTINGS, {}]) {
      const [record] = crmRecords(crmIds, settings);
      expect(record?.url).toBeUndefined();
      expect(record?.needs).toBeUndefined();
    }
  });

  it('has nothing to show for a lead with no CRM ids', () => {
    expect(crmRecords({}, SETTINGS)).toEqual([]);
  });
});

import type { CrmSettings } from '../../lib/domain/crm';
import { TextField } from './fields';
import type { SectionProps } from './section';

/** A blank field is no setting (the key goes), so the default stays "absent", never "". */
function withField<K extends keyof CrmSettings>(crm: CrmSettings, key: K, text: string): CrmSettings {
  const { [key]: _old, ...rest } = crm;
  return text.trim() === '' ? rest : { ...rest, [key]: text };
}

/**
 * Where the sidebar links a lead's CRM record: the HubSpot portal id and the Salesforce
 * address. Both optional; checked on save with the rest of the settings (lib/domain/crm.ts),
 * so a typo is named at the field, not discovered as a broken link.
 */
export function CrmSection({ draft, issues, update }: SectionProps) {
  const { crm } = draft;
  return (
    <>
      <p className="hint">
        The sidebar shows a lead’s HubSpot and Salesforce ids as links to the record when it knows your account. Leave a
        field empty if your team does not use that CRM.
      </p>
      <TextField
        path="crm.hubspotPortalId"
        label="HubSpot portal id"
        hint="The number after /contacts/ in HubSpot’s address bar, e.g. 4815162."
        issues={issues}
        value={crm.hubspotPortalId ?? ''}
        maxLength={12}
        onChange={(text) => update((d) => ({ ...d, crm: withField(d.crm, 'hubspotPortalId', text) }))}
      />
      <TextField
        path="crm.salesforceInstanceUrl"
        label="Salesforce address"
        hint="Your org’s address, e.g. https://acme.my.salesforce.com (pasted from the address bar is fine)."
        issues={issues}
        value={crm.salesforceInstanceUrl ?? ''}
        maxLength={300}
        onChange={(text) => update((d) => ({ ...d, crm: withField(d.crm, 'salesforceInstanceUrl', text) }))}
      />
    </>
  );
}

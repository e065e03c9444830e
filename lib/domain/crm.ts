import * as z from 'zod';
import { CRM_SYSTEMS, type CrmSystem } from './enums';
import type { Lead } from './lead';

/** A HubSpot account's id (Hub ID, "portal id"): the number after `/contacts/` in any HubSpot address. */
export const HubspotPortalIdSchema = z
  .string()
  .trim()
  .regex(
    /^\d{1,12}$/,
    'A HubSpot portal id is a number such as 4815162 (the number after /contacts/ in HubSpot’s address bar)',
  );

/**
 * Salesforce's own domains: an instance URL elsewhere is a typo or a look-alike, and the
 * sidebar turns it into links the rep clicks.
 */
const SALESFORCE_HOST = /(^|\.)(salesforce\.com|force\.com|salesforce\.mil)$/;

/**
 * The org's Salesforce address, stored as its origin (`https://acme.my.salesforce.com`): typed
 * with or without `https://`, or pasted from the address bar with a path, which is dropped.
 * https only, on Salesforce's domains, no credentials or port.
 */
export const SalesforceInstanceUrlSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    let url: URL | undefined;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    } catch {
      url = undefined;
    }
    const ok =
      url !== undefined &&
      url.protocol === 'https:' &&
      url.username === '' &&
      url.password === '' &&
      url.port === '' &&
      SALESFORCE_HOST.test(url.hostname);
    if (!ok || !url) {
      ctx.addIssue({
        code: 'custom',
        message: 'Give your Salesforce address, such as https://acme.my.salesforce.com or acme.lightning.force.com',
      });
      return z.NEVER;
    }
    return `https://${url.hostname}`;
  });

/** Where the sidebar's links to the CRM record point: both optional, absent by default. */
export const CrmSettingsSchema = z.object({
  hubspotPortalId: HubspotPortalIdSchema.optional(),
  salesforceInstanceUrl: SalesforceInstanceUrlSchema.optional(),
});
export type CrmSettings = z.infer<typeof CrmSettingsSchema>;

/** A lead's record in one CRM: what to call it, its id, and its address when one can be made. */
export interface CrmRecord {
  system: CrmSystem;
  id: string;
  /** "HubSpot contact", "Salesforce lead", ... */
  label: string;
  /** Absent without the portal id or instance URL in the settings, or for an id of the wrong shape. */
  url?: string;
  /** The setting that would give this record its `url`, when that is all it lacks. */
  needs?: keyof CrmSettings;
}

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/**
 * The lead's CRM records, in {@link CRM_SYSTEMS} order, with the record's address where the
 * settings allow one:
 * - HubSpot: `https://app.hubspot.com/contacts/<portalId>/record/0-1/<contactId>` (0-1 is
 *   HubSpot's object type id for contacts);
 * - Salesforce: `<instance>/lightning/r/Lead/<id>/view`, `Contact` for an id with the
 *   contact prefix 003; an id of another object (no 00Q or 003 prefix) goes to
 *   `<instance>/<id>`, which Salesforce redirects to that record;
 * - Marketo: no link (its address needs the instance's pod, which Handoff does not know).
 * An id that does not have its system's shape (HubSpot's are numbers, Salesforce's 15 or 18
 * letters and digits) gets no link rather than a broken one.
 */
export function crmRecords(crmIds: Lead['crmIds'], settings: CrmSettings): CrmRecord[] {
  const records: CrmRecord[] = [];
  for (const system of CRM_SYSTEMS) {
    const id = crmIds[system];
    if (!id) continue;
    if (system === 'hubspot') {
      const { hubspotPortalId: portal } = settings;
      const shaped = /^\d+$/.test(id);
      const url = portal && shaped ? `https://app.hubspot.com/contacts/${portal}/record/0-1/${id}` : undefined;
      records.push({ system, id, label: 'HubSpot contact', ...link(url, shaped && !portal && 'hubspotPortalId') });
    } else if (system === 'salesforce') {
      const object = id.startsWith('003') ? 'Contact' : id.startsWith('00Q') ? 'Lead' : undefined;
      const label = object ? `Salesforce ${object.toLowerCase()}` : 'Salesforce record';
      const instance = settings.salesforceInstanceUrl;
      const shaped = SALESFORCE_ID.test(id);
      const path = object ? `lightning/r/${object}/${id}/view` : id;
      const url = instance && shaped ? `${instance}/${path}` : undefined;
      records.push({ system, id, label, ...link(url, shaped && !instance && 'salesforceInstanceUrl') });
    } else {
      records.push({ system, id, label: 'Marketo lead' });
    }
  }
  return records;
}

function link(url: string | undefined, needs: keyof CrmSettings | false): Pick<CrmRecord, 'url' | 'needs'> {
  if (url) return { url };
  return needs ? { needs } : {};
}

/**
 * The Dexie schema, one dated constant per version. A shipped constant is never edited:
 * a change is a new constant that spreads the previous one and changes only what it must,
 * plus an upgrade file in ./migrations and a test in tests/lib/db/migrations.test.ts.
 *
 * Syntax (Dexie): the first entry is the primary key; `*x` is a multi-entry index over an
 * array; `[a+b]` a compound index; `a.b` indexes a nested field. Only indexed fields are
 * listed; the rest of each row is stored as is.
 */

/** v1, 2026-11-23: the first schema. */
export const schemaV1_20261123 = {
  /**
   * `emailKeys` (normalised emails) and `linkedinKey` (profile slug) are derived by the lead
   * repository on every write, so lookups match whatever shape the page shows. CRM ids are
   * indexed per system for re-import matching: a new CRM system needs a new schema version.
   */
  leads:
    'id, *emailKeys, linkedinKey, company.domain, stage, owner, updatedAt, crmIds.hubspot, crmIds.salesforce, crmIds.marketo',
  /** `[leadId+occurredAt]` serves a lead's history, newest first, without scanning 1M rows. */
  events: 'id, [leadId+occurredAt], type, occurredAt',
  /** One current checklist per lead, so the lead id is the key. */
  qualifications: 'leadId',
  /** Append-only: a change of mind is a new row; the latest by `decidedAt` is current. */
  dispositions: 'id, [leadId+decidedAt]',
  activities: 'id, [leadId+occurredAt], nextStep.dueAt',
  /** A single row under the key `settings`. */
  settings: 'key',
} as const;

/** The schema the current code expects. */
export const currentSchema = schemaV1_20261123;

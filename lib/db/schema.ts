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

/**
 * v2, 2026-11-23: team sync (lib/sync). Three tables, nothing else changes:
 * - `outbox`: local changes not yet pushed, in the order they were made (`seq`), each in
 *   the wire contract's shape (lib/replication/contract.ts). `changeId` is unique: a retried push
 *   sends the same ids. `[table+recordId]` finds a record's unsynced changes when a pull
 *   lays them over the server's copy.
 * - `syncState`: small rows by key: the client id and its clock, the server and status,
 *   the token (here, in the extension's origin, where a content script cannot read it).
 * - `dispositionClocks`: each decision's clock and `basedOn` (what it was decided on), for
 *   telling the current decision and a conflict the way the server does. `conflict` is 1
 *   (indexed) when the decision was made without seeing another on the same basis.
 */
export const schemaV2_20261123 = {
  ...schemaV1_20261123,
  outbox: '++seq, &changeId, [table+recordId]',
  syncState: 'key',
  dispositionClocks: 'id, leadId, conflict',
} as const;

/**
 * v3, 2026-11-23: three indexes of `leads` dropped, `owner`, `updatedAt` and `company.domain`.
 * Nothing queried them (a repository method each for owner and domain, without a caller), and
 * every index is written on every lead write: 100k leads took Chromium's IndexedDB 22.1 s of
 * CPU with the nine indexes, 14.9 s with the six left (bench/FINDINGS.md, "Import"). The
 * fields stay on every lead; only the indexes go. Bring one back with a new version when a
 * query needs it.
 */
export const schemaV3_20261123 = {
  ...schemaV2_20261123,
  leads: 'id, *emailKeys, linkedinKey, stage, crmIds.hubspot, crmIds.salesforce, crmIds.marketo',
} as const;

/**
 * v4, 2026-12-08: `marketingScores`, the scores marketing's tools post to the team server's
 * ingest, kept as pulled (they were dropped before). One row per lead and scoring system, so
 * the key is `[leadId+system]`, which also serves "a lead's scores" as a key range. No other
 * index: the sidebar reads them by lead only.
 */
export const schemaV4_20261208 = {
  ...schemaV3_20261123,
  marketingScores: '[leadId+system]',
} as const;

/** The schema the current code expects. */
export const currentSchema = schemaV4_20261208;

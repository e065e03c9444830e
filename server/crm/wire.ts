/**
 * The admin API's bodies for a team's CRM connection (`admin` scope). Server-only: the extension
 * reads a lead's write status through the shared contract (lib/replication/contract.ts
 * `CrmStatusResponseSchema`) and never sees a connection or its secret.
 */
import * as z from 'zod';
import { IdSchema } from '../../lib/domain/common';
import { CRM_CONNECTION_SYSTEMS, CRM_WRITE_STATUSES } from '../../lib/replication/contract';
import {
  ConnectorSettingsPatchSchema,
  ConnectorSettingsSchema,
  HubspotMappingOverridesSchema,
  HubspotMappingSchema,
} from './mapping';

/**
 * Connects the team's CRM, or replaces its token (a rotated or renewed one). Settings and mapping
 * given here are applied; absent ones keep their values (defaults on a first connect).
 */
export const ConnectRequestSchema = z.strictObject({
  /** Only HubSpot for now; Salesforce's connector comes later. */
  system: z.literal('hubspot'),
  /** A HubSpot private app's access token (scopes: crm.objects.contacts.read/write, crm.schemas.contacts.read/write). Stored encrypted; never returned. */
  accessToken: z
    .string()
    .trim()
    .min(8, 'That is too short to be a HubSpot private app token')
    .max(512)
    .regex(/^\S+$/, 'A token has no spaces'),
  settings: ConnectorSettingsPatchSchema.optional(),
  mapping: HubspotMappingOverridesSchema.optional(),
});
export type ConnectRequest = z.output<typeof ConnectRequestSchema>;

/** Changes settings or the mapping without touching the token. `mapping: null` goes back to the defaults. */
export const UpdateConnectionRequestSchema = z.strictObject({
  settings: ConnectorSettingsPatchSchema.optional(),
  mapping: HubspotMappingOverridesSchema.nullable().optional(),
});
export type UpdateConnectionRequest = z.output<typeof UpdateConnectionRequestSchema>;

/** Puts refused writes back in the queue (after the mapping or the CRM was fixed): the team's, or one lead's. */
export const RequeueRequestSchema = z.strictObject({ leadId: IdSchema.optional() });
export type RequeueRequest = z.output<typeof RequeueRequestSchema>;
export const RequeueResponseSchema = z.object({ requeued: z.number().int().nonnegative() });

/** A connection as an admin sees it: everything but the secret, which no endpoint returns. */
export const ConnectionViewSchema = z.object({
  system: z.enum(CRM_CONNECTION_SYSTEMS),
  status: z.enum(['active', 'needs_attention']),
  /** Why it needs attention, in the CRM's words where it gave some. */
  statusMessage: z.string().nullable(),
  settings: ConnectorSettingsSchema,
  /** The mapping in force: the team's overrides over the defaults. */
  mapping: HubspotMappingSchema,
  /** The team's overrides alone. */
  mappingOverrides: HubspotMappingOverridesSchema,
  /** The team's queued writes by status. */
  outbox: z.record(z.enum(CRM_WRITE_STATUSES), z.number().int().nonnegative()),
  connectedAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const ConnectionResponseSchema = z.object({ connection: ConnectionViewSchema.nullable() });
export type ConnectionResponse = z.infer<typeof ConnectionResponseSchema>;
export const DisconnectResponseSchema = z.object({ disconnected: z.boolean() });

/**
 * What a Handoff decision or touch becomes in HubSpot: pure functions over the domain records
 * and a team's mapping (zod-validated, defaults below, overridable per team). No I/O: the
 * connector (./hubspot.ts) sends what these return. README "Connect your CRM" lists the
 * defaults; docs/decisions.md "The CRM loop" says why they are what they are.
 */
import * as z from 'zod';
import type { Activity } from '../../lib/domain/activity';
import type { Disposition } from '../../lib/domain/disposition';
import { ACTIVITY_OUTCOMES, ROUTES } from '../../lib/domain/enums';
import { REJECTION_REASONS, REJECTION_REASON_CODES, type RejectionReasonCode } from '../../lib/domain/reasons';

/** A HubSpot internal property name: lower-case letters, digits and underscores. */
const PropertyNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,99}$/, 'A HubSpot property name is lower-case letters, digits and _ (e.g. hs_lead_status)');
/** A property value as HubSpot's API takes it (always a string); `""` clears the property. */
const PropertyValueSchema = z.string().max(1000);
const PropertiesSchema = z.record(PropertyNameSchema, PropertyValueSchema);

/** The decisions whose properties are set by table (a verdict adds its reason, route and dates). */
const MAPPED_DECISIONS = ['accepted_sql', 'rejected', 'opportunity', 'won', 'lost', 'none'] as const;

const ReasonValueSchema = z.strictObject({
  /** The value of the rejection-reason property (an option of that enumeration). */
  value: PropertyValueSchema,
  /** The lead status the rejection sets (`hs_lead_status`: UNQUALIFIED or BAD_TIMING by default). */
  leadStatus: PropertyValueSchema,
});

/** A team's whole HubSpot mapping, after its overrides are laid over {@link DEFAULT_HUBSPOT_MAPPING}. */
export const HubspotMappingSchema = z.strictObject({
  /** Which contact properties carry what (the custom ones are created when missing). */
  properties: z.strictObject({
    leadStatus: PropertyNameSchema,
    rejectionReason: PropertyNameSchema,
    recycleDate: PropertyNameSchema,
    overrideNote: PropertyNameSchema,
    sqlRoute: PropertyNameSchema,
    /** On calls and notes: the Handoff activity id, the marker that makes an engagement's creation idempotent. */
    activityMarker: PropertyNameSchema,
  }),
  /**
   * Properties set by each decision as it is (`none`: after a withdrawal leaves no decision in
   * force). An override replaces a decision's whole set: `{}` writes none of its fixed properties.
   */
  decisions: z.strictObject(
    Object.fromEntries(MAPPED_DECISIONS.map((d) => [d, PropertiesSchema])) as Record<
      (typeof MAPPED_DECISIONS)[number],
      typeof PropertiesSchema
    >,
  ),
  rejectionReasons: z.strictObject(
    Object.fromEntries(REJECTION_REASON_CODES.map((code) => [code, ReasonValueSchema])) as Record<
      RejectionReasonCode,
      typeof ReasonValueSchema
    >,
  ),
  /** The value of the SQL-route property for each route. */
  routes: z.strictObject(
    Object.fromEntries(ROUTES.map((route) => [route, PropertyValueSchema])) as Record<
      (typeof ROUTES)[number],
      typeof PropertyValueSchema
    >,
  ),
  /** `hs_call_disposition` (the call's outcome, a GUID in HubSpot) for a logged call's outcome; none when absent. */
  callOutcomes: z.partialRecord(z.enum(ACTIVITY_OUTCOMES), PropertyValueSchema),
});
export type HubspotMapping = z.infer<typeof HubspotMappingSchema>;

// Rejections that mean "not now" rather than "not a buyer": HubSpot's BAD_TIMING.
const BAD_TIMING_REASONS: ReadonlySet<RejectionReasonCode> = new Set(['bad_timing', 'no_budget']);

/**
 * The defaults (README "Connect your CRM"). HubSpot's lifecycle stage only moves forward through
 * the API, so a rejection leaves it as it is and says so with the lead status and the reason.
 * Call outcomes are HubSpot's default outcome GUIDs (its calls guide; the same in every account).
 */
export const DEFAULT_HUBSPOT_MAPPING: HubspotMapping = {
  properties: {
    leadStatus: 'hs_lead_status',
    rejectionReason: 'handoff_rejection_reason',
    recycleDate: 'handoff_recycle_date',
    overrideNote: 'handoff_override_note',
    sqlRoute: 'handoff_sql_route',
    activityMarker: 'handoff_activity_id',
  },
  decisions: {
    accepted_sql: { lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'OPEN_DEAL' },
    rejected: {},
    opportunity: { lifecyclestage: 'opportunity' },
    won: { lifecyclestage: 'customer' },
    lost: {},
    none: { hs_lead_status: 'IN_PROGRESS' },
  },
  rejectionReasons: Object.fromEntries(
    REJECTION_REASONS.map((reason) => [
      reason.code,
      { value: reason.code, leadStatus: BAD_TIMING_REASONS.has(reason.code) ? 'BAD_TIMING' : 'UNQUALIFIED' },
    ]),
  ) as HubspotMapping['rejectionReasons'],
  routes: { mql_handoff: 'mql_handoff', direct_inbound: 'direct_inbound', direct_outbound: 'direct_outbound' },
  callOutcomes: {
    connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
    meeting_booked: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
    not_interested: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
    no_answer: '73a0d17f-1163-4015-bdd5-ec830791da20',
    voicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
    wrong_contact: '17b47fee-58de-441e-a44c-c6300d46f273',
  },
};

/**
 * What a team may change: any part of the mapping, each level optional; unknown keys are refused
 * (a misspelt reason code must not pass silently). Stored as given, so a default changed in a
 * later version reaches every team that did not override it.
 */
export const HubspotMappingOverridesSchema = z.strictObject({
  properties: HubspotMappingSchema.shape.properties.partial().optional(),
  decisions: HubspotMappingSchema.shape.decisions.partial().optional(),
  rejectionReasons: z
    .strictObject(
      Object.fromEntries(
        REJECTION_REASON_CODES.map((code) => [code, ReasonValueSchema.partial().optional()]),
      ) as Record<
        RejectionReasonCode,
        z.ZodOptional<z.ZodObject<{ value: z.ZodOptional<z.ZodString>; leadStatus: z.ZodOptional<z.ZodString> }>>
      >,
    )
    .optional(),
  routes: HubspotMappingSchema.shape.routes.partial().optional(),
  callOutcomes: HubspotMappingSchema.shape.callOutcomes.optional(),
});
export type HubspotMappingOverrides = z.infer<typeof HubspotMappingOverridesSchema>;

/** The team's mapping: its overrides over the defaults, each decision's set replaced whole. */
export function resolveHubspotMapping(overrides: HubspotMappingOverrides = {}): HubspotMapping {
  const reasons = { ...DEFAULT_HUBSPOT_MAPPING.rejectionReasons };
  for (const [code, value] of Object.entries(overrides.rejectionReasons ?? {})) {
    const key = code as RejectionReasonCode;
    if (value) reasons[key] = { ...reasons[key], ...value };
  }
  return HubspotMappingSchema.parse({
    properties: { ...DEFAULT_HUBSPOT_MAPPING.properties, ...overrides.properties },
    decisions: { ...DEFAULT_HUBSPOT_MAPPING.decisions, ...overrides.decisions },
    rejectionReasons: reasons,
    routes: { ...DEFAULT_HUBSPOT_MAPPING.routes, ...overrides.routes },
    callOutcomes: { ...DEFAULT_HUBSPOT_MAPPING.callOutcomes, ...overrides.callOutcomes },
  });
}

/** A connection's settings: off by default, as the issue asks (never create a contact unless the team says so). */
export const ConnectorSettingsSchema = z.strictObject({
  /** Create a contact when none matches the lead by CRM id or email. */
  createContacts: z.boolean().default(false),
  /** Which touches become engagements: logged calls and each lead's first touch, or every touch. */
  touches: z.enum(['calls_and_first_touch', 'all']).default('calls_and_first_touch'),
});
export type ConnectorSettings = z.infer<typeof ConnectorSettingsSchema>;

/** A change of some settings: what is absent keeps its value (no defaults filled in here). */
export const ConnectorSettingsPatchSchema = z.strictObject({
  createContacts: z.boolean().optional(),
  touches: ConnectorSettingsSchema.shape.touches.unwrap().optional(),
});
export type ConnectorSettingsPatch = z.infer<typeof ConnectorSettingsPatchSchema>;

/** A date property's value: the UTC day, as HubSpot's date properties take it. */
export function hubspotDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The contact properties a decision sets. A verdict (accept, reject) sets every Handoff property,
 * clearing those that do not apply, so the contact shows the verdict in force and nothing of an
 * earlier one; an opportunity or a win sets only its stage; a loss its recycle date. A withdrawal
 * is written as the decision in force after it: {@link hubspotWithdrawalProperties}.
 */
export function hubspotDecisionProperties(mapping: HubspotMapping, d: Disposition): Record<string, string> {
  const p = mapping.properties;
  switch (d.decision) {
    case 'accepted_sql':
      return {
        ...mapping.decisions.accepted_sql,
        [p.sqlRoute]: mapping.routes[d.route],
        [p.overrideNote]: d.override?.note ?? '',
        [p.rejectionReason]: '',
        [p.recycleDate]: '',
      };
    case 'rejected': {
      const reason = d.reason ? mapping.rejectionReasons[d.reason] : undefined;
      return {
        ...mapping.decisions.rejected,
        ...(reason && { [p.leadStatus]: reason.leadStatus }),
        [p.rejectionReason]: reason?.value ?? '',
        [p.recycleDate]: d.outcome?.kind === 'recycled' ? hubspotDate(d.outcome.revisitAt) : '',
        [p.sqlRoute]: '',
        [p.overrideNote]: '',
      };
    }
    case 'opportunity':
      return { ...mapping.decisions.opportunity };
    case 'won':
      return { ...mapping.decisions.won };
    case 'lost':
      return {
        ...mapping.decisions.lost,
        ...(d.outcome?.kind === 'recycled' && { [p.recycleDate]: hubspotDate(d.outcome.revisitAt) }),
      };
    case 'withdrawn':
      throw new Error('A withdrawal is written as the decision in force after it: use hubspotWithdrawalProperties');
  }
}

/** What a withdrawal writes: the decision in force after it, or `decisions.none` with the Handoff properties cleared. */
export function hubspotWithdrawalProperties(
  mapping: HubspotMapping,
  inForce: Disposition | undefined,
): Record<string, string> {
  if (inForce) return hubspotDecisionProperties(mapping, inForce);
  const p = mapping.properties;
  return {
    ...mapping.decisions.none,
    [p.rejectionReason]: '',
    [p.recycleDate]: '',
    [p.sqlRoute]: '',
    [p.overrideNote]: '',
  };
}

/** HubSpot's association type ids (HUBSPOT_DEFINED): an engagement to the contact it is about. */
export const HUBSPOT_ASSOCIATION = { callToContact: 194, noteToContact: 202 } as const;

/** An engagement to create: the object type, its properties, and how it associates with the contact. */
export interface HubspotEngagement {
  object: 'calls' | 'notes';
  properties: Record<string, string>;
  associationTypeId: number;
}

const KIND_WORDS: Record<Activity['kind'], string> = {
  call: 'Call',
  email: 'Email',
  linkedin_message: 'LinkedIn message',
  meeting: 'Meeting',
};

/** HubSpot renders engagement bodies as HTML: a rep's notes go in as text, never as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The engagement a touch becomes: a call for a logged call (its outcome, duration and notes),
 * a note for any other touch. Each carries the Handoff activity id in the marker property, which
 * the connector searches for before creating again, so a retried touch is never logged twice.
 */
export function hubspotEngagement(mapping: HubspotMapping, activity: Activity, firstTouch: boolean): HubspotEngagement {
  const marker = { [mapping.properties.activityMarker]: activity.id };
  const notes = activity.notes ? escapeHtml(activity.notes) : '';
  const nextStep = activity.nextStep ? `Next step: ${escapeHtml(activity.nextStep.action)}` : '';
  if (activity.kind === 'call') {
    const disposition = mapping.callOutcomes[activity.outcome];
    return {
      object: 'calls',
      associationTypeId: HUBSPOT_ASSOCIATION.callToContact,
      properties: {
        hs_timestamp: String(activity.occurredAt),
        hs_call_title: firstTouch ? 'First touch: call (logged in Handoff)' : 'Call (logged in Handoff)',
        hs_call_body: [notes, nextStep, `Logged by ${escapeHtml(activity.loggedBy)}`].filter(Boolean).join('<br>'),
        hs_call_direction: 'OUTBOUND',
        hs_call_status: 'COMPLETED',
        ...(activity.durationSeconds !== undefined && { hs_call_duration: String(activity.durationSeconds * 1000) }),
        ...(disposition && { hs_call_disposition: disposition }),
        ...marker,
      },
    };
  }
  const heading = `${firstTouch ? 'First touch' : 'Touch'}: ${KIND_WORDS[activity.kind]} (${activity.outcome.replace(/_/g, ' ')}), logged in Handoff by ${escapeHtml(activity.loggedBy)}`;
  return {
    object: 'notes',
    associationTypeId: HUBSPOT_ASSOCIATION.noteToContact,
    properties: {
      hs_timestamp: String(activity.occurredAt),
      hs_note_body: [heading, notes, nextStep].filter(Boolean).join('<br>'),
      ...marker,
    },
  };
}

/** A custom property the connector creates when missing, in the "Handoff" property group. */
export interface HubspotPropertyDefinition {
  objectType: 'contacts' | 'calls' | 'notes';
  name: string;
  label: string;
  type: 'enumeration' | 'date' | 'string';
  fieldType: 'select' | 'date' | 'textarea' | 'text';
  description: string;
  options?: { label: string; value: string; displayOrder: number; hidden: boolean }[];
}

/** The property group Handoff's custom properties live in, on each object type. */
export const HUBSPOT_PROPERTY_GROUP = { name: 'handoff', label: 'Handoff' } as const;

const ROUTE_LABELS: Record<(typeof ROUTES)[number], string> = {
  mql_handoff: 'MQL handoff',
  direct_inbound: 'Direct to SQL (inbound)',
  direct_outbound: 'Direct to SQL (outbound)',
};

/**
 * The custom properties the mapping writes, to create where missing. Standard properties
 * (`hs_lead_status`, `lifecyclestage`) are HubSpot's own and never created. The rejection reason
 * and route are dropdowns whose options are the mapping's values, labelled with the standard labels.
 */
export function hubspotCustomProperties(mapping: HubspotMapping): HubspotPropertyDefinition[] {
  const p = mapping.properties;
  const reasonOptions = REJECTION_REASONS.map((reason, index) => ({
    label: reason.label,
    value: mapping.rejectionReasons[reason.code].value,
    displayOrder: index,
    hidden: false,
  }));
  const routeOptions = ROUTES.map((route, index) => ({
    label: ROUTE_LABELS[route],
    value: mapping.routes[route],
    displayOrder: index,
    hidden: false,
  }));
  const marker = (objectType: 'calls' | 'notes'): HubspotPropertyDefinition => ({
    objectType,
    name: p.activityMarker,
    label: 'Handoff activity id',
    type: 'string',
    fieldType: 'text',
    description: 'The touch in Handoff this was logged from (keeps a retried write from logging it twice).',
  });
  return [
    {
      objectType: 'contacts',
      name: p.rejectionReason,
      label: 'Handoff rejection reason',
      type: 'enumeration',
      fieldType: 'select',
      description: "Why sales rejected the lead in Handoff (the team's standardized reasons).",
      options: dedupeOptions(reasonOptions),
    },
    {
      objectType: 'contacts',
      name: p.recycleDate,
      label: 'Handoff recycle date',
      type: 'date',
      fieldType: 'date',
      description: 'When a recycled lead should be looked at again.',
    },
    {
      objectType: 'contacts',
      name: p.overrideNote,
      label: 'Handoff override note',
      type: 'string',
      fieldType: 'textarea',
      description: 'Why the rep accepted the lead below the SQL bar.',
    },
    {
      objectType: 'contacts',
      name: p.sqlRoute,
      label: 'Handoff SQL route',
      type: 'enumeration',
      fieldType: 'select',
      description: 'How the lead became an SQL: MQL handoff, or direct to SQL.',
      options: dedupeOptions(routeOptions),
    },
    marker('calls'),
    marker('notes'),
  ];
}

/** Two reasons mapped to one value are one option (HubSpot refuses repeated option values). */
function dedupeOptions<T extends { value: string }>(options: T[]): T[] {
  const seen = new Set<string>();
  return options.filter((option) => option.value !== '' && !seen.has(option.value) && seen.add(option.value));
}

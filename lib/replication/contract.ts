/**
 * The sync server's wire contract: every request and response body, as zod schemas built
 * from the domain's own (lib/domain). The server validates with these; the extension's sync
 * client imports them too, so both sides agree by construction. No Node-only imports here.
 *
 * Conflict rules the shapes encode (DESIGN.md §3, docs/decisions.md "Sync server"):
 * - leads: last writer wins **per field**, by hybrid logical clock (lib/replication/hlc.ts);
 * - qualifications: merged **per criterion** by clock (the framework is one more field);
 * - events, dispositions, activities: append-only; a second write of an id is a duplicate,
 *   never an overwrite. Of a lead's dispositions the latest by clock is current, and two
 *   decisions made without seeing each other are both kept and flagged as a conflict.
 */
import * as z from 'zod';
import { ActivitySchema, StoredActivitySchema } from '../domain/activity';
import { IdSchema, shortText, TimestampSchema } from '../domain/common';
import { DecisionSchema, DispositionSchema, RouteSchema } from '../domain/disposition';
import { CRM_SYSTEMS, LEAD_STAGES } from '../domain/enums';
import { EngagementEventSchema, EventDetailsSchema, EventTypeSchema, PageCategorySchema } from '../domain/event';
import { criterionKeys } from '../domain/frameworks';
import { CompanySchema, EmailSchema, LeadSchema, LinkedinUrlSchema, PersonSchema } from '../domain/lead';
import { type MarketingScore, MarketingScoreSchema } from '../domain/marketing-score';
import { CriterionEntrySchema, FrameworkSchema, QualificationSchema } from '../domain/qualification';
import { LOST_REASON_CODES } from '../domain/lost-reasons';
import { REJECTION_REASON_CODES } from '../domain/reasons';
import { HlcSchema, NodeIdSchema } from './hlc';

/** Most changes one push may carry; the client splits a longer outbox into batches. */
export const MAX_CHANGES_PER_PUSH = 500;
/** Records per pull page, unless the client asks for fewer. */
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/** Leads (items) per ingest request, and engagement events across all its items. */
export const MAX_INGEST_ITEMS = 500;
export const MAX_INGEST_EVENTS = 2000;
export const DEFAULT_DISPOSITIONS_LIMIT = 10_000;
export const MAX_DISPOSITIONS_LIMIT = 50_000;
/** Most reps `GET /v1/team/reps` answers: a team is a sales floor, not a company directory. */
export const MAX_TEAM_REPS = 1000;

/** Tables a client pushes to. */
export const PUSH_TABLES = ['leads', 'qualifications', 'events', 'dispositions', 'activities'] as const;
export type PushTable = (typeof PUSH_TABLES)[number];
/** Tables a pull returns: the pushed ones, plus the scores marketing posts through ingest. */
export const PULL_TABLES = [...PUSH_TABLES, 'scores'] as const;
export type PullTable = (typeof PULL_TABLES)[number];

// ---------------------------------------------------------------------------------------
// Token scopes

/**
 * What a token may do, chosen when it is issued: `rep` syncs (push, pull, me, the team's reps, the CRM
 * status of a lead's writes), `ingest` is for a marketing automation tool (POST /v1/ingest), `export`
 * reads the dispositions report, `admin` connects the team's CRM and changes its mapping.
 */
export const TOKEN_SCOPES = ['rep', 'ingest', 'export', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

// ---------------------------------------------------------------------------------------
// Errors

export const ERROR_CODES = [
  'invalid_request', // 400: the body, query or a change does not fit its schema; `issues` name the fields
  'unauthorized', // 401: no token, an unknown one or a revoked one
  'forbidden', // 403: the token's scopes do not include the one this endpoint needs
  'not_found', // 404
  'cursor_ahead', // 409: the pull cursor is past anything this server has: pull again from "0"
  'payload_too_large', // 413
  'unsupported_media_type', // 415: bodies are application/json
  'rate_limited', // 429: see the Retry-After header
  'not_configured', // 503: the server lacks a setting this needs (HANDOFF_SECRET_KEY for a CRM token)
  'internal', // 500: a bug; the body says nothing more
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const IssueSchema = z.object({
  /** Dotted path into the request, e.g. `changes.3.fields.person.name`. */
  path: z.string(),
  message: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** Every 4xx and 5xx answer has this body. */
export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), issues: z.array(IssueSchema).optional() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

// ---------------------------------------------------------------------------------------
// Lead fields: the unit of last-writer-wins

/** One field of a lead that a change can set: its dotted path and the domain schema of its value. */
export interface LeadField {
  path: string;
  schema: z.ZodType;
  /** Optional in the domain (or defaulted): `null` clears it. Required fields cannot be cleared. */
  clearable: boolean;
}

function unwrapField(schema: z.ZodType): { inner: z.ZodType; clearable: boolean } {
  let inner = schema;
  let clearable = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      inner = inner.unwrap() as z.ZodType;
      clearable = true;
    } else return { inner, clearable };
  }
}

/**
 * Every field of a lead that merges on its own, derived from LeadSchema so a new domain
 * field is synced without touching this file: top-level values (`stage`, `source`), one
 * level into the nested objects (`person.title`, `company.domain`, `times.mqlAt`) and one
 * per CRM system (`crmIds.hubspot`). Arrays (`person.emails`) are one value: two reps
 * editing the same list is rare, and merging lists item by item resurrects deletions.
 */
export const LEAD_FIELDS: readonly LeadField[] = Object.entries(LeadSchema.shape).flatMap(([key, schema]) => {
  if (key === 'id') return [];
  const { inner, clearable } = unwrapField(schema as z.ZodType);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).map(([sub, subSchema]) => ({
      path: `${key}.${sub}`,
      ...fieldOf(subSchema),
    }));
  }
  if (inner instanceof z.ZodRecord) {
    const valueType = inner.valueType as z.ZodType;
    return CRM_SYSTEMS.map((system) => ({ path: `${key}.${system}`, schema: valueType, clearable: true }));
  }
  return [{ path: key, schema: inner, clearable }];
});

function fieldOf(schema: z.ZodType): { schema: z.ZodType; clearable: boolean } {
  const { inner, clearable } = unwrapField(schema);
  return { schema: inner, clearable };
}

/**
 * The fields a lead change sets: dotted path -> new value, `null` to clear an optional one.
 * Each value is parsed by its domain schema (emails lower-cased, LinkedIn URLs made
 * canonical) and the merged lead must still parse as a whole.
 */
export const LeadFieldsSchema = z
  .strictObject(
    Object.fromEntries(
      LEAD_FIELDS.map((field) => [field.path, (field.clearable ? field.schema.nullable() : field.schema).optional()]),
    ),
  )
  .refine((fields) => Object.keys(fields).length > 0, 'A lead change sets at least one field');
export type LeadFields = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// Push

const changeBase = {
  /** Unique per client (a ULID): a change pushed twice is applied once. */
  changeId: IdSchema,
  /** When the change was made, by the pushing client's clock; its node must be the clientId. */
  hlc: HlcSchema,
};

function sameId(path: string) {
  return (change: { recordId: string; record: { id: string } }, ctx: z.RefinementCtx) => {
    if (change.record.id !== change.recordId) {
      ctx.addIssue({ code: 'custom', path: ['record', 'id'], message: `${path} id must equal recordId` });
    }
  };
}

/** Sets fields of a lead (creating it when the id is new: then every required field is needed). */
export const LeadChangeSchema = z.object({
  table: z.literal('leads'),
  ...changeBase,
  recordId: IdSchema,
  fields: LeadFieldsSchema,
});

/**
 * Sets criteria of a lead's checklist. `recordId` is the lead's id (one checklist per lead).
 * `framework` is the framework the client's checklist is on, a last-writer-wins field of its
 * own; criteria are merged one by one. Criteria must belong to `framework`.
 */
export const QualificationChangeSchema = z
  .object({
    table: z.literal('qualifications'),
    ...changeBase,
    recordId: IdSchema,
    framework: FrameworkSchema,
    criteria: z.record(z.string(), CriterionEntrySchema),
  })
  .superRefine((change, ctx) => {
    const allowed = new Set(criterionKeys(change.framework));
    for (const key of Object.keys(change.criteria)) {
      if (!allowed.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', key],
          message: `"${key}" is not a ${change.framework.toUpperCase()} criterion (expected one of ${[...allowed].join(', ')})`,
        });
      }
    }
  });

/** Appends an engagement event. */
export const EventChangeSchema = z
  .object({ table: z.literal('events'), ...changeBase, recordId: IdSchema, record: EngagementEventSchema })
  .superRefine(sameId('event'));

/**
 * Appends a disposition. `basedOn`: the newest disposition of the lead (withdrawals
 * included) this client had when the rep decided, or `null` when it had none. Two
 * decisions on the same basis were made without seeing each other: both stay, the later
 * by clock is current, and both are flagged as a conflict.
 */
export const DispositionChangeSchema = z
  .object({
    table: z.literal('dispositions'),
    ...changeBase,
    recordId: IdSchema,
    record: DispositionSchema,
    basedOn: IdSchema.nullable(),
  })
  .superRefine(sameId('disposition'));

/** Appends an activity (a logged call, email, message or meeting). */
export const ActivityChangeSchema = z
  .object({ table: z.literal('activities'), ...changeBase, recordId: IdSchema, record: ActivitySchema })
  .superRefine(sameId('activity'));

export const ChangeSchema = z.discriminatedUnion('table', [
  LeadChangeSchema,
  QualificationChangeSchema,
  EventChangeSchema,
  DispositionChangeSchema,
  ActivityChangeSchema,
]);
export type Change = z.output<typeof ChangeSchema>;
export type ChangeInput = z.input<typeof ChangeSchema>;
export type LeadChange = z.output<typeof LeadChangeSchema>;
export type QualificationChange = z.output<typeof QualificationChangeSchema>;

/**
 * A batch of a client's outbox, in the order the changes were made. Applied all together
 * or not at all; a change already applied (same clientId and changeId) is not applied
 * again and its stored result is returned.
 */
export const PushRequestSchema = z
  .object({
    /** The pushing client (one per browser profile): the node of its clocks. */
    clientId: NodeIdSchema,
    changes: z.array(ChangeSchema).min(1).max(MAX_CHANGES_PER_PUSH),
  })
  .superRefine((push, ctx) => {
    const seen = new Set<string>();
    push.changes.forEach((change, index) => {
      if (seen.has(change.changeId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', index, 'changeId'],
          message: 'Repeated changeId in one push',
        });
      }
      seen.add(change.changeId);
      if (!change.hlc.endsWith(`-${push.clientId}`) || change.hlc.length !== 19 + push.clientId.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', index, 'hlc'],
          message: `The clock's node must be the pushing client (${push.clientId})`,
        });
      }
    });
  });
export type PushRequest = z.output<typeof PushRequestSchema>;
export type PushRequestInput = z.input<typeof PushRequestSchema>;

export const CHANGE_STATUSES = [
  /** Merged into the record (fields older than the stored ones lost to them, as last-writer-wins says). */
  'applied',
  /** Append-only record whose id the server already has: kept as it was. */
  'duplicate',
  /**
   * The merged record would not be valid any more (e.g. two reps removed a lead's last email
   * and its LinkedIn URL at once): nothing of this change was written. Permanent: drop it
   * from the outbox and take the server's record from the next pull.
   */
  'rejected',
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const ChangeResultSchema = z.object({
  changeId: IdSchema,
  status: z.enum(CHANGE_STATUSES),
  /** The record's sequence number after this push, when the change wrote something. */
  seq: z.number().int().positive().optional(),
  /** Why a change was rejected. */
  issues: z.array(IssueSchema).optional(),
});
export type ChangeResult = z.infer<typeof ChangeResultSchema>;

export const PushResponseSchema = z.object({
  /** One per change, in request order. */
  results: z.array(ChangeResultSchema),
  /**
   * The team's latest sequence number after this push. Not a pull cursor: other clients'
   * changes may sit below it, so keep pulling from your own cursor.
   */
  serverSeq: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---------------------------------------------------------------------------------------
// Pull

/** Opaque to clients: "0" for everything, then the `cursor` of the previous page. */
export const CursorSchema = z.string().regex(/^\d{1,15}$/, 'A cursor is the string a previous pull returned, or "0"');

export const PullQuerySchema = z.object({
  cursor: CursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.output<typeof PullQuerySchema>;

// A score marketing's automation posted for a lead (ingest): a domain record since the client
// keeps it (lib/domain/marketing-score.ts); re-exported, as the wire carries it as is.
export { type MarketingScore, MarketingScoreSchema };

const ClocksSchema = z.record(z.string(), HlcSchema);
const pulledBase = {
  /** For scores `<leadId>:<system>`; otherwise the record's id (a checklist's is its lead's). */
  recordId: z.string().min(1),
  /** Position in the team's change order: records come in increasing `seq`. */
  seq: z.number().int().positive(),
  /** The record's latest clock (the largest of its field clocks). */
  hlc: HlcSchema,
};

/**
 * The merged state of one record. A record changed again after it was pulled comes
 * back later with a higher `seq`; the client merges field by field with `clocks`.
 */
export const PulledRecordSchema = z.discriminatedUnion('table', [
  z.object({
    table: z.literal('leads'),
    ...pulledBase,
    data: LeadSchema,
    /** Clock of each field ever set, cleared ones included (so an older write cannot bring them back). */
    clocks: ClocksSchema,
  }),
  z.object({
    table: z.literal('qualifications'),
    ...pulledBase,
    data: QualificationSchema,
    /** `framework` and `criteria.<key>`, for criteria of other frameworks too. */
    clocks: ClocksSchema,
  }),
  z.object({ table: z.literal('events'), ...pulledBase, data: EngagementEventSchema }),
  z.object({
    table: z.literal('dispositions'),
    ...pulledBase,
    data: DispositionSchema,
    basedOn: IdSchema.nullable(),
  }),
  // Lenient on kind/outcome pairs: a touch stored before the pair rule must not block a pull page.
  z.object({ table: z.literal('activities'), ...pulledBase, data: StoredActivitySchema }),
  z.object({ table: z.literal('scores'), ...pulledBase, data: MarketingScoreSchema }),
]);
export type PulledRecord = z.output<typeof PulledRecordSchema>;

export const PullResponseSchema = z.object({
  records: z.array(PulledRecordSchema),
  /** Where the next pull starts (unchanged when nothing was new). */
  cursor: CursorSchema,
  /** More records wait beyond this page: pull again at once. */
  hasMore: z.boolean(),
});
export type PullResponse = z.output<typeof PullResponseSchema>;

// ---------------------------------------------------------------------------------------
// Ingest (marketing automation)

const IngestLeadSchema = z
  .object({
    /** Finds the lead by this address (plus-addressing ignored), or creates it with it. */
    email: EmailSchema.optional(),
    /** Finds the lead by its id in the CRM (checked before the email). */
    crm: z.object({ system: z.enum(CRM_SYSTEMS), id: z.string().trim().min(1).max(64) }).optional(),
    /** Needed only to create a lead the server does not know. */
    name: PersonSchema.shape.name.optional(),
    title: shortText(300).optional(),
    linkedinUrl: LinkedinUrlSchema.optional(),
    company: CompanySchema.optional(),
    source: shortText(120).optional(),
    campaign: shortText(200).optional(),
  })
  .refine((lead) => lead.email !== undefined || lead.crm !== undefined, {
    message: 'Identify the lead by email or by CRM id',
  });

const IngestEventSchema = z.object({
  type: EventTypeSchema,
  pageCategory: PageCategorySchema.optional(),
  occurredAt: TimestampSchema,
  details: EventDetailsSchema.optional(),
});

// A fixed placeholder lets one event be checked by the domain schema before it has ids.
const PLACEHOLDER_ID = '00000000000000000000000000';

const IngestItemSchema = z
  .object({
    lead: IngestLeadSchema,
    /** Appended to the lead with origin `ingested`. */
    events: z.array(IngestEventSchema).max(MAX_INGEST_EVENTS).default([]),
    score: MarketingScoreSchema.omit({ leadId: true }).optional(),
    /** Marketing hands the lead over: it becomes an MQL if its stage allows (lead, recycled). */
    mql: z.boolean().default(false),
  })
  .superRefine((item, ctx) => {
    item.events.forEach((event, index) => {
      const result = EngagementEventSchema.safeParse({
        ...event,
        id: PLACEHOLDER_ID,
        leadId: PLACEHOLDER_ID,
        origin: 'ingested',
      });
      if (!result.success) {
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: 'custom', path: ['events', index, ...issue.path], message: issue.message });
        }
      }
    });
  });

/**
 * What a marketing automation tool posts: per lead, engagement events, a score, or the
 * hand-over as an MQL. `ingestId` makes a retry safe: the same id returns the stored result.
 */
export const IngestRequestSchema = z
  .object({
    ingestId: z.string().trim().min(1).max(200),
    items: z.array(IngestItemSchema).min(1).max(MAX_INGEST_ITEMS),
  })
  .refine((body) => body.items.reduce((n, item) => n + item.events.length, 0) <= MAX_INGEST_EVENTS, {
    message: `At most ${MAX_INGEST_EVENTS} events per request`,
    path: ['items'],
  });
export type IngestRequest = z.output<typeof IngestRequestSchema>;
export type IngestRequestInput = z.input<typeof IngestRequestSchema>;

export const IngestResponseSchema = z.object({
  items: z.array(
    z.object({
      leadId: IdSchema,
      /** The server created the lead (no lead had this CRM id or email). */
      created: z.boolean(),
      eventIds: z.array(IdSchema),
      /** `promoted`: now an MQL; `unchanged`: not asked, or the stage does not go to MQL. */
      mql: z.enum(['promoted', 'unchanged']),
      /** The score was stored (false when an equal or later one was there). */
      scoreStored: z.boolean(),
    }),
  ),
  serverSeq: z.number().int().nonnegative(),
});
export type IngestResponse = z.infer<typeof IngestResponseSchema>;

// ---------------------------------------------------------------------------------------
// Dispositions for marketing

/** Epoch milliseconds, an ISO date (`2026-01-31`, midnight UTC) or an ISO date-time with offset. */
export const TimeParamSchema = z.union([
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  z.iso.date().transform((date) => Date.parse(`${date}T00:00:00Z`)),
  z.iso.datetime({ offset: true }).transform((time) => Date.parse(time)),
]);

export const DispositionsQuerySchema = z
  .object({
    /** Decided at or after (inclusive). */
    from: TimeParamSchema.optional(),
    /** Decided before (exclusive): `from=2026-01-01&to=2026-02-01` is January. */
    to: TimeParamSchema.optional(),
    /** The lead's source, case-insensitive. */
    source: z.string().trim().min(1).max(120).optional(),
    decision: DecisionSchema.optional(),
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(MAX_DISPOSITIONS_LIMIT).default(DEFAULT_DISPOSITIONS_LIMIT),
    /** The `next` of the previous page. */
    after: z
      .string()
      .regex(/^\d{1,15}_[0-9A-HJKMNP-TV-Z]{26}$/, 'Use the `next` value of the previous page')
      .optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '`from` must be before `to`',
    path: ['to'],
  });
export type DispositionsQuery = z.output<typeof DispositionsQuerySchema>;

export const DispositionRowSchema = z.object({
  id: IdSchema,
  leadId: IdSchema,
  decidedAt: TimestampSchema,
  decision: DecisionSchema,
  route: RouteSchema,
  reasonCode: z.enum(REJECTION_REASON_CODES).nullable(),
  /** The standard label of the reason (teams may rename labels in the extension; codes are stable). */
  reasonLabel: z.string().nullable(),
  outcome: z.enum(['recycled', 'disqualified']).nullable(),
  revisitAt: TimestampSchema.nullable(),
  note: z.string(),
  decidedBy: z.string(),
  /** For a withdrawal: the decision it undid. */
  withdraws: IdSchema.nullable(),
  /** This decision was undone by a later withdrawal. */
  withdrawn: z.boolean(),
  /** The lead's decision in force: the latest by clock that is neither a withdrawal nor withdrawn. */
  current: z.boolean(),
  /** Made without seeing another decision on the same lead (see `basedOn` on push). */
  conflict: z.boolean(),
  /** An acceptance's handoff to sales (lib/domain/disposition.ts `HandoffSchema`); `null` when none was given. */
  handoff: z
    .object({
      aeName: z.string().nullable(),
      aeEmail: z.string().nullable(),
      meetingAt: TimestampSchema.nullable(),
      /** The note to sales. */
      note: z.string().nullable(),
    })
    .nullable(),
  /** For an opportunity, a win or a loss: when it happened in the deal, as the rep dated it (`decidedAt` is when it was recorded). */
  occurredAt: TimestampSchema.nullable(),
  /** A lost deal's reason (lib/domain/lost-reasons.ts), code and standard label. */
  lostReasonCode: z.enum(LOST_REASON_CODES).nullable(),
  lostReasonLabel: z.string().nullable(),
  lead: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    companyDomain: z.string().nullable(),
    source: z.string().nullable(),
    campaign: z.string().nullable(),
    stage: z.enum(LEAD_STAGES).nullable(),
  }),
});
export type DispositionRow = z.infer<typeof DispositionRowSchema>;

export const DispositionsResponseSchema = z.object({
  dispositions: z.array(DispositionRowSchema),
  /** Pass as `after` for the next page; `null` on the last. */
  next: z.string().nullable(),
});
export type DispositionsResponse = z.infer<typeof DispositionsResponseSchema>;

// ---------------------------------------------------------------------------------------
// Who am I

export const MeResponseSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  token: z.object({
    id: z.string(),
    rep: z.string(),
    /** Absent from servers older than token scopes. */
    scopes: z.array(z.enum(TOKEN_SCOPES)).optional(),
  }),
  limits: z.object({
    maxChangesPerPush: z.number().int(),
    maxPullLimit: z.number().int(),
    bodyLimitBytes: z.number().int(),
    maxClockSkewMs: z.number().int(),
  }),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

// ---------------------------------------------------------------------------------------
// The team's reps

/**
 * One rep of the team: the name on their sync token, and the work email when the token was
 * issued with one (`issue-token --email`). Tokens only hold a name otherwise; a handoff names
 * its AE by email, so the extension offers only the reps that have one.
 */
export const TeamRepSchema = z.object({ name: shortText(200), email: EmailSchema.optional() });
export type TeamRep = z.infer<typeof TeamRepSchema>;

/** `GET /v1/team/reps`: every rep with a live `rep` token on the caller's team, once each, by name. */
export const TeamRepsResponseSchema = z.object({ reps: z.array(TeamRepSchema).max(MAX_TEAM_REPS) });
export type TeamRepsResponse = z.infer<typeof TeamRepsResponseSchema>;

export const HealthResponseSchema = z.object({ ok: z.literal(true), database: z.enum(['embedded', 'postgres']) });

// ---------------------------------------------------------------------------------------
// CRM write-back (issue 18): what became of each decision and touch on its way to the team's CRM

/** The CRMs a team can connect (Salesforce's connector comes later). */
export const CRM_CONNECTION_SYSTEMS = ['hubspot', 'salesforce'] as const;

export const CRM_WRITE_STATUSES = [
  /** Queued or being retried (429, 5xx, a timeout): `message` says the last failure, `nextAttemptAt` when. */
  'pending',
  /** In the CRM. */
  'written',
  /** The CRM refused it (a value its property does not allow, no matching record): `message` is the CRM's. */
  'refused',
  /** A later decision on the lead reached the CRM first: writing this one would have undone it. */
  'superseded',
] as const;
export type CrmWriteStatus = (typeof CRM_WRITE_STATUSES)[number];

export const CrmStatusQuerySchema = z.object({ leadId: IdSchema });
export type CrmStatusQuery = z.output<typeof CrmStatusQuerySchema>;

/** One write to the CRM: a decision (the contact's properties) or a touch (an engagement). */
export const CrmWriteSchema = z.object({
  kind: z.enum(['decision', 'touch']),
  /** The disposition's or the activity's id. */
  recordId: IdSchema,
  status: z.enum(CRM_WRITE_STATUSES),
  /** The CRM's message for a refusal; the last failure of a pending write; `null` otherwise. */
  message: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  /** A pending write's next try. */
  nextAttemptAt: TimestampSchema.nullable(),
  writtenAt: TimestampSchema.nullable(),
  /** The CRM record (a HubSpot contact id) it was written to. */
  crmRecordId: z.string().nullable(),
  /** A touch's engagement (a HubSpot call or note id). */
  engagementId: z.string().nullable(),
});
export type CrmWrite = z.infer<typeof CrmWriteSchema>;

/** `GET /v1/crm/status?leadId=`: the lead's CRM writes, oldest first, and the team's connection. */
export const CrmStatusResponseSchema = z.object({
  /** `null` when the team has no CRM connected (nothing is queued then). */
  connection: z
    .object({ system: z.enum(CRM_CONNECTION_SYSTEMS), status: z.enum(['active', 'needs_attention']) })
    .nullable(),
  writes: z.array(CrmWriteSchema),
});
export type CrmStatusResponse = z.infer<typeof CrmStatusResponseSchema>;

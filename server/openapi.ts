import * as z from 'zod';
import { MAX_JSON_DEPTH } from './body';
import {
  CrmStatusQuerySchema,
  CrmStatusResponseSchema,
  DispositionsQuerySchema,
  DispositionsResponseSchema,
  ERROR_CODES,
  ErrorResponseSchema,
  HealthResponseSchema,
  IngestRequestSchema,
  IngestResponseSchema,
  MAX_CHANGES_PER_PUSH,
  MeResponseSchema,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  TeamRepsResponseSchema,
  TOKEN_SCOPES,
  type TokenScope,
} from '../lib/replication/contract';
import {
  ConnectRequestSchema,
  ConnectionResponseSchema,
  DisconnectResponseSchema,
  RequeueRequestSchema,
  RequeueResponseSchema,
  UpdateConnectionRequestSchema,
} from './crm/wire';
import { MAX_SCHEDULED_AHEAD_YEARS, MAX_TIMESTAMP_SKEW_MS } from './timestamps';

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** JSON Schemas of a zod registry as OpenAPI components, without the per-document keywords. */
function components(entries: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    // Transforms (email lower-casing, canonical LinkedIn URLs) describe as their input type.
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

/** Query parameters from a zod object, each described by its own JSON Schema. */
function queryParameters(schema: z.ZodObject, descriptions: Record<string, string>): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _schema, ...json } = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' });
    return { name, in: 'query', required: false, description: descriptions[name] ?? '', schema: json };
  });
}

const errors = (...statuses: number[]): Record<string, Json> =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: ref('ErrorResponse') } },
      },
    ]),
  );

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400:
    'invalid_request: the body or query does not fit its schema, is nested too deep, or has a timestamp too far ' +
    'ahead of the server; `issues` name each field by path (nothing was written)',
  401: 'unauthorized: no bearer token, an unknown one or a revoked one',
  403: "forbidden: the token's scopes do not include the one this endpoint needs",
  409: 'cursor_ahead: the cursor is past the server\'s latest change (its database was replaced): pull again from "0"',
  413: "payload_too_large: the body is over the server's limit (see GET /v1/me)",
  415: 'unsupported_media_type: send application/json',
  429: 'rate_limited: too many requests for this token, or too many failed authentications from this address; wait for Retry-After seconds',
  404: 'not_found: the team has no CRM connected',
  503: 'not_configured: the server has no HANDOFF_SECRET_KEY, so it stores no CRM token',
};

const json = (id: string) => ({ content: { 'application/json': { schema: ref(id) } } });
/** OpenAPI 3.1 lets a non-OAuth scheme list the roles an operation needs: here, the token scope. */
const secured = (scope: TokenScope) => [{ bearer: [scope] }];
const HOUR = 3_600_000;

/**
 * The OpenAPI 3.1 document of the sync server, generated from the zod contract so it cannot
 * drift from what the server validates. Served at GET /openapi.json and kept in
 * server/openapi.json (`npm run server:openapi` rewrites it; a test checks it is current).
 */
export function buildOpenApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Handoff sync server',
      version: '1.0.0',
      description:
        'Team sync for the Handoff extension (push, pull), ingest for marketing automation, and the dispositions ' +
        'report for marketing. Every /v1 endpoint takes `Authorization: Bearer <token>` (issued per rep with ' +
        "`npm run server:admin -- issue-token`) and sees only the token's team. Each token has scopes, chosen " +
        `when it is issued (${TOKEN_SCOPES.join(', ')}): \`rep\` for push, pull, me, team/reps and crm/status, ` +
        '`ingest` for ingest, `export` for dispositions, `admin` for the CRM connection; each operation names the one ' +
        'it needs. JSON bodies may nest at most ' +
        `${MAX_JSON_DEPTH} levels. Timestamps of what happened may be at most ${MAX_TIMESTAMP_SKEW_MS / HOUR} hours ` +
        `ahead of the server's time, scheduled ones (revisitAt, dueAt, meetingAt) at most ${MAX_SCHEDULED_AHEAD_YEARS} ` +
        'years. Errors have the body ' +
        `{ error: { code, message, issues? } } with code one of ${ERROR_CODES.join(', ')}.`,
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: `A token (hnd_...) with one or more scopes: ${TOKEN_SCOPES.join(', ')}`,
        },
      },
      schemas: {
        ...components(
          {
            PushRequest: PushRequestSchema,
            IngestRequest: IngestRequestSchema,
            CrmConnectRequest: ConnectRequestSchema,
            CrmConnectionChange: UpdateConnectionRequestSchema,
            CrmRequeueRequest: RequeueRequestSchema,
          },
          'input',
        ),
        ...components(
          {
            PushResponse: PushResponseSchema,
            PullResponse: PullResponseSchema,
            IngestResponse: IngestResponseSchema,
            DispositionsResponse: DispositionsResponseSchema,
            MeResponse: MeResponseSchema,
            TeamRepsResponse: TeamRepsResponseSchema,
            HealthResponse: HealthResponseSchema,
            CrmStatusResponse: CrmStatusResponseSchema,
            CrmConnectionResponse: ConnectionResponseSchema,
            CrmRequeueResponse: RequeueResponseSchema,
            CrmDisconnectResponse: DisconnectResponseSchema,
            ErrorResponse: ErrorResponseSchema,
          },
          'output',
        ),
      },
    },
    paths: {
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness and database reachability (no token)',
          responses: { 200: { description: 'Up', ...json('HealthResponse') } },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document (no token)',
          responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
      '/v1/me': {
        get: {
          operationId: 'me',
          summary: "The token's team, rep and scopes, and the server's limits",
          security: secured('rep'),
          responses: { 200: { description: 'Who the token is', ...json('MeResponse') }, ...errors(401, 403, 429) },
        },
      },
      '/v1/team/reps': {
        get: {
          operationId: 'teamReps',
          summary: "The team's reps, to hand an SQL to",
          description:
            "One entry per rep name among the live tokens with the `rep` scope of the caller's team (revoked tokens " +
            'and tool tokens left out), with the work email of the newest such token that has one ' +
            '(`issue-token --email`). Sorted by name.',
          security: secured('rep'),
          responses: {
            200: { description: "The team's reps", ...json('TeamRepsResponse') },
            ...errors(401, 403, 429),
          },
        },
      },
      '/v1/push': {
        post: {
          operationId: 'push',
          summary: 'Push a batch of changes from a client outbox',
          description:
            `At most ${MAX_CHANGES_PER_PUSH} changes, in the order they were made. The whole batch is validated first ` +
            '(any invalid change: 400 naming `changes.<index>.<field>`, nothing written), then applied in one ' +
            'transaction. Idempotent by (clientId, changeId): a repeated change is not applied again and its stored ' +
            'result is returned. Leads merge last-writer-wins per field by hybrid logical clock, checklists per ' +
            'criterion; events, dispositions and activities are append-only.',
          security: secured('rep'),
          requestBody: { required: true, ...json('PushRequest') },
          responses: {
            200: { description: 'One result per change, in request order', ...json('PushResponse') },
            ...errors(400, 401, 403, 413, 415, 429),
          },
        },
      },
      '/v1/pull': {
        get: {
          operationId: 'pull',
          summary: "Records changed after a cursor (the team's merged state, paged)",
          description:
            'Start with cursor "0"; pass each response\'s `cursor` to the next pull and pull again at once while ' +
            '`hasMore`. Gap-free under concurrent pushes: a change is never skipped. A record changed again comes ' +
            'again with a higher `seq`.',
          security: secured('rep'),
          parameters: queryParameters(PullQuerySchema, {
            cursor: 'The `cursor` of the previous pull; "0" for everything',
            limit: 'Records per page',
          }),
          responses: {
            200: { description: 'A page of records', ...json('PullResponse') },
            ...errors(400, 401, 403, 409, 429),
          },
        },
      },
      '/v1/ingest': {
        post: {
          operationId: 'ingest',
          summary: 'Engagement events, scores and MQL hand-overs from marketing automation',
          description:
            'Each item names a lead by CRM id or email (created when unknown, which needs a name). Events are ' +
            'appended with origin `ingested`; the newest score per lead and system is kept. One transaction per ' +
            'request; the same `ingestId` again returns the stored result.',
          security: secured('ingest'),
          requestBody: { required: true, ...json('IngestRequest') },
          responses: {
            200: { description: 'Per item', ...json('IngestResponse') },
            ...errors(400, 401, 403, 413, 415, 429),
          },
        },
      },
      '/v1/dispositions': {
        get: {
          operationId: 'dispositions',
          summary: 'Dispositions with reasons, for marketing (JSON or CSV)',
          description:
            "Oldest decision first, with the lead's source and campaign, the reason code and label, an acceptance's " +
            'handoff (the AE, the meeting, the note to sales), and whether each decision is current, withdrawn or in ' +
            "conflict. CSV cells that would start a formula are prefixed with `'`.",
          security: secured('export'),
          parameters: queryParameters(DispositionsQuerySchema, {
            from: 'Decided at or after: epoch ms, ISO date (UTC midnight) or ISO date-time with offset',
            to: 'Decided before (exclusive), same forms as `from`',
            source: "The lead's source, case-insensitive",
            decision: 'Only this decision',
            format: 'json (default) or csv',
            limit: 'Rows per page',
            after: 'The `next` of the previous page (JSON body, or the X-Next-Page header of a CSV)',
          }),
          responses: {
            200: {
              description: 'Dispositions',
              headers: {
                'X-Next-Page': {
                  description: 'CSV only: the `after` of the next page, when there is one',
                  schema: { type: 'string' },
                },
              },
              content: {
                'application/json': { schema: ref('DispositionsResponse') },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...errors(400, 401, 403, 429),
          },
        },
      },
      '/v1/crm/status': {
        get: {
          operationId: 'crmStatus',
          summary: "What became of a lead's decisions and touches on their way to the team's CRM",
          description:
            "One entry per write, oldest first: a decision (the contact's properties) or a touch (a call or note " +
            'engagement), `pending` (queued, or retried after a 429, 5xx or timeout: `message` says the last failure), ' +
            "`written`, `refused` (with the CRM's own message; an admin re-queues it once fixed) or `superseded` (a later " +
            'decision reached the CRM first). `connection` is null when the team has no CRM connected.',
          security: secured('rep'),
          parameters: queryParameters(CrmStatusQuerySchema, { leadId: "The lead's id" }),
          responses: {
            200: { description: "The lead's CRM writes", ...json('CrmStatusResponse') },
            ...errors(400, 401, 403, 429),
          },
        },
      },
      '/v1/crm/connection': {
        get: {
          operationId: 'crmConnection',
          summary: "The team's CRM connection: status, settings, mapping in force, queue by status (never the token)",
          security: secured('admin'),
          responses: {
            200: { description: 'The connection, or null', ...json('CrmConnectionResponse') },
            ...errors(401, 403, 429),
          },
        },
        put: {
          operationId: 'crmConnect',
          summary: "Connect the team's HubSpot, or give it a new token",
          description:
            'The private app token is stored encrypted (AES-256-GCM, key HANDOFF_SECRET_KEY) and no endpoint returns ' +
            'it. Settings and mapping overrides given are applied; absent ones keep their values. The connection is ' +
            'active again (after a refused token).',
          security: secured('admin'),
          requestBody: { required: true, ...json('CrmConnectRequest') },
          responses: {
            200: { description: 'The connection', ...json('CrmConnectionResponse') },
            ...errors(400, 401, 403, 413, 415, 429, 503),
          },
        },
        patch: {
          operationId: 'crmConnectionChange',
          summary: 'Change the settings or the mapping (`mapping: null`: back to the defaults), not the token',
          security: secured('admin'),
          requestBody: { required: true, ...json('CrmConnectionChange') },
          responses: {
            200: { description: 'The connection', ...json('CrmConnectionResponse') },
            ...errors(400, 401, 403, 404, 415, 429),
          },
        },
        delete: {
          operationId: 'crmDisconnect',
          summary: 'Forget the connection and its token (queued writes stay, and go out if the team connects again)',
          security: secured('admin'),
          responses: {
            200: { description: 'Whether there was one', ...json('CrmDisconnectResponse') },
            ...errors(401, 403, 429),
          },
        },
      },
      '/v1/crm/requeue': {
        post: {
          operationId: 'crmRequeue',
          summary:
            "Put refused writes back in the queue (the team's, or one lead's), after fixing the mapping or the CRM",
          security: secured('admin'),
          requestBody: { required: true, ...json('CrmRequeueRequest') },
          responses: {
            200: { description: 'How many', ...json('CrmRequeueResponse') },
            ...errors(400, 401, 403, 415, 429),
          },
        },
      },
    },
  };
}

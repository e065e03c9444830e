import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { parseJsonWithDepthLimit } from './body';
import {
  CrmStatusQuerySchema,
  type CrmStatusResponse,
  DispositionsQuerySchema,
  type ErrorCode,
  type ErrorResponse,
  IngestRequestSchema,
  MAX_CHANGES_PER_PUSH,
  MAX_PULL_LIMIT,
  type MeResponse,
  PullQuerySchema,
  PushRequestSchema,
  type TeamRepsResponse,
  type TokenScope,
} from '../lib/replication/contract';
import { SecretKeyError } from './crm/secrets';
import {
  ConnectRequestSchema,
  type ConnectionResponse,
  RequeueRequestSchema,
  UpdateConnectionRequestSchema,
} from './crm/wire';
import { dispositionsCsv } from './csv';
import { parseRequest, RequestError } from './errors';
import { withRedaction } from './logging';
import { buildOpenApiDocument } from './openapi';
import type { Principal, SyncStore } from './store';
import { boundIngestTimestamps, boundPushTimestamps } from './timestamps';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the /v1 authentication hook; every /v1 handler runs with it. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The token scope a /v1 route needs. */
    scope?: TokenScope;
  }
}

export interface RateLimitOptions {
  /** Requests per window per token (per address for requests without one). */
  max: number;
  windowMs: number;
  /**
   * Failed authentications per window per client address (a missing, unknown or revoked
   * token). Past it, every /v1 request from that address is a 429 until the window ends,
   * before any token is hashed or looked up. Default {@link DEFAULT_AUTH_FAILURES}.
   */
  authFailures?: number;
}

export interface AppOptions {
  store: SyncStore;
  /** Largest request body in bytes; default 1 MiB. */
  bodyLimit?: number;
  /** `false` turns rate limiting off. Default 600 requests a minute. */
  rateLimit?: RateLimitOptions | false;
  logger?: FastifyServerOptions['logger'];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_AUTH_FAILURES = 30;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 60_000, authFailures: DEFAULT_AUTH_FAILURES };

/** What each token scope is for, as a 403 says it. */
const SCOPE_USE: Record<TokenScope, string> = {
  rep: "a rep's sync (push, pull, me, team reps, CRM status)",
  ingest: 'marketing automation (ingest)',
  export: 'the dispositions report',
  admin: "the team's CRM connection",
};

const STATUS_CODES: Record<number, ErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'cursor_ahead',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'not_configured',
};

/** A CRM secret the server cannot store or read without its key: the operator's to fix, said as such. */
async function withSecretKey<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SecretKeyError) throw new RequestError(503, 'not_configured', error.message);
    throw error;
  }
}

const errorBody = (code: ErrorCode, message: string): ErrorResponse => ({ error: { code, message } });

function principalOf(request: { principal?: Principal }): Principal {
  // The /v1 hook refuses a request before any handler when there is none.
  if (!request.principal) throw new RequestError(401, 'unauthorized', 'Missing bearer token');
  return request.principal;
}

/**
 * The HTTP server over a {@link SyncStore}: Fastify with a body limit and a nesting limit,
 * rate limits (failed authentications per address, then requests per token), bearer-token
 * authentication and scopes on /v1, zod validation of every body and query (timestamps
 * bounded by the server's time), and one error shape (`{ error: { code, message, issues? } }`)
 * for every refusal. Anything unexpected is a 500 whose body says nothing more; the log has
 * the details, without query strings.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
  });
  const openApi = buildOpenApiDocument();
  const now = () => store.now();
  const pushSchema = boundPushTimestamps(PushRequestSchema, now);
  const ingestSchema = boundIngestTimestamps(IngestRequestSchema, now);
  // Bodies are JSON only: a text body would reach the schemas as a string and get a vaguer 400.
  app.removeContentTypeParser('text/plain');
  parseJsonWithDepthLimit(app);

  app.setErrorHandler((error: FastifyError | RequestError, request, reply) => {
    if (error instanceof RequestError) {
      if (error.statusCode === 401) reply.header('www-authenticate', 'Bearer');
      return reply.status(error.statusCode).send(error.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(STATUS_CODES[status] ?? 'invalid_request', error.message));
    }
    request.log.error(error);
    return reply.status(500).send(errorBody('internal', 'Internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );

  const limits = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  let authFailures: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  if (limits) {
    await app.register(rateLimit, {
      global: true,
      max: limits.max,
      timeWindow: limits.windowMs,
      // Runs after the /v1 hook below: per token id, so reps behind one office address do not
      // share a budget, and one token is one budget however its header is spelled.
      keyGenerator: (request) => (request.principal ? `t:${request.principal.tokenId}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new RequestError(429, 'rate_limited', `Too many requests: at most ${context.max} per ${context.after}`),
    });
    authFailures = app.createRateLimit({
      max: limits.authFailures ?? DEFAULT_AUTH_FAILURES,
      timeWindow: limits.windowMs,
      keyGenerator: (request) => `auth-failed:${request.ip}`,
    });
  }

  app.get('/health', { config: { rateLimit: false } }, async () => {
    await store.db.query('SELECT 1');
    return { ok: true, database: store.db.kind };
  });
  app.get('/openapi.json', { config: { rateLimit: false } }, async () => openApi);

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request, reply) => {
        // An address that keeps failing is refused before its token costs a hash and a query,
        // and a fresh made-up token each time does not help: the count is per address.
        if (authFailures) {
          const seen = await authFailures(request, { increment: false });
          if (!seen.isAllowed && seen.remaining === 0) {
            reply.header('retry-after', String(Math.max(1, seen.ttlInSeconds)));
            throw new RequestError(
              429,
              'rate_limited',
              `Too many failed authentications from this address: try again in ${Math.max(1, seen.ttlInSeconds)} s`,
            );
          }
        }
        const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
        const principal = match?.[1] ? await store.authenticate(match[1]) : undefined;
        if (!principal) {
          await authFailures?.(request);
          throw match?.[1]
            ? new RequestError(401, 'unauthorized', 'Unknown or revoked token')
            : new RequestError(401, 'unauthorized', 'Missing bearer token (Authorization: Bearer <token>)');
        }
        request.principal = principal;
      });

      // After the per-token rate limit (a route's own onRequest hook) and before the body is read.
      v1.addHook('preParsing', async (request) => {
        const needed = request.routeOptions.config.scope;
        const { scopes } = principalOf(request);
        if (needed && !scopes.includes(needed)) {
          throw new RequestError(
            403,
            'forbidden',
            `This token may not ${request.method} ${request.routeOptions.url}: that needs the scope "${needed}" ` +
              `(${SCOPE_USE[needed]}); the token has ${scopes.join(', ')}. Issue one with --scope ${needed}.`,
          );
        }
      });

      const needs = (scope: TokenScope) => ({ config: { scope } });

      v1.get('/me', needs('rep'), async (request): Promise<MeResponse> => {
        const principal = principalOf(request);
        return {
          team: { id: principal.teamId, name: principal.teamName },
          token: { id: principal.tokenId, rep: principal.rep, scopes: [...principal.scopes] },
          limits: {
            maxChangesPerPush: MAX_CHANGES_PER_PUSH,
            maxPullLimit: MAX_PULL_LIMIT,
            bodyLimitBytes: bodyLimit,
            maxClockSkewMs: store.maxClockSkewMs,
          },
        };
      });

      // Who a rep can hand an SQL to: the extension lists them as account executives.
      v1.get(
        '/team/reps',
        needs('rep'),
        async (request): Promise<TeamRepsResponse> => ({ reps: await store.teamReps(principalOf(request)) }),
      );

      v1.post('/push', needs('rep'), async (request) =>
        store.push(principalOf(request), parseRequest(pushSchema, request.body, 'push')),
      );

      v1.get('/pull', needs('rep'), async (request) =>
        store.pull(principalOf(request), parseRequest(PullQuerySchema, request.query, 'pull query')),
      );

      v1.post('/ingest', needs('ingest'), async (request) =>
        store.ingest(principalOf(request), parseRequest(ingestSchema, request.body, 'ingest')),
      );

      // The CRM loop (issue 18): a lead's write status for reps; the connection for the team's admin.
      v1.get('/crm/status', needs('rep'), async (request): Promise<CrmStatusResponse> => {
        const { leadId } = parseRequest(CrmStatusQuerySchema, request.query, 'CRM status query');
        return store.crm.status(principalOf(request).teamId, leadId);
      });

      v1.get(
        '/crm/connection',
        needs('admin'),
        async (request): Promise<ConnectionResponse> => ({
          connection: await store.crm.connection(principalOf(request).teamId),
        }),
      );

      v1.put('/crm/connection', needs('admin'), async (request): Promise<ConnectionResponse> => {
        const body = parseRequest(ConnectRequestSchema, request.body, 'CRM connection');
        const connection = await withSecretKey(() =>
          store.crm.connect(principalOf(request).teamId, {
            system: body.system,
            secret: body.accessToken,
            settings: body.settings,
            mapping: body.mapping,
          }),
        );
        return { connection };
      });

      v1.patch('/crm/connection', needs('admin'), async (request): Promise<ConnectionResponse> => {
        const body = parseRequest(UpdateConnectionRequestSchema, request.body, 'CRM connection change');
        const connection = await store.crm.update(principalOf(request).teamId, body);
        if (!connection) throw new RequestError(404, 'not_found', 'The team has no CRM connected: PUT one first');
        return { connection };
      });

      v1.delete('/crm/connection', needs('admin'), async (request) => ({
        disconnected: await store.crm.disconnect(principalOf(request).teamId),
      }));

      v1.post('/crm/requeue', needs('admin'), async (request) => {
        const body = parseRequest(RequeueRequestSchema, request.body ?? {}, 'requeue');
        return { requeued: await store.crm.requeue(principalOf(request).teamId, body.leadId) };
      });

      v1.get('/dispositions', needs('export'), async (request, reply) => {
        const query = parseRequest(DispositionsQuerySchema, request.query, 'dispositions query');
        const page = await store.dispositions(principalOf(request), query);
        if (query.format === 'json') return page;
        if (page.next) reply.header('x-next-page', page.next);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="dispositions.csv"')
          .send(dispositionsCsv(page.dispositions));
      });
    },
    { prefix: '/v1' },
  );

  return app;
}

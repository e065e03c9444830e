import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  DispositionsQuerySchema,
  type ErrorCode,
  type ErrorResponse,
  IngestRequestSchema,
  MAX_CHANGES_PER_PUSH,
  MAX_PULL_LIMIT,
  type MeResponse,
  PullQuerySchema,
  PushRequestSchema,
} from './contract';
import { dispositionsCsv } from './csv';
import { RequestError, parseRequest } from './errors';
import { buildOpenApiDocument } from './openapi';
import type { Principal, SyncStore } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the /v1 authentication hook; every /v1 handler runs with it. */
    principal?: Principal;
  }
}

export interface RateLimitOptions {
  /** Requests per window per token (per address for requests without one). */
  max: number;
  windowMs: number;
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
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 60_000 };

const STATUS_CODES: Record<number, ErrorCode> = {
  401: 'unauthorized',
  404: 'not_found',
  409: 'cursor_ahead',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

const errorBody = (code: ErrorCode, message: string): ErrorResponse => ({ error: { code, message } });

function principalOf(request: { principal?: Principal }): Principal {
  // The /v1 hook refuses a request before any handler when there is none.
  if (!request.principal) throw new RequestError(401, 'unauthorized', 'Missing bearer token');
  return request.principal;
}

/**
 * The HTTP server over a {@link SyncStore}: Fastify with a body limit, per-token rate
 * limits, bearer-token authentication on /v1, zod validation of every body and query, and
 * one error shape (`{ error: { code, message, issues? } }`) for every refusal. Anything
 * unexpected is a 500 whose body says nothing more; the log has the details.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit, trustProxy: options.trustProxy ?? false });
  const openApi = buildOpenApiDocument();
  // Bodies are JSON only: a text body would reach the schemas as a string and get a vaguer 400.
  app.removeContentTypeParser('text/plain');

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
  if (limits) {
    await app.register(rateLimit, {
      global: true,
      max: limits.max,
      timeWindow: limits.windowMs,
      // Per token, so reps behind one office address do not share a budget; the hash keeps
      // tokens out of the limiter's memory.
      keyGenerator: (request) => {
        const header = request.headers.authorization;
        return header ? `t:${createHash('sha256').update(header).digest('base64url')}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) =>
        new RequestError(429, 'rate_limited', `Too many requests: at most ${context.max} per ${context.after}`),
    });
  }

  app.get('/health', { config: { rateLimit: false } }, async () => {
    await store.db.query('SELECT 1');
    return { ok: true, database: store.db.kind };
  });
  app.get('/openapi.json', { config: { rateLimit: false } }, async () => openApi);

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
        if (!match?.[1])
          throw new RequestError(401, 'unauthorized', 'Missing bearer token (Authorization: Bearer <token>)');
        const principal = await store.authenticate(match[1]);
        if (!principal) throw new RequestError(401, 'unauthorized', 'Unknown or revoked token');
        request.principal = principal;
      });

      v1.get('/me', async (request): Promise<MeResponse> => {
        const principal = principalOf(request);
        return {
          team: { id: principal.teamId, name: principal.teamName },
          token: { id: principal.tokenId, rep: principal.rep },
          limits: {
            maxChangesPerPush: MAX_CHANGES_PER_PUSH,
            maxPullLimit: MAX_PULL_LIMIT,
            bodyLimitBytes: bodyLimit,
            maxClockSkewMs: store.maxClockSkewMs,
          },
        };
      });

      v1.post('/push', async (request) =>
        store.push(principalOf(request), parseRequest(PushRequestSchema, request.body, 'push')),
      );

      v1.get('/pull', async (request) =>
        store.pull(principalOf(request), parseRequest(PullQuerySchema, request.query, 'pull query')),
      );

      v1.post('/ingest', async (request) =>
        store.ingest(principalOf(request), parseRequest(IngestRequestSchema, request.body, 'ingest')),
      );

      v1.get('/dispositions', async (request, reply) => {
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

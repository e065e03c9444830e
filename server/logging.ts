import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * A URL as the request log writes it: the path, and `?[redacted]` for any query. Queries carry
 * a team's filters (a lead source, a campaign) and whatever a client puts there by mistake;
 * the path is what an operator needs.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : `${url.slice(0, query)}?[redacted]`;
}

/** Fastify's own request serializer, with the query string redacted. */
function request(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Fields pino blanks wherever a log line carries them: credentials (a request's Authorization
 * header, a CRM access token or secret) must never reach a log, even from a line written in a
 * hurry around an error. Our own lines never include them; this is the net under that rule.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'accessToken',
  '*.accessToken',
  'secret',
  '*.secret',
  'token',
  '*.token',
];

/** The logger settings with our serializers and redaction added (a logger instance or `false` as given). */
export function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  const redact = options.redact;
  const paths = Array.isArray(redact) ? redact : (redact?.paths ?? []);
  return {
    ...options,
    serializers: { ...options.serializers, req: request },
    redact: { ...(Array.isArray(redact) ? {} : redact), paths: [...new Set([...paths, ...REDACTED_PATHS])] },
  };
}

import type * as z from 'zod';
import { describeIssues } from '../lib/domain/validation';
import type { ErrorCode, ErrorResponse, Issue } from './contract';

/** A refusal the client can act on: the HTTP layer answers with its status and body. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }

  toBody(): ErrorResponse {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

/** A 400 naming every offending field of `what` by its dotted path. */
export function invalid(what: string, issues: Issue[]): RequestError {
  const first = issues[0];
  const summary = first ? `${first.path || '(root)'}: ${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new RequestError(400, 'invalid_request', `Invalid ${what}: ${summary}${more}`, issues);
}

// NUL and unpaired surrogates are valid in JSON but not in PostgreSQL text or jsonb: left in,
// they would fail the write with a database error instead of a 400.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The path of the first string (or key) PostgreSQL cannot store, or `undefined`. */
export function findUnstorable(value: unknown, path: (string | number)[] = []): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path.join('.') : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorable(item, [...path, index]);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (unstorable(key)) return [...path, key].join('.');
      const found = findUnstorable(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Parses `data` with `schema`, or throws a 400 {@link RequestError} naming the fields. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const bad = findUnstorable(data);
  if (bad !== undefined) {
    throw invalid(what, [{ path: bad, message: 'Text may not contain NUL characters or unpaired surrogates' }]);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalid(what, describeIssues(result.error));
  return result.data;
}

import type * as z from 'zod';
import { describeIssues } from '../lib/domain/validation';
import type { ErrorCode, ErrorResponse, Issue } from '../lib/replication/contract';

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

/**
 * The path of the first string (or key) PostgreSQL cannot store, or `undefined`. Depth-first
 * in document order with a stack of its own, not recursion: however deep the value, the
 * walk cannot overflow the call stack (finding 1 of issue 14 was a 500 here at 5,000 levels).
 */
export function findUnstorable(value: unknown): string | undefined {
  type Node = { value: unknown; key?: string | number; parent?: Node };
  const pathOf = (node: Node): string => {
    const path: (string | number)[] = [];
    for (let at: Node | undefined = node; at?.parent; at = at.parent) path.push(at.key ?? '');
    return path.reverse().join('.');
  };
  const stack: Node[] = [{ value }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const current = node.value;
    if (typeof current === 'string') {
      if (unstorable(current)) return pathOf(node);
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--)
        stack.push({ value: current[index], key: index, parent: node });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index] as [string, unknown];
        stack.push({ value: item, key, parent: node });
        // A key is checked as a string at its value's path, just before the value.
        stack.push({ value: key, key, parent: node });
      }
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

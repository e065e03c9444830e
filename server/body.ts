import type { FastifyInstance } from 'fastify';
import { RequestError } from './errors';

/**
 * The deepest nesting of arrays and objects a JSON body may have. Our deepest real body (a
 * disposition's outcome inside a push) is 5 levels; 32 leaves room for any future shape and
 * refuses the thousands of levels that once overflowed the stack of every recursive walk.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/**
 * Whether the JSON `text` nests arrays or objects deeper than `max`: one pass over the raw text,
 * counting brackets outside strings, with no recursion and no parse. Malformed text may be
 * miscounted; JSON.parse refuses it right after.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

/**
 * Replaces Fastify's JSON body parser with the same parser (prototype-poisoning keys refused)
 * behind a depth check, so a deeply nested body is a 400 before it is parsed, walked or validated.
 */
export function parseJsonWithDepthLimit(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        new RequestError(400, 'invalid_request', `Invalid JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
      return;
    }
    parse(request, text, done);
  });
}

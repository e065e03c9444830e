import type * as z from 'zod';

/**
 * Thrown when data crosses a boundary and does not fit its schema. The message
 * names every offending field by its path (`person.emails.0: Invalid email`), so
 * a rep, an importer or a server log can tell what to fix.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly what: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`Invalid ${what}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

/** Formats zod issues as `path: message` pairs with dotted paths. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses `data` with `schema` or throws a {@link ValidationError} naming the fields. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(what, describeIssues(result.error));
  return result.data;
}

import * as z from 'zod';

/** Milliseconds since the Unix epoch: compact to store and index, cheap to compare. */
export const TimestampSchema = z.number().int().nonnegative();
export type Timestamp = z.infer<typeof TimestampSchema>;

/** Client-generated sortable ids (ULID: 26 Crockford base-32 characters). */
export const IdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
export type Id = z.infer<typeof IdSchema>;

/** Free text typed by a person: trimmed, bounded so a paste cannot bloat the database. */
export const noteText = (max = 4000) => z.string().trim().max(max);

/** A short label such as a name or a title. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);

/** Who did something: the rep's email or display name as set in settings. */
export const ActorSchema = z.string().trim().min(1).max(200);

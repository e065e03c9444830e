/**
 * The payloads of sync's messages (the options page asking the background to turn sync on,
 * off, or run now). Here, under the protocol that carries them, so lib/messaging needs
 * nothing of lib/sync; lib/sync/control.ts re-exports them for sync's own code.
 */
import * as z from 'zod';

/** What the rep gives to turn sync on: the address as typed, and the token. */
export const TurnOnRequestSchema = z.object({
  serverUrl: z.string().max(2048),
  token: z.string().trim().min(1, 'Paste the token your admin gave you').max(512),
});
export type TurnOnRequest = z.infer<typeof TurnOnRequestSchema>;

export const TURN_ON_PROBLEMS = [
  /** The address is not one sync may use (see ServerUrlSchema). */
  'url',
  /** The server refused the token. */
  'token',
  /** No answer from the address (wrong address, server down, offline, permission missing). */
  'unreachable',
  /** The server answered, but not as a Handoff sync server does. */
  'server',
] as const;

export const TurnOnResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    serverUrl: z.string(),
    team: z.object({ id: z.string(), name: z.string() }),
    rep: z.string(),
  }),
  z.object({ ok: z.literal(false), problem: z.enum(TURN_ON_PROBLEMS), message: z.string() }),
]);
export type TurnOnResult = z.infer<typeof TurnOnResultSchema>;

/** What "Sync now" reports back (the details are in the stored status). */
export const SyncRunSchema = z.object({
  status: z.enum(['off', 'ok', 'failed']),
  message: z.string().optional(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

import type * as z from 'zod';
import {
  type ChangeResult,
  ErrorResponseSchema,
  type Issue,
  MAX_CHANGES_PER_PUSH,
  type MeResponse,
  MeResponseSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  type TeamRep,
  TeamRepsResponseSchema,
} from '../replication/contract';
import type { PushBatch, SyncErrorInfo, SyncErrorKind, SyncRepository } from '../db';
import { describeIssues } from '../domain/validation';
import { backoffDelay, parseRetryAfter } from './backoff';

/** The `fetch` the client uses: the browser's in the extension, an in-process server or a fault injector in tests. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Records per pull page. */
export const PULL_PAGE = 500;
/** The server's default body limit, used until `/v1/me` said otherwise. */
export const DEFAULT_BODY_LIMIT = 1_048_576;
/** Room left in a push body for its envelope (`clientId`, brackets). */
const ENVELOPE_BYTES = 1024;
const REQUEST_TIMEOUT_MS = 60_000;

/** A sync request that did not succeed, classified by what the client should do about it. */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    readonly details: { code?: string; issues?: Issue[]; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}

export interface SyncApiOptions {
  /** The server's base URL (ServerUrlSchema's output). */
  baseUrl: string;
  token: string;
  fetch: Fetch;
  now: () => number;
  /** Abort a request after this long (ms); none when 0. */
  timeoutMs?: number;
}

/**
 * The sync server's HTTP API as the extension uses it: every answer is validated with
 * the contract's zod schemas (lib/replication/contract.ts) before anything reads it, and every
 * failure becomes a {@link SyncHttpError} saying what to do (retry later, stop, fix).
 */
export class SyncApi {
  constructor(private readonly options: SyncApiOptions) {}

  /** Who the token is, and the server's limits. */
  me(): Promise<MeResponse> {
    return this.request('GET', '/v1/me', undefined, MeResponseSchema);
  }

  /** Pushes a batch; the answer has one result per change, in order. */
  async push(clientId: string, changes: unknown[]) {
    const response = await this.request('POST', '/v1/push', { clientId, changes }, PushResponseSchema);
    if (response.results.length !== changes.length) {
      throw new SyncHttpError('server', 'The server answered a push with the wrong number of results', 200);
    }
    return response;
  }

  /** One page of the team's records changed after `cursor`. */
  pull(cursor: string, limit: number) {
    const query = new URLSearchParams({ cursor, limit: String(limit) });
    return this.request('GET', `/v1/pull?${query}`, undefined, PullResponseSchema);
  }

  /**
   * The team's reps (to hand an SQL to). A server from before this endpoint answers 404:
   * that is "no list", not a failed sync.
   */
  async teamReps(): Promise<TeamRep[] | undefined> {
    try {
      return (await this.request('GET', '/v1/team/reps', undefined, TeamRepsResponseSchema)).reps;
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    const { baseUrl, token, fetch, now } = this.options;
    const timeout = this.options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(timeout > 0 && typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(timeout) } : {}),
        // The token goes only where it is sent: no cookies, no following redirects elsewhere.
        credentials: 'omit',
        redirect: 'error',
      });
    } catch (error) {
      throw new SyncHttpError('network', `Could not reach the sync server (${messageOf(error)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      json = undefined;
    }
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data;
      const first = describeIssues(parsed.error)[0];
      throw new SyncHttpError(
        'server',
        `The server's answer does not fit the sync contract (${first ? `${first.path}: ${first.message}` : 'unreadable'})`,
        response.status,
      );
    }
    const error = ErrorResponseSchema.safeParse(json);
    const details = {
      ...(error.success && { code: error.data.error.code }),
      ...(error.success && error.data.error.issues && { issues: error.data.error.issues }),
    };
    const said = error.success ? error.data.error.message : `HTTP ${response.status}`;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    const status = response.status;
    if (status === 401) throw new SyncHttpError('unauthorized', 'The server refused the token', status, details);
    if (status === 429) {
      throw new SyncHttpError('rate_limited', `The server asked to slow down (${said})`, status, {
        ...details,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
      });
    }
    if (status >= 500) {
      throw new SyncHttpError('server', `The sync server failed (${said})`, status, {
        ...details,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
      });
    }
    throw new SyncHttpError('refused', `The server refused the request (${said})`, status, details);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface SyncOnceOptions {
  repo: SyncRepository;
  fetch: Fetch;
  now: () => number;
  /** For the backoff's jitter. */
  random: () => number;
  /** Records per pull page (tests page small to cross page boundaries). */
  pullLimit?: number;
  /** Changes per push, at most the contract's 500. */
  maxChanges?: number;
  timeoutMs?: number;
}

export type SyncResult =
  | { status: 'off' }
  | { status: 'ok'; pushed: number; pulled: number; at: number }
  | { status: 'failed'; error: SyncErrorInfo; nextAttemptAt?: number };

/**
 * One sync: push the whole outbox (oldest first, in batches), then pull everything after
 * the cursor, then refresh the team's reps, then record the outcome. Pushing first means a
 * pull lays the server's records over a queue that holds only changes made since, and a new
 * client's records
 * (its backfill) reach the server before it takes the team's.
 *
 * Safe to repeat at any point: a push whose answer was lost is sent again with the same
 * change ids and the server answers as the first time; a pull page is written with its
 * cursor in one transaction. A failure stops the run and records when to try again:
 * exponential backoff with jitter, at least the server's Retry-After; a refused token
 * (401) records no retry time: nothing is tried until the rep turns sync on again.
 */
export async function syncOnce(options: SyncOnceOptions): Promise<SyncResult> {
  const { repo, now } = options;
  const [enabled, config, token] = await Promise.all([repo.enabled(), repo.config(), repo.token()]);
  if (!enabled || !config || !token) return { status: 'off' };
  const api = new SyncApi({
    baseUrl: config.serverUrl,
    token,
    fetch: options.fetch,
    now,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  try {
    const maxChanges = Math.min(
      options.maxChanges ?? MAX_CHANGES_PER_PUSH,
      config.limits?.maxChangesPerPush ?? MAX_CHANGES_PER_PUSH,
    );
    const maxBytes = (config.limits?.bodyLimitBytes ?? DEFAULT_BODY_LIMIT) - ENVELOPE_BYTES;
    const pushed = await pushAll(repo, api, maxChanges, maxBytes);
    const pulled = await pullAll(repo, api, options.pullLimit ?? PULL_PAGE);
    // Each sync refreshes who is on the team (a rep joined, a token was revoked).
    const reps = config.team ? await api.teamReps() : undefined;
    if (config.team && reps) await repo.saveTeamReps(config.team.id, reps);
    const at = now();
    await repo.succeeded(at);
    return { status: 'ok', pushed, pulled, at };
  } catch (error) {
    const failure =
      error instanceof SyncHttpError ? error : new SyncHttpError('server', `Sync failed: ${messageOf(error)}`);
    const at = now();
    const info: SyncErrorInfo = {
      kind: failure.kind,
      message: failure.message,
      at,
      ...(failure.status !== undefined && { status: failure.status }),
    };
    const { failures } = await repo.state();
    const nextAttemptAt =
      failure.kind === 'unauthorized'
        ? undefined
        : at +
          backoffDelay(failures + 1, {
            random: options.random,
            ...(failure.details.retryAfterMs !== undefined && { retryAfterMs: failure.details.retryAfterMs }),
          });
    await repo.failed(info, nextAttemptAt);
    return { status: 'failed', error: info, ...(nextAttemptAt !== undefined && { nextAttemptAt }) };
  }
}

/**
 * Pushes until the outbox is empty. Before sending, a batch is checked against the
 * contract here: a change that could never be accepted is set aside with its issues
 * rather than sent (a 400 would refuse the whole batch, and it again on every retry).
 * A 400 from the server that names changes does the same; a 413 halves the batch.
 */
async function pushAll(repo: SyncRepository, api: SyncApi, maxChanges: number, maxBytes: number): Promise<number> {
  let pushed = 0;
  let limit = maxChanges;
  for (;;) {
    const batch = await repo.nextBatch(limit, maxBytes);
    if (!batch) return pushed;
    const changes = batch.rows.map((row) => row.change);
    const local = PushRequestSchema.safeParse({ clientId: batch.clientId, changes });
    if (!local.success) {
      const named = byChange(describeIssues(local.error), batch);
      if (named.size > 0) {
        await repo.setAside(batch, named);
        continue;
      }
      throw new SyncHttpError('refused', `A push was not valid: ${describeIssues(local.error)[0]?.message ?? ''}`);
    }
    let results: ChangeResult[];
    try {
      results = (await api.push(batch.clientId, changes)).results;
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 400 && error.details.issues) {
        const named = byChange(error.details.issues, batch);
        if (named.size > 0) {
          await repo.setAside(batch, named);
          continue;
        }
      }
      if (error instanceof SyncHttpError && error.status === 413) {
        if (batch.rows.length > 1) {
          limit = Math.max(1, Math.floor(batch.rows.length / 2));
          continue;
        }
        await repo.setAside(
          batch,
          new Map([[0, [{ path: '', message: 'Too large for the server to accept (its body limit)' }]]]),
        );
        continue;
      }
      throw error;
    }
    await repo.acknowledge(batch, results);
    pushed += results.length;
  }
}

/** Issues that name a change of the batch (`changes.3.fields.person.name`), by its index, paths relative to it. */
function byChange(issues: readonly Issue[], batch: PushBatch): Map<number, Issue[]> {
  const named = new Map<number, Issue[]>();
  for (const issue of issues) {
    const match = /^changes\.(\d+)(?:\.(.*))?$/.exec(issue.path);
    const index = match ? Number(match[1]) : Number.NaN;
    if (!match || !(index < batch.rows.length)) continue;
    named.set(index, [...(named.get(index) ?? []), { path: match[2] ?? '', message: issue.message }]);
  }
  return named;
}

/**
 * Pulls every page after the cursor. A cursor the server never gave (409 `cursor_ahead`:
 * its database was replaced or restored) starts over from "0" once; what comes again is
 * merged, never duplicated.
 */
async function pullAll(repo: SyncRepository, api: SyncApi, limit: number): Promise<number> {
  let pulled = 0;
  let restarted = false;
  let cursor = await repo.cursor();
  for (;;) {
    let page: Awaited<ReturnType<SyncApi['pull']>>;
    try {
      page = await api.pull(cursor, limit);
    } catch (error) {
      if (error instanceof SyncHttpError && error.details.code === 'cursor_ahead' && !restarted) {
        restarted = true;
        await repo.resetCursor();
        cursor = '0';
        continue;
      }
      throw error;
    }
    await repo.applyPulled(page.records, page.cursor);
    pulled += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) return pulled;
  }
}

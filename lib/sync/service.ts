import { MAX_CHANGES_PER_PUSH } from '../replication/contract';
import type { SyncRepository } from '../db';
import { type Fetch, SyncApi, SyncHttpError, type SyncResult, syncOnce } from './client';
import type { SyncControl, SyncRun, TurnOnRequest, TurnOnResult } from './control';
import { ServerUrlSchema } from './server-url';

export interface SyncServiceOptions {
  repo: SyncRepository;
  fetch: Fetch;
  now: () => number;
  random: () => number;
  /** Told when sync was turned on or off (the scheduler starts or stops its alarm). */
  onToggle?: (enabled: boolean) => void;
  pullLimit?: number;
  maxChanges?: number;
}

/**
 * The one place syncs run (the background). Runs never overlap: a sync asked for while
 * one runs makes that one go round once more, so a change made during a sync is pushed
 * without waiting for the next alarm.
 */
export class SyncService implements SyncControl {
  private running: Promise<SyncResult> | null = null;
  private again = false;

  constructor(private readonly options: SyncServiceOptions) {}

  /** Runs a sync now, or joins (and extends) the one running. */
  run(): Promise<SyncResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const loop = async () => {
      let result: SyncResult;
      do {
        this.again = false;
        result = await syncOnce({
          repo: this.options.repo,
          fetch: this.options.fetch,
          now: this.options.now,
          random: this.options.random,
          ...(this.options.pullLimit !== undefined && { pullLimit: this.options.pullLimit }),
          ...(this.options.maxChanges !== undefined && { maxChanges: this.options.maxChanges }),
        });
      } while (this.again && result.status === 'ok');
      return result;
    };
    this.running = loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves once no sync runs (a caller about to close the database waits for it). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  async syncNow(): Promise<SyncRun> {
    const result = await this.run();
    return result.status === 'failed' ? { status: 'failed', message: result.error.message } : { status: result.status };
  }

  async turnOn(request: TurnOnRequest): Promise<TurnOnResult> {
    const url = ServerUrlSchema.safeParse(request.serverUrl);
    if (!url.success) return { ok: false, problem: 'url', message: url.error.issues[0]?.message ?? 'Invalid address' };
    const serverUrl = url.data;
    const token = request.token.trim();
    const api = new SyncApi({ baseUrl: serverUrl, token, fetch: this.options.fetch, now: this.options.now });
    let me: Awaited<ReturnType<SyncApi['me']>>;
    try {
      me = await api.me();
    } catch (error) {
      return turnOnProblem(error, serverUrl);
    }
    await this.options.repo.turnOn({
      serverUrl,
      token,
      team: me.team,
      rep: me.token.rep,
      limits: {
        maxChangesPerPush: Math.min(me.limits.maxChangesPerPush, MAX_CHANGES_PER_PUSH),
        bodyLimitBytes: me.limits.bodyLimitBytes,
      },
    });
    this.options.onToggle?.(true);
    // The first sync (the backfill, then the team's records) goes on after the answer.
    void this.run();
    return { ok: true, serverUrl, team: me.team, rep: me.token.rep };
  }

  async turnOff(): Promise<void> {
    await this.options.repo.turnOff();
    this.options.onToggle?.(false);
  }
}

function turnOnProblem(error: unknown, serverUrl: string): TurnOnResult {
  if (!(error instanceof SyncHttpError)) {
    return { ok: false, problem: 'server', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.kind) {
    case 'unauthorized':
      return { ok: false, problem: 'token', message: 'The server refused this token: check it, or ask for a new one.' };
    case 'network':
      return {
        ok: false,
        problem: 'unreachable',
        message: `No answer from ${serverUrl}: check the address and that the server is running.`,
      };
    default:
      return {
        ok: false,
        problem: 'server',
        message: `${serverUrl} did not answer as a Handoff sync server (${error.message}).`,
      };
  }
}

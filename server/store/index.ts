import { HybridLogicalClock } from '../../lib/replication/hlc';
import type {
  DispositionsQuery,
  DispositionsResponse,
  IngestRequest,
  IngestResponse,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  TeamRep,
} from '../../lib/replication/contract';
import type { Database } from '../db/database';
import { CrmStore } from './crm';
import { listDispositions } from './dispositions';
import { ingest } from './ingest';
import { pull } from './pull';
import { push } from './push';
import * as teams from './teams';

export { DEFAULT_SCOPES, type Principal, type Team, type TokenInfo } from './teams';

export interface StoreOptions {
  /** Wall clock (ms); tests pass a fixed one. */
  now?: () => number;
  /** How far ahead of the server's time a pushed clock may be. Default one hour. */
  maxClockSkewMs?: number;
  /** The key CRM secrets are encrypted with (HANDOFF_SECRET_KEY); without it none can be stored or used. */
  secretKey?: Buffer;
  /** Told after a push that may have queued CRM writes (the worker wakes up). */
  onCrmQueued?: () => void;
}

export const DEFAULT_MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;

/**
 * Everything the server does with its database, for one team at a time: every method
 * that reads or writes records takes the request's {@link teams.Principal} and scopes
 * each statement to its team, so one team's token can never reach another's rows.
 */
export class SyncStore {
  readonly now: () => number;
  readonly maxClockSkewMs: number;
  /** The team's CRM connection and its outbox (issue 18). */
  readonly crm: CrmStore;
  private readonly clock: HybridLogicalClock;
  private readonly onCrmQueued?: () => void;

  constructor(
    readonly db: Database,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxClockSkewMs = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
    this.clock = new HybridLogicalClock('server', this.now);
    this.crm = new CrmStore(db, { now: this.now, secretKey: options.secretKey });
    this.onCrmQueued = options.onCrmQueued;
  }

  createTeam(name: string): Promise<teams.Team> {
    return teams.createTeam(this.db, name);
  }

  listTeams(): Promise<(teams.Team & { seq: number })[]> {
    return teams.listTeams(this.db);
  }

  /** See {@link teams.issueToken}: `rep` alone unless `scopes` says otherwise. */
  issueToken(
    teamId: string,
    rep: string,
    scopes?: readonly string[],
    email?: string,
  ): Promise<teams.TokenInfo & { token: string }> {
    return teams.issueToken(this.db, teamId, rep, scopes, email);
  }

  revokeToken(tokenId: string): Promise<boolean> {
    return teams.revokeToken(this.db, tokenId);
  }

  listTokens(teamId: string): Promise<teams.TokenInfo[]> {
    return teams.listTokens(this.db, teamId);
  }

  /** The principal of a bearer token; `undefined` when unknown or revoked. */
  authenticate(token: string): Promise<teams.Principal | undefined> {
    return teams.authenticate(this.db, token);
  }

  /** See {@link push}. */
  async push(principal: teams.Principal, request: PushRequest): Promise<PushResponse> {
    const response = await push(this.db, principal, request, { now: this.now(), maxClockSkewMs: this.maxClockSkewMs });
    await this.db.wrote(response.results.filter((r) => r.status === 'applied').length);
    const crmTables = new Set(
      request.changes.filter((c) => c.table === 'dispositions' || c.table === 'activities').map((c) => c.changeId),
    );
    if (response.results.some((r) => r.status === 'applied' && crmTables.has(r.changeId))) this.onCrmQueued?.();
    return response;
  }

  /** See {@link pull}. */
  pull(principal: teams.Principal, query: PullQuery): Promise<PullResponse> {
    return pull(this.db, principal, query);
  }

  /** See {@link ingest}. */
  async ingest(principal: teams.Principal, request: IngestRequest): Promise<IngestResponse> {
    const response = await ingest(this.db, principal, request, { now: this.now(), clock: this.clock });
    await this.db.wrote(response.items.reduce((sum, item) => sum + 1 + item.eventIds.length, 0));
    return response;
  }

  /** See {@link teams.teamReps}: the principal's team only. */
  teamReps(principal: teams.Principal): Promise<TeamRep[]> {
    return teams.teamReps(this.db, principal.teamId);
  }

  /** See {@link listDispositions}. */
  dispositions(principal: teams.Principal, query: DispositionsQuery): Promise<DispositionsResponse> {
    return listDispositions(this.db, principal, query);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

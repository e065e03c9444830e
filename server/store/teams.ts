import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../lib/domain/ids';
import { EmailSchema } from '../../lib/domain/lead';
import { MAX_TEAM_REPS, TOKEN_SCOPES, type TeamRep, type TokenScope } from '../../lib/replication/contract';
import type { Sql } from '../db/database';

export interface Team {
  id: string;
  name: string;
}

export interface TokenInfo {
  id: string;
  teamId: string;
  rep: string;
  /** The rep's work email, when the token was issued with one. */
  email: string | null;
  scopes: TokenScope[];
  createdAt: string;
  revokedAt: string | null;
}

/**
 * Who a request is: the token's team, rep and scopes. Every query of the request is scoped to
 * `teamId`; each /v1 route needs one of `scopes`.
 */
export interface Principal {
  teamId: string;
  teamName: string;
  tokenId: string;
  rep: string;
  scopes: readonly TokenScope[];
}

/** What `issue-token` gives when no scope is named: a rep's sync, nothing more. */
export const DEFAULT_SCOPES: readonly TokenScope[] = ['rep'];

/** The scopes of a stored token, read comma-joined (`array_to_string`: the drivers return arrays differently). */
function scopesOf(joined: string): TokenScope[] {
  const held = new Set(joined.split(','));
  return TOKEN_SCOPES.filter((scope) => held.has(scope));
}

const TOKEN_PREFIX = 'hnd_';

/** sha256 hex of a token: what is stored and looked up, so a database leak leaks no token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createTeam(db: Sql, name: string): Promise<Team> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new Error('A team name is 1 to 200 characters');
  const id = newId();
  await db.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, trimmed]);
  return { id, name: trimmed };
}

export async function listTeams(db: Sql): Promise<(Team & { seq: number })[]> {
  return db.query('SELECT id, name, seq FROM teams ORDER BY id');
}

/**
 * Issues a token for a rep (or a tool) of a team, allowed `scopes`, with the rep's work
 * `email` if given (it lists them as an AE to hand leads to: {@link teamReps}). The token
 * (256 random bits) is returned once; only its hash is stored, so it cannot be shown again: a
 * lost token is revoked and a new one issued.
 */
export async function issueToken(
  db: Sql,
  teamId: string,
  rep: string,
  scopes: readonly string[] = DEFAULT_SCOPES,
  email?: string,
): Promise<TokenInfo & { token: string }> {
  const label = rep.trim();
  if (label.length === 0 || label.length > 200) throw new Error('A rep label is 1 to 200 characters');
  const address = email === undefined ? undefined : EmailSchema.safeParse(email);
  if (address && !address.success) throw new Error(`Not an email address: ${email}`);
  const unknown = scopes.filter((scope) => !(TOKEN_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new Error(`Unknown scope ${unknown.join(', ') || '(none)'}: use one or more of ${TOKEN_SCOPES.join(', ')}`);
  }
  const granted = TOKEN_SCOPES.filter((scope) => scopes.includes(scope));
  const [team] = await db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
  if (!team) throw new Error(`No team with id ${teamId}`);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = newId();
  // The scopes go in as one string: the two drivers serialise JS arrays differently.
  const [row] = await db.query<{ created_at: Date }>(
    `INSERT INTO tokens (id, team_id, rep, token_hash, scopes, email)
     VALUES ($1, $2, $3, $4, string_to_array($5, ','), $6)
     RETURNING created_at`,
    [id, teamId, label, hashToken(token), granted.join(','), address?.data ?? null],
  );
  return {
    id,
    teamId,
    rep: label,
    email: address?.data ?? null,
    scopes: granted,
    createdAt: iso(row?.created_at),
    revokedAt: null,
    token,
  };
}

/** Revokes a token at once (the next request with it is refused). False when there is no such token. */
export async function revokeToken(db: Sql, tokenId: string): Promise<boolean> {
  const rows = await db.query('UPDATE tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [
    tokenId,
  ]);
  return rows.length > 0;
}

export async function listTokens(db: Sql, teamId: string): Promise<TokenInfo[]> {
  const rows = await db.query<{
    id: string;
    team_id: string;
    rep: string;
    email: string | null;
    scopes: string;
    created_at: Date;
    revoked_at: Date | null;
  }>(
    `SELECT id, team_id, rep, email, array_to_string(scopes, ',') AS scopes, created_at, revoked_at
       FROM tokens WHERE team_id = $1 ORDER BY id`,
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    rep: r.rep,
    email: r.email,
    scopes: scopesOf(r.scopes),
    createdAt: iso(r.created_at),
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
  }));
}

/**
 * The team's reps: one per name (case-insensitive) among its live tokens that may sync (`rep`
 * scope: a marketing tool's ingest or export token is no rep), with the email of the newest
 * of their tokens that has one. Reps re-issue tokens (a new browser, a lost one): the newest
 * token's spelling of the name wins. Sorted by name. Only `teamId`'s tokens, never another team's.
 */
export async function teamReps(db: Sql, teamId: string): Promise<TeamRep[]> {
  const rows = await db.query<{ rep: string; email: string | null }>(
    `SELECT rep, email FROM tokens
      WHERE team_id = $1 AND revoked_at IS NULL AND 'rep' = ANY (scopes)
      ORDER BY created_at DESC, id DESC`,
    [teamId],
  );
  const byName = new Map<string, TeamRep>();
  for (const row of rows) {
    const key = row.rep.trim().toLowerCase();
    const seen = byName.get(key);
    if (!seen) byName.set(key, { name: row.rep.trim(), ...(row.email && { email: row.email }) });
    else if (!seen.email && row.email) seen.email = row.email;
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(0, MAX_TEAM_REPS);
}

/** The principal of a bearer token, or `undefined` for an unknown or revoked one. */
export async function authenticate(db: Sql, token: string): Promise<Principal | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await db.query<{ token_id: string; rep: string; scopes: string; team_id: string; team_name: string }>(
    `SELECT t.id AS token_id, t.rep, array_to_string(t.scopes, ',') AS scopes, t.team_id, teams.name AS team_name
       FROM tokens t JOIN teams ON teams.id = t.team_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  return (
    row && {
      teamId: row.team_id,
      teamName: row.team_name,
      tokenId: row.token_id,
      rep: row.rep,
      scopes: scopesOf(row.scopes),
    }
  );
}

function iso(value: Date | string | undefined): string {
  return value === undefined ? '' : new Date(value).toISOString();
}

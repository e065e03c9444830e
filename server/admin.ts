import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config';
import { type AdminIo, CRM_ADMIN_USAGE, CRM_COMMANDS, CrmUsageError, processIo, runCrmAdmin } from './crm/admin';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { SyncStore } from './store';

export const ADMIN_USAGE = `Usage: npm run server:admin -- <command>

  create-team <name>            create a team; prints its id
  list-teams                    every team with its id
  issue-token <teamId> <rep> [--scope <scopes>] [--email <address>]
                                issue a token; printed once, only its hash is kept. Scopes, comma-separated:
                                rep (push, pull, me, team reps: the extension; the default), ingest (marketing
                                automation), export (the dispositions report), admin (the team's CRM connection
                                through the API). --email: the rep's work email, so teammates can hand SQLs to
                                them (the team's reps without one are not offered)
  revoke-token <tokenId>        revoke a token at once
  list-tokens <teamId>          a team's tokens (ids, reps and emails, scopes, dates; never the tokens)
${CRM_ADMIN_USAGE}

Uses the server's database: DATABASE_URL, or the embedded one in HANDOFF_DATA_DIR
(default ./.handoff-server-data; stop the server first, the embedded database serves one process).`;

/** What a command printed and its exit code. */
export interface AdminResult {
  code: number;
  out: string[];
}

/**
 * Runs one admin command against `store`. Usage errors give code 2, failures code 1. `io` is
 * where the CRM commands read a token or a mapping (standard input and the environment).
 */
export async function runAdmin(
  args: readonly string[],
  store: SyncStore,
  io: AdminIo = processIo,
): Promise<AdminResult> {
  const [command, ...words] = args;
  if (command !== undefined && CRM_COMMANDS.has(command)) {
    try {
      return { code: 0, out: await runCrmAdmin(command, words, store, io) };
    } catch (error) {
      if (error instanceof CrmUsageError) return { code: 2, out: [ADMIN_USAGE] };
      return { code: 1, out: [error instanceof Error ? error.message : String(error)] };
    }
  }
  const out: string[] = [];
  let scopes: string[] | undefined;
  let email: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const inline = /^--scopes?=(.*)$/.exec(word);
    const inlineEmail = /^--email=(.*)$/.exec(word);
    if (inline || word === '--scope' || word === '--scopes') {
      const value = inline ? inline[1] : words[++i];
      if (command !== 'issue-token' || value === undefined) return { code: 2, out: [ADMIN_USAGE] };
      scopes = [...(scopes ?? []), ...value.split(',').map((scope) => scope.trim())];
    } else if (inlineEmail || word === '--email') {
      const value = inlineEmail ? inlineEmail[1] : words[++i];
      if (command !== 'issue-token' || value === undefined || email !== undefined)
        return { code: 2, out: [ADMIN_USAGE] };
      email = value;
    } else rest.push(word);
  }
  const need = (count: number) => {
    if (rest.length !== count || rest.some((arg) => arg.trim() === '')) throw new UsageError();
  };
  try {
    switch (command) {
      case 'create-team': {
        need(1);
        const team = await store.createTeam(rest[0] ?? '');
        out.push(`Created team "${team.name}"`, `team id: ${team.id}`);
        break;
      }
      case 'list-teams': {
        need(0);
        const teams = await store.listTeams();
        if (teams.length === 0) out.push('No teams yet: create-team <name>');
        for (const team of teams) out.push(`${team.id}  ${team.name}  (${team.seq} changes)`);
        break;
      }
      case 'issue-token': {
        need(2);
        const token = await store.issueToken(rest[0] ?? '', rest[1] ?? '', scopes, email);
        const who = token.email ? `${token.rep} <${token.email}>` : token.rep;
        out.push(
          `Token for ${who} (token id ${token.id}, scopes ${token.scopes.join(', ')}):`,
          token.token,
          'It is shown this once; the server keeps only its hash.',
        );
        break;
      }
      case 'revoke-token': {
        need(1);
        if (!(await store.revokeToken(rest[0] ?? ''))) return { code: 1, out: [`No token with id ${rest[0]}`] };
        out.push(`Revoked token ${rest[0]}`);
        break;
      }
      case 'list-tokens': {
        need(1);
        const tokens = await store.listTokens(rest[0] ?? '');
        if (tokens.length === 0) out.push('No tokens for this team');
        for (const t of tokens) {
          const revoked = t.revokedAt ? `  REVOKED ${t.revokedAt}` : '';
          const who = t.email ? `${t.rep} <${t.email}>` : t.rep;
          out.push(`${t.id}  ${who}  issued ${t.createdAt}  scopes ${t.scopes.join(',')}${revoked}`);
        }
        break;
      }
      default:
        throw new UsageError();
    }
    return { code: 0, out };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, out: [ADMIN_USAGE] };
    return { code: 1, out: [error instanceof Error ? error.message : String(error)] };
  }
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
    console.log(ADMIN_USAGE);
    return;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.HANDOFF_DATA_DIR });
  const store = new SyncStore(db, { secretKey: config.HANDOFF_SECRET_KEY });
  try {
    await migrate(db);
    const result = await runAdmin(args, store);
    (result.code === 0 ? console.log : console.error)(result.out.join('\n'));
    process.exitCode = result.code;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

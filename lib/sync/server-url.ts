import * as z from 'zod';

/** Hosts where plain http is allowed: a server on the rep's own machine, during development. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1'] as const;

/**
 * The sync server's address as the rep types it: https only (the token and the team's
 * leads travel on it), plain http only for localhost and 127.0.0.1. No credentials, query
 * or fragment. Parsed to the base URL requests are made against: origin and path, with
 * no trailing slash (`https://sync.example.com/handoff`).
 */
export const ServerUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the sync server's address, e.g. https://sync.example.com")
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a web address: it starts with https://' });
      return z.NEVER;
    }
    const local = (LOCAL_HOSTS as readonly string[]).includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use https:// (plain http:// only for localhost or 127.0.0.1, for development)',
      });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'Only the address: no user name, password, ? or #' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  });

/**
 * The host permission to ask for before syncing with `serverUrl`: its scheme and host
 * with every path. No port: Firefox's match patterns cannot have one, and Chrome's match
 * any port when none is given, so `http://localhost/*` covers a server on :8787.
 */
export function hostPermission(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Whether the manifest offers `origin` (a {@link hostPermission} pattern) among `declared`
 * (its `optional_host_permissions` and `host_permissions`): a pattern not declared cannot be
 * asked for, and the browser's refusal would only say "not declared". A build we ship
 * declares https only, so http://localhost is refused here with words instead.
 */
export function isDeclared(origin: string, declared: readonly string[]): boolean {
  const scheme = origin.slice(0, origin.indexOf('://'));
  return declared.some((pattern) => pattern === origin || pattern === '<all_urls>' || pattern === `${scheme}://*/*`);
}

/** What the rep reads when the address is one this build cannot reach. */
export const UNDECLARED_MESSAGE =
  'This version of Handoff reaches sync servers over https:// only (plain http:// to localhost is for development builds, npm run dev)';

/**
 * The optional host permissions the manifest declares for sync (the narrowest that let
 * a team use its own server): any https host, and localhost for development.
 */
export const SYNC_HOST_PERMISSIONS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'] as const;

/**
 * Firefox's data-collection category for what sync sends: leads' names and emails (with
 * their checklists, decisions and touches) go to the team's own server. Declared optional
 * in the manifest, asked for with the server's origin when the rep turns sync on, and
 * given back when they turn it off (Firefox 140+ only; Chrome has no such consent).
 */
export const SYNC_DATA_COLLECTION = ['personallyIdentifyingInfo'] as const;

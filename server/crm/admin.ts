import { readFileSync } from 'node:fs';
import { IdSchema } from '../../lib/domain/common';
import { describeIssues } from '../../lib/domain/validation';
import type { SyncStore } from '../store';
import { type ConnectorSettingsPatch, HubspotMappingOverridesSchema } from './mapping';
import { SECRET_KEY_VARIABLE } from './secrets';
import type { ConnectionView } from './wire';

/** Where a HubSpot token may come from besides standard input. */
export const HUBSPOT_TOKEN_VARIABLE = 'HUBSPOT_ACCESS_TOKEN';

export const CRM_ADMIN_USAGE = `  connect-hubspot <teamId> [--create-contacts] [--all-touches]
                                connect the team's HubSpot (or give it a new token): the private app token
                                is read from ${HUBSPOT_TOKEN_VARIABLE}, else from standard input (typed
                                without echo, or piped), never from the command line, where it would be
                                kept in the shell's history and shown to every user of the machine by ps.
                                Stored encrypted with ${SECRET_KEY_VARIABLE} (32 bytes, base64), which
                                the server needs too. --create-contacts: create a contact when none
                                matches a lead (off by default); --all-touches: log every touch, not only
                                calls and first touches
  crm-settings <teamId> [--create-contacts on|off] [--touches all|calls_and_first_touch]
  crm-mapping <teamId> [--set <file.json> | --set - | --reset]
                                print the HubSpot mapping in force; --set lays the overrides in the
                                file (or standard input) over the defaults; --reset goes back to them
  crm-status <teamId>           the connection, its queue by status, and each refused write with HubSpot's reason
  crm-requeue <teamId> [--lead <leadId>]
                                put refused writes back in the queue (after fixing the mapping or HubSpot)
  disconnect-crm <teamId>       forget the connection and its token (queued writes stay)`;

export const CRM_COMMANDS = new Set([
  'connect-hubspot',
  'crm-settings',
  'crm-mapping',
  'crm-status',
  'crm-requeue',
  'disconnect-crm',
]);

/** What the CRM commands read besides their arguments (injected by the tests). */
export interface AdminIo {
  env: Record<string, string | undefined>;
  /** A secret from standard input: without echo at a terminal, the first line when piped. */
  readSecret(prompt: string): Promise<string>;
  /** A file's text, or standard input's for `-`. */
  readText(path: string): Promise<string>;
}

export class CrmUsageError extends Error {}

/** Runs one CRM command; returns the lines to print. Throws {@link CrmUsageError} for bad arguments. */
export async function runCrmAdmin(
  command: string,
  words: readonly string[],
  store: SyncStore,
  io: AdminIo,
): Promise<string[]> {
  const { positional, flags } = parseWords(words);
  const teamId = positional[0] ?? '';
  if (positional.length !== 1 || !teamId.trim()) throw new CrmUsageError();
  const allowed: Record<string, string[]> = {
    'connect-hubspot': ['create-contacts', 'all-touches'],
    'crm-settings': ['create-contacts', 'touches'],
    'crm-mapping': ['set', 'reset'],
    'crm-requeue': ['lead'],
  };
  for (const flag of flags.keys()) if (!(allowed[command] ?? []).includes(flag)) throw new CrmUsageError();
  switch (command) {
    case 'connect-hubspot': {
      const fromEnv = io.env[HUBSPOT_TOKEN_VARIABLE]?.trim();
      const token = fromEnv || (await io.readSecret('HubSpot private app token (not shown): ')).trim();
      if (!token) throw new Error(`No token: set ${HUBSPOT_TOKEN_VARIABLE} or give it on standard input`);
      if (/\s/.test(token) || token.length < 8 || token.length > 512) {
        throw new Error('That does not look like a HubSpot private app token (8 to 512 characters, no spaces)');
      }
      const settings: ConnectorSettingsPatch = {};
      if (flags.has('create-contacts')) settings.createContacts = true;
      if (flags.has('all-touches')) settings.touches = 'all';
      const view = await store.crm.connect(teamId, { system: 'hubspot', secret: token, settings });
      return [`Connected HubSpot for team ${teamId} (the token is stored encrypted)`, ...describeConnection(view)];
    }
    case 'crm-settings': {
      const settings: ConnectorSettingsPatch = {};
      const create = flags.get('create-contacts');
      if (create !== undefined) {
        if (create !== 'on' && create !== 'off') throw new CrmUsageError();
        settings.createContacts = create === 'on';
      }
      const touches = flags.get('touches');
      if (touches !== undefined) {
        if (touches !== 'all' && touches !== 'calls_and_first_touch') throw new CrmUsageError();
        settings.touches = touches;
      }
      const view = await store.crm.update(teamId, { settings });
      if (!view) throw new Error(`Team ${teamId} has no CRM connected: connect-hubspot first`);
      return describeConnection(view);
    }
    case 'crm-mapping': {
      const source = flags.get('set');
      let view: ConnectionView | null | undefined;
      if (source !== undefined && flags.has('reset')) throw new CrmUsageError();
      if (source !== undefined) {
        if (source === '') throw new CrmUsageError();
        let json: unknown;
        try {
          json = JSON.parse(await io.readText(source));
        } catch (error) {
          throw new Error(`The mapping is not JSON: ${error instanceof Error ? error.message : error}`);
        }
        const parsed = HubspotMappingOverridesSchema.safeParse(json);
        if (!parsed.success) {
          const issues = describeIssues(parsed.error).map((i) => `  ${i.path || '(root)'}: ${i.message}`);
          throw new Error(['The mapping does not fit (nothing was changed):', ...issues].join('\n'));
        }
        view = await store.crm.update(teamId, { mapping: parsed.data });
      } else if (flags.has('reset')) {
        view = await store.crm.update(teamId, { mapping: null });
      } else {
        view = await store.crm.connection(teamId);
      }
      if (!view) throw new Error(`Team ${teamId} has no CRM connected: connect-hubspot first`);
      return [JSON.stringify({ mapping: view.mapping, overrides: view.mappingOverrides }, null, 2)];
    }
    case 'crm-status': {
      const view = await store.crm.connection(teamId);
      if (!view) return [`Team ${teamId} has no CRM connected`];
      const refused = await store.crm.refused(teamId);
      return [
        ...describeConnection(view),
        ...refused.map((r) => `refused ${r.kind} ${r.recordId} (lead ${r.leadId}): ${r.message}`),
      ];
    }
    case 'crm-requeue': {
      const lead = flags.get('lead');
      if (lead !== undefined && !IdSchema.safeParse(lead).success) throw new Error(`Not a lead id: ${lead}`);
      const count = await store.crm.requeue(teamId, lead);
      return [`Re-queued ${count} refused write${count === 1 ? '' : 's'}`];
    }
    case 'disconnect-crm': {
      const done = await store.crm.disconnect(teamId);
      return [done ? `Disconnected the CRM of team ${teamId}; its token is deleted` : 'No CRM was connected'];
    }
    default:
      throw new CrmUsageError();
  }
}

function describeConnection(view: ConnectionView): string[] {
  const counts = Object.entries(view.outbox)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return [
    `${view.system}: ${view.status}${view.statusMessage ? ` (${view.statusMessage})` : ''}`,
    `settings: create contacts ${view.settings.createContacts ? 'on' : 'off'}, touches ${view.settings.touches}`,
    `queue: ${counts}`,
  ];
}

/** `--flag value`, `--flag=value` and bare `--flag`; everything else is positional. */
function parseWords(words: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const valued = new Set(['set', 'lead', 'touches', 'create-contacts']);
  const bare = new Set(['reset', 'all-touches']);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(word);
    if (!match?.[1]) {
      positional.push(word);
      continue;
    }
    const name = match[1];
    if (flags.has(name)) throw new CrmUsageError();
    if (match[2] !== undefined) flags.set(name, match[2]);
    else if (bare.has(name)) flags.set(name, '');
    else if (valued.has(name)) {
      // `connect-hubspot --create-contacts` is a switch; `crm-settings --create-contacts on` takes a value.
      const next = words[i + 1];
      if (
        name === 'create-contacts' &&
        (next === undefined || next.startsWith('--') || (next !== 'on' && next !== 'off'))
      ) {
        flags.set(name, '');
      } else {
        if (next === undefined) throw new CrmUsageError();
        flags.set(name, next);
        i++;
      }
    } else throw new CrmUsageError();
  }
  return { positional, flags };
}

/** The real standard input: hidden typing at a terminal, the first line of a pipe. */
export const processIo: AdminIo = {
  env: process.env,
  readSecret: (prompt) => readStdinSecret(prompt),
  readText: async (path) => (path === '-' ? readAllStdin() : readFileSync(path, 'utf8')),
};

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function readStdinSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return (await readAllStdin()).split(/\r?\n/)[0] ?? '';
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('Cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  extensionPermissions,
  type HostPermissions,
  type PermissionsApi,
  SyncPanel,
} from '../../../components/options/SyncSection';
import type { Fetch } from '../../../lib/sync/client';
import { isDeclared, SYNC_DATA_COLLECTION } from '../../../lib/sync/server-url';
import { SyncService } from '../../../lib/sync/service';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
/** Every service a test made: a sync it started may still run when the test ends. */
const services: SyncService[] = [];
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.idle()));
  ctx.db.close();
});

const TOKEN = 'hnd_good';
const ME = {
  team: { id: 'team-1', name: 'Northwind SDRs' },
  token: { id: 'tok-1', rep: 'Sam' },
  limits: { maxChangesPerPush: 500, maxPullLimit: 1000, bodyLimitBytes: 1_048_576, maxClockSkewMs: 3_600_000 },
};

/** A stub sync server: who the token is, and a push and pull that take and give nothing more. */
function stubServer(log: string[]) {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: Fetch = async (url, init) => {
    const { pathname } = new URL(url);
    log.push(`fetch ${pathname}`);
    const auth = new Headers(init.headers).get('authorization');
    if (auth !== `Bearer ${TOKEN}`) return json(401, { error: { code: 'unauthorized', message: 'Unknown token' } });
    if (pathname === '/v1/me') return json(200, ME);
    if (pathname === '/v1/team/reps') return json(200, { reps: [] });
    if (pathname === '/v1/push') {
      const { changes } = JSON.parse(String(init.body)) as { changes: { changeId: string }[] };
      return json(200, { results: changes.map((c) => ({ changeId: c.changeId, status: 'applied' })), serverSeq: 1 });
    }
    return json(200, { records: [], cursor: '0', hasMore: false });
  };
  return fetch;
}

function setup(options: { grant?: boolean; declared?: string[] } = {}) {
  const log: string[] = [];
  const permissions: HostPermissions & { request: ReturnType<typeof vi.fn>; remove: ReturnType<typeof vi.fn> } = {
    request: vi.fn(async (origins: string[]) => {
      log.push(`request ${origins.join(' ')}`);
      return options.grant ?? true;
    }),
    remove: vi.fn(async (origins: string[]) => {
      log.push(`remove ${origins.join(' ')}`);
      return true;
    }),
    ...(options.declared ? { declares: (origin: string) => isDeclared(origin, options.declared ?? []) } : {}),
  };
  const service = new SyncService({ repo: ctx.sync, fetch: stubServer(log), now: () => NOW, random: () => 0.5 });
  services.push(service);
  render(
    <SyncPanel
      repos={ctx}
      control={service}
      permissions={permissions}
      formatTime={(at) => new Date(at).toISOString()}
    />,
  );
  return { log, permissions, service };
}

const urlField = () => screen.getByLabelText('Server address') as HTMLInputElement;
const tokenField = () => screen.getByLabelText('Token') as HTMLInputElement;

async function fillAndTurnOn(url: string, token: string) {
  await userEvent.clear(urlField());
  await userEvent.type(urlField(), url);
  await userEvent.type(tokenField(), token);
  await userEvent.click(screen.getByRole('button', { name: 'Turn on sync' }));
}

describe('the sync section', () => {
  it('is off by default, with the address and a password field for the token', async () => {
    setup();
    expect((await screen.findByRole('status')).textContent).toBe('Off. Everything stays in this browser.');
    expect(tokenField().type).toBe('password');
    expect(urlField().value).toBe('');
  });

  it('asks for the server permission first, then checks the token and shows the team and rep', async () => {
    const { log, service } = setup();
    await screen.findByRole('status');
    await ctx.leads.create(makeLead());
    await fillAndTurnOn('https://sync.example.com/', TOKEN);
    await screen.findByText(/On: team/);
    expect(screen.getByRole('status').textContent).toBe(
      'On: team Northwind SDRs, as Sam, with https://sync.example.com.',
    );
    expect(log.slice(0, 2)).toEqual(['request https://sync.example.com/*', 'fetch /v1/me']);
    await service.run();
    await waitFor(() =>
      expect(screen.getByText('Last synced').nextElementSibling?.textContent).toBe(new Date(NOW).toISOString()),
    );
    expect(screen.getByText('Not sent yet').nextElementSibling?.textContent).toBe('0 changes');
    expect(log).toContain('fetch /v1/push');
    expect(await ctx.sync.token()).toBe(TOKEN);
    expect(tokenField).toThrow();
  });

  it('refuses plain http to a remote host before asking anything', async () => {
    const { log } = setup();
    await screen.findByRole('status');
    await fillAndTurnOn('http://sync.example.com', TOKEN);
    await screen.findByText(/Use https:\/\//);
    expect(urlField().getAttribute('aria-invalid')).toBe('true');
    expect(log).toEqual([]);
  });

  it('allows http on localhost for development, asking for localhost on every port', async () => {
    const { log, service } = setup();
    await screen.findByRole('status');
    await fillAndTurnOn('http://localhost:8787', TOKEN);
    await screen.findByText(/On: team/);
    await service.run();
    expect(log[0]).toBe('request http://localhost/*');
  });

  it('stays off when the permission is denied, and says why', async () => {
    const { log } = setup({ grant: false });
    await screen.findByRole('status');
    await fillAndTurnOn('https://sync.example.com', TOKEN);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Sync needs your permission to reach sync.example.com',
    );
    expect(log).toEqual(['request https://sync.example.com/*']);
    expect((await ctx.sync.status()).enabled).toBe(false);
  });

  it('gives the permission back when the server refuses the token', async () => {
    const { log } = setup();
    await screen.findByRole('status');
    await fillAndTurnOn('https://sync.example.com', 'hnd_wrong');
    await screen.findByText(/refused this token/);
    expect(tokenField().getAttribute('aria-invalid')).toBe('true');
    expect(log).toEqual(['request https://sync.example.com/*', 'fetch /v1/me', 'remove https://sync.example.com/*']);
    expect((await ctx.sync.status()).enabled).toBe(false);
  });

  it('turns off: the permission goes back and the address stays filled in', async () => {
    const { log, service } = setup();
    await screen.findByRole('status');
    await fillAndTurnOn('https://sync.example.com', TOKEN);
    await screen.findByText(/On: team/);
    await service.run();
    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await screen.findByText('Off. Everything stays in this browser.');
    expect(log.at(-1)).toBe('remove https://sync.example.com/*');
    expect(urlField().value).toBe('https://sync.example.com');
    expect(await ctx.sync.token()).toBeUndefined();
  });

  it('syncs on demand', async () => {
    const { log, service } = setup();
    await screen.findByRole('status');
    await fillAndTurnOn('https://sync.example.com', TOKEN);
    await screen.findByText(/On: team/);
    await service.run();
    await ctx.leads.create(makeLead());
    await userEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await screen.findByText('Synced.');
    expect(log.filter((l) => l === 'fetch /v1/push').length).toBeGreaterThan(0);
  });

  it('takes a new token after the server refused the old one, keeping what waits to be sent', async () => {
    await ctx.sync.turnOn({ serverUrl: 'https://sync.example.com', token: 'hnd_revoked', team: ME.team, rep: 'Sam' });
    await ctx.sync.failed(
      { kind: 'unauthorized', message: 'The server refused the token', at: NOW, status: 401 },
      undefined,
    );
    const { log, service } = setup();
    await screen.findByText(/The server refused the token \(revoked or mistyped\)/);
    await userEvent.type(screen.getByLabelText('New token'), TOKEN);
    await userEvent.click(screen.getByRole('button', { name: 'Use this token' }));
    await waitFor(() => expect(screen.queryByLabelText('New token')).toBeNull());
    await service.run();
    expect(log.slice(0, 2)).toEqual(['request https://sync.example.com/*', 'fetch /v1/me']);
    expect(log.some((l) => l.startsWith('remove'))).toBe(false);
    expect(await ctx.sync.token()).toBe(TOKEN);
    expect((await ctx.sync.status()).error).toBeUndefined();
  });

  it('shows the last problem in words, refused changes with the server issues, and conflicts', async () => {
    await ctx.sync.turnOn({ serverUrl: 'https://sync.example.com', token: TOKEN, team: ME.team, rep: 'Sam' });
    const lead = await ctx.leads.create(
      makeLead({ person: { name: 'Dana Whitfield', emails: ['dana@northwind.io'] } }),
    );
    const batch = await ctx.sync.nextBatch(500, 1_000_000);
    if (!batch) throw new Error('nothing queued');
    await ctx.sync.setAside(batch, new Map([[0, [{ path: 'person', message: 'A lead needs an identity' }]]]));
    await ctx.sync.failed({ kind: 'network', message: 'Could not reach', at: NOW }, NOW + 60_000);
    await ctx.db.dispositionClocks.put({ id: 'x', leadId: lead.id, hlc: `${NOW}-0000-a`, basedOn: null, conflict: 1 });
    setup();
    expect((await screen.findByText(/Could not reach the sync server/)).textContent).toContain(
      `Handoff tries again by itself at ${new Date(NOW + 60_000).toISOString()}.`,
    );
    const refused = screen.getByRole('heading', { name: 'Changes the server refused' }).parentElement as HTMLElement;
    expect(within(refused).getByRole('listitem').textContent).toBe(
      `A lead edit (${new Date(NOW).toISOString()}): person: A lead needs an identity`,
    );
    await screen.findByText('Dana Whitfield');
    await userEvent.click(within(refused).getByRole('button', { name: 'Clear this list' }));
    await waitFor(() => expect(screen.queryByText('Changes the server refused')).toBeNull());
  });
});

describe('an address this build cannot reach', () => {
  it('is refused in words next to the address, before any prompt, when the manifest does not offer it', async () => {
    const { permissions } = setup({ declared: ['https://*/*'] });
    await screen.findByRole('status');
    await fillAndTurnOn('http://localhost:8787', TOKEN);
    const field = urlField();
    expect(await screen.findByText(/over https:\/\/ only/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(permissions.request).not.toHaveBeenCalled();
  });

  it('goes on to ask when the manifest offers it (a development build)', async () => {
    const { permissions } = setup({ declared: ['https://*/*', 'http://localhost/*'] });
    await screen.findByRole('status');
    await fillAndTurnOn('http://localhost:8787', TOKEN);
    await screen.findByText(/On: team/);
    expect(permissions.request).toHaveBeenCalledWith(['http://localhost/*']);
  });
});

describe('the permissions sync asks the browser for', () => {
  function browserPermissions() {
    const calls: string[] = [];
    const api: PermissionsApi = {
      request: vi.fn(async (p) => {
        calls.push(`request ${JSON.stringify(p)}`);
        return true;
      }),
      remove: vi.fn(async (p) => {
        calls.push(`remove ${JSON.stringify(p)}`);
        return true;
      }),
    };
    return { api, calls };
  }

  function renderOnFirefox() {
    const { api, calls } = browserPermissions();
    const service = new SyncService({ repo: ctx.sync, fetch: stubServer([]), now: () => NOW, random: () => 0.5 });
    services.push(service);
    render(
      <SyncPanel
        repos={ctx}
        control={service}
        permissions={extensionPermissions(() => api, SYNC_DATA_COLLECTION)}
        formatTime={(at) => new Date(at).toISOString()}
      />,
    );
    return { calls, service };
  }
  const both = JSON.stringify({
    origins: ['https://sync.example.com/*'],
    data_collection: ['personallyIdentifyingInfo'],
  });

  it('on Firefox, asks for the data-collection consent with the origin, and gives both back on turning off', async () => {
    const { calls, service } = renderOnFirefox();
    await screen.findByRole('status');
    await fillAndTurnOn('https://sync.example.com', TOKEN);
    await screen.findByText(/On: team/);
    await service.run();
    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await screen.findByText('Off. Everything stays in this browser.');
    expect(calls).toEqual([`request ${both}`, `remove ${both}`]);
  });

  it('on Firefox, gives the consent back with the origin when the server refuses the token', async () => {
    const { calls } = renderOnFirefox();
    await screen.findByRole('status');
    await fillAndTurnOn('https://sync.example.com', 'hnd_wrong');
    await screen.findByText(/refused this token/);
    expect(calls).toEqual([`request ${both}`, `remove ${both}`]);
  });

  it('elsewhere (Chrome refuses keys it does not know), asks for the origin only', async () => {
    const { api, calls } = browserPermissions();
    const permissions = extensionPermissions(() => api, []);
    await permissions.request(['https://sync.example.com/*']);
    await permissions.remove(['https://sync.example.com/*']);
    expect(calls).toEqual([
      'request {"origins":["https://sync.example.com/*"]}',
      'remove {"origins":["https://sync.example.com/*"]}',
    ]);
  });
});

import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupRepositories } from '../../support/db';
import { makeLead, NOW } from '../../support/factories';
import { renderSidebar } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const line = () => document.querySelector('footer.sync-line');

describe("the sidebar's sync line", () => {
  it('is absent while sync is off', async () => {
    renderSidebar({ repos: ctx, state: { kind: 'none' } });
    await screen.findByText('Nobody on this page');
    expect(line()).toBeNull();
  });

  it('shows what is not sent yet and the last sync, live', async () => {
    await ctx.sync.turnOn({ serverUrl: 'https://sync.test', token: 't', team: { id: 't', name: 'T' }, rep: 'Sam' });
    // As after the first sync: everything stored before was sent.
    for (let batch = await ctx.sync.nextBatch(500, 1e6); batch; batch = await ctx.sync.nextBatch(500, 1e6)) {
      await ctx.sync.acknowledge(
        batch,
        batch.rows.map((row) => ({ changeId: row.changeId, status: 'applied' as const })),
      );
    }
    await ctx.sync.succeeded(NOW - 60_000);
    renderSidebar({ repos: ctx, state: { kind: 'none' } });
    expect((await screen.findByText(/^Sync:/)).textContent).toBe('Sync: all sent · last synced 11:59');
    await ctx.leads.create(makeLead());
    expect((await screen.findByText(/not sent yet/)).textContent).toBe('Sync: 1 not sent yet · last synced 11:59');
  });
});

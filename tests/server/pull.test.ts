import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import type { PullResponse, PushRequest, PushResponse } from '../../lib/replication/contract';
import { TeamWrite } from '../../server/store/team-write';
import { forEachBackend } from './support/backends';
import { TestClient, newLeadFields } from './support/data';
import { type Harness, startHarness } from './support/harness';

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  it('pages by cursor, in sequence order, and a record changed again comes again', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const sam = new TestClient('sam');
    const leadId = newId();
    await api.push(sam.batch(sam.lead(leadId, newLeadFields()), ...Array.from({ length: 6 }, () => sam.event(leadId))));

    const first = await api.pull<PullResponse>('0', 3);
    expect(first.status).toBe(200);
    expect(first.body.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(first.body.records[0]).toMatchObject({ table: 'leads', recordId: leadId });
    expect(first.body).toMatchObject({ cursor: '3', hasMore: true });
    const second = await api.pull<PullResponse>(first.body.cursor, 3);
    expect(second.body.records.map((r) => r.seq)).toEqual([4, 5, 6]);
    expect(second.body.hasMore).toBe(true);
    const third = await api.pull<PullResponse>(second.body.cursor, 3);
    expect(third.body).toMatchObject({ cursor: '7', hasMore: false });
    expect(third.body.records).toHaveLength(1);
    const idle = await api.pull<PullResponse>(third.body.cursor, 3);
    expect(idle.body).toEqual({ records: [], cursor: '7', hasMore: false });

    await api.push(sam.batch(sam.lead(leadId, { 'person.title': 'Head of Ops' })));
    const again = await api.pull<PullResponse>(idle.body.cursor);
    expect(again.body.records).toHaveLength(1);
    expect(again.body.records[0]).toMatchObject({ table: 'leads', seq: 8, data: { person: { title: 'Head of Ops' } } });
    // From the start the lead appears once, at its new position.
    const all = await api.pull<PullResponse>('0');
    expect(all.body.records.map((r) => r.seq)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses a cursor the server never handed out (409), and bad paging values (400)', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const ahead = await api.pull('42');
    expect(ahead.status).toBe(409);
    expect(ahead.body.error.code).toBe('cursor_ahead');
    for (const url of ['/v1/pull?cursor=abc', '/v1/pull?limit=0', '/v1/pull?limit=5000', '/v1/pull?cursor=-1']) {
      const response = await api.get(url);
      expect(response.status, url).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
    }
  });

  it('is gap-free under concurrent pushes: every change is pulled exactly once, at positions 1..n', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const clients = Array.from({ length: 6 }, (_, i) => new TestClient(`client-${i}`));
    const leadId = newId();
    await api.push(clients[0]?.batch(clients[0].lead(leadId, newLeadFields())));

    // A puller runs alongside the pushes with small pages, as a client syncing mid-storm would.
    let pushing = true;
    const seenByPuller = new Map<string, number>();
    const pulledSeqs: number[] = [];
    let cursor = '0';
    const pullOnce = async () => {
      const { status, body } = await api.pull<PullResponse>(cursor, 7);
      expect(status).toBe(200);
      for (const record of body.records) {
        seenByPuller.set(record.recordId, record.seq);
        pulledSeqs.push(record.seq);
      }
      cursor = body.cursor;
      return body.hasMore;
    };
    const puller = (async () => {
      while (pushing) {
        await pullOnce();
        // Let the pushes' I/O in between pulls (the embedded engine answers without a macrotask).
        await new Promise((resolve) => setImmediate(resolve));
      }
      while (await pullOnce()) {}
    })();

    const pushes = clients.flatMap((client, c) =>
      Array.from({ length: 12 }, async (_, p) => {
        const events = Array.from({ length: 1 + ((c + p) % 4) }, () => client.event(leadId));
        const response = await api.push<PushResponse>(client.batch(...events));
        expect(response.status).toBe(200);
        return events.length;
      }),
    );
    const pushed = (await Promise.all(pushes)).reduce((a, b) => a + b, 0);
    pushing = false;
    await puller;

    const total = pushed + 1;
    const all = new Map<string, number>();
    let from = '0';
    for (;;) {
      const { body } = await api.pull<PullResponse>(from, 1000);
      for (const record of body.records) {
        expect(all.has(record.recordId)).toBe(false);
        all.set(record.recordId, record.seq);
      }
      from = body.cursor;
      if (!body.hasMore) break;
    }
    expect([...all.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // The puller saw every record (nothing slipped behind its cursor), in increasing order.
    expect(seenByPuller).toEqual(all);
    expect(pulledSeqs).toEqual([...pulledSeqs].sort((a, b) => a - b));
    expect(new Set(pulledSeqs).size).toBe(pulledSeqs.length);
  });

  it.runIf(backend.name === 'postgres')(
    'never shows a later position while an earlier one is uncommitted',
    async () => {
      const team = await h.team();
      const api = h.as(team.token);
      const sam = new TestClient('sam');
      const leadId = newId();
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written = () => {};
      const holding = new Promise<void>((resolve) => {
        written = resolve;
      });
      // A slow writer takes position 1 and holds its transaction open.
      const slow = h.db.transaction(async (tx) => {
        const write = await TeamWrite.begin(tx, team.id);
        const event = sam.event(leadId) as { recordId: string; record: Record<string, unknown>; hlc: string };
        write.put({
          table: 'events',
          recordId: event.recordId,
          data: event.record,
          clocks: {},
          hlc: event.hlc,
          meta: {},
        });
        await write.commit();
        written();
        await gate;
      });
      await holding;
      const fast = api.push<PushResponse>(sam.batch(sam.lead(leadId, newLeadFields())));
      const during = await api.pull<PullResponse>('0');
      expect(during.body.records).toEqual([]);
      release();
      await slow;
      expect((await fast).body.results[0]).toMatchObject({ status: 'applied', seq: 2 });
      const after = await api.pull<PullResponse>('0');
      expect(after.body.records.map((r) => r.seq)).toEqual([1, 2]);
    },
  );

  it('reads a page by the sequence index however large the team grew (the embedded engine analyzes)', async () => {
    const team = await h.team();
    const sam = new TestClient('sam');
    const leadId = newId();
    await h.store.push(team.principal, sam.batch(sam.lead(leadId, newLeadFields())) as PushRequest);
    // 3,000 records: past the embedded engine's first ANALYZE (PostgreSQL's autovacuum does its own).
    for (let i = 0; i < 6; i++) {
      const events = Array.from({ length: 500 }, () => sam.event(leadId));
      await h.store.push(team.principal, sam.batch(...events) as PushRequest);
    }
    if (backend.name === 'postgres') await h.db.query('ANALYZE records');
    const plan = await h.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT table_name, record_id, data, clocks, meta, hlc, seq FROM records
        WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [team.id, 0, 501],
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    // Not "Bitmap Heap Scan" + "Sort": that reads every record after the cursor for each page.
    expect(text).toMatch(/Index Scan using records_team_seq/);
    expect(text).not.toMatch(/Sort/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import type { PulledRecord, PullResponse, PushResponse } from '../../lib/replication/contract';
import { forEachBackend } from './support/backends';
import { TestClient, newLeadFields } from './support/data';
import { type Api, DAY, type Harness, NOW, startHarness } from './support/harness';

/** Everything the team has, by table and record id. */
async function everything(api: Api): Promise<Map<string, PulledRecord>> {
  const records = new Map<string, PulledRecord>();
  let cursor = '0';
  for (;;) {
    const { status, body } = await api.pull<PullResponse>(cursor, 1000);
    expect(status).toBe(200);
    for (const record of body.records) records.set(`${record.table}/${record.recordId}`, record);
    cursor = body.cursor;
    if (!body.hasMore) return records;
  }
}

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  async function fresh() {
    const team = await h.team();
    return { team, api: h.as(team.token), sam: new TestClient('sam-chrome'), alex: new TestClient('alex-edge') };
  }

  describe('validation', () => {
    it('refuses a batch with one bad change with 400 naming its index and field, and writes nothing', async () => {
      const { api, sam } = await fresh();
      const leadId = newId();
      const response = await api.push(
        sam.batch(
          sam.lead(leadId, newLeadFields()),
          sam.event(leadId),
          sam.lead(leadId, { 'person.emails': ['not an email'] }),
          sam.event(leadId),
        ),
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(response.body.error.issues).toContainEqual({
        path: 'changes.2.fields.person.emails.0',
        message: 'Invalid email address',
      });
      expect(response.body.error.message).toMatch(/changes\.2\.fields\.person\.emails\.0/);
      const pulled = await api.pull();
      expect(pulled.body).toEqual({ records: [], cursor: '0', hasMore: false });
    });

    it.each([
      ['an unknown table', { table: 'settings' }, 'changes.0.table'],
      ['an unknown lead field', { fields: { 'person.shoeSize': 44 } }, 'changes.0.fields'],
      ['clearing a required field', { fields: { 'person.name': null } }, 'changes.0.fields.person.name'],
      ['a bad clock', { hlc: 'yesterday' }, 'changes.0.hlc'],
      ['a change id that is not a ULID', { changeId: '1' }, 'changes.0.changeId'],
      ['an empty lead change', { fields: {} }, 'changes.0.fields'],
    ])('refuses %s', async (_what, patch, path) => {
      const { api, sam } = await fresh();
      const change = { ...sam.lead(newId(), newLeadFields()), ...patch };
      const response = await api.push(sam.batch(change as never));
      expect(response.status).toBe(400);
      expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    });

    it("refuses a clock whose node is not the pushing client's", async () => {
      const { api, sam, alex } = await fresh();
      const response = await api.push(sam.batch(alex.lead(newId(), newLeadFields())));
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0]).toMatchObject({ path: 'changes.0.hlc' });
    });

    it('refuses a clock more than an hour ahead of the server (a device with a wrong date)', async () => {
      const { api, sam } = await fresh();
      const response = await api.push(sam.batch(sam.lead(newId(), newLeadFields(), sam.hlc(NOW + 2 * 3_600_000))));
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0].message).toMatch(/120 minutes ahead/);
    });

    it('refuses the same change id twice in one push, and an event whose id is not its recordId', async () => {
      const { api, sam } = await fresh();
      const change = sam.lead(newId(), newLeadFields());
      expect((await api.push(sam.batch(change, change))).status).toBe(400);
      const event = sam.event(newId()) as { recordId: string };
      event.recordId = newId();
      const response = await api.push(sam.batch(event as never));
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0].path).toBe('changes.0.record.id');
    });
  });

  describe('idempotency', () => {
    it('answers a repeated push with the stored results and applies nothing twice', async () => {
      const { api, sam } = await fresh();
      const leadId = newId();
      const batch = sam.batch(sam.lead(leadId, newLeadFields()), sam.event(leadId), sam.event(leadId));
      const first = await api.push<PushResponse>(batch);
      expect(first.status).toBe(200);
      expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(first.body.serverSeq).toBe(3);

      const again = await api.push<PushResponse>(batch);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect((await everything(api)).size).toBe(3);

      // A later batch that repeats one old change (the outbox re-sent it) only applies the new one.
      const next = sam.event(leadId);
      const mixed = await api.push<PushResponse>({ clientId: sam.id, changes: [batch.changes[1], next] });
      expect(mixed.body.results[0]).toEqual(first.body.results[1]);
      expect(mixed.body.results[1]).toMatchObject({ status: 'applied', seq: 4 });
      expect(mixed.body.serverSeq).toBe(4);
    });

    it('applies a batch once when its duplicates arrive at the same time', async () => {
      const { api, sam } = await fresh();
      const leadId = newId();
      const batch = sam.batch(sam.lead(leadId, newLeadFields()), sam.event(leadId), sam.event(leadId));
      const responses = await Promise.all(Array.from({ length: 5 }, () => api.push<PushResponse>(batch)));
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.body.results).toEqual(responses[0]?.body.results);
      }
      expect(responses[0]?.body.results.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect((await everything(api)).size).toBe(3);
    });

    it('keeps change ids per client: another client may use the same one', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      const mine = sam.lead(leadId, newLeadFields());
      await api.push(sam.batch(mine));
      const theirs = {
        ...alex.lead(leadId, { 'person.title': 'CTO' }),
        changeId: (mine as { changeId: string }).changeId,
      };
      const response = await api.push<PushResponse>(alex.batch(theirs));
      expect(response.body.results[0]).toMatchObject({ status: 'applied', seq: 2 });
    });
  });

  describe('leads: last writer wins per field, by clock', () => {
    it('merges concurrent edits of different fields, and takes the later clock for the same field, whatever the arrival order', async () => {
      const leadId = newId();
      const sam = new TestClient('sam');
      const alex = new TestClient('alex');
      const create = sam.lead(leadId, newLeadFields(), sam.hlc(NOW - 5 * DAY));
      // Both edit offline; Alex's title edit is later than Sam's, Sam's phone is his own field.
      const samEdit = sam.lead(
        leadId,
        { 'person.title': 'VP Sales', 'person.phone': '+1 555 0100' },
        sam.hlc(NOW - 2 * DAY),
      );
      const alexEdit = alex.lead(leadId, { 'person.title': 'CRO', 'company.employees': 250 }, alex.hlc(NOW - DAY));
      const pushes = [
        { client: sam, change: samEdit },
        { client: alex, change: alexEdit },
      ];
      const finals: unknown[] = [];
      for (const order of [
        [0, 1],
        [1, 0],
      ]) {
        const team = await h.team();
        const api = h.as(team.token);
        await api.push(sam.batch(create));
        for (const i of order) {
          const { client, change } = pushes[i] as (typeof pushes)[number];
          expect((await api.push(client.batch(change))).status).toBe(200);
        }
        const lead = (await everything(api)).get(`leads/${leadId}`);
        finals.push(lead?.data);
        expect(lead?.data).toMatchObject({
          person: { title: 'CRO', phone: '+1 555 0100', name: 'Jane Doe' },
          company: { employees: 250, name: 'Acme' },
        });
        expect(lead?.table === 'leads' && lead.clocks['person.title']).toBe(alexEdit.hlc);
      }
      expect(finals[0]).toEqual(finals[1]);
    });

    it('keeps a cleared field cleared when an older write arrives late', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      await api.push(sam.batch(sam.lead(leadId, newLeadFields({ 'person.title': 'Intern' }), sam.hlc(NOW - 5 * DAY))));
      const oldEdit = alex.lead(leadId, { 'person.title': 'Manager' }, alex.hlc(NOW - 3 * DAY));
      await api.push(sam.batch(sam.lead(leadId, { 'person.title': null }, sam.hlc(NOW - 2 * DAY))));
      const late = await api.push<PushResponse>(alex.batch(oldEdit));
      expect(late.body.results[0]).toEqual({ changeId: (oldEdit as { changeId: string }).changeId, status: 'applied' });
      const lead = (await everything(api)).get(`leads/${leadId}`);
      expect(lead?.data).not.toHaveProperty('person.title');
      expect(lead?.seq).toBe(2);
    });

    it('normalises field values with the domain schemas', async () => {
      const { api, sam } = await fresh();
      const leadId = newId();
      await api.push(
        sam.batch(
          sam.lead(
            leadId,
            newLeadFields({
              'person.emails': ['  Jane.Doe@ACME.io '],
              'person.linkedinUrl': 'https://de.linkedin.com/in/Jane-Doe/?locale=de_DE',
              'company.domain': 'https://www.Acme.io/about',
            }),
          ),
        ),
      );
      const lead = (await everything(api)).get(`leads/${leadId}`);
      expect(lead?.data).toMatchObject({
        person: { emails: ['jane.doe@acme.io'], linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' },
        company: { domain: 'acme.io' },
      });
    });

    it('rejects (and remembers) a change after which the lead would not be valid, applying the rest of the batch', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      await api.push(sam.batch(sam.lead(leadId, newLeadFields())));
      // Removing the only email leaves no identity: not a valid lead.
      const bad = alex.lead(leadId, { 'person.emails': [] });
      const good = alex.event(leadId);
      const response = await api.push<PushResponse>(alex.batch(bad, good));
      expect(response.status).toBe(200);
      expect(response.body.results[0]).toMatchObject({ status: 'rejected' });
      expect(response.body.results[0]?.issues?.[0]?.message).toMatch(/needs an identity/);
      expect(response.body.results[1]).toMatchObject({ status: 'applied', seq: 2 });
      expect((await api.push<PushResponse>(alex.batch(bad, good))).body).toEqual(response.body);
      expect((await everything(api)).get(`leads/${leadId}`)?.data).toMatchObject({
        person: { emails: ['jane.doe@acme.io'] },
      });
    });

    it('rejects a change that would create a lead without its required fields', async () => {
      const { api, sam } = await fresh();
      const response = await api.push<PushResponse>(sam.batch(sam.lead(newId(), { 'person.title': 'CTO' })));
      expect(response.body.results[0]?.status).toBe('rejected');
      expect(response.body.results[0]?.issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining(['person.name', 'stage']),
      );
      expect((await everything(api)).size).toBe(0);
    });
  });

  describe('qualifications: merged per criterion', () => {
    it('keeps both reps’ criteria, and the later clock for the same criterion', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      const samBudget = sam.checklist(leadId, 'bant', {
        budget: { status: 'confirmed', evidence: 'Signed off' },
        need: { status: 'partial' },
      });
      const alexNeed = alex.checklist(leadId, 'bant', {
        need: { status: 'confirmed', evidence: 'Pain is real' },
        timeline: { status: 'partial' },
      });
      await api.push(alex.batch(alexNeed));
      await api.push(sam.batch(samBudget));
      const record = (await everything(api)).get(`qualifications/${leadId}`);
      expect(record?.data).toEqual({
        leadId,
        framework: 'bant',
        criteria: {
          budget: { status: 'confirmed', evidence: 'Signed off' },
          need: { status: 'confirmed', evidence: 'Pain is real' },
          timeline: { status: 'partial', evidence: '' },
        },
        updatedAt: expect.any(Number),
      });
    });

    it('takes the later framework whatever the arrival order, and keeps the other framework’s criteria for a switch back', async () => {
      const leadId = newId();
      const sam = new TestClient('sam');
      const alex = new TestClient('alex');
      const start = sam.checklist(leadId, 'bant', { budget: { status: 'confirmed' } }, sam.hlc(NOW - 3 * DAY));
      const toMeddic = alex.checklist(leadId, 'meddic', { metrics: { status: 'partial' } }, alex.hlc(NOW - 2 * DAY));
      const bantEdit = sam.checklist(leadId, 'bant', { need: { status: 'confirmed' } }, sam.hlc(NOW - DAY));
      const results = [];
      for (const order of [
        [toMeddic, bantEdit],
        [bantEdit, toMeddic],
      ]) {
        const team = await h.team();
        const api = h.as(team.token);
        await api.push(sam.batch(start));
        for (const change of order) {
          const client = change === toMeddic ? alex : sam;
          expect((await api.push(client.batch(change))).status).toBe(200);
        }
        results.push((await everything(api)).get(`qualifications/${leadId}`)?.data);
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[0]).toMatchObject({
        framework: 'bant',
        criteria: { budget: { status: 'confirmed' }, need: { status: 'confirmed' } },
      });
    });

    it('refuses a criterion of another framework with 400', async () => {
      const { api, sam } = await fresh();
      const response = await api.push(sam.batch(sam.checklist(newId(), 'bant', { metrics: { status: 'partial' } })));
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0]).toMatchObject({ path: 'changes.0.criteria.metrics' });
    });
  });

  describe('append-only: events, activities, dispositions', () => {
    it('never overwrites a stored event or activity: a second write of its id is a duplicate', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      const event = sam.event(leadId, { type: 'email_opened' }) as { recordId: string; record: object };
      const activity = sam.activity(leadId) as { recordId: string; record: object };
      await api.push(sam.batch(event as never, activity as never));
      const forged = {
        ...alex.event(leadId),
        recordId: event.recordId,
        record: { ...event.record, type: 'demo_requested' },
      };
      const forgedActivity = { ...alex.activity(leadId), recordId: activity.recordId, record: activity.record };
      const response = await api.push<PushResponse>(alex.batch(forged as never, forgedActivity as never));
      expect(response.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(response.body.serverSeq).toBe(2);
      const all = await everything(api);
      expect(all.get(`events/${event.recordId}`)?.data).toMatchObject({ type: 'email_opened' });
    });

    it('keeps two concurrent decisions: the later by clock is current, both flagged as a conflict', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      await api.push(sam.batch(sam.lead(leadId, newLeadFields())));
      const samReject = sam.reject(leadId, null, {}, sam.hlc(NOW - 2 * 3_600_000));
      const alexAccept = alex.accept(leadId, null, {}, alex.hlc(NOW - 3_600_000));
      // Alex's (later) decision arrives first.
      await api.push(alex.batch(alexAccept));
      await api.push(sam.batch(samReject));
      const pulled = await everything(api);
      expect(pulled.get(`dispositions/${samReject.recordId}`)).toMatchObject({ basedOn: null });
      expect(pulled.get(`dispositions/${alexAccept.recordId}`)?.data).toMatchObject({ decision: 'accepted_sql' });
      const report = await api.get('/v1/dispositions');
      const byId = new Map(report.body.dispositions.map((d: { id: string }) => [d.id, d]));
      expect(byId.get(alexAccept.recordId)).toMatchObject({ current: true, conflict: true });
      expect(byId.get(samReject.recordId)).toMatchObject({ current: false, conflict: true });
    });

    it('is no conflict when the second decision was made on the first (a change of mind)', async () => {
      const { api, sam, alex } = await fresh();
      const leadId = newId();
      const first = sam.reject(leadId, null);
      await api.push(sam.batch(first));
      // Alex pulled Sam's decision: his clock moved past it.
      alex.clock.receive(first.hlc);
      const second = alex.accept(leadId, first.recordId);
      await api.push(alex.batch(second));
      const report = await api.get('/v1/dispositions');
      expect(
        report.body.dispositions.map((d: { conflict: boolean; current: boolean }) => [d.current, d.conflict]),
      ).toEqual([
        [false, false],
        [true, false],
      ]);
    });
  });

  it('applies a batch atomically: a failure after its records were written leaves none of them', async () => {
    const { team, api, sam } = await fresh();
    const leadId = newId();
    await api.push(sam.batch(sam.lead(leadId, newLeadFields())));
    const second = sam.event(leadId) as { changeId: string };
    // Refusing the last statement of the push (recording the applied changes) fails it after
    // the records and the team's sequence were written: the transaction must take them back.
    await h.db.exec(`ALTER TABLE applied_changes ADD CONSTRAINT test_refuse CHECK (change_id <> '${second.changeId}')`);
    try {
      const failing = await api.push(sam.batch(sam.event(leadId), second as never));
      expect(failing.status).toBe(500);
      expect(failing.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    } finally {
      await h.db.exec('ALTER TABLE applied_changes DROP CONSTRAINT test_refuse');
    }
    expect((await everything(api)).size).toBe(1);
    const [row] = await h.db.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [team.id]);
    expect(row?.seq).toBe(1);
    const retry = await api.push<PushResponse>(sam.batch(second as never));
    expect(retry.body.results[0]).toMatchObject({ status: 'applied', seq: 2 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import { runAdmin } from '../../server/admin';
import { forEachBackend } from './support/backends';
import {
  BACKOFF,
  type CrmWorld,
  call,
  connectedTeam,
  contactProps,
  DAY,
  drain,
  leadWith,
  startCrmWorld,
  TIMEOUT_MS,
} from './support/crm';
import { TestClient } from './support/data';
import { NOW } from './support/harness';

const REVISIT = NOW + 90 * DAY;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

forEachBackend((backend) => {
  let world: CrmWorld;
  beforeAll(async () => {
    world = await startCrmWorld(backend);
  });
  afterAll(() => world.close());

  const status = async (token: string, leadId: string) =>
    (await world.h.as(token).get(`/v1/crm/status?leadId=${leadId}`)).body;

  describe('writing to HubSpot', () => {
    it('writes a rejection (status, reason, recycle date) and the logged call, each once', async () => {
      const { team, portal } = await connectedTeam(world);
      const contact = portal.addContact({ email: 'dana@northwind.io', firstname: 'Dana' });
      const sam = new TestClient(newId());
      const { leadId, change } = leadWith(sam, 'dana@northwind.io');
      const reject = sam.reject(leadId, null, { outcome: { kind: 'recycled', revisitAt: REVISIT } });
      const touch = call(sam, leadId, { outcome: 'connected' });
      expect((await world.h.as(team.token).push(sam.batch(change, reject, touch))).status).toBe(200);

      const queued = await status(team.token, leadId);
      expect(queued.connection).toEqual({ system: 'hubspot', status: 'active' });
      expect(queued.writes.map((w: { kind: string; status: string }) => [w.kind, w.status])).toEqual([
        ['decision', 'pending'],
        ['touch', 'pending'],
      ]);

      await drain(world);
      expect(contactProps(portal, contact.id)).toMatchObject({
        hs_lead_status: 'BAD_TIMING',
        handoff_rejection_reason: 'bad_timing',
        handoff_recycle_date: isoDay(REVISIT),
        handoff_sql_route: '',
      });
      expect(portal.writes.filter((w) => w.contactId === contact.id)).toHaveLength(1);
      const [engagement, ...more] = portal.engagementsOf(contact.id);
      expect(more).toEqual([]);
      expect(engagement).toMatchObject({
        type: 'calls',
        associations: [{ toId: contact.id, typeId: 194 }],
        properties: {
          hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
          hs_call_duration: '300000',
          handoff_activity_id: (touch as { recordId: string }).recordId,
        },
      });
      // The rep's notes go in as text: HubSpot renders the body as HTML.
      expect(engagement?.properties.hs_call_body).toContain('Discussed &#60;b&#62;timing&#60;/b&#62; &#38; budget');

      const done = await status(team.token, leadId);
      expect(done.writes).toEqual([
        expect.objectContaining({ kind: 'decision', status: 'written', crmRecordId: contact.id, message: null }),
        expect.objectContaining({ kind: 'touch', status: 'written', engagementId: engagement?.id }),
      ]);
      // The custom properties were created once, in Handoff's group.
      expect(portal.properties.contacts.get('handoff_rejection_reason')).toMatchObject({
        type: 'enumeration',
        groupName: 'handoff',
      });
    });

    it('sends several pending decisions in one batch update, and a lead’s decisions in order', async () => {
      const { team, portal } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const leads = ['a', 'b', 'c'].map((name) => {
        const email = `${name}@batch.io`;
        portal.addContact({ email });
        return leadWith(sam, email);
      });
      const [first] = leads;
      if (!first) throw new Error('no lead');
      const rejectFirst = sam.reject(first.leadId, null);
      const changes = [
        ...leads.map((l) => l.change),
        rejectFirst,
        sam.accept(first.leadId, rejectFirst.recordId, { override: { note: 'Budget confirmed by the CFO' } }),
        ...leads.slice(1).map((l) => sam.accept(l.leadId, null)),
      ];
      await world.h.as(team.token).push(sam.batch(...changes));
      const batchesBefore = world.fake.count('POST', /batch\/update$/);
      await drain(world);
      // First pass: the first decision of each of the three leads, together; second: the acceptance after it.
      expect(world.fake.count('POST', /batch\/update$/) - batchesBefore).toBe(2);
      const firstContact = portal.contactsWithEmail('a@batch.io')[0];
      expect(contactProps(portal, firstContact?.id ?? '')).toMatchObject({
        lifecyclestage: 'salesqualifiedlead',
        hs_lead_status: 'OPEN_DEAL',
        handoff_rejection_reason: '',
        handoff_recycle_date: '',
        handoff_override_note: 'Budget confirmed by the CFO',
        handoff_sql_route: 'mql_handoff',
      });
      expect(
        portal.writes.filter((w) => w.contactId === firstContact?.id).map((w) => w.properties.hs_lead_status),
      ).toEqual(['BAD_TIMING', 'OPEN_DEAL']);
    });
  });

  describe('under faults', () => {
    it('retries 429s after Retry-After, 5xx and timeouts with backoff, and writes each decision and call once', async () => {
      const { team, portal } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const contact = portal.addContact({ email: 'faults@acme.io' });
      const { leadId, change } = leadWith(sam, 'faults@acme.io');
      const reject = sam.reject(leadId, null, { reason: 'no_need', outcome: { kind: 'disqualified' } });
      const touch = call(sam, leadId, { outcome: 'no_answer' });
      await world.h.as(team.token).push(sam.batch(change, reject, touch));

      // A burst of 429s on the batch update: each attempt waits exactly HubSpot's Retry-After.
      world.fake.failNext({ status: 429, times: 2, on: /batch\/update$/, retryAfter: 7 });
      await world.worker.step();
      const [afterRateLimit] = await world.h.db.query<{
        next_attempt_at: number;
        attempts: number;
        last_error: string;
      }>('SELECT next_attempt_at, attempts, last_error FROM crm_outbox WHERE record_id = $1', [reject.recordId]);
      expect(afterRateLimit).toMatchObject({ next_attempt_at: world.clock.now() + 7000, attempts: 1 });
      expect(afterRateLimit?.last_error).toContain('HubSpot 429');
      world.clock.advance(7000);
      await world.worker.step();

      // Then the batch update hangs: the worker gives up after its timeout and backs off.
      world.fake.hangNext({ on: /batch\/update$/ });
      world.clock.advance(7000);
      const stepping = world.worker.step();
      await world.fake.hung();
      world.clock.advance(TIMEOUT_MS);
      await stepping;
      const [afterHang] = await world.h.db.query<{ next_attempt_at: number; attempts: number; last_error: string }>(
        'SELECT next_attempt_at, attempts, last_error FROM crm_outbox WHERE record_id = $1',
        [reject.recordId],
      );
      expect(afterHang?.attempts).toBe(3);
      expect(afterHang?.next_attempt_at).toBe(world.clock.now() + BACKOFF.baseMs * 4);
      expect(afterHang?.last_error).toContain('did not answer');

      // 5xx: a JSON 500 and a gateway's HTML 502; the call's create is applied but its answer is lost.
      world.fake.failNext({ status: 500, on: /batch\/update$/ });
      world.fake.failNext({ status: 502, on: /batch\/update$/, html: true });
      world.fake.hangNext({ on: /objects\/calls$/, afterApplying: true });
      world.clock.advance(BACKOFF.baseMs * 4);
      await world.worker.step(); // 500
      world.clock.advance(BACKOFF.maxMs);
      await world.worker.step(); // 502
      world.clock.advance(BACKOFF.maxMs);
      const creating = world.worker.step(); // the update goes through; the call's answer never comes
      await world.fake.hung();
      world.clock.advance(TIMEOUT_MS);
      await creating;
      await drain(world);

      expect(contactProps(portal, contact.id)).toMatchObject({
        hs_lead_status: 'UNQUALIFIED',
        handoff_rejection_reason: 'no_need',
        handoff_recycle_date: '',
      });
      expect(portal.writes.filter((w) => w.contactId === contact.id)).toHaveLength(1);
      const calls = portal.engagementsOf(contact.id);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.properties.hs_call_disposition).toBe('73a0d17f-1163-4015-bdd5-ec830791da20');
      // The retry found the call by its marker instead of creating a second one.
      expect(world.fake.count('POST', /objects\/calls\/search$/)).toBeGreaterThan(0);
      const final = await status(team.token, leadId);
      expect(final.writes.map((w: { status: string }) => w.status)).toEqual(['written', 'written']);
    });
  });

  describe('matching a lead to its contact', () => {
    it('matches by the lead’s HubSpot id first, then by email, and never creates unless the team allows it', async () => {
      const { team, portal } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const byId = portal.addContact({ email: 'old-address@acme.io' });
      portal.addContact({ email: 'kim@acme.io' }); // the same person under the lead's current email: not chosen
      const known = leadWith(sam, 'kim@acme.io', { 'crmIds.hubspot': byId.id });
      const unknown = leadWith(sam, 'nobody@acme.io');
      await world.h
        .as(team.token)
        .push(
          sam.batch(known.change, unknown.change, sam.accept(known.leadId, null), sam.accept(unknown.leadId, null)),
        );
      await drain(world);
      expect(contactProps(portal, byId.id).lifecyclestage).toBe('salesqualifiedlead');
      expect(portal.contactsWithEmail('nobody@acme.io')).toEqual([]);
      const refused = (await status(team.token, unknown.leadId)).writes[0];
      expect(refused).toMatchObject({ status: 'refused', crmRecordId: null });
      expect(refused.message).toContain('No HubSpot contact matches this lead (email nobody@acme.io)');

      // The admin lets Handoff create contacts and re-queues: one contact, even when the create's answer is lost.
      await world.h.store.crm.update(team.id, { settings: { createContacts: true } });
      expect(await world.h.store.crm.requeue(team.id)).toBe(1);
      world.fake.hangNext({ on: /^POST \/crm\/v3\/objects\/contacts$/, afterApplying: true });
      const stepping = world.worker.step();
      await world.fake.hung();
      world.clock.advance(TIMEOUT_MS);
      await stepping;
      await drain(world);
      const created = portal.contactsWithEmail('nobody@acme.io');
      expect(created).toHaveLength(1);
      expect(created[0]?.properties).toMatchObject({
        firstname: 'Jane',
        lastname: 'Doe',
        lifecyclestage: 'salesqualifiedlead',
      });
    });

    it('matches again when the contact was deleted in HubSpot, and refuses while none matches', async () => {
      const { team, portal } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const first = portal.addContact({ email: 'gone@acme.io' });
      const { leadId, change } = leadWith(sam, 'gone@acme.io');
      const accept = sam.accept(leadId, null);
      await world.h.as(team.token).push(sam.batch(change, accept));
      await drain(world);
      expect(contactProps(portal, first.id).hs_lead_status).toBe('OPEN_DEAL');

      portal.deleteContact(first.id);
      const opportunity = sam.reject(leadId, accept.recordId, {
        decision: 'opportunity',
        reason: undefined,
        outcome: undefined,
        occurredAt: NOW,
      });
      await world.h.as(team.token).push(sam.batch(opportunity));
      await drain(world);
      const write = (await status(team.token, leadId)).writes[1];
      expect(write.status).toBe('refused');
      expect(write.message).toContain('No HubSpot contact matches this lead');

      // Someone recreates the contact in HubSpot; the admin re-queues the lead's refused write.
      const second = portal.addContact({ email: 'gone@acme.io' });
      const requeued = await world.h.as(team.token).post('/v1/crm/requeue', { leadId });
      expect(requeued.body).toEqual({ requeued: 1 });
      await drain(world);
      expect(contactProps(portal, second.id).lifecyclestage).toBe('opportunity');
      expect((await status(team.token, leadId)).writes[1]).toMatchObject({ status: 'written', crmRecordId: second.id });
    });
  });

  describe('refusals', () => {
    it('shows HubSpot’s reason for a refused write, writes the rest of the batch, and retries once the mapping is fixed', async () => {
      const { team, portal } = await connectedTeam(world, {
        mapping: { rejectionReasons: { competitor: { leadStatus: 'NOT_A_FIT' } } },
      });
      const sam = new TestClient(newId());
      const bad = portal.addContact({ email: 'rival@competitor.io' });
      const good = portal.addContact({ email: 'fine@acme.io' });
      const rival = leadWith(sam, 'rival@competitor.io');
      const fine = leadWith(sam, 'fine@acme.io');
      await world.h
        .as(team.token)
        .push(
          sam.batch(
            rival.change,
            fine.change,
            sam.reject(rival.leadId, null, { reason: 'competitor', outcome: { kind: 'disqualified' } }),
            sam.accept(fine.leadId, null),
          ),
        );
      await drain(world);
      expect(contactProps(portal, good.id).hs_lead_status).toBe('OPEN_DEAL');
      expect(contactProps(portal, bad.id).hs_lead_status).toBeUndefined();
      const [refused] = (await status(team.token, rival.leadId)).writes;
      expect(refused).toMatchObject({ kind: 'decision', status: 'refused', crmRecordId: bad.id });
      expect(refused.message).toContain('HubSpot 400 VALIDATION_ERROR');
      expect(refused.message).toContain('NOT_A_FIT was not one of the allowed options');

      const listed = await runAdmin(['crm-status', team.id], world.h.store);
      expect(listed.out).toContainEqual(
        expect.stringMatching(/^refused decision .*NOT_A_FIT was not one of the allowed/),
      );

      const admin = world.h.as(team.token);
      const fixed = await admin.post('/v1/crm/requeue', {}); // still wrong: refused again, not stuck
      expect(fixed.body.requeued).toBe(1);
      await drain(world);
      expect((await status(team.token, rival.leadId)).writes[0].status).toBe('refused');

      const patch = await world.h.app.inject({
        method: 'PATCH',
        url: '/v1/crm/connection',
        headers: { authorization: `Bearer ${team.token}` },
        payload: { mapping: null },
      });
      expect(patch.statusCode).toBe(200);
      expect((await admin.post('/v1/crm/requeue', { leadId: rival.leadId })).body).toEqual({ requeued: 1 });
      await drain(world);
      expect(contactProps(portal, bad.id)).toMatchObject({
        hs_lead_status: 'UNQUALIFIED',
        handoff_rejection_reason: 'competitor',
      });
      expect((await status(team.token, rival.leadId)).writes[0]).toMatchObject({ status: 'written', message: null });
      expect(portal.writes.filter((w) => w.contactId === bad.id)).toHaveLength(1);
    });

    it('never lets a re-queued older decision undo a later one already written: it is superseded', async () => {
      const { team, portal } = await connectedTeam(world, {
        mapping: { rejectionReasons: { no_need: { leadStatus: 'NOT_A_FIT' } } },
      });
      const sam = new TestClient(newId());
      const contact = portal.addContact({ email: 'mind@acme.io' });
      const { leadId, change } = leadWith(sam, 'mind@acme.io');
      const reject = sam.reject(leadId, null, { reason: 'no_need' });
      await world.h.as(team.token).push(sam.batch(change, reject));
      await drain(world);
      await world.h.as(team.token).push(sam.batch(sam.accept(leadId, reject.recordId)));
      await drain(world);
      await world.h.store.crm.update(team.id, { mapping: null });
      expect(await world.h.store.crm.requeue(team.id)).toBe(1);
      await drain(world);
      const writes = (await status(team.token, leadId)).writes;
      expect(writes.map((w: { status: string }) => w.status)).toEqual(['superseded', 'written']);
      expect(writes[0].message).toContain('A later decision on this lead was written to HubSpot first');
      expect(contactProps(portal, contact.id).hs_lead_status).toBe('OPEN_DEAL');
    });

    it('stops a team whose token HubSpot refuses, keeps its writes, and resumes on a new token', async () => {
      const { team, token, portal } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const contact = portal.addContact({ email: 'expired@acme.io' });
      const { leadId, change } = leadWith(sam, 'expired@acme.io');
      await world.h.as(team.token).push(sam.batch(change, sam.accept(leadId, null)));
      world.fake.expire(token);
      await world.worker.step();
      const view = await world.h.store.crm.connection(team.id);
      expect(view?.status).toBe('needs_attention');
      expect(view?.statusMessage).toContain('HubSpot 401 EXPIRED_AUTHENTICATION');
      const waiting = (await status(team.token, leadId)).writes[0];
      expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
      // Nothing more is tried while the connection needs attention.
      const before = world.fake.requests.length;
      world.clock.advance(BACKOFF.maxMs);
      await world.worker.step();
      expect(world.fake.requests.length).toBe(before);

      const renewed = `pat-na1-${newId().toLowerCase()}`;
      world.fake.grant(renewed, portal);
      await world.h.store.crm.connect(team.id, { system: 'hubspot', secret: renewed });
      await drain(world);
      expect(contactProps(portal, contact.id).hs_lead_status).toBe('OPEN_DEAL');
    });
  });

  describe('teams', () => {
    it('writes nothing for another team, and queues nothing for a team without a CRM', async () => {
      const a = await connectedTeam(world);
      const b = await connectedTeam(world);
      const loner = await world.h.team();
      for (const portal of [a.portal, b.portal]) portal.addContact({ email: 'shared@acme.io' });
      const sam = new TestClient(newId());
      const forA = leadWith(sam, 'shared@acme.io');
      await world.h.as(a.team.token).push(sam.batch(forA.change, sam.accept(forA.leadId, null)));
      const forLoner = leadWith(sam, 'shared@acme.io');
      await world.h
        .as(loner.token)
        .push(sam.batch(forLoner.change, sam.accept(forLoner.leadId, null), call(sam, forLoner.leadId)));
      await drain(world);
      expect(a.portal.writes).toHaveLength(1);
      expect(b.portal.writes).toEqual([]);
      const [queued] = await world.h.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM crm_outbox WHERE team_id = $1',
        [loner.id],
      );
      expect(queued?.n).toBe(0);
      // A rep sees only their own team's writes.
      expect((await status(b.team.token, forA.leadId)).writes).toEqual([]);
      expect(await status(loner.token, forLoner.leadId)).toEqual({ connection: null, writes: [] });
    });
  });

  describe('withdrawals', () => {
    it('writes the decision in force after a withdrawal, or clears Handoff’s properties when none is left', async () => {
      const { team, portal } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const contact = portal.addContact({ email: 'undo@acme.io' });
      const { leadId, change } = leadWith(sam, 'undo@acme.io');
      const reject = sam.reject(leadId, null);
      const accept = sam.accept(leadId, reject.recordId);
      const withdraw = (id: string, basedOn: string) => {
        const w = sam.reject(leadId, basedOn) as { recordId: string; record: Record<string, unknown> };
        const { reason: _r, outcome: _o, ...rest } = w.record;
        w.record = { ...rest, decision: 'withdrawn', withdraws: id };
        return w as typeof reject;
      };
      const undoAccept = withdraw(accept.recordId, accept.recordId);
      await world.h.as(team.token).push(sam.batch(change, reject, accept, undoAccept));
      await drain(world);
      // The rejection is in force again.
      expect(contactProps(portal, contact.id)).toMatchObject({
        hs_lead_status: 'BAD_TIMING',
        handoff_rejection_reason: 'bad_timing',
      });
      await world.h.as(team.token).push(sam.batch(withdraw(reject.recordId, undoAccept.recordId)));
      await drain(world);
      expect(contactProps(portal, contact.id)).toMatchObject({
        hs_lead_status: 'IN_PROGRESS',
        handoff_rejection_reason: '',
        handoff_recycle_date: '',
      });
    });
  });
});

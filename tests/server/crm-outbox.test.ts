import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import { forEachBackend } from './support/backends';
import { type CrmWorld, call, connectedTeam, leadWith, startCrmWorld } from './support/crm';
import { TestClient } from './support/data';
import { DAY, NOW } from './support/harness';

interface Row {
  kind: string;
  record_id: string;
  status: string;
  first_touch: boolean;
  attempts: number;
}

forEachBackend((backend) => {
  let world: CrmWorld;
  beforeAll(async () => {
    world = await startCrmWorld(backend);
  });
  afterAll(() => world.close());

  const outbox = (teamId: string) =>
    world.h.db.query<Row>(
      'SELECT kind, record_id, status, first_touch, attempts FROM crm_outbox WHERE team_id = $1 ORDER BY id',
      [teamId],
    );

  describe('the CRM outbox', () => {
    it('queues every kind of decision and each logged call with the push, once however often it is pushed', async () => {
      const { team } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const { leadId, change } = leadWith(sam, 'q@acme.io');
      const accept = sam.accept(leadId, null);
      const opportunity = sam.reject(leadId, accept.recordId, {
        decision: 'opportunity',
        reason: undefined,
        outcome: undefined,
        occurredAt: NOW,
      });
      const lost = sam.reject(leadId, opportunity.recordId, {
        decision: 'lost',
        reason: undefined,
        lostReason: 'price',
        outcome: { kind: 'recycled', revisitAt: NOW + 180 * DAY },
        occurredAt: NOW,
      });
      const firstCall = call(sam, leadId);
      const secondCall = call(sam, leadId, { occurredAt: NOW - DAY / 2 });
      const event = sam.event(leadId);
      const batch = sam.batch(change, accept, opportunity, lost, firstCall, secondCall, event);
      expect((await world.h.as(team.token).push(batch)).status).toBe(200);
      const expected = [
        ['decision', accept.recordId],
        ['decision', opportunity.recordId],
        ['decision', lost.recordId],
        ['touch', (firstCall as { recordId: string }).recordId],
        ['touch', (secondCall as { recordId: string }).recordId],
      ];
      expect((await outbox(team.id)).map((r) => [r.kind, r.record_id])).toEqual(expected);

      // The client retries the same push (its answer was lost), and another browser pushes the same records.
      expect((await world.h.as(team.token).push(batch)).status).toBe(200);
      const other = new TestClient(newId());
      const again = { clientId: other.id, changes: [{ ...accept, changeId: newId(), hlc: other.hlc() }] };
      expect((await world.h.as(team.token).push(again)).body.results[0].status).toBe('duplicate');
      expect((await outbox(team.id)).map((r) => [r.kind, r.record_id])).toEqual(expected);
      expect((await outbox(team.id)).every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    });

    it('queues a lead’s first touch of any kind, later ones only when they are calls (or the team asks for all)', async () => {
      const { team } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const { leadId, change } = leadWith(sam, 'touch@acme.io');
      const email = (at: number) =>
        call(sam, leadId, { kind: 'email', outcome: 'sent', occurredAt: at, durationSeconds: undefined });
      const firstEmail = email(NOW - 3 * DAY);
      await world.h.as(team.token).push(sam.batch(change, email(NOW - 2 * DAY), firstEmail));
      await world.h.as(team.token).push(sam.batch(email(NOW - DAY)));
      const rows = await outbox(team.id);
      expect(rows.map((r) => [r.record_id, r.first_touch])).toEqual([
        [(firstEmail as { recordId: string }).recordId, true],
      ]);

      await world.h.store.crm.update(team.id, { settings: { touches: 'all' } });
      await world.h.as(team.token).push(sam.batch(email(NOW - DAY / 2)));
      expect((await outbox(team.id)).map((r) => r.first_touch)).toEqual([true, false]);
    });

    it('queues nothing for a team without a CRM, and keeps queueing while a connection needs attention', async () => {
      const loner = await world.h.team();
      const sam = new TestClient(newId());
      const a = leadWith(sam, 'a@loner.io');
      await world.h.as(loner.token).push(sam.batch(a.change, sam.accept(a.leadId, null), call(sam, a.leadId)));
      expect(await outbox(loner.id)).toEqual([]);

      const { team } = await connectedTeam(world);
      await world.h.store.crm.needsAttention(team.id, 'HubSpot 401');
      const b = leadWith(sam, 'b@acme.io');
      await world.h.as(team.token).push(sam.batch(b.change, sam.accept(b.leadId, null)));
      expect(await outbox(team.id)).toHaveLength(1);
    });

    it('is written in the push’s own transaction: when either fails, neither is stored', async () => {
      const { team } = await connectedTeam(world);
      const sam = new TestClient(newId());
      const { leadId, change } = leadWith(sam, 'tx@acme.io');
      const decision = sam.accept(leadId, null);
      const stored = async () =>
        (
          await world.h.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM records WHERE team_id = $1 AND table_name = 'dispositions'",
            [team.id],
          )
        )[0]?.n;
      await world.h.db.exec(`
        CREATE FUNCTION refuse_write() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER refuse_outbox BEFORE INSERT ON crm_outbox FOR EACH ROW EXECUTE FUNCTION refuse_write();`);
      try {
        expect((await world.h.as(team.token).push(sam.batch(change, decision))).status).toBe(500);
        expect(await stored()).toBe(0);
        expect(await outbox(team.id)).toEqual([]);
        // Now the push's last statement fails, after the outbox row was written.
        await world.h.db.exec(`
          DROP TRIGGER refuse_outbox ON crm_outbox;
          CREATE TRIGGER refuse_applied BEFORE INSERT ON applied_changes FOR EACH ROW EXECUTE FUNCTION refuse_write();`);
        expect((await world.h.as(team.token).push(sam.batch(change, decision))).status).toBe(500);
        expect(await stored()).toBe(0);
        expect(await outbox(team.id)).toEqual([]);
      } finally {
        await world.h.db.exec(`
          DROP TRIGGER IF EXISTS refuse_outbox ON crm_outbox;
          DROP TRIGGER IF EXISTS refuse_applied ON applied_changes;
          DROP FUNCTION refuse_write();`);
      }
      expect((await world.h.as(team.token).push(sam.batch(change, decision))).status).toBe(200);
      expect(await stored()).toBe(1);
      expect(await outbox(team.id)).toHaveLength(1);
    });
  });
});

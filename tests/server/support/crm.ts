import { randomBytes } from 'node:crypto';
import { newId } from '../../../lib/domain/ids';
import type { ConnectorSettingsPatch, HubspotMappingOverrides } from '../../../server/crm/mapping';
import { CrmWorker, type CrmWorkerOptions } from '../../../server/crm/worker';
import type { ChangeInput } from '../../../lib/replication/contract';
import { type TestClient, newLeadFields } from './data';
import { FakeHubspot, type FakePortal } from './fake-hubspot';
import { DAY, type Harness, startHarness } from './harness';
import type { Backend } from './backends';
import { ManualClock } from './manual-clock';

/** A fresh AES-256 key, as HANDOFF_SECRET_KEY would give. */
export const testSecretKey = () => randomBytes(32);

/** The request timeout the tests' worker uses: time only the manual clock moves. */
export const TIMEOUT_MS = 10_000;
export const BACKOFF = { baseMs: 30_000, maxMs: 3_600_000 };

export interface CrmWorld {
  h: Harness;
  fake: FakeHubspot;
  clock: ManualClock;
  worker: CrmWorker;
  close(): Promise<void>;
}

/** The server over `backend`, the fake HubSpot, a manual clock and a worker on it. */
export async function startCrmWorld(backend: Backend, options: Partial<CrmWorkerOptions> = {}): Promise<CrmWorld> {
  const h = await startHarness(backend, { secretKey: testSecretKey() });
  const fake = await new FakeHubspot().start();
  const clock = new ManualClock(h.clock);
  const worker = new CrmWorker({
    crm: h.store.crm,
    clock,
    hubspotBasePath: fake.basePath,
    requestTimeoutMs: TIMEOUT_MS,
    backoff: BACKOFF,
    ...options,
  });
  return {
    h,
    fake,
    clock,
    worker,
    async close() {
      await worker.stop();
      await fake.close();
      await h.close();
    },
  };
}

/** A team whose HubSpot is the fake's account reached by a new token. */
export async function connectedTeam(
  world: CrmWorld,
  options: { settings?: ConnectorSettingsPatch; mapping?: HubspotMappingOverrides } = {},
) {
  const team = await world.h.team();
  const token = `pat-na1-${newId().toLowerCase()}`;
  const portal = world.fake.portal(token);
  await world.h.store.crm.connect(team.id, { system: 'hubspot', secret: token, ...options });
  return { team, token, portal };
}

/** Steps the worker, moving the clock to each next try, until nothing due is left (bounded). */
export async function drain(world: CrmWorld, rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await world.worker.step();
    // PGlite answers without yielding: give the event loop a turn between passes.
    await new Promise((resolve) => setImmediate(resolve));
    const [next] = await world.h.db.query<{ at: number | null }>(
      `SELECT min(o.next_attempt_at) AS at FROM crm_outbox o
         JOIN crm_connections c ON c.team_id = o.team_id AND c.system = o.system AND c.status = 'active'
        WHERE o.status = 'pending'`,
    );
    if (next?.at === null || next?.at === undefined) return;
    if (next.at > world.clock.now()) world.clock.advance(next.at - world.clock.now());
  }
  throw new Error(`The outbox did not drain in ${rounds} passes`);
}

/** A lead (a new MQL with this email) and the changes that create it. */
export function leadWith(client: TestClient, email: string, extra: Record<string, unknown> = {}) {
  const leadId = newId();
  const change = client.lead(leadId, newLeadFields({ 'person.emails': [email], ...extra }));
  return { leadId, change };
}

/** A logged call on a lead. */
export function call(client: TestClient, leadId: string, record: Record<string, unknown> = {}): ChangeInput {
  const change = client.activity(leadId) as { record: Record<string, unknown> };
  change.record = { ...change.record, notes: 'Discussed <b>timing</b> & budget', durationSeconds: 300, ...record };
  return change as ChangeInput;
}

/** The contact's properties in the fake after the writes. */
export function contactProps(portal: FakePortal, id: string): Record<string, string> {
  return portal.objects.contacts.get(id)?.properties ?? {};
}

export { DAY };
